/**
 * Machine-readable exports of a ring's evidence graph: Cytoscape.js elements JSON (re-importable into RingLens and
 * Cytoscape), CSV (nodes.csv, edges.csv) and GraphML (Gephi, Cytoscape desktop, networkx).
 */
import { csvCell } from '../../contracts/csv.ts';
import { escapeHtml } from '../lib/html.ts';
import type { EvidenceEdge, EvidenceNode, RingEvidence } from './ring-evidence.ts';

export function toCytoscapeJson(e: RingEvidence): string {
  const nodes = e.nodes.map((n) => ({ data: { ...n } }));
  const edges = e.edges.map((x) => ({ data: { ...x } }));
  return `${JSON.stringify({ format_version: '1.0', generated_by: 'RingLens', data: { ringId: e.ring.id, kind: e.ring.kind, score: e.ring.score }, elements: { nodes, edges } }, null, 2)}\n`;
}

const NODE_COLUMNS: Array<keyof EvidenceNode> = [
  'id',
  'kind',
  'label',
  'accountLabel',
  'createdAt',
  'sharers',
  'members',
];
const EDGE_COLUMNS: Array<keyof EvidenceEdge> = [
  'id',
  'source',
  'target',
  'kind',
  'count',
  'total',
  'currency',
  'firstSeen',
  'lastSeen',
];

export function toNodesCsv(e: RingEvidence): string {
  return (
    [NODE_COLUMNS.join(','), ...e.nodes.map((n) => NODE_COLUMNS.map((c) => csvCell(n[c])).join(','))].join('\n') + '\n'
  );
}

export function toEdgesCsv(e: RingEvidence): string {
  return (
    [EDGE_COLUMNS.join(','), ...e.edges.map((x) => EDGE_COLUMNS.map((c) => csvCell(x[c])).join(','))].join('\n') + '\n'
  );
}

const GRAPHML_KEYS: Array<{ id: string; for: 'graph' | 'node' | 'edge'; type: 'string' | 'int' | 'double' }> = [
  { id: 'ringKind', for: 'graph', type: 'string' },
  { id: 'score', for: 'graph', type: 'double' },
  { id: 'kind', for: 'node', type: 'string' },
  { id: 'label', for: 'node', type: 'string' },
  { id: 'accountLabel', for: 'node', type: 'string' },
  { id: 'createdAt', for: 'node', type: 'string' },
  { id: 'sharers', for: 'node', type: 'int' },
  { id: 'members', for: 'node', type: 'int' },
  { id: 'kind', for: 'edge', type: 'string' },
  { id: 'count', for: 'edge', type: 'int' },
  { id: 'total', for: 'edge', type: 'double' },
  { id: 'currency', for: 'edge', type: 'string' },
  { id: 'firstSeen', for: 'edge', type: 'string' },
  { id: 'lastSeen', for: 'edge', type: 'string' },
];

export function toGraphml(e: RingEvidence): string {
  const data = (scope: 'graph' | 'node' | 'edge', obj: object) =>
    GRAPHML_KEYS.filter((k) => k.for === scope)
      .map((k) => {
        const v = (obj as Record<string, unknown>)[k.id];
        return v === null || v === undefined ? '' : `<data key="${scope[0]}_${k.id}">${escapeHtml(String(v))}</data>`;
      })
      .join('');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...GRAPHML_KEYS.map(
      (k) => `  <key id="${k.for[0]}_${k.id}" for="${k.for}" attr.name="${k.id}" attr.type="${k.type}"/>`,
    ),
    `  <graph id="${escapeHtml(e.ring.id)}" edgedefault="directed">`,
    `    ${data('graph', { ringKind: e.ring.kind, score: e.ring.score })}`,
    ...e.nodes.map((n) => `    <node id="${escapeHtml(n.id)}">${data('node', n)}</node>`),
    ...e.edges.map(
      (x) =>
        `    <edge id="${escapeHtml(x.id)}" source="${escapeHtml(x.source)}" target="${escapeHtml(x.target)}">${data('edge', x)}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
  ];
  return `${lines.join('\n')}\n`;
}
