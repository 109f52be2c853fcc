// The fast path for common North American numbers (normalize.ts, nanpPhone) must give exactly what libphonenumber
// gives: every shape its pattern accepts is generated here with random digits and compared with the parse.
import { describe, expect, it } from 'vitest';
import { nanpPhone, normalizePhone, parsePhone } from '../../../server/ingest/normalize.ts';

// A small deterministic generator (xorshift32), so a failure names a reproducible number.
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}
const digits = (r: (n: number) => number, k: number): string => Array.from({ length: k }, () => String(r(10))).join('');

const PREFIXES = ['', '+1', '+1 ', '+1-'];
const AREAS = ['A', 'A ', 'A.', 'A-', '(A)', '(A) '];
const SEPS = ['', ' ', '.', '-'];

describe('phone numbers: the North American fast path equals libphonenumber', () => {
  it('gives the parse’s key and display for every accepted shape, area codes 200–999, any exchange and line', () => {
    const r = rng(20261202);
    let fast = 0;
    for (const prefix of PREFIXES)
      for (const area of AREAS)
        for (const sep of SEPS)
          for (let i = 0; i < 120; i++) {
            const a = String(200 + r(800));
            const text = `${prefix}${area.replace('A', a)}${digits(r, 3)}${sep}${digits(r, 4)}`;
            const got = nanpPhone(text, 'US');
            if (!got) continue;
            fast++;
            for (const phoneValidation of ['possible', 'parseable'] as const)
              expect(got, text).toEqual(parsePhone(text, 'US', { phoneValidation }));
            expect(normalizePhone(text), text).toEqual(got);
          }
    // Most of the 96 shapes are taken by the fast path (the rest go to libphonenumber, which decides alone).
    expect(fast).toBeGreaterThan(96 * 120 * 0.8);
  });

  it('leaves area codes starting with 0 or 1, other lengths and extensions to libphonenumber', () => {
    for (const text of [
      '+1 182-555-4193',
      '+1 082 555 4193',
      '(182) 555-4193',
      '+1 482 555 419',
      '+1 482 555 41930',
      '+1 482 555 4193 x12',
      '1-482-555-4193',
      '+44 20 7946 0958',
      '482 555 4193 ',
    ])
      expect(nanpPhone(text, 'US'), text).toBeUndefined();
    // Through normalizePhone they still get libphonenumber's answer.
    expect(normalizePhone('+1 182-555-4193')).toEqual({ key: '+11825554193', display: '+1 1825554193' });
    expect(normalizePhone('+1 482 555 4193 x12').display).toBe('+1 482 555 4193 ext. 12');
  });

  it('reads a number without +1 as North American only when the default country is the US', () => {
    expect(nanpPhone('(482) 555-4193', 'US')).toEqual({ key: '+14825554193', display: '+1 482 555 4193' });
    expect(nanpPhone('(482) 555-4193', 'GB')).toBeUndefined();
    expect(nanpPhone('+1 482 555 4193', 'GB')).toEqual({ key: '+14825554193', display: '+1 482 555 4193' });
    expect(normalizePhone('020 7946 0958', { defaultCountry: 'GB' }).key).toBe('+442079460958');
  });
});
