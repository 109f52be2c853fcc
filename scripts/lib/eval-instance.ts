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
    boltPort: 7699,
    httpPort: 7486,
    heapSize: '4g',
    pageCacheSize: '2g',
    log: (l) => console.error(l),
  };
}

/** Stops the instance if it runs, deletes its data and starts it on an empty store. */
export async function freshEvalInstance(inst: LocalInstanceOptions): Promise<LocalInstance> {
  await stop(inst).catch(() => {});
  rmSync(join(instancePaths(inst).home, 'data'), { recursive: true, force: true });
  return start(inst);
}
