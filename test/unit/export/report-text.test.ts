import { describe, expect, it } from 'vitest';
import { dispositionText, parameterRows, readableTime } from '../../../server/export/report.ts';

describe('the evidence report reads like the app', () => {
  it('shows times as dates with UTC, not raw ISO strings', () => {
    expect(readableTime('2026-12-02T03:17:45.123Z')).toBe('02 Dec 2026, 03:17 UTC');
    expect(readableTime(null)).toBe('');
    expect(readableTime('not a time')).toBe('not a time');
  });

  it('names dispositions as the app does', () => {
    expect(dispositionText('confirmed_fraud')).toBe('Confirmed fraud');
    expect(dispositionText('under_review')).toBe('Under review');
    expect(dispositionText('some_new_state')).toBe('some new state');
  });

  it('lists the detection parameters as rows, nested settings with dotted names', () => {
    expect(parameterRows({ resolution: 1, weights: { device: 3, ip: 0.5 }, kinds: ['device', 'ip'] })).toEqual([
      ['resolution', '1'],
      ['weights.device', '3'],
      ['weights.ip', '0.5'],
      ['kinds', 'device, ip'],
    ]);
    expect(parameterRows({})).toEqual([]);
  });
});
