import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReaderError, detectKind, peekColumns, readRecords, type ReadRow } from '../../../server/ingest/readers.ts';
import { validateRecord } from '../../../server/ingest/validate.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/ingest');

async function collect(path: string): Promise<ReadRow[]> {
  const rows: ReadRow[] = [];
  for await (const row of readRecords(path)) rows.push(row);
  return rows;
}

describe('CSV reader', () => {
  it('gives each record the line it starts on, across blank lines and multi-line cells', async () => {
    const rows = await collect(join(fixtures, 'links-mixed.csv'));
    expect(rows.map((row) => [row.line, row.raw?.account_id ?? row.error])).toEqual([
      [2, 'acc_1'],
      [3, 'acc_2'],
      [5, 'acc_3'],
      [7, 'acc_4'],
      [8, 'expected 8 cells as in the header, found 4.'],
      [9, 'acc_6'],
    ]);
    expect(rows[2]!.raw!.value).toBe('12 Maple Street,\nSpringfield');
  });

  it('feeds validation that rejects the raw card number at its line', async () => {
    const verdicts = [];
    for await (const row of readRecords(join(fixtures, 'links-mixed.csv'))) {
      if (row.raw) verdicts.push(validateRecord('links', row.raw, { file: 'links-mixed.csv', line: row.line }));
    }
    const rejected = verdicts.filter((v) => !v.ok).map((v) => !v.ok && v.error);
    expect(rejected).toEqual([
      { file: 'links-mixed.csv', line: 7, field: 'value', reason: expect.stringMatching(/never stored/) },
    ]);
    const keys = verdicts.map((v) => v.ok && v.record.key);
    expect(keys[0]).toBe(keys[1]);
    expect(keys).toContain('192.0.2.7');
  });

  it('strips a BOM and handles CRLF', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ringlens-readers-'));
    const path = join(dir, 'accounts.csv');
    await writeFile(path, '\uFEFFid,label\r\nacc_1,legit\r\n\r\nacc_2,unknown\r\n');
    expect(await collect(path)).toEqual([
      { line: 2, raw: { id: 'acc_1', label: 'legit' } },
      { line: 4, raw: { id: 'acc_2', label: 'unknown' } },
    ]);
    expect(await peekColumns(path)).toEqual(['id', 'label']);
  });

  it('fails with the file and line when a quote is never closed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ringlens-readers-'));
    const path = join(dir, 'broken.csv');
    await writeFile(path, 'id,label\nacc_1,legit\nacc_2,"unknown\n');
    const rows: ReadRow[] = [];
    await expect(async () => {
      for await (const row of readRecords(path)) rows.push(row);
    }).rejects.toThrow(ReaderError);
    expect(rows).toEqual([{ line: 2, raw: { id: 'acc_1', label: 'legit' } }]);
  });

  it('reports a missing file as a ReaderError naming it', async () => {
    await expect(collect('/nonexistent/accounts.csv')).rejects.toThrow(/accounts\.csv: ENOENT/);
  });
});

describe('NDJSON reader', () => {
  it('numbers physical lines and turns malformed lines into errors naming the line', async () => {
    const rows = await collect(join(fixtures, 'accounts-mixed.ndjson'));
    expect(rows.map((row) => row.line)).toEqual([1, 2, 4, 5, 6, 7]);
    expect(rows[0]!.raw).toEqual({ id: 'acc_1', created_at: '2026-01-01', label: 'known_fraud' });
    expect(rows[2]).toEqual({ line: 4, error: expect.stringMatching(/^invalid JSON/) });
    expect(rows[4]).toEqual({ line: 6, error: 'expected a JSON object with one record per line.' });
  });

  it('leaves field-level problems to validation', async () => {
    const issues = [];
    for await (const row of readRecords(join(fixtures, 'accounts-mixed.ndjson'))) {
      if (!row.raw) continue;
      const verdict = validateRecord('accounts', row.raw, { file: 'accounts-mixed.ndjson', line: row.line });
      if (!verdict.ok) issues.push([verdict.error.line, verdict.error.field]);
    }
    expect(issues).toEqual([
      [5, 'id'],
      [7, 'label'],
    ]);
  });

  it('peeks the keys of the first record', async () => {
    expect(await peekColumns(join(fixtures, 'accounts-mixed.ndjson'))).toEqual(['id', 'created_at', 'label']);
  });

  it('refuses unknown extensions unless a format is given', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'ringlens-readers-')), 'records.txt');
    await writeFile(path, '{"id":"acc-1","label":"legit"}\n');
    expect(() => readRecords(path)).toThrow(/unknown file type/);
    const rows: ReadRow[] = [];
    for await (const row of readRecords(path, { format: 'ndjson' })) rows.push(row);
    expect(rows.map((r) => [r.line, r.raw])).toEqual([[1, { id: 'acc-1', label: 'legit' }]]);
  });
});

describe('detectKind', () => {
  it('uses the file name first', () => {
    expect(detectKind('/data/accounts-2026.csv', [])).toBe('accounts');
    expect(detectKind('links.ndjson', ['id'])).toBe('links');
    expect(detectKind('Payments_march.csv', [])).toBe('payments');
  });

  it('falls back to the header columns', () => {
    expect(detectKind('export.csv', ['payer', 'payee', 'amount'])).toBe('payments');
    expect(detectKind('export.csv', ['account_id', 'kind', 'value', 'seen_at'])).toBe('links');
    expect(detectKind('export.csv', [' id ', 'label'])).toBe('accounts');
    expect(detectKind('export.csv', ['customerId', 'name'])).toBeUndefined();
  });
});
