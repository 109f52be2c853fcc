import { describe, expect, it } from 'vitest';
import { evaluateAlerts, type AlertRules, type RingForAlert } from '../../../server/nightly/alerts.ts';
import type { RingChangeEntry } from '../../../server/nightly/changes.ts';
import { webhookPayload } from '../../../server/nightly/notify.ts';

const RULES: AlertRules = { threshold: 50, fpGrowthPercent: 50, fpGrowthAccounts: 3 };
const ids = (prefix: string, n: number, from = 1) => Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);

function ring(
  id: string,
  score: number,
  members: string[],
  change: Partial<RingChangeEntry>,
  disposition: string | null = 'new',
): RingForAlert {
  return {
    id,
    score,
    members,
    reasons: [`reason of ${id}`],
    disposition,
    change: {
      id,
      status: 'unchanged',
      joined: [],
      left: [],
      newcomers: [],
      previousSize: members.length,
      ...change,
    },
  };
}

describe('evaluateAlerts', () => {
  it('alerts on new and grown rings at or above the threshold, highest score first', () => {
    const { alerts, suppressed } = evaluateAlerts(
      [
        ring('ring-new', 60, ids('n', 4), {
          status: 'new',
          joined: ids('n', 4),
          newcomers: ids('n', 4),
          previousSize: 0,
        }),
        ring('ring-grown', 80, ids('g', 5), { status: 'grown', joined: ['g5'], newcomers: ['g5'], previousSize: 4 }),
        ring('ring-changed', 50, ids('c', 5), { status: 'changed', joined: ['c5'], left: ['c0'], previousSize: 5 }),
        ring('ring-low', 49.9, ids('l', 4), { status: 'new', joined: ids('l', 4), newcomers: ids('l', 4) }),
        ring('ring-same', 90, ids('s', 4), { status: 'unchanged' }),
        ring('ring-shrunk', 90, ids('h', 3), { status: 'shrunk', left: ['h4'] }),
      ],
      RULES,
    );
    expect(alerts.map((a) => [a.ringId, a.kind, a.joined])).toEqual([
      ['ring-grown', 'grown', ['g5']],
      ['ring-new', 'new', ids('n', 4)],
      ['ring-changed', 'grown', ['c5']],
    ]);
    expect(alerts[0]).toMatchObject({ size: 5, reasons: ['reason of ring-grown'], disposition: 'new' });
    expect(suppressed).toEqual([]);
  });

  it('does not alert on a piece split off a known ring, but does on a piece with outside accounts or a merge', () => {
    const { alerts } = evaluateAlerts(
      [
        ring('ring-piece', 70, ids('s', 4), { status: 'new', joined: ids('s', 4), newcomers: [], splitFrom: 'ring-s' }),
        ring('ring-piece2', 70, ids('t', 4), {
          status: 'new',
          joined: ids('t', 4),
          newcomers: ['t4'],
          splitFrom: 'ring-t',
        }),
        ring('ring-merge', 70, ids('m', 6), {
          status: 'new',
          joined: ids('m', 6),
          newcomers: [],
          mergedFrom: ['ring-x', 'ring-y'],
        }),
      ],
      RULES,
    );
    expect(alerts.map((a) => a.ringId)).toEqual(['ring-merge', 'ring-piece2']);
    expect(alerts[0]!.mergedFrom).toEqual(['ring-x', 'ring-y']);
    expect(alerts[1]!.splitFrom).toBe('ring-t');
  });

  it('suppresses a false positive that grew less than the margin since its last alert', () => {
    const fp = ring('ring-fp', 70, ids('p', 6), { status: 'grown', joined: ['p6'], previousSize: 5 }, 'false_positive');
    const { alerts, suppressed } = evaluateAlerts([fp], RULES, new Map([['ring-fp', ids('p', 5)]]));
    expect(alerts).toEqual([]);
    expect(suppressed).toEqual([
      expect.objectContaining({
        ringId: 'ring-fp',
        growth: 1,
        referenceSize: 5,
        since: 'last-alert',
        disposition: 'false_positive',
      }),
    ]);
  });

  it('re-alerts a false positive that grew by ≥ fpGrowthAccounts, or by more than fpGrowthPercent', () => {
    const byCount = ring(
      'ring-a',
      70,
      ids('a', 13),
      { status: 'grown', joined: ids('a', 3, 11), previousSize: 10 },
      'false_positive',
    );
    const byShare = ring(
      'ring-b',
      70,
      ids('b', 4),
      { status: 'grown', joined: ['b4'], previousSize: 3 },
      'false_positive',
    );
    const atShare = ring(
      'ring-c',
      70,
      ids('c', 6),
      { status: 'grown', joined: ids('c', 2, 5), previousSize: 4 },
      'false_positive',
    );
    const { alerts, suppressed } = evaluateAlerts([byCount, byShare, atShare], { ...RULES, fpGrowthPercent: 30 });
    expect(alerts.map((a) => [a.ringId, a.reAlert])).toEqual([
      ['ring-a', { growth: 3, referenceSize: 10, since: 'previous-run' }],
      ['ring-b', { growth: 1, referenceSize: 3, since: 'previous-run' }],
      ['ring-c', { growth: 2, referenceSize: 4, since: 'previous-run' }],
    ]);
    expect(suppressed).toEqual([]);
    // 50 % is "more than": 2 of 4 is exactly 50 % and stays suppressed.
    expect(evaluateAlerts([atShare], RULES).suppressed.map((s) => s.ringId)).toEqual(['ring-c']);
  });

  it('measures slow growth since the last alert, not since last night', () => {
    // One account a night for three nights: each night below the margin, together at it.
    const fp = ring(
      'ring-slow',
      70,
      ids('s', 8),
      { status: 'grown', joined: ['s8'], previousSize: 7 },
      'false_positive',
    );
    const { alerts } = evaluateAlerts([fp], RULES, new Map([['ring-slow', ids('s', 5)]]));
    expect(alerts[0]!.reAlert).toEqual({ growth: 3, referenceSize: 5, since: 'last-alert' });
  });

  it('other dispositions alert as usual; a false positive under the threshold is neither alerted nor listed', () => {
    const confirmed = ring(
      'ring-x',
      60,
      ids('x', 5),
      { status: 'grown', joined: ['x5'], previousSize: 4 },
      'confirmed_fraud',
    );
    const quiet = ring(
      'ring-q',
      40,
      ids('q', 5),
      { status: 'grown', joined: ['q5'], previousSize: 4 },
      'false_positive',
    );
    const r = evaluateAlerts([confirmed, quiet], RULES);
    expect(r.alerts.map((a) => [a.ringId, a.disposition])).toEqual([['ring-x', 'confirmed_fraud']]);
    expect(r.suppressed).toEqual([]);
  });
});

describe('duplicate-account pairs', () => {
  const pairOf = (members: string[], change: Partial<RingChangeEntry>, disposition: string | null = 'new') => ({
    ...ring('pair-0123456789ab', 70, members, change, disposition),
    kind: 'pair' as const,
  });

  it('a new pair alerts like a ring, says it is a pair, and so does the webhook payload', () => {
    const { alerts } = evaluateAlerts(
      [
        pairOf(['d1', 'd2'], { status: 'new', joined: ['d1', 'd2'], newcomers: ['d1', 'd2'], previousSize: 0 }),
        ring('ring-new', 60, ids('n', 3), { status: 'new', joined: ids('n', 3), newcomers: ids('n', 3) }),
      ],
      RULES,
    );
    expect(alerts.map((a) => [a.ringId, a.ringKind, a.kind, a.size])).toEqual([
      ['pair-0123456789ab', 'pair', 'new', 2],
      ['ring-new', 'ring', 'new', 3],
    ]);
    const payload = webhookPayload(
      {
        url: 'https://hooks.example/x',
        runId: 'nightly-2026-07-02',
        job: 'nightly',
        date: '2026-07-02',
        counts: {} as never,
        appUrl: 'https://ringlens.example',
        reportPath: 'reports/report.html',
        previous: null,
      },
      alerts.map((a) => ({ ...a, key: `nightly|2026-07-02|${a.ringId}`, date: '2026-07-02' })),
    );
    expect(payload.alerts.map((a) => [a.ringId, a.ringKind, a.url])).toEqual([
      ['pair-0123456789ab', 'pair', 'https://ringlens.example/#/rings/pair-0123456789ab'],
      ['ring-new', 'ring', 'https://ringlens.example/#/rings/ring-new'],
    ]);
  });

  it('a pair marked false_positive that gains no account stays suppressed, as a pair', () => {
    const r = evaluateAlerts(
      [
        pairOf(
          ['d1', 'd2', 'd3'],
          { status: 'grown', joined: ['d3'], newcomers: ['d3'], previousSize: 2 },
          'false_positive',
        ),
      ],
      { ...RULES, fpGrowthPercent: 60 },
    );
    expect(r.alerts).toEqual([]);
    expect(r.suppressed.map((s) => [s.ringId, s.ringKind, s.growth, s.referenceSize])).toEqual([
      ['pair-0123456789ab', 'pair', 1, 2],
    ]);
  });
});
