/**
 * The bulk converter checking rows in a worker thread (checked-rows.ts) gives exactly what it gives in one thread:
 * byte-identical neo4j-admin CSVs, the same rejects in the same order, the same counts, the same refusal of invalid
 * input, and the same reader error (file and line) for a file that cannot be read to the end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { convertSources, type ConvertOptions } from '../../../server/ingest/bulk-convert.ts';
import { checkedRows } from '../../../server/ingest/checked-rows.ts';
import { LoadValidationError } from '../../../server/ingest/loader.ts';
import { ReaderError } from '../../../server/ingest/readers.ts';
import { fileSource, memorySource, type Source } from '../../../server/ingest/sources.ts';
import type { Issue } from '../../../server/ingest/validate.ts';
import { bulkDataset, tempDir, writeLines } from '../../support/ingest-data.ts';

/** Converts with and without the worker; returns each run's files (name → content), rejects and summary. */
async function both(sources: () => Promise<Source[]>, opts: ConvertOptions = {}) {
  const runs = [];
  for (const checkInWorker of [false, true]) {
    const dir = tempDir();
    const rejects: Array<[Issue, Record<string, unknown> | undefined]> = [];
    const summary = await convertSources(await sources(), dir, {
      ...opts,
      checkInWorker,
      rejects: { write: (i, raw) => rejects.push([i, raw]), reset: () => (rejects.length = 0) },
    });
    const files = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const { files: _paths, durationMs: _ms, sources: perSource, ...rest } = summary;
    runs.push({ files, rejects, rest, perSource: perSource.map((s) => [s.source.name, s.rows, s.rejected]) });
  }
  return runs as [(typeof runs)[0], (typeof runs)[0]];
}

describe('bulk conversion: rows checked in a worker thread', () => {
  it('writes byte-identical CSVs, rejects and counts, grouped input (one pass) and ungrouped (spill)', async () => {
    const dir = tempDir();
    const d = bulkDataset(dir, 'w-', 1200);
    const bad = writeLines(dir, 'links-bad.csv', [
      'account_id,kind,value,seen_at,bin,last4,issuer_country,user_agent',
      'w-acc1,email,not-an-email,2026-01-01T00:00:00Z,,,,',
      'w-acc1,phone,+1 202 555 0142,2026-01-01T00:00:00Z,,,,',
      'w-acc2,address,"1 Main St,\n  Springfield",2026-01-02T00:00:00Z,,,,',
      'w-acc2,payment,4111 1111 1111 1111,2026-01-02T00:00:00Z,,,,',
      'w-acc2,device,only-three-cells',
      'w-acc3,ip,010.1.1.1,2026-01-03T00:00:00Z,,,,',
      'w-acc1,device,"back to acc1: not grouped",2026-01-04T00:00:00Z,,,,',
      'w-acc4,device,dev-x,not-a-date,,,,',
    ]);
    const sources = async () => [
      await fileSource(d.accounts, 'accounts'),
      await fileSource(d.links, 'links'),
      await fileSource(bad, 'links'),
      await fileSource(d.payments, 'payments'),
    ];
    const [thread, worker] = await both(sources, { skipInvalid: true });
    expect(thread.rest.spilled).toBe(true);
    expect(thread.rejects.length).toBe(5);
    expect(thread.rejects.map(([i]) => `${i.file}:${i.line}:${i.field ?? ''}`)).toEqual([
      'links-bad.csv:2:value',
      'links-bad.csv:6:value',
      'links-bad.csv:7:',
      'links-bad.csv:8:value',
      'links-bad.csv:10:seen_at',
    ]);
    expect(worker).toEqual(thread);

    const grouped = async () => [
      await fileSource(d.accounts, 'accounts'),
      await fileSource(d.links, 'links'),
      await fileSource(d.payments, 'payments'),
    ];
    const [t2, w2] = await both(grouped, { skipInvalid: true });
    expect(t2.rest.spilled).toBe(false);
    expect(t2.rest.counts.uses).toBeGreaterThan(1200);
    expect(w2).toEqual(t2);
  });

  it('refuses invalid input the same way (same issues, same total) without --skip-invalid', async () => {
    const dir = tempDir();
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      'a1,device,d1,2026-01-01T00:00:00Z',
      'a1,colour,blue,2026-01-01T00:00:00Z',
      ',device,d2,2026-01-01T00:00:00Z',
    ]);
    const errors = [];
    for (const checkInWorker of [false, true]) {
      const err = await convertSources([await fileSource(links, 'links')], tempDir(), { checkInWorker }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LoadValidationError);
      errors.push({ issues: (err as LoadValidationError).issues, total: (err as LoadValidationError).total });
    }
    expect(errors[1]).toEqual(errors[0]);
    expect(errors[0]!.issues.map((i) => `${i.line}:${i.field}`)).toEqual(['3:kind', '4:account_id']);
  });

  it('hands over the rows read before a file breaks, then the same reader error (file and line)', async () => {
    const dir = tempDir();
    const broken = writeLines(dir, 'accounts.csv', ['id,label', 'a1,unknown', 'a2,unknown', 'a3,"never closed']);
    const seen: string[][] = [];
    for (const worker of [false, true]) {
      const rows: string[] = [];
      const err = await (async () => {
        for await (const item of checkedRows([await fileSource(broken, 'accounts')], { worker, batch: 1 })) {
          if ('rows' in item) for (const v of item.rows) rows.push(v.ok ? (v.record as { id: string }).id : '!');
        }
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReaderError);
      expect((err as Error).name).toBe('ReaderError');
      rows.push((err as Error).message);
      seen.push(rows);
    }
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[0]!.slice(0, 2)).toEqual(['a1', 'a2']);
  });

  it('really checks in another thread when asked (and in this one when not)', async () => {
    const dir = tempDir();
    const d = bulkDataset(dir, 'x-', 5);
    const sources = [await fileSource(d.accounts, 'accounts'), await fileSource(d.payments, 'payments')];
    for (const worker of [false, true]) {
      const by: number[] = [];
      for await (const item of checkedRows(sources, { worker })) if ('end' in item) by.push(item.checkedBy);
      expect(by).toHaveLength(2);
      for (const t of by) expect(t === threadId).toBe(!worker);
    }
  });

  it('checks a source that is not a file (an API body) in this thread even when asked for the worker', async () => {
    const mem = memorySource('body', 'accounts', [{ id: 'm1' }, 'not a record'], 'x'.repeat(64));
    const items = [];
    for await (const item of checkedRows([mem], { worker: true })) items.push(item);
    expect(items).toEqual([
      {
        source: 0,
        rows: [
          { ok: true, kind: 'accounts', record: { id: 'm1', label: 'unknown' } },
          { ok: false, issue: { file: 'body', line: 2, reason: 'expected a JSON object with one record.' } },
        ],
      },
      { source: 0, end: true, checkedBy: threadId },
    ]);
  });
});
