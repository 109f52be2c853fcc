/**
 * Neo4j lifecycle figures: cold install (an empty Maven repository, so every jar comes from Maven Central),
 * first start (sets the password, creates the store), warm start, stop, and the idle server's memory.
 * Uses a throw-away RINGLENS_HOME and ports 7697/7484, so it touches neither `main` nor `test`.
 *
 *   npx tsx bench/neo4j-lifecycle.ts [--warm-cache]   (--warm-cache: reuse ~/.m2 instead of a cold one)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { install, start, stop, type LocalInstanceOptions } from '../server/db/local-neo4j.ts';
import { recordResults } from './record.ts';

const warmCache = process.argv.includes('--warm-cache');
const root = mkdtempSync(join(tmpdir(), 'ringlens-bench-'));
const m2 = join(root, 'm2');
if (!warmCache) process.env.MAVEN_OPTS = `${process.env.MAVEN_OPTS ?? ''} -Dmaven.repo.local=${m2}`.trim();

const opts: LocalInstanceOptions = {
  name: 'bench',
  root,
  boltPort: 7697,
  httpPort: 7484,
  heapSize: '4g',
  pageCacheSize: '4g',
  log: (l) => console.log(l),
};

const secs = (t0: number) => (performance.now() - t0) / 1000;

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

try {
  let t0 = performance.now();
  await install({ root, log: opts.log });
  const installS = secs(t0);

  t0 = performance.now();
  await start(opts);
  const firstStartS = secs(t0);
  await new Promise((r) => setTimeout(r, 10_000)); // let start-up work settle before reading idle memory
  const pid = Number(readFileSync(join(root, 'neo4j', 'bench', 'run', 'neo4j.pid'), 'utf8'));
  const idle = rssMiB(pid);

  t0 = performance.now();
  await stop(opts);
  const stopS = secs(t0);

  t0 = performance.now();
  await start(opts);
  const warmStartS = secs(t0);
  await new Promise((r) => setTimeout(r, 10_000));
  const idle2 = rssMiB(Number(readFileSync(join(root, 'neo4j', 'bench', 'run', 'neo4j.pid'), 'utf8')));
  await stop(opts);

  const rows = [
    [
      'Install (mvn dependency:copy-dependencies, ' + (warmCache ? 'warm ~/.m2' : 'empty Maven repository') + ')',
      `${installS.toFixed(1)} s`,
    ],
    ['First start (set password, create store) until Bolt answers', `${firstStartS.toFixed(1)} s`],
    ['Stop', `${stopS.toFixed(1)} s`],
    ['Warm start until Bolt answers', `${warmStartS.toFixed(1)} s`],
    ['Idle server RSS, 10 s after first start (heap 4g, page cache 4g)', `${idle.toFixed(0)} MiB`],
    ['Idle server RSS, 10 s after warm start', `${idle2.toFixed(0)} MiB`],
  ];
  const table = ['| what | figure |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
  console.log(`\n${table}`);
  recordResults(
    'neo4j-lifecycle',
    'Neo4j 5.26 lifecycle: install, start, idle memory',
    `npx tsx bench/neo4j-lifecycle.ts${warmCache ? ' --warm-cache' : ''}`,
    `${table}\n\nThe heap is pre-sized (initial = max), so idle RSS is mostly committed heap plus a little page cache; lower NEO4J_HEAP_SIZE / NEO4J_PAGECACHE_SIZE to shrink it.`,
  );
} finally {
  await stop(opts).catch(() => {});
  rmSync(root, { recursive: true, force: true });
}
