/**
 * The two project-local Neo4j instances and their settings: `main` for npm start, `test` for the test suite
 * (its own data folder and ports, so tests never touch the user's data).
 */
import type { Config } from '../config.ts';
import type { LocalInstanceOptions } from './local-neo4j.ts';

export function mainInstance(cfg: Config, log?: (line: string) => void): LocalInstanceOptions {
  return {
    name: 'main',
    root: cfg.RINGLENS_HOME,
    boltPort: cfg.NEO4J_BOLT_PORT,
    httpPort: cfg.NEO4J_HTTP_PORT,
    heapSize: cfg.NEO4J_HEAP_SIZE,
    pageCacheSize: cfg.NEO4J_PAGECACHE_SIZE,
    log,
  };
}

export function testInstance(env: NodeJS.ProcessEnv = process.env, log?: (line: string) => void): LocalInstanceOptions {
  return {
    name: 'test',
    root: env.RINGLENS_HOME || '.ringlens',
    boltPort: Number(env.NEO4J_TEST_BOLT_PORT || 7688),
    httpPort: Number(env.NEO4J_TEST_HTTP_PORT || 7475),
    heapSize: env.NEO4J_TEST_HEAP_SIZE || '2g',
    pageCacheSize: env.NEO4J_TEST_PAGECACHE_SIZE || '1g',
    // Tests try wrong passwords on purpose; Neo4j's lock-out after 3 failures would then refuse the right one.
    extraConfig: ['dbms.security.auth_max_failed_attempts=0'],
    log,
  };
}
