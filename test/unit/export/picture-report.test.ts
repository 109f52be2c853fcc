/**
 * The evidence report's pictures and notes: drawn with the app's legend colours and shapes, at a saved view's
 * positions with its hidden nodes left out, under a title and over a legend of only the kinds shown; Markdown notes
 * rendered to safe HTML; the automatic layout deterministic and not a pile-up.
 */
import { describe, expect, it } from 'vitest';
import { KIND_STYLES, legendEntries } from '../../../contracts/kind-styles.ts';
import { isNodeKind } from '../../../contracts/vocabulary.ts';
import { markdownToHtml } from '../../../server/lib/markdown-html.ts';
import { forceLayout } from '../../../server/export/layout.ts';
import { drawPicture, toSvg } from '../../../server/export/picture.ts';
import { toHtmlReport } from '../../../server/export/report.ts';
import { collapseGroups, fadeOutsideWindow } from '../../../server/export/view-evidence.ts';
import type { RingEvidence } from '../../../server/export/ring-evidence.ts';

const CTX = { exportedBy: 'alice', exportedAt: '2026-12-02T05:00:00Z', ringlensVersion: 'test' };

function evidence(over: Partial<RingEvidence> = {}): RingEvidence {
  const members = ['a1', 'a2', 'a3', 'a4'];
  return {
    ring: {
      id: 'ring-1',
      kind: 'ring',
      score: 88,
      size: 4,
      status: 'open',
      change: 'new',
      flagged: true,
      reasons: ['share a device'],
      scoreBreakdown: null,
      firstSeenRun: 'run-1',
      lastSeenRun: 'run-1',
      members: members.map((id, i) => ({ id, label: i === 0 ? 'known_fraud' : 'unknown', createdAt: null })),
      history: [{ runId: 'run-1', size: 4 }],
    },
    run: null,
    nodes: [
      ...members.map((id, i) => ({
        id: `account:${id}`,
        kind: 'account',
        label: id,
        accountLabel: i === 0 ? 'known_fraud' : i === 1 ? 'legit' : 'unknown',
      })),
      { id: 'device:d1', kind: 'device', label: 'd1', sharers: 4, members: 4 },
      { id: 'phone:p1', kind: 'phone', label: '+44 20 7946 0000', sharers: 2, members: 2 },
      { id: 'address:x1', kind: 'address', label: '1 High St', sharers: 2, members: 2 },
    ],
    edges: [
      ...members.map((id) => ({
        id: `uses:${id}:d1`,
        source: `account:${id}`,
        target: 'device:d1',
        kind: 'uses' as const,
      })),
      { id: 'u-p1', source: 'account:a1', target: 'phone:p1', kind: 'uses' },
      { id: 'u-p2', source: 'account:a2', target: 'phone:p1', kind: 'uses' },
      { id: 'u-x1', source: 'account:a3', target: 'address:x1', kind: 'uses' },
      { id: 'u-x2', source: 'account:a4', target: 'address:x1', kind: 'uses' },
    ],
    identifiers: [],
    leftOut: [],
    annotations: [],
    views: [],
    moreViews: 0,
    ...over,
  };
}

/** `fill` of every drawn node shape, by the kind it is marked with. */
function fillsByKind(svg: string): Array<[string, string]> {
  return [...svg.matchAll(/<(?:circle|rect|polygon)[^>]*fill="(#[0-9A-Fa-f]{6})"[^>]*data-kind="([a-z]+)"/g)].map(
    (m) => [m[2]!, m[1]!],
  );
}

/** The part of the SVG inside `<g data-part="…">`. */
function part(svg: string, name: string): string {
  const start = svg.indexOf(`<g data-part="${name}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return svg.slice(start);
}

describe('report pictures use the app legend', () => {
  it('fills every node with the colour the app legend gives its kind', () => {
    const svg = toSvg(evidence());
    const fills = fillsByKind(svg);
    expect(new Set(fills.map(([k]) => k))).toEqual(new Set(['account', 'device', 'phone', 'address']));
    for (const [kind, fill] of fills) {
      expect(isNodeKind(kind)).toBe(true);
      expect(fill.toUpperCase()).toBe(KIND_STYLES[kind as keyof typeof KIND_STYLES].color.toUpperCase());
    }
  });

  it('draws a title above and a legend of only the kinds and marks shown, below the graph', () => {
    const svg = toSvg(evidence());
    const title = part(svg, 'title');
    expect(title).toContain('Ring ring-1');
    const legend = part(svg, 'legend');
    const shown = [...legend.matchAll(/data-legend="([a-z_]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(['account', 'device', 'phone', 'address', 'known_fraud', 'legit']);
    expect(legend).toContain(KIND_STYLES.phone.name);
    expect(legend).not.toContain(KIND_STYLES.email.name);
    // The legend sits under the graph: its first row starts below every node's centre.
    const legendTop = Number(/translate\([\d.]+ ([\d.]+)\)" data-legend="account"/.exec(legend)![1]);
    const graphBottom = Number(/y1="([\d.]+)"/.exec(svg.slice(svg.indexOf('</g><line x1="16"')))![1]);
    expect(legendTop).toBeGreaterThan(graphBottom);
    expect(legendEntries({ kinds: ['ip'], paid: true }).map((e) => e.id)).toEqual(['ip', 'paid']);
  });
});

describe('saved views in the report', () => {
  const view = {
    id: '7b0e2f3c-1111-4222-8333-944455556666',
    name: 'Shared device close-up',
    author: 'bob',
    at: '2026-12-01T10:00:00Z',
    title: 'Ring ring-1',
    nodes: evidence().nodes.filter((n) => n.id !== 'address:x1'),
    edges: evidence().edges.filter((x) => x.target !== 'address:x1'),
    positions: new Map([
      ['account:a1', { x: -120.5, y: 40 }],
      ['account:a2', { x: 130, y: 40 }],
      ['account:a3', { x: -120.5, y: 210.5 }],
      ['account:a4', { x: 130, y: 210.5 }],
      ['device:d1', { x: 5, y: 125 }],
      ['phone:p1', { x: 5, y: -60 }],
      ['address:x1', { x: 300, y: 300 }],
    ]),
    hidden: 1,
    gone: 0,
    window: null,
  };

  it('draws each view under its name with the nodes at their saved positions and hidden ones left out', () => {
    const html = toHtmlReport(evidence({ views: [view] }), CTX);
    expect(html).toContain('<h2>Saved views (1)</h2>');
    const figure = html.slice(html.indexOf(`data-view-id="${view.id}"`));
    expect(figure).toContain('Shared device close-up');
    expect(figure).toContain('saved by bob on 01 Dec 2026, 10:00 UTC');
    expect(figure).toContain('6 nodes, 1 hidden');
    const viewSvg = figure.slice(0, figure.indexOf('</svg>'));
    expect(viewSvg).toContain('<circle cx="-120.5" cy="40"');
    expect(viewSvg).toContain('<circle cx="130" cy="210.5"');
    expect(viewSvg).not.toContain('data-node="address:x1"');
    expect(fillsByKind(viewSvg).every(([k, fill]) => fill === KIND_STYLES[k as 'account'].color)).toBe(true);
  });

  it('lays the ring graph out as its newest saved view where it has positions', () => {
    const svg = toSvg(evidence({ views: [view] }));
    expect(svg).toContain('<circle cx="-120.5" cy="40"');
    expect(svg).toContain('Laid out as in the saved view “Shared device close-up”');
    expect(svg).toContain('data-node="address:x1"');
  });

  it('draws a collapsed group as one box at the centre of its accounts, with one summary edge per neighbour', () => {
    const positions = new Map(view.positions);
    const g = collapseGroups(
      { groups: [{ identifier: 'device:d1', members: ['account:a1', 'account:a2', 'account:a3'], collapsed: true }] },
      view.nodes,
      view.edges,
      positions,
    );
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['account:a4', 'device:d1', 'group:device:d1', 'phone:p1']);
    expect(positions.get('group:device:d1')).toEqual({ x: (-120.5 + 130) / 2, y: (40 + 210.5) / 2 });
    expect(g.nodes.find((n) => n.kind === 'group')).toMatchObject({ label: '3 accounts · d1', members: 3 });
    const meta = g.edges.filter((x) => x.kind === 'meta');
    expect(meta.map((x) => [x.source, x.target, (x as { count?: number }).count])).toEqual([
      ['device:d1', 'group:device:d1', 3],
      ['group:device:d1', 'phone:p1', 2],
    ]);
    const svg = drawPicture({ title: 'v', nodes: g.nodes, edges: g.edges, positions });
    expect(svg).toContain('data-kind="group"');
    expect(svg).not.toContain('data-node="account:a1"');
  });

  it('fades what lies outside the time window, as the app does', () => {
    const edges = [
      {
        source: 'account:a1',
        target: 'device:d1',
        kind: 'uses' as const,
        firstSeen: '2026-01-01T00:00:00Z',
        lastSeen: '2026-01-02T00:00:00Z',
      },
      {
        source: 'account:a2',
        target: 'device:d1',
        kind: 'uses' as const,
        firstSeen: '2026-06-01T00:00:00Z',
        lastSeen: '2026-06-02T00:00:00Z',
      },
    ];
    const nodes = ['account:a1', 'account:a2', 'device:d1'].map((id) => ({ id, kind: id.split(':')[0]!, label: id }));
    const window = { from: Date.parse('2026-05-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };
    const f = fadeOutsideWindow(window, nodes, edges);
    expect(f.edges.map((x) => Boolean(x.faded))).toEqual([true, false]);
    expect(f.nodes.filter((n) => n.faded).map((n) => n.id)).toEqual(['account:a1']);
    expect(drawPicture({ title: 'v', ...f })).toMatch(/data-node="account:a1" opacity="0.12"/);
    expect(fadeOutsideWindow(null, nodes, edges).edges).toBe(edges);
  });

  it('says so when there is none', () => {
    expect(toHtmlReport(evidence(), CTX)).toContain('No saved views.');
  });
});

describe('notes in the report', () => {
  const note = (body: string, format: 'text' | 'markdown') => ({
    id: `n-${format}`,
    targetType: 'ring' as const,
    targetId: 'ring-1',
    kind: 'note' as const,
    noteId: `n-${format}`,
    version: 1,
    body,
    format,
    tags: null,
    disposition: null,
    previousDisposition: null,
    assignee: null,
    author: 'alice',
    at: '2026-12-01T09:00:00Z',
    superseded: false,
    inheritedFrom: null,
    via: null,
  });

  it('renders Markdown notes to HTML with everything escaped first', () => {
    const html = toHtmlReport(
      evidence({
        annotations: [
          note('Shared **device** and <img src=x onerror=alert(1)> [x](javascript:alert(1))', 'markdown'),
          note('plain **stays** as typed', 'text'),
        ],
      }),
      CTX,
    );
    expect(html).toContain('<strong>device</strong>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('plain **stays** as typed');
  });

  it('keeps safe links and lists', () => {
    expect(markdownToHtml('- one\n- [two](https://example.com/a?b=1&c=2)')).toBe(
      '<ul><li>one</li><li><a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">two</a></li></ul>',
    );
    expect(markdownToHtml('# Title\n`<b>`')).toBe('<h4>Title</h4><p><code>&lt;b&gt;</code></p>');
  });
});

describe('automatic layout', () => {
  const g = evidence();
  const input = { nodes: g.nodes.map((n) => n.id), edges: g.edges };

  it('is deterministic and keeps nodes apart', () => {
    const a = forceLayout(input);
    const b = forceLayout({ nodes: [...input.nodes].reverse(), edges: [...input.edges].reverse() });
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    const ps = [...a.values()];
    for (let i = 0; i < ps.length; i++)
      for (let j = i + 1; j < ps.length; j++)
        expect(Math.hypot(ps[i]!.x - ps[j]!.x, ps[i]!.y - ps[j]!.y)).toBeGreaterThan(40);
  });

  it('keeps fixed nodes where they are', () => {
    const fixed = new Map([['device:d1', { x: 1000, y: -1000 }]]);
    expect(forceLayout({ ...input, fixed }).get('device:d1')).toEqual({ x: 1000, y: -1000 });
  });

  it('draws a lone node without a layout error', () => {
    expect(drawPicture({ title: 't', nodes: [{ id: 'account:x', kind: 'account', label: 'x' }], edges: [] })).toContain(
      'data-node="account:x"',
    );
  });
});
