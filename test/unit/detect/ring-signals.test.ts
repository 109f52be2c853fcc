import { describe, expect, it } from 'vitest';
import { summariseMembers, transferCycle } from '../../../server/detect/ring-signals.ts';

const DAY = 86_400_000;
const at = (days: number): string => new Date(Date.UTC(2025, 5, 1) + days * DAY).toISOString();

describe('transferCycle', () => {
  it('finds a loop of payments and lists it from the first payer', () => {
    expect(
      transferCycle(
        [1, 2, 3, 4],
        [
          [1, 2],
          [2, 3],
          [3, 4],
          [4, 2],
        ],
      ),
    ).toEqual([2, 3, 4]);
  });

  it('returns null when money only flows one way', () => {
    expect(
      transferCycle(
        [1, 2, 3],
        [
          [1, 2],
          [1, 3],
          [2, 3],
        ],
      ),
    ).toBeNull();
    expect(transferCycle([1], [])).toBeNull();
  });
});

describe('summariseMembers', () => {
  it('counts labels and finds the largest group opened within the window', () => {
    const summary = summariseMembers(
      [
        { id: 'a', label: 'known_fraud', createdAt: at(0) },
        { id: 'b', label: 'legit', createdAt: at(40) },
        { id: 'c', label: 'unknown', createdAt: at(43) },
        { id: 'd', label: 'unknown', createdAt: at(50) },
        undefined,
      ],
      14,
    );
    expect(summary).toEqual({ knownFraud: 1, legit: 1, creationSpreadDays: 50, burst: { members: 3, days: 10 } });
  });
});
