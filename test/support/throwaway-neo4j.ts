// A throw-away local Neo4j for tests that must own a whole store (a bulk load replaces the database, so never the
// shared test instance): its home, ports next to the test instance's, the CLI's view of it, and `npm run generate`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { install, NEO4J_VERSION, type LocalInstanceOptions } from '../../server/db/local-neo4j.ts';
import { tempDir } from './ingest-data.ts';

export const project = resolve(import.meta.dirname, '..', '..');

export interface Throwaway {
  home: string;
  inst: LocalInstanceOptions;
  /** The CLI's own view: no NEO4J_URI, so the project-local `main` instance under RINGLENS_HOME. */
  env: Record<string, string>;
}

/** Ports `offset` above the test instance's, unless `<prefix>_BOLT_PORT` / `<prefix>_HTTP_PORT` say otherwise. */
export function throwawayNeo4j(prefix: string, offset: number, heapSize: string, pageCacheSize: string): Throwaway {
  const home = tempDir();
  const inst: LocalInstanceOptions = {
    name: 'main',
    root: home,
    boltPort: Number(process.env[`${prefix}_BOLT_PORT`] || Number(process.env.NEO4J_TEST_BOLT_PORT || 7688) + offset),
    httpPort: Number(process.env[`${prefix}_HTTP_PORT`] || Number(process.env.NEO4J_TEST_HTTP_PORT || 7475) + offset),
    heapSize,
    pageCacheSize,
  };
  const env = {
    NEO4J_URI: '',
    NEO4J_PASSWORD: '',
    RINGLENS_HOME: home,
    NEO4J_BOLT_PORT: String(inst.boltPort),
    NEO4J_HTTP_PORT: String(inst.httpPort),
    NEO4J_HEAP_SIZE: heapSize,
    NEO4J_PAGECACHE_SIZE: pageCacheSize,
  };
  return { home, inst, env };
}

/** Installs Neo4j for the project (once) and lets the throw-away home share its jars instead of installing them. */
export async function shareNeo4jJars(home: string): Promise<void> {
  const projectHome = resolve(project, process.env.RINGLENS_HOME || '.ringlens');
  await install({ root: projectHome });
  mkdirSync(join(home, 'neo4j'), { recursive: true });
  const lib = join(home, 'neo4j', `lib-${NEO4J_VERSION}`);
  if (!existsSync(lib)) symlinkSync(join(projectHome, 'neo4j', `lib-${NEO4J_VERSION}`), lib, 'dir');
}

/** `npm run generate -- --accounts N --seed S --out dir` (the marketplace generator), as a user would run it. */
export function generateMarketplace(dir: string, accounts: number, seed: number): Promise<void> {
  return new Promise((done, fail) => {
    const args = ['--import', 'tsx', 'scripts/generate.ts', '--accounts', String(accounts), '--seed', String(seed)];
    const child = spawn(process.execPath, [...args, '--out', dir], {
      cwd: project,
      stdio: 'ignore',
      env: { ...process.env, CI: 'true' },
    });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`generate exited with ${code}`))));
  });
}
