// The fast path of the record check (fast-schemas.ts) against zod (schemas.ts): on generated rows and on seeded random
// ones built from the values that matter, whenever the fast path gives a record, zod gives the same record; on the
// generator's rows it gives one every time. And the IPv4 shortcut in normalizeIp against ipaddr.js.
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastParse, isoString } from '../../../server/ingest/fast-schemas.ts';
import { NormalizeError, normalizeIp } from '../../../server/ingest/normalize.ts';
import { schemaFor, type RecordKind } from '../../../server/ingest/schemas.ts';
import { readRecords } from '../../../server/ingest/readers.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '../../../server/generate/dataset.ts';

const DATETIME = z.regexes.datetime({ offset: true });
let seed = 20261202;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function agrees(kind: RecordKind, raw: unknown): boolean {
  const fast = fastParse(kind, raw);
  if (fast === undefined) return false;
  const z = schemaFor(kind).safeParse(raw);
  expect(z.success, JSON.stringify(raw)).toBe(true);
  expect(fast, JSON.stringify(raw)).toStrictEqual(z.data);
  return true;
}

const VALUES = {
  text: ['acc_1', ' acc_2 ', '', '   ', 'x'.repeat(200), 'x'.repeat(201), 'é日本', 12, null, true, ['a']],
  date: [
    '2026-01-31T12:00:00Z',
    ' 2026-01-31T12:00:00.123Z ',
    '2026-01-31T12:00:00+02:00',
    '2026-01-31T12:00Z',
    '2026-01-31',
    '2024-02-29',
    '2023-02-29',
    '2026-13-01T00:00:00Z',
    '2026-01-31T24:00:00Z',
    '2026-01-31 12:00:00Z',
    '0000-01-01T00:00:00Z',
    'yesterday',
    20260131,
  ],
  label: ['unknown', 'Known_Fraud', ' legit ', 'fraud', 'LEGIT', 'known_fraud', 'bad', 3],
  kind: ['device', ' Email ', 'PHONE', 'ip', 'payment', 'address', 'card', 'devices', 1],
  country: ['US', 'gb', ' de ', 'USA', 'U', '12', 1],
  currency: ['USD', 'eur', ' gbp ', 'US', 'EURO', 5],
  amount: ['12.50', ' 3 ', '0', '-1', '1e3', '0x10', 'Infinity', 'abc', 12.5, 0, Number.NaN, '1,5'],
};
const FIELDS: Record<RecordKind, Record<string, readonly unknown[]>> = {
  accounts: {
    id: VALUES.text,
    created_at: VALUES.date,
    type: VALUES.text,
    country: VALUES.country,
    status: VALUES.text,
    label: VALUES.label,
  },
  links: {
    account_id: VALUES.text,
    kind: VALUES.kind,
    value: [...VALUES.text, 'x'.repeat(1000), 'x'.repeat(1001)],
    seen_at: VALUES.date,
    bin: VALUES.text,
    last4: VALUES.text,
    issuer_country: VALUES.country,
    user_agent: VALUES.text,
  },
  payments: {
    payer: ['a', 'b', ' a '],
    payee: ['a', 'b', 'c '],
    amount: VALUES.amount,
    currency: VALUES.currency,
    at: VALUES.date,
    id: VALUES.text,
  },
};

describe('fast record check', () => {
  it('gives zod’s record for every row of a generated marketplace', async () => {
    const { files } = await generateDataset({
      seed: 7,
      accounts: 300,
      outDir: join(mkdtempSync(join(tmpdir(), 'ringlens-fast-')), 'g'),
    });
    for (const kind of ['accounts', 'links', 'payments'] as const) {
      let rows = 0;
      for await (const row of readRecords(files[kind])) {
        expect(agrees(kind, row.raw)).toBe(true);
        rows++;
      }
      expect(rows).toBeGreaterThan(100);
    }
  });

  it.each(['accounts', 'links', 'payments'] as const)('never differs from zod on seeded random %s rows', (kind) => {
    let fast = 0;
    for (let t = 0; t < 20000; t++) {
      const raw: Record<string, unknown> = {};
      for (const [field, values] of Object.entries(FIELDS[kind])) {
        if (rnd() < 0.9) raw[field] = pick(values);
      }
      if (rnd() < 0.1) raw.extra = 'ignored';
      if (agrees(kind, raw)) fast++;
    }
    // Both outcomes occur: the comparison above really ran on accepted rows.
    expect(fast).toBeGreaterThan(50);
    expect(fast).toBeLessThan(20000);
  });

  it('writes a date-time back as Date would, without one, for the usual UTC spellings', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let checked = 0;
    for (let t = 0; t < 20000; t++) {
      const year = pick([0, 1, 999, 1970, 2000, 2024, 2026, 2100, 9999]);
      const month = 1 + Math.floor(rnd() * 12);
      const day = 1 + Math.floor(rnd() * 31);
      const base = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(Math.floor(rnd() * 24), 2)}:${pad(Math.floor(rnd() * 60), 2)}:${pad(Math.floor(rnd() * 60), 2)}`;
      for (const s of [`${base}Z`, `${base}.${pad(Math.floor(rnd() * 1000), 3)}Z`]) {
        if (!DATETIME.test(s)) continue; // 31 April and the like: zod refuses them, so they never get here
        expect(isoString(s), s).toBe(new Date(s).toISOString());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30000);
  });

  it('leaves what is not a record to zod', () => {
    for (const raw of [null, [], 'text', 3]) expect(fastParse('links', raw)).toBeUndefined();
  });
});

describe('normalizeIp: the dotted-decimal shortcut', () => {
  const reference = (value: string): string | undefined => {
    const bare = value.trim();
    return ipaddr.IPv4.isValidFourPartDecimal(bare) ? ipaddr.IPv4.parse(bare).toString() : undefined;
  };
  const ours = (value: string): string | undefined => {
    try {
      return normalizeIp(value).key;
    } catch (err) {
      if (err instanceof NormalizeError) return undefined;
      throw err;
    }
  };
  it('gives ipaddr’s key, and refuses what it refuses, on seeded random dotted strings', () => {
    const parts = [
      '0',
      '00',
      '01',
      '1',
      '9',
      '10',
      '99',
      '100',
      '199',
      '200',
      '249',
      '250',
      '255',
      '256',
      '300',
      '1000',
    ];
    let accepted = 0;
    for (let t = 0; t < 20000; t++) {
      const n = rnd() < 0.9 ? 4 : pick([3, 5]);
      const s = Array.from({ length: n }, () => pick(parts)).join('.');
      expect(ours(s), s).toBe(reference(s));
      if (reference(s) !== undefined) accepted++;
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(ours(' 192.0.2.1 ')).toBe('192.0.2.1');
    expect(ours('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });
});
