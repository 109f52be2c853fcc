import { describe, expect, it } from 'vitest';
import { coversDomain, edgeInWindow, timeDomain } from '../../../contracts/time-window.ts';

const t = (iso: string) => Date.parse(iso);
const edge = (firstSeen: string | null, lastSeen: string | null) => ({ firstSeen, lastSeen });

describe('time window', () => {
  it('spans the earliest first-seen to the latest last-seen, ignoring edges without dates', () => {
    const d = timeDomain([
      edge('2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'),
      edge('2026-01-15T00:00:00Z', '2026-01-20T00:00:00Z'),
      edge(null, null),
      edge(null, '2026-04-01T00:00:00Z'),
    ]);
    expect(d).toEqual({ from: t('2026-01-15T00:00:00Z'), to: t('2026-04-01T00:00:00Z') });
    expect(timeDomain([edge(null, null)])).toBeNull();
  });

  it('keeps an edge whose sighting interval overlaps the window', () => {
    const w = { from: t('2026-02-01T00:00:00Z'), to: t('2026-02-28T00:00:00Z') };
    expect(edgeInWindow(edge('2026-01-01T00:00:00Z', '2026-02-05T00:00:00Z'), w)).toBe(true);
    expect(edgeInWindow(edge('2026-02-27T00:00:00Z', '2026-05-01T00:00:00Z'), w)).toBe(true);
    expect(edgeInWindow(edge('2026-01-01T00:00:00Z', '2026-01-31T00:00:00Z'), w)).toBe(false);
    expect(edgeInWindow(edge('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'), w)).toBe(false);
    expect(edgeInWindow(edge(null, null), w)).toBe(true);
  });

  it('knows when a window filters nothing', () => {
    const d = { from: 10, to: 20 };
    expect(coversDomain({ from: 10, to: 20 }, d)).toBe(true);
    expect(coversDomain({ from: 11, to: 20 }, d)).toBe(false);
  });
});
