import { describe, expect, it } from 'vitest';
import { Random } from '../../../server/generate/rng.ts';
import { containsPan, normalizeEmail, normalizePhone } from '../../../server/ingest/normalize.ts';
import { formatAddress, Ids, INSTRUMENT_TOKEN } from '../../../server/scenarios-sportsbook/ids.ts';
import { REGIONS } from '../../../server/scenarios-sportsbook/words.ts';

const NJ = REGIONS.find((r) => r.code === 'NJ')!;
const person = { first: 'jane', last: 'doe' };

describe('sportsbook identifier values', () => {
  it('never runs out of home IPs: past the 65,024 addresses of 198.18.0.0/16 it spills into 240.0.0.0/4', () => {
    const ids = new Ids(new Random(3));
    const ips = Array.from({ length: 70_000 }, () => ids.homeIp());
    expect(new Set(ips).size).toBe(ips.length);
    expect(ips.filter((ip) => ip.startsWith('198.18.')).length).toBeLessThanOrEqual(256 * 254);
    expect(ips.some((ip) => ip.startsWith('240.'))).toBe(true);
  });

  it('spells one Gmail inbox several ways (dots, +tags, googlemail) that the loader merges into one key', () => {
    const spellings = new Ids(new Random(5)).gmailDots(person, 8);
    expect(new Set(spellings).size).toBeGreaterThan(1);
    expect(new Set(spellings.map((e) => normalizeEmail(e).key)).size).toBe(1);
  });

  it('gives templated mailboxes and burner SIMs that are all different identifiers', () => {
    const ids = new Ids(new Random(7));
    const emails = ids.emailSeries('janebets', 'gmail.com', 6);
    expect(new Set(emails.map((e) => normalizeEmail(e).key)).size).toBe(6);
    const phones = ids.burners(NJ, 6).map((p) => normalizePhone(p).key);
    expect(new Set(phones).size).toBe(6);
    // Bought together: consecutive numbers.
    const lines = phones.map((p) => Number(p.slice(-4))).sort((a, b) => a - b);
    expect(lines[5]! - lines[0]!).toBe(5);
  });

  it('writes instruments as tokens with no card-number-like digit run, and addresses in variants', () => {
    const ids = new Ids(new Random(9));
    for (let i = 0; i < 2000; i++)
      for (const x of [ids.card('US'), ids.ewallet(), ids.bank(), ids.voucher()]) {
        expect(x.value).toMatch(INSTRUMENT_TOKEN);
        expect(containsPan(x.value, { anyRun: true })).toBe(false);
      }
    const a = { ...ids.address(NJ), unit: 4 };
    expect(formatAddress(a, 'caps').toLowerCase()).toBe(formatAddress(a).toLowerCase());
    expect(formatAddress(a, 'long')).not.toBe(formatAddress(a));
    expect(formatAddress(a, 'hash')).toContain('#4');
  });
});
