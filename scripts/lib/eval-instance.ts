/**
 * The throw-away local Neo4j the evaluation scripts use (instance `eval`, Bolt 7699): never `main` or `test`, wiped
 * on every start so figures never mix with earlier data.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  instancePaths,
  start,
  stop,
  type LocalInstance,
  type LocalInstanceOptions,
} from '../../server/db/local-neo4j.ts';

export function evalInstance(): LocalInstanceOptions {
  return {
    name: 'eval',
    root: resolve(process.env.RINGLENS_HOME || '.ringlens'),
    // Overridable so several checkouts on one machine can evaluate at once.
    boltPort: Number(process.env.NEO4J_EVAL_BOLT_PORT || 7699),
    httpPort: Number(process.env.NEO4J_EVAL_HTTP_PORT || 7486),
    heapSize: process.env.NEO4J_EVAL_HEAP_SIZE || '4g',
    pageCacheSize: process.env.NEO4J_EVAL_PAGECACHE_SIZE || '2g',
    log: (l) => console.error(l),
  };
}

/** Stops the instance if it runs, deletes its data and starts it on an empty store. */
export async function freshEvalInstance(inst: LocalInstanceOptions): Promise<LocalInstance> {
  await stop(inst).catch(() => {});
  rmSync(join(instancePaths(inst).home, 'data'), { recursive: true, force: true });
  return start(inst);
}
