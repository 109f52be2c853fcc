/**
 * `npm run neo4j -- install|start|stop|status|logs [--test]`: manages the project-local Neo4j.
 * Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '../server/config.ts';
import { mainInstance, testInstance } from '../server/db/instances.ts';
import { install, logFiles, start, status, stop, NEO4J_VERSION } from '../server/db/local-neo4j.ts';
import { runMain } from './lib/cli.ts';

const HELP = `Usage: npm run neo4j -- <command> [--test]

Manages the project-local Neo4j Community ${NEO4J_VERSION} (ignored when you use your own via NEO4J_URI).

Commands:
  install   fetch the server from Maven Central into .ringlens/neo4j/ (needs Java 17/21 and Maven)
  start     start it (installing first if needed) and wait until Bolt answers; reuses a running server
  stop      shut it down cleanly
  status    say whether it runs and answers on Bolt
  logs      print the last 60 lines of its logs

Options:
  --test    act on the test-suite instance (Bolt 7688) instead of the main one (Bolt 7687)
  -h, --help

Ports, memory and folders come from the environment: NEO4J_BOLT_PORT, NEO4J_HTTP_PORT, NEO4J_HEAP_SIZE,
NEO4J_PAGECACHE_SIZE, RINGLENS_HOME (and NEO4J_TEST_* for --test).`;

async function main(argv: string[]): Promise<number> {
  const command = argv.find((a) => !a.startsWith('-'));
  if (argv.includes('--help') || argv.includes('-h') || !command) {
    console.log(HELP);
    return command || argv.includes('--help') || argv.includes('-h') ? 0 : 2;
  }
  const log = (l: string) => console.log(l);
  const opts = argv.includes('--test') ? testInstance(process.env, log) : mainInstance(loadConfig(), log);
  switch (command) {
    case 'install': {
      const started = Date.now();
      const r = await install({ root: opts.root, log });
      console.log(
        r.skipped
          ? `Neo4j ${NEO4J_VERSION} is already installed in ${r.lib}.`
          : `Installed Neo4j ${NEO4J_VERSION} in ${r.lib} (${((Date.now() - started) / 1000).toFixed(1)} s).`,
      );
      return 0;
    }
    case 'start': {
      const started = Date.now();
      const r = await start(opts);
      console.log(
        `${r.reused ? 'Already running' : `Started in ${((Date.now() - started) / 1000).toFixed(1)} s`}: ${r.uri} (user neo4j; password in ${opts.root}/credentials/neo4j-${opts.name}.password; logs ${r.logFile})`,
      );
      return 0;
    }
    case 'stop': {
      const r = await stop(opts);
      console.log(r.wasRunning ? `Stopped Neo4j (${opts.name}).` : `Neo4j (${opts.name}) was not running.`);
      return 0;
    }
    case 'status': {
      const s = await status(opts);
      console.log(
        s.running
          ? `Neo4j (${opts.name}) is running (pid ${s.pid}) at ${s.uri}; Bolt ${s.boltOk ? 'answers' : 'does not answer yet'}.`
          : `Neo4j (${opts.name}) is not running.`,
      );
      return s.running ? 0 : 3;
    }
    case 'logs': {
      const files = logFiles(opts);
      for (const f of [files.neo4j, files.debug]) {
        console.log(`==> ${f} <==`);
        console.log(existsSync(f) ? readFileSync(f, 'utf8').split('\n').slice(-60).join('\n') : '(no log yet)');
      }
      return 0;
    }
    default:
      console.error(`Unknown command '${command}'.\n\n${HELP}`);
      return 2;
  }
}

runMain(() => main(process.argv.slice(2)), { failed: 'Failed', exitCodes: [1, 2] });
