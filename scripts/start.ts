/**
 * `npm start`: one command from a fresh clone to a running RingLens. Starts (installing on first use) the
 * project-local Neo4j when NEO4J_URI is unset, builds the client if needed, applies the schema, loads demo data
 * into an empty database and runs a first detection, then serves the API and UI. Exit codes: 0 stopped cleanly, 1 could not start, 2 bad configuration.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../server/config.ts';
import { resolveDbOptions } from '../server/db/connect.ts';
import { closeOnSignals, startServer } from '../server/index.ts';
import { runMain } from './lib/cli.ts';
import { prepareFirstRun } from './lib/first-run.ts';

const HELP = `Usage: npm start

Starts RingLens: the local Neo4j (unless NEO4J_URI is set), the API and the web app. On an empty database it
first loads a generated demo marketplace (RINGLENS_DEMO_ACCOUNTS, default 10000; 0 skips it) and runs ring
detection, so the first screen already shows rings.
Configuration comes from the environment; see README.md ("Configuration").`;

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const cfg = loadConfig();
  if (cfg.NEO4J_URI) console.log(`Using Neo4j at ${cfg.NEO4J_URI} (database ${cfg.NEO4J_DATABASE}).`);
  const dbOptions = await resolveDbOptions(cfg, (l) => console.log(l));

  // Connect (and fail fast on bad credentials) before the slower steps.
  await prepareFirstRun(cfg, dbOptions, (l) => console.log(l));
  if (!existsSync('dist/client/index.html') && existsSync('client/index.html')) {
    console.log('Building the web app (first start) …');
    try {
      const { build } = await import('vite');
      await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
    } catch (err) {
      console.warn(
        `The web app did not build (${(err as Error).message}); serving the API only. Run \`npm run build\` to see why.`,
      );
    }
  }
  const running = await startServer(cfg, dbOptions);
  closeOnSignals(running);
  console.log(
    `\nRingLens is up: ${running.url}  (Ctrl-C stops the web server; the local Neo4j keeps running — \`npm run neo4j -- stop\` stops it)`,
  );
  return -1;
}

runMain(main, { failed: 'RingLens could not start', exitCodes: [1, 2] });
