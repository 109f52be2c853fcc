/**
 * `--engine spark` against `--engine local` in the real test Neo4j, with the real Spark job in local mode, on two
 * generated sets loaded side by side (their ids differ): a marketplace (server/generate: generic devices, relay
 * transfers) and a typology catalogue (server/scenarios: templated mailboxes, placeholder values), after a ring was
 * marked false positive (its evidence is suppressed) — every kind of tie the job is told about besides the links. Spark needs its jar (Maven) and a minute or more of JVM start-up, so this file runs from
 * `npm run spark:test` (RINGLENS_SPARK_TEST=1), after the job's own JUnit suite, not from `npm test`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { generateDataset } from '../../server/generate/dataset.ts';
import { generateCatalogue } from '../../server/scenarios/catalogue.ts';
import { runDetection, type DetectionRunResult } from '../../server/runs/detection-service.ts';
import { findingsOf } from '../support/same-findings.ts';
import { loadGeneratedDataset } from '../support/generated-files.ts';
import { tempDir } from '../support/ingest-data.ts';
import { connectTestDb } from '../support/neo4j.ts';

const ACCOUNTS = Number(process.env.RINGLENS_SPARK_TEST_ACCOUNTS ?? 5000);
const CATALOGUE_ACCOUNTS = 2000;

describe.skipIf(process.env.RINGLENS_SPARK_TEST !== '1')(
  'detection engines: local and Spark (real Neo4j, Spark local[2])',
  () => {
    let db: Db;
    const ids: string[] = [];
    let first: DetectionRunResult;
    const runIds: string[] = [];
    let local: DetectionRunResult;
    let spark: DetectionRunResult;
    let sparkJob: { output: string; ms: number } | undefined;

    beforeAll(async () => {
      db = await connectTestDb();
      const marketplace = await generateDataset({ seed: 11, accounts: ACCOUNTS, outDir: tempDir() });
      const catalogue = await generateCatalogue({ seed: 2, accounts: CATALOGUE_ACCOUNTS, outDir: tempDir() });
      for (const gen of [marketplace, catalogue]) {
        ids.push(...(await loadGeneratedDataset(db, gen.files)));
      }
      // An investigator rules out the top ring: its identifiers tie nobody in the two runs compared below.
      first = await runDetection(db);
      runIds.push(first.id);
      await db.write('test-ring-disposition.write', { id: first.result.rings[0]!.id, status: 'false_positive' });
      local = await runDetection(db);
      runIds.push(local.id);
      spark = await runDetection(db, {
        engine: { kind: 'spark', master: 'local[2]', onJob: (job) => (sparkJob = job) },
        workers: 2,
      });
      runIds.push(spark.id);
    });

    afterAll(async () => {
      await db.write('test-delete-accounts.write', { ids });
      await db.write('test-detection-cleanup.write', { runIds });
      await db.close();
    });

    it('the Spark job found the parts', () => {
      expect(sparkJob?.output).toMatch(/Wrote the parts of \d+ accounts .* \(master local\[2\]\)/);
      expect(spark.result.counts.partition.engine).toBe('spark');
      expect(spark.result.counts.partition.workers).toBe(2);
      expect(local.result.counts.partition.engine).toBe('local');
    });

    it('both engines report the same findings: ids, members, scores, reasons', () => {
      expect(local.result.rings.length).toBeGreaterThan(10);
      expect(findingsOf(spark.result)).toEqual(findingsOf(local.result));
      // Every finding of the Spark run matched one of the local run exactly.
      expect(spark.result.rings.every((r) => r.status === 'unchanged')).toBe(true);
      expect(spark.result.diff.counts).toMatchObject({ new: 0, dissolved: 0 });
    });

    it('from the same parts: the partition and per-part counters agree', () => {
      const { engine: _e, workers: _w, ...sparkParts } = spark.result.counts.partition;
      const { engine: _l, workers: _lw, ...localParts } = local.result.counts.partition;
      expect(sparkParts).toEqual(localParts);
      expect(spark.result.counts.components).toEqual(local.result.counts.components);
      expect(spark.result.modularity).toBe(local.result.modularity);
    });

    it('the data exercised every tie the job is told about besides the links', () => {
      const reasons = new Set(local.result.excluded.map((e) => e.reason));
      expect(reasons).toEqual(new Set(['placeholder', 'generic']));
      expect(local.result.counts.partition.linkingTransfers).toBeGreaterThan(0);
      expect(local.result.rings.some((r) => r.reasons.some((reason) => /one template/.test(reason)))).toBe(true);
      // The suppression changed the findings (the top ring lost the evidence that raised it).
      expect(findingsOf(local.result)).not.toEqual(findingsOf(first.result));
    });
  },
);
