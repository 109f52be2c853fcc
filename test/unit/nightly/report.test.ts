import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../server/nightly/alerts.ts';
import { compareWithBaseline } from '../../../server/nightly/changes.ts';
import { renderHtml } from '../../../server/nightly/report-html.ts';
import { renderMarkdown } from '../../../server/nightly/report-markdown.ts';
import { buildReport, ringUrl, type ReportInput } from '../../../server/nightly/report.ts';

const rings = [
  { id: 'ring-b', score: 70, flagged: true, members: ['b1', 'b2', 'b3', 'b4'], reasons: ['4 accounts use card pm_1'] },
  {
    id: 'ring-a',
    score: 90,
    flagged: true,
    members: ['a1', 'a2', 'a3'],
    reasons: ['Shares <script>alert(1)</script> | pipes'],
  },
  { id: 'ring-c', score: 30, flagged: false, members: ['c1', 'c2', 'c3'], reasons: [] },
];
const baseline = [
  { id: 'ring-b', members: ['b1', 'b2', 'b3'] },
  { id: 'ring-c', members: ['c1', 'c2', 'c3'] },
  { id: 'ring-gone', members: ['g1', 'g2', 'g3'] },
];
const alert = (ringId: string, kind: Alert['kind'], score: number, joined: string[]): Alert => ({
  ringId,
  ringKind: 'ring',
  kind,
  score,
  size: 3,
  joined,
  members: joined,
  reasons: ['Shares <script>alert(1)</script> | pipes'],
  disposition: 'new',
});

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    job: 'nightly',
    date: '2026-07-02',
    runId: 'nightly-2026-07-02',
    params: {
      inputs: ['drop/'],
      alertThreshold: 50,
      fpGrowthPercent: 50,
      fpGrowthAccounts: 3,
      alertExitCode: 3,
      skipInvalid: false,
      appUrl: 'https://ringlens.example/',
    },
    baseline: { source: 'nightly', runId: 'nightly-2026-07-01', date: '2026-07-01', detectionRunId: 'run-1', rings: 3 },
    files: [
      { name: 'links-2.csv', sha256: 'f'.repeat(64), rows: 10, rejected: 1, loaded: 'this-run' },
      { name: 'accounts-2.csv', sha256: 'e'.repeat(64), rows: 5, rejected: 0, loaded: 'earlier' },
    ],
    rings,
    changes: compareWithBaseline(baseline, rings, 0.5),
    dispositions: new Map([['ring-a', 'under_review']]),
    alerts: [alert('ring-b', 'grown', 70, ['b4']), alert('ring-a', 'new', 90, ['a1', 'a2', 'a3'])],
    suppressed: [],
    history: [
      { date: '2026-06-30', rings: 1, flagged: 1, alerts: 0 },
      { date: '2026-07-01', rings: 2, flagged: 2, alerts: 1 },
      { date: '2026-07-05', rings: 9, flagged: 9, alerts: 9 }, // a later night: not part of this report
    ],
    historyRuns: 30,
    topRings: 10,
    webhook: { status: 'not-configured', target: null, attempts: 0, alerts: 0 },
    meta: {
      generatedAt: '2026-07-02T02:00:00Z',
      startedAt: '2026-07-02T01:00:00Z',
      attemptStartedAt: '2026-07-02T01:00:00Z',
      attempt: 1,
      detectionRunId: 'run-2',
      host: 'h',
      timingsMs: { total: 1 },
    },
    ...over,
  };
}

describe('buildReport', () => {
  it('lists every change, alert and file in a stable order with links into the web app', () => {
    const r = buildReport(input());
    expect(r.schemaVersion).toBe(1);
    expect(r.alerts.map((a) => [a.ringId, a.url])).toEqual([
      ['ring-a', 'https://ringlens.example/#/rings/ring-a'],
      ['ring-b', 'https://ringlens.example/#/rings/ring-b'],
    ]);
    expect(r.changes.new.map((x) => x.ringId)).toEqual(['ring-a']);
    expect(r.changes.grown.map((x) => [x.ringId, x.joined])).toEqual([['ring-b', ['b4']]]);
    expect(r.changes.dissolved).toEqual([{ ringId: 'ring-gone', members: ['g1', 'g2', 'g3'] }]);
    expect(r.counts).toEqual({
      rings: 3,
      pairs: 0,
      flagged: 2,
      new: 1,
      grown: 1,
      shrunk: 0,
      changed: 0,
      unchanged: 1,
      merged: 0,
      split: 0,
      dissolved: 1,
      alerts: 2,
      suppressed: 0,
    });
    expect(r.topRings.map((t) => [t.ringId, t.change, t.disposition])).toEqual([
      ['ring-a', 'new', 'under_review'],
      ['ring-b', 'grown', null],
    ]);
    expect(r.input).toMatchObject({ rows: 15, rejected: 1 });
    expect(r.input.files.map((f) => f.name)).toEqual(['accounts-2.csv', 'links-2.csv']);
    expect(r.history.map((h) => [h.date, h.flagged])).toEqual([
      ['2026-06-30', 1],
      ['2026-07-01', 2],
      ['2026-07-02', 2],
    ]);
  });

  it('is the same whatever order its inputs arrive in, apart from meta', () => {
    const a = buildReport(input());
    const b = buildReport(
      input({
        alerts: [...input().alerts].reverse(),
        files: [...input().files].reverse(),
        history: [...input().history].reverse(),
        meta: { ...input().meta, generatedAt: 'later', attempt: 2, detectionRunId: 'run-3' },
      }),
    );
    expect({ ...b, meta: undefined }).toEqual({ ...a, meta: undefined });
  });

  it('keeps the last 30 runs, this one included', () => {
    const history = Array.from({ length: 40 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 4, 1 + i)).toISOString().slice(0, 10),
      rings: i,
      flagged: i,
      alerts: 0,
    }));
    const r = buildReport(input({ history }));
    expect(r.history).toHaveLength(30);
    expect(r.history.at(-1)!.date).toBe('2026-07-02');
    expect(r.history[0]!.date).toBe(history[11]!.date);
  });

  it('ringUrl encodes the id and tolerates a trailing slash', () => {
    expect(ringUrl('http://127.0.0.1:8080/', 'ring-1')).toBe('http://127.0.0.1:8080/#/rings/ring-1');
  });
});

describe('renderMarkdown', () => {
  it('leads with the alerts, their reasons and links, and escapes table cells', () => {
    const md = renderMarkdown(buildReport(input()));
    expect(md).toMatch(/^# RingLens nightly report — 2026-07-02\n/);
    expect(md).toContain('**2 alerts**');
    expect(md).toContain('### 1. [ring-a](https://ringlens.example/#/rings/ring-a) — new ring, score 90, 3 accounts');
    expect(md).toContain('3 rings and 0 duplicate-account pairs reported, 2 flagged');
    expect(md).toContain('- Shares \\<script\\>alert(1)\\</script\\> \\| pipes');
    expect(md).toContain('Shares \\<script\\>alert(1)\\</script\\> \\| pipes |'); // top-rings table cell
    expect(md).toContain('compared with the nightly run of 2026-07-01');
    expect(md.indexOf('## Alerts')).toBeLessThan(md.indexOf('## Changes since the previous run'));
    expect(md).toContain('| dissolved | `ring-gone` | 3 accounts |');
  });

  it('escapes every value that came from data: no raw HTML, no breaking out of code spans or lists', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const md = renderMarkdown(
      buildReport(
        input({
          alerts: [
            {
              ...alert('ring-a', 'new', 90, ['a1', 'x`<b>y</b>`', 'z|w']),
              reasons: [`# ${evil} **bold** [link](javascript:alert(1))`, '- nested\n\n<script>x</script>'],
            },
          ],
          files: [{ name: `${evil}.csv`, sha256: 'f'.repeat(64), rows: 1, rejected: 0, loaded: 'this-run' }],
          webhook: { status: 'failed', target: 'https://hooks.example', attempts: 1, alerts: 1, error: evil },
        }),
      ),
    );
    // Every < in the document is escaped, so no HTML tag reaches a Markdown renderer.
    expect(md).not.toMatch(/(?<!\\)</);
    expect(md).toContain('- \\# \\<img src=x onerror=alert(1)\\> \\*\\*bold\\*\\* \\[link\\](javascript:alert(1))');
    expect(md).toContain('- \\- nested \\<script\\>x\\</script\\>');
    // An id with a backtick cannot close its code span; plain ids stay code.
    expect(md).toContain('`a1`, x\\`\\<b\\>y\\</b\\>\\`, z\\|w');
    expect(md).toContain('| \\<img src=x onerror=alert(1)\\>.csv | 1 |');
  });

  it('says loudly when the webhook failed', () => {
    const md = renderMarkdown(
      buildReport(
        input({
          webhook: { status: 'failed', target: 'https://hooks.example', attempts: 3, alerts: 2, error: 'HTTP 503' },
        }),
      ),
    );
    expect(md).toContain('**FAILED** after 3 attempts to https://hooks.example: HTTP 503');
  });
});

describe('renderHtml', () => {
  it('is one self-contained page: inline style and SVG, no script, no external resource, text escaped', () => {
    const html = renderHtml(buildReport(input()));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/);
    expect(html).toContain('Shares &lt;script&gt;alert(1)&lt;/script&gt; | pipes');
    expect(html).toContain('<a href="https://ringlens.example/#/rings/ring-a"><code>ring-a</code></a>');
    expect(html.match(/<rect class="bar"/g)).toHaveLength(3);
  });
});

describe('duplicate-account pairs in the report', () => {
  const pair = {
    id: 'pair-0123456789ab',
    kind: 'pair' as const,
    score: 80,
    flagged: true,
    members: ['d1', 'd2'],
    reasons: ['2 accounts use card pm_9'],
  };
  const withPair = () => {
    const all = [...rings, pair];
    return input({
      rings: all,
      changes: compareWithBaseline(baseline, all, 0.5),
      alerts: [
        ...input().alerts,
        { ...alert('pair-0123456789ab', 'new', 80, ['d1', 'd2']), ringKind: 'pair', size: 2 },
      ],
    });
  };

  it('counts pairs apart from rings and marks every entry of a pair as one', () => {
    const r = buildReport(withPair());
    expect(r.counts).toMatchObject({ rings: 3, pairs: 1, flagged: 3, new: 2, alerts: 3 });
    expect(r.changes.new.map((x) => [x.ringId, x.ringKind])).toEqual([
      ['ring-a', 'ring'],
      ['pair-0123456789ab', 'pair'],
    ]);
    expect(r.topRings.map((t) => [t.ringId, t.ringKind])).toEqual([
      ['ring-a', 'ring'],
      ['pair-0123456789ab', 'pair'],
      ['ring-b', 'ring'],
    ]);
    expect(r.alerts.find((a) => a.ringId === pair.id)).toMatchObject({ ringKind: 'pair', kind: 'new', size: 2 });
  });

  it('report.md and report.html say "new duplicate-account pair" and mark pairs in the tables', () => {
    const report = buildReport(withPair());
    const md = renderMarkdown(report);
    expect(md).toContain(
      '### 2. [pair-0123456789ab](https://ringlens.example/#/rings/pair-0123456789ab) — new duplicate-account pair, score 80, 2 accounts',
    );
    expect(md).toContain('3 rings and 1 duplicate-account pair reported, 3 flagged');
    expect(md).toContain('| [pair-0123456789ab](https://ringlens.example/#/rings/pair-0123456789ab) (pair) | 80 | 2 |');
    const html = renderHtml(report);
    expect(html).toContain('— new duplicate-account pair, score 80, 2 accounts');
    expect(html).toContain('<code>pair-0123456789ab</code></a> (pair)</td>');
  });
});
