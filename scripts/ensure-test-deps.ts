/**
 * `npm test`'s pretest step: makes sure the machine has what the suites need before any test runs, so a person and
 * CI run the same command.
 * - Debian `chromium` (the e2e suite drives it through playwright-core; `CHROMIUM_PATH` overrides /usr/bin/chromium);
 * - `networkx` for /usr/bin/python3 (the export test reads GraphML back with it): Debian `python3-networkx`;
 * - the project-local Neo4j (`npm run neo4j -- install`, from Maven Central; needs `mvn`, Debian `maven`), unless
 *   `NEO4J_TEST_URI` points the tests at a Neo4j of your own.
 * Missing Debian packages are installed with apt-get (after `apt-get update`) when running as root with apt-get on
 * PATH; otherwise it stops with the one command to run. Exit codes: 0 ready, 1 something is missing or failed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { testInstance } from '../server/db/instances.ts';
import { install, isInstalled } from '../server/db/local-neo4j.ts';
import { runMain } from './lib/cli.ts';

export interface Found {
  chromium: boolean;
  networkx: boolean;
  /** Maven is needed only to install the local Neo4j: true when it is there or not needed. */
  maven: boolean;
}

export type Plan =
  | { action: 'ready' }
  | { action: 'install'; packages: string[] }
  | { action: 'stop'; packages: string[]; message: string };

/** The Debian packages missing, in a fixed order. */
export function missingPackages(found: Found): string[] {
  const out: string[] = [];
  if (!found.chromium) out.push('chromium');
  if (!found.networkx) out.push('python3-networkx');
  if (!found.maven) out.push('maven');
  return out;
}

/** What to do about them: nothing, apt-get them (root with apt), or stop with the command to run. */
export function plan(found: Found, can: { root: boolean; apt: boolean }): Plan {
  const packages = missingPackages(found);
  if (packages.length === 0) return { action: 'ready' };
  if (can.root && can.apt) return { action: 'install', packages };
  const install = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  const command = can.root ? install : `sudo sh -c '${install}'`;
  return {
    action: 'stop',
    packages,
    message:
      `The tests need ${packages.join(', ')}, which ${packages.length === 1 ? 'is' : 'are'} not installed.\n` +
      (can.apt
        ? `Run once, then npm test again:\n  ${command}`
        : `Install the equivalent of Debian's ${packages.join(' ')} with your system's package manager, then run npm test again.`),
  };
}

const onPath = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function probe(env: NodeJS.ProcessEnv): Found {
  const chromiumPath = env.CHROMIUM_PATH || '/usr/bin/chromium';
  const ownNeo4j = Boolean(env.NEO4J_TEST_URI);
  return {
    chromium: existsSync(chromiumPath),
    networkx: spawnSync('/usr/bin/python3', ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0,
    maven: ownNeo4j || isInstalled(testInstance(env).root) || onPath('mvn'),
  };
}

async function main(): Promise<number> {
  const env = process.env;
  const found = probe(env);
  const decided = plan(found, { root: process.getuid?.() === 0, apt: onPath('apt-get') });
  if (decided.action === 'stop') {
    console.error(decided.message);
    return 1;
  }
  if (decided.action === 'install') {
    console.log(`[pretest] apt-get install ${decided.packages.join(' ')}`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: aptEnv });
    execFileSync('apt-get', ['install', '-y', '-qq', ...decided.packages], { stdio: 'inherit', env: aptEnv });
    const after = missingPackages(probe(env));
    if (after.length > 0) {
      console.error(`[pretest] apt-get finished but ${after.join(', ')} still cannot be found.`);
      return 1;
    }
  }
  if (!env.NEO4J_TEST_URI) {
    const done = await install({ root: testInstance(env).root, log: (l) => console.log(`[pretest] ${l}`) });
    if (!done.skipped) console.log(`[pretest] Neo4j installed in ${done.lib}`);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) runMain(main);
