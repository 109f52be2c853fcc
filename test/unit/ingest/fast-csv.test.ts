// The fast CSV reader (readRecords / readRecordBatches) against csv-parse alone (readCsv) on the same bytes: same rows,
// same line numbers, same per-row errors, and the same fatal error where csv-parse gives one. Hand-picked inputs for
// each case the fast reader handles or hands over, then seeded random files built from the characters that matter.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, readRecordBatches, readRecords, type ReadRow } from '../../../server/ingest/readers.ts';

const dir = mkdtempSync(join(tmpdir(), 'ringlens-fast-csv-'));
let n = 0;
function file(text: string | Buffer): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, text);
  return path;
}

type Outcome = { rows: ReadRow[]; error?: string };
async function outcome(rows: AsyncIterable<ReadRow>): Promise<Outcome> {
  const out: ReadRow[] = [];
  try {
    for await (const row of rows) out.push(row);
    return { rows: out };
  } catch (err) {
    return { rows: out, error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}
async function batchesOutcome(path: string): Promise<Outcome> {
  const out: ReadRow[] = [];
  try {
    for await (const batch of readRecordBatches(path)) out.push(...batch);
    return { rows: out };
  } catch (err) {
    return { rows: out, error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

/**
 * Same outcome as csv-parse. Where csv-parse stops with a fatal error, how many rows it hands out before the error
 * depends on timing (rows parsed but not yet read are dropped with the stream), so there the error must be the same
 * and the rows given must agree with csv-parse's as far as both go, each row once.
 */
function expectSame(got: Outcome, reference: Outcome): void {
  if (reference.error === undefined) {
    expect(got).toEqual(reference);
    return;
  }
  expect(got.error).toBe(reference.error);
  const k = Math.min(got.rows.length, reference.rows.length);
  expect(got.rows.slice(0, k)).toEqual(reference.rows.slice(0, k));
  const lines = got.rows.map((r) => r.line);
  expect(lines).toEqual([...lines].sort((a, b) => a - b));
  expect(new Set(lines).size).toBe(lines.length);
}

async function same(text: string | Buffer): Promise<Outcome> {
  const path = file(text);
  const reference = await outcome(readCsv(path));
  const got = await outcome(readRecords(path));
  expectSame(got, reference);
  expectSame(await batchesOutcome(path), reference);
  return got;
}

describe('fast CSV reader: the rows csv-parse gives', () => {
  const header = 'a,b,c\n';
  it.each([
    ['plain rows', `${header}1,2,3\n4,5,6\n`],
    ['no line break at the end', `${header}1,2,3\n4,5,6`],
    ['blank lines between and after', `\n${header}\n1,2,3\n\n\n4,5,6\n\n`],
    ['a byte order mark', `\uFEFF${header}1,2,3\n`],
    ['empty cells, trailing comma', `${header},,\n1,,3\n`],
    ['wrong cell counts', `${header}1,2\n1,2,3,4\n1,2,3\n`],
    ['quoted cells with commas, quotes and line breaks', `${header}"x, y","say ""hi""","two\nlines"\n4,5,6\n`],
    ['a quoted empty cell and a quoted last cell at the end', `${header}"",2,""\n1,2,"z"`],
    ['a quoted header', `"a","b","c"\n1,2,3\n`],
    ['whitespace is kept', `${header} 1 ,2 , 3\n`],
    ['only a header', header],
    ['empty file', ''],
    ['non-ASCII text', `${header}é,日本,🙂\n`],
    // Handed to csv-parse:
    ['CRLF line ends', `a,b,c\r\n1,2,3\r\n4,5,6\r\n`],
    ['a quote inside an unquoted cell', `${header}1,ab"c,3\n4,5,6\n`],
    ['text after a closing quote', `${header}1,"ab"c,3\n`],
    ['a quote left open', `${header}1,2,3\n4,"5,6\n`],
    ['a space before a quote', `${header}1, "2",3\n`],
  ])('%s', async (_name, text) => {
    await same(text);
  });

  it('hands over after rows it already gave, without giving them twice', async () => {
    const good = Array.from({ length: 5000 }, (_, i) => `${i},"v ${i}",x`).join('\n');
    const got = await same(`${header}${good}\n9,bad"quote,z\n10,11,12\n`);
    expect(got.error).toMatch(/Invalid Opening Quote/);
    expect(got.rows.length).toBeLessThanOrEqual(5000);
  });

  it('reads a file larger than one read chunk, with records across chunk boundaries', async () => {
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `acc_${i},${i % 7 === 0 ? `"${i} Main St,\n Town ""${i}"""` : `dev_${i}`},2026-01-01T00:00:00Z`,
    );
    const ref = await same(`account_id,value,seen_at\n${rows.join('\n')}\n`);
    expect(ref.rows.length).toBe(40_000);
    expect(ref.rows.at(-1)!.line).toBeGreaterThan(40_000);
  });

  it('random files from the characters that matter (seeded)', async () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', 'b', ',', ',', '"', '\n', '\n', ' ', 'é', '""'];
    for (let t = 0; t < 300; t++) {
      const len = 1 + Math.floor(rnd() * 60);
      let body = '';
      for (let i = 0; i < len; i++) body += alphabet[Math.floor(rnd() * alphabet.length)];
      if (rnd() < 0.05) body += '\r\n';
      await same(`${header}${body}`);
    }
  });
});
