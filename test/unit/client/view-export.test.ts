import { describe, expect, it } from 'vitest';
import {
  viewEdgesCsv,
  viewFileStem,
  viewNodesCsv,
  viewToCytoscapeJson,
} from '../../../client/src/features/export/utils/view-export.ts';

const nodes = [
  {
    group: 'nodes' as const,
    data: { id: 'account:a1', kind: 'account', key: 'a1', label: 'a1', accountLabel: 'known_fraud', sharers: null },
    position: { x: 10.123, y: -4 },
    classes: 'pinned',
  },
  {
    group: 'nodes' as const,
    data: { id: 'email:=cmd', kind: 'email', key: '=cmd|x', label: 'Say "hi", ok', accountLabel: null, sharers: 2 },
    position: { x: 0, y: 0 },
  },
];
const edges = [
  {
    group: 'edges' as const,
    data: { id: 'e1', source: 'account:a1', target: 'email:=cmd', kind: 'uses', label: 'email', count: 3 },
  },
];

describe('current-view exports', () => {
  it('writes Cytoscape JSON in the envelope the server uses, elements as drawn', () => {
    const doc = JSON.parse(viewToCytoscapeJson({ nodes, edges }, { view: 'Ring ring-1', exportedAt: 'T' }));
    expect(doc).toMatchObject({ format_version: '1.0', generated_by: 'RingLens', data: { view: 'Ring ring-1' } });
    expect(doc.elements.nodes).toEqual(nodes);
    expect(doc.elements.edges).toEqual(edges);
  });

  it('writes node and edge CSV with quoting and without spreadsheet formulas', () => {
    expect(viewNodesCsv(nodes).split('\n')).toEqual([
      'id,kind,key,label,accountLabel,sharers,x,y',
      'account:a1,account,a1,a1,known_fraud,,10.1,-4',
      `email:=cmd,email,'=cmd|x,"Say ""hi"", ok",,2,0,0`,
      '',
    ]);
    expect(viewEdgesCsv(edges)).toBe(
      'id,source,target,kind,label,count,total,currency,firstSeen,lastSeen\ne1,account:a1,email:=cmd,uses,email,3,,,,\n',
    );
  });

  it('names files after the view', () => {
    expect(viewFileStem('Ring ring-1a2b3c')).toBe('ring-1a2b3c-view');
    expect(viewFileStem('Search: J.Doe@x')).toBe('search-j.doe-x-view');
    expect(viewFileStem(null)).toBe('graph-view');
    expect(viewFileStem('***')).toBe('graph-view');
  });
});
