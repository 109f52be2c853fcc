/**
 * `--engine spark` against `--engine local` at the size issue 16 names: a generated 100 000-account marketplace,
 * bulk-loaded (`npm run load -- --bulk`) into a throw-away local Neo4j of its own (so the shared test instance never
 * holds 750 000 links), detected once in process and once with the real Spark job in local mode (local[2]). Run by
 * `npm run spark:test` (RINGLENS_SPARK_TEST=1) after the smaller engines test; RINGLENS_SPARK_TEST_100K_ACCOUNTS
 * changes the size.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../server/db/database.ts';
import { install, NEO4J_VERSION, start, stop, type LocalInstanceOptions } from '../../server/db/local-neo4j.ts';
import type { DetectRingsResult } from '../../server/detect/pipeline.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/ingest-data.ts';

const ACCOUNTS = Number(process.env.RINGLENS_SPARK_TEST_100K_ACCOUNTS ?? 100_000);
const project = resolve(import.meta.dirname, '..', '..');
const home = tempDir();
const inst: LocalInstanceOptions = {
  name: 'main',
  root: home,
  boltPort: Number(process.env.NEO4J_SPARK_TEST_BOLT_PORT || Number(process.env.NEO4J_TEST_BOLT_PORT || 7688) + 9),
  httpPort: Number(process.env.NEO4J_SPARK_TEST_HTTP_PORT || Number(process.env.NEO4J_TEST_HTTP_PORT || 7475) + 9),
  heapSize: '1g',
  pageCacheSize: '512m',
};

function generate(dir: string): Promise<void> {
  return new Promise((done, fail) => {
    const args = ['--import', 'tsx', 'scripts/generate.ts', '--accounts', String(ACCOUNTS), '--seed', '3'];
    const child = spawn(process.execPath, [...args, '--out', dir], {
      cwd: project,
      stdio: 'ignore',
      env: { ...process.env, CI: 'true' },
    });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`generate exited with ${code}`))));
  });
}

function findings(result: DetectRingsResult): unknown[] {
  return result.rings.map((r) => ({
    id: r.id,
    kind: r.kind,
    members: r.members,
    score: r.score,
    flagged: r.flagged,
    reasons: r.reasons,
  }));
}

describe.skipIf(process.env.RINGLENS_SPARK_TEST !== '1')(
  `detection engines at ${ACCOUNTS} accounts: local and Spark (bulk-loaded Neo4j of its own, Spark local[2])`,
  () => {
    let db: Db;
    let local: DetectionRunResult;
    let spark: DetectionRunResult;
    let sparkJob: { output: string; ms: number } | undefined;
    let nodesInStore = 0;

    beforeAll(async () => {
      const projectHome = resolve(project, process.env.RINGLENS_HOME || '.ringlens');
      await install({ root: projectHome });
      // The throw-away home shares the project's Neo4j jars instead of installing them again.
      mkdirSync(join(home, 'neo4j'), { recursive: true });
      const lib = join(home, 'neo4j', `lib-${NEO4J_VERSION}`);
      if (!existsSync(lib)) symlinkSync(join(projectHome, 'neo4j', `lib-${NEO4J_VERSION}`), lib, 'dir');
      const data = join(tempDir(), 'gen');
      await generate(data);
      const loaded = await runCli(
        'scripts/load.ts',
        ['--bulk', ...['accounts.csv', 'links.csv', 'payments.csv'].map((f) => join(data, f))],
        {
          NEO4J_URI: '',
          NEO4J_PASSWORD: '',
          RINGLENS_HOME: home,
          NEO4J_BOLT_PORT: String(inst.boltPort),
          NEO4J_HTTP_PORT: String(inst.httpPort),
          NEO4J_HEAP_SIZE: inst.heapSize,
          NEO4J_PAGECACHE_SIZE: inst.pageCacheSize,
        },
      );
      expect(loaded.code, loaded.stderr).toBe(0);
      const s = await start(inst);
      db = await Db.connect({ uri: s.uri, user: s.user, password: s.password, database: 'neo4j' });
      const [row] = await db.read<{ nodes: number }>('count-all-nodes.read');
      nodesInStore = Number(row?.nodes ?? 0);
      local = await runDetection(db);
      spark = await runDetection(db, {
        engine: { kind: 'spark', master: 'local[2]', onJob: (job) => (sparkJob = job) },
      });
    }, 3_600_000);

    afterAll(async () => {
      await db?.close();
      await stop(inst).catch(() => {});
    });

    it('loaded the whole set and the Spark job found the parts', () => {
      expect(nodesInStore).toBeGreaterThan(ACCOUNTS);
      expect(sparkJob?.output).toMatch(/Wrote the parts of \d+ accounts .* \(master local\[2\]\)/);
      expect(spark.result.counts.partition.engine).toBe('spark');
      expect(local.result.counts.partition.engine).toBe('local');
    });

    it('both engines report the same findings from the same parts', () => {
      expect(local.result.rings.length).toBeGreaterThan(100);
      expect(findings(spark.result)).toEqual(findings(local.result));
      expect(spark.result.rings.every((r) => r.status === 'unchanged')).toBe(true);
      const { engine: _e, workers: _w, ...sparkParts } = spark.result.counts.partition;
      const { engine: _l, workers: _lw, ...localParts } = local.result.counts.partition;
      expect(sparkParts).toEqual(localParts);
      expect(spark.result.counts.components).toEqual(local.result.counts.components);
    });
  },
);
