/**
 * accounts-info.read returns an account's identifiers in one list ([kind, key, extra]); splitUses rebuilds what the
 * six per-kind lists used to carry, in the order given.
 */
import { describe, expect, it } from 'vitest';
import { splitUses } from '../../../server/runs/detection-service.ts';

describe('splitUses', () => {
  it('splits devices, addresses, phones and emails, keeping the extras where given', () => {
    const out = splitUses([
      ['d', 'fp_1', '2026-01-02T03:04:05Z'],
      ['a', 'addr 2', null],
      ['e', 'jane.doe@gmail.com', 'Jane.Doe@gmail.com'],
      ['d', 'fp_2', null],
      ['p', '+15551230001', null],
      ['a', 'addr 1', null],
      ['e', 'jd@example.com', null],
      ['x', 'ignored', null],
    ]);
    expect(out).toEqual({
      devices: 2,
      addresses: ['addr 2', 'addr 1'],
      phones: ['+15551230001'],
      emailKeys: ['jane.doe@gmail.com', 'jd@example.com'],
      emailSpellings: [['jane.doe@gmail.com', 'Jane.Doe@gmail.com']],
      deviceSeen: [['fp_1', '2026-01-02T03:04:05Z']],
    });
  });

  it('gives empty lists for an account that uses nothing', () => {
    expect(splitUses([])).toEqual({
      devices: 0,
      addresses: [],
      phones: [],
      emailKeys: [],
      emailSpellings: [],
      deviceSeen: [],
    });
  });
});
