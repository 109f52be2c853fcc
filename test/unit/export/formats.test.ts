import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../../contracts/csv.ts';
import { toCytoscapeJson, toEdgesCsv, toGraphml, toNodesCsv } from '../../../server/export/formats.ts';
import type { RingEvidence } from '../../../server/export/ring-evidence.ts';

const evidence = {
  ring: {
    id: 'ring-7',
    kind: 'pair' as const,
    score: 91,
    size: 2,
    status: 'open',
    change: 'new',
    flagged: true,
    reasons: ['share a device'],
    scoreBreakdown: [{ reason: 'share a device', points: 91 }],
    firstSeenRun: 'run-1',
    lastSeenRun: 'run-1',
    members: [
      { id: 'acc-1', label: 'known_fraud', createdAt: '2026-03-01T00:00:00Z' },
      { id: '=HYPERLINK("x")', label: 'unknown', createdAt: null },
    ],
    history: [{ runId: 'run-1', size: 2 }],
  },
  run: { id: 'run-1', params: {} },
  nodes: [
    {
      id: 'account:acc-1',
      kind: 'account',
      label: 'acc-1',
      accountLabel: 'known_fraud',
      createdAt: '2026-03-01T00:00:00Z',
    },
    {
      id: 'account:=HYPERLINK("x")',
      kind: 'account',
      label: '=HYPERLINK("x")',
      accountLabel: 'unknown',
      createdAt: null,
    },
    { id: 'address:1 o\'brien & <co>, "x"', kind: 'address', label: '1 O\'Brien & <Co>, "x"', sharers: 3, members: 2 },
  ],
  edges: [
    {
      id: 'uses:acc-1:address',
      source: 'account:acc-1',
      target: 'address:1 o\'brien & <co>, "x"',
      kind: 'uses',
      count: 2,
      firstSeen: '2026-03-01T00:00:00Z',
      lastSeen: null,
    },
    {
      id: 'paid:acc-1:2:USD',
      source: 'account:acc-1',
      target: 'account:=HYPERLINK("x")',
      kind: 'paid',
      count: 1,
      total: 120.5,
      currency: 'USD',
    },
  ],
  identifiers: [],
  leftOut: [],
  annotations: [],
  views: [],
  moreViews: 0,
} satisfies RingEvidence;

describe('export formats', () => {
  it('Cytoscape JSON: the elements as they are, with the ring id and score', () => {
    const text = toCytoscapeJson(evidence);
    expect(text.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({
      format_version: '1.0',
      generated_by: 'RingLens',
      data: { ringId: 'ring-7', score: 91 },
    });
    expect(doc.elements.nodes.map((n: { data: unknown }) => n.data)).toEqual(evidence.nodes);
    expect(doc.elements.edges.map((e: { data: unknown }) => e.data)).toEqual(evidence.edges);
  });

  it('csvCell quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect([csvCell(null), csvCell(undefined), csvCell(0), csvCell('plain')]).toEqual(['', '', '0', 'plain']);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const lead of ['=', '+', '-', '@']) expect(csvCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('nodes.csv and edges.csv: a header, one row per element, read back to the same values', () => {
    const nodes = parse(toNodesCsv(evidence), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(nodes[0]!)).toEqual(['id', 'kind', 'label', 'accountLabel', 'createdAt', 'sharers', 'members']);
    expect(nodes.map((n) => n.label)).toEqual(['acc-1', `'=HYPERLINK("x")`, '1 O\'Brien & <Co>, "x"']);
    expect(nodes[2]).toMatchObject({ kind: 'address', accountLabel: '', sharers: '3', members: '2' });
    const edges = parse(toEdgesCsv(evidence), { columns: true }) as Array<Record<string, string>>;
    expect(toEdgesCsv(evidence).split('\n')[0]).toBe('id,source,target,kind,count,total,currency,firstSeen,lastSeen');
    expect(edges.map((e) => [e.kind, e.count, e.total, e.currency, e.lastSeen])).toEqual([
      ['uses', '2', '', '', ''],
      ['paid', '1', '120.5', 'USD', ''],
    ]);
  });

  it('GraphML: typed keys, every node and edge, escaped text, no data element for missing values', () => {
    const xml = toGraphml(evidence);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<graphml ')).toBe(true);
    expect(xml).toContain('<key id="n_sharers" for="node" attr.name="sharers" attr.type="int"/>');
    expect(xml).toContain('<key id="e_total" for="edge" attr.name="total" attr.type="double"/>');
    expect(xml).toContain('<graph id="ring-7" edgedefault="directed">');
    // Which kind of finding the graph is (a duplicate-account pair here), as graph-level data.
    expect(xml).toContain('<key id="g_ringKind" for="graph" attr.name="ringKind" attr.type="string"/>');
    expect(xml).toContain('<data key="g_ringKind">pair</data>');
    expect(xml.match(/<node /g)).toHaveLength(3);
    expect(xml.match(/<edge /g)).toHaveLength(2);
    expect(xml).toContain(
      '<node id="address:1 o&#39;brien &amp; &lt;co&gt;, &quot;x&quot;"><data key="n_kind">address</data><data key="n_label">1 O&#39;Brien &amp; &lt;Co&gt;, &quot;x&quot;</data><data key="n_sharers">3</data><data key="n_members">2</data></node>',
    );
    expect(xml).not.toContain('<Co>');
    // createdAt null on the second account, lastSeen null on the first edge: left out, not written empty
    expect(xml).toMatch(
      /<node id="account:=HYPERLINK\(&quot;x&quot;\)"><data key="n_kind">account<\/data><data key="n_label">[^<]*<\/data><data key="n_accountLabel">unknown<\/data><\/node>/,
    );
    expect(xml).not.toContain('<data key="e_lastSeen"></data>');
    expect(xml.endsWith('</graphml>\n')).toBe(true);
  });
});
