import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MappingError,
  loadMapping,
  mapRecords,
  parseMapping,
  type MappedRow,
  type SkippedRow,
} from '../../../server/ingest/mapping.ts';
import { validateRecord } from '../../../server/ingest/validate.ts';

const root = join(import.meta.dirname, '../../..');
const demoDir = join(root, 'test/fixtures/neo4j-demo-fraud');
const demoMapping = join(root, 'examples/neo4j-demo-fraud.map.json');

function mappingError(json: unknown): string {
  try {
    parseMapping(json, 'm.json');
  } catch (err) {
    expect(err).toBeInstanceOf(MappingError);
    return (err as Error).message;
  }
  throw new Error('expected a MappingError');
}

const linkSource = {
  file: 'a.csv',
  emits: 'links',
  columns: { account_id: 'a', kind: { const: 'email' }, value: 'v' },
};

describe('mapping validation', () => {
  it('names the bad field in every error', () => {
    expect(mappingError({ version: 2, sources: [] })).toBe(
      'm.json: version: must be 1, the only mapping version this RingLens understands.',
    );
    expect(mappingError({ version: 1, sources: [{ ...linkSource, columns: undefined, colums: {} }] })).toBe(
      "m.json: sources[0]: has unknown key 'colums'.",
    );
    expect(mappingError({ version: 1, sources: [{ ...linkSource, emits: 'linkz' }] })).toMatch(
      /^m\.json: sources\[0\]\.emits: must be one of accounts, links, payments\.$/,
    );
    expect(
      mappingError({ version: 1, sources: [{ ...linkSource, columns: { ...linkSource.columns, kinde: 'k' } }] }),
    ).toMatch(/^m\.json: sources\[0\]\.columns\.kinde: 'kinde' is not a links column \(expected one of account_id/);
    expect(mappingError({ version: 1, sources: [{ ...linkSource, columns: { id: { fro: 'x' } } }] })).toMatch(
      /^m\.json: sources\[0\]\.columns\.id: must be a column name/,
    );
    expect(mappingError('nope')).toBe('m.json: must be a JSON object with "version" and "sources".');
  });

  it('requires every required column to be mapped or defaulted', () => {
    expect(mappingError({ version: 1, sources: [linkSource] })).toMatch(
      /sources\[0\]\.columns: does not map 'seen_at', which every links record needs/,
    );
    expect(() =>
      parseMapping({ version: 1, defaults: { seen_at: '2026-01-01T00:00:00Z' }, sources: [linkSource] }, 'm'),
    ).not.toThrow();
    expect(mappingError({ version: 1, defaults: { seen_att: 'x' }, sources: [linkSource] })).toMatch(
      /defaults\.seen_att: 'seen_att' is not a column of any RingLens record kind/,
    );
  });

  it('checks join order and alias names', () => {
    const joins = [
      { as: 'b', file: 'b.csv', key: 'k', on: 'c.x' },
      { as: 'c', file: 'c.csv', key: 'k', on: 'x' },
    ];
    expect(
      mappingError({ version: 1, sources: [{ file: 'a.csv', emits: 'accounts', join: joins, columns: { id: 'x' } }] }),
    ).toMatch(/sources\[0\]\.join\[0\]\.on: 'c\.x' refers to join 'c', which is only defined later/);
    const twice = [joins[1], joins[1]];
    expect(
      mappingError({ version: 1, sources: [{ file: 'a.csv', emits: 'accounts', join: twice, columns: { id: 'x' } }] }),
    ).toMatch(/join\[1\]\.as: 'c' is used by two joins/);
  });

  it('reports unreadable or invalid JSON files by name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ringlens-mapping-'));
    await writeFile(join(dir, 'bad.map.json'), '{ "version": 1, ');
    await expect(loadMapping(join(dir, 'bad.map.json'))).rejects.toThrow(/^bad\.map\.json: is not valid JSON/);
    await expect(loadMapping(join(dir, 'missing.json'))).rejects.toThrow(/^missing\.json: cannot be read/);
  });
});

describe('mapping against files', () => {
  async function run(files: Record<string, string>, mapping: unknown) {
    const dir = await mkdtemp(join(tmpdir(), 'ringlens-mapping-'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const rows: MappedRow[] = [];
    const skipped: SkippedRow[] = [];
    for await (const row of mapRecords(parseMapping(mapping, 'm.json'), dir, {
      onSkip: (s) => skipped.push(s),
      mappingName: 'm.json',
    })) {
      rows.push(row);
    }
    return { rows, skipped };
  }

  const people = 'pid,mail\np1,ann@example.com\np2,bob@example.com\n';
  const uses = 'person,mailId\nc1,p1\nc2,p9\nc3,p2\n';
  const mapping = {
    version: 1,
    defaults: { seen_at: '2026-01-01T00:00:00Z' },
    sources: [
      {
        file: 'uses.csv',
        emits: 'links',
        join: [{ as: 'm', file: 'people.csv', key: 'pid', on: 'mailId' }],
        columns: { account_id: 'person', kind: { const: 'email' }, value: 'm.mail' },
      },
    ],
  };

  it('resolves joins, applies defaults, and skips rows whose required join finds nothing', async () => {
    const { rows, skipped } = await run({ 'people.csv': people, 'uses.csv': uses }, mapping);
    expect(rows).toEqual([
      {
        kind: 'links',
        file: 'uses.csv',
        line: 2,
        raw: { account_id: 'c1', kind: 'email', value: 'ann@example.com', seen_at: '2026-01-01T00:00:00Z' },
      },
      {
        kind: 'links',
        file: 'uses.csv',
        line: 4,
        raw: { account_id: 'c3', kind: 'email', value: 'bob@example.com', seen_at: '2026-01-01T00:00:00Z' },
      },
    ]);
    expect(skipped).toEqual([{ file: 'uses.csv', line: 3, reason: "join 'm': no row of people.csv has pid = 'p9'." }]);
  });

  it('names a column missing from a file, listing the columns it has', async () => {
    const bad = structuredClone(mapping);
    bad.sources[0]!.join[0]!.key = 'personId';
    await expect(run({ 'people.csv': people, 'uses.csv': uses }, bad)).rejects.toThrow(
      "m.json: sources[0].join[0]: column 'personId' is not in people.csv (its columns: pid, mail).",
    );
  });

  it('refuses a join key that is not unique', async () => {
    const dupes = 'pid,mail\np1,ann@example.com\np1,other@example.com\n';
    await expect(run({ 'people.csv': dupes, 'uses.csv': uses }, mapping)).rejects.toThrow(
      /key column 'pid' of people\.csv is not unique: 'p1' is on lines 2 and 3/,
    );
  });
});

/** Data rows of a demo CSV, counted without any RingLens code: the export has no multi-line cells. */
function csvRows(name: string): string[][] {
  const text = readFileSync(join(demoDir, `export_transactions_${name}.csv`), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
}

describe('the Neo4j fraud demo export', () => {
  it('maps to the expected numbers of accounts, links and payments, all of them valid', async () => {
    const mapping = await loadMapping(demoMapping);
    const counts = new Map<string, number>();
    const invalid: string[] = [];
    const labels = new Map<string, string>();
    let skipped = 0;
    for await (const row of mapRecords(mapping, demoDir, { onSkip: () => skipped++ })) {
      expect(row.error).toBeUndefined();
      const verdict = validateRecord(row.kind, row.raw, {
        file: row.file,
        line: row.line,
        normalize: mapping.normalize,
      });
      if (!verdict.ok) {
        invalid.push(`${verdict.error.file}:${verdict.error.line} ${verdict.error.field} ${verdict.error.reason}`);
        continue;
      }
      const bucket = row.kind === 'links' ? `links:${String(row.raw?.kind)}` : row.kind;
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      if (row.kind === 'accounts') labels.set(String(row.raw?.id), String(row.raw?.label));
    }
    expect(invalid).toEqual([]);

    const customers = csvRows('Customer');
    expect(counts.get('accounts')).toBe(customers.length);
    expect([...labels.values()].filter((label) => label === 'known_fraud')).toHaveLength(
      customers.filter((cells) => cells[0] === 'True').length,
    );
    expect(counts.get('links:email')).toBe(csvRows('Customer_USES_EMAIL_Email').length);
    expect(counts.get('links:phone')).toBe(csvRows('Customer_USES_PHONE_PhoneNumber').length);
    expect(counts.get('links:address')).toBe(csvRows('Customer_RESIDES_AT_Address').length);
    expect(counts.get('links:payment')).toBe(csvRows('Customer_HAS_ACCOUNT_Account').length);

    // A transaction becomes a payment when both its sending and its receiving account belong to a customer.
    const owner = new Map(csvRows('Customer_HAS_ACCOUNT_Account').map(([customer, account]) => [account!, customer!]));
    const receiver = new Map(csvRows('Transaction_RECEIVED_Account').map(([tx, account]) => [tx!, account!]));
    const sent = csvRows('Account_SENT_Transaction');
    const between = sent.filter(([account, tx]) => owner.has(account!) && owner.has(receiver.get(tx!)!)).length;
    expect(counts.get('payments')).toBe(between);
    expect(skipped).toBe(sent.length - between);
    expect(between).toBeGreaterThan(100);
  });
});
