import { describe, expect, it } from 'vitest';
import { holderName, isDeadLocalHolder } from '../../../server/runs/nightly-locks.ts';

describe('isDeadLocalHolder', () => {
  const alive = (pid: number) => pid === 100;
  it('recognises a holder of this host whose process is gone', () => {
    expect(isDeadLocalHolder(holderName('nightly-2026-07-01', 'box', 200), 'box', alive)).toBe(true);
  });
  it('respects live processes, other hosts and holders it cannot parse', () => {
    expect(isDeadLocalHolder(holderName('nightly-2026-07-01', 'box', 100), 'box', alive)).toBe(false);
    expect(isDeadLocalHolder(holderName('nightly-2026-07-01', 'other', 200), 'box', alive)).toBe(false);
    expect(isDeadLocalHolder('run-20261124T050000Z-abc123', 'box', alive)).toBe(false);
    expect(isDeadLocalHolder(undefined, 'box', alive)).toBe(false);
  });
  it('names this process by default', () => {
    expect(holderName('x')).toMatch(new RegExp(`^x@.+:${process.pid}:[0-9a-f]{6}$`));
  });
});
