/**
 * The graph on screen as an immutable value: nodes and edges by stable id, the nodes the user hid, and how far each
 * expanded node's neighbour list has been loaded. Every change returns a new document, which is what the undo stack
 * keeps; the Cytoscape view is synchronised from it (cytoscape/graph-sync.ts), never the other way round.
 */
import type { Elements, GraphEdgeData, GraphNodeData } from '@contracts/investigate.ts';

export interface Expansion {
  /** Cursor for the next page of neighbours, or null when all have been loaded. */
  nextCursor: string | null;
  /** Neighbours matching the filter the expansion used, and how many of them are loaded. */
  matching: number;
  loaded: number;
  kinds: string[] | null;
  order: 'kind' | 'shared';
}

export interface GraphDoc {
  readonly nodes: ReadonlyMap<string, GraphNodeData>;
  readonly edges: ReadonlyMap<string, GraphEdgeData>;
  readonly hidden: ReadonlySet<string>;
  readonly expansions: ReadonlyMap<string, Expansion>;
}

export const EMPTY_DOC: GraphDoc = { nodes: new Map(), edges: new Map(), hidden: new Set(), expansions: new Map() };

export interface MergeResult {
  doc: GraphDoc;
  /** Ids of the nodes and edges that were not in the document before. */
  addedNodes: string[];
  addedEdges: string[];
}

function sameNode(a: GraphNodeData, b: GraphNodeData): boolean {
  return (Object.keys(b) as Array<keyof GraphNodeData>).every((k) => b[k] === undefined || a[k] === b[k]);
}

/**
 * Merges elements into a document without duplicates: an id already present is kept once (a node's data is refreshed
 * with any newer fields), an edge whose ends are not both present is dropped, and a node that arrives again is shown
 * again if it had been hidden. Returns the same document when nothing changes.
 */
export function mergeElements(doc: GraphDoc, elements: Elements): MergeResult {
  let nodes: Map<string, GraphNodeData> | undefined;
  let hidden: Set<string> | undefined;
  const addedNodes: string[] = [];
  const addedEdges: string[] = [];
  for (const { data } of elements.nodes) {
    const current = (nodes ?? doc.nodes).get(data.id);
    if (current && sameNode(current, data)) {
      if ((hidden ?? doc.hidden).has(data.id)) (hidden ??= new Set(doc.hidden)).delete(data.id);
      continue;
    }
    nodes ??= new Map(doc.nodes);
    nodes.set(data.id, current ? { ...current, ...definedFields(data) } : data);
    if (!current) addedNodes.push(data.id);
    if ((hidden ?? doc.hidden).has(data.id)) (hidden ??= new Set(doc.hidden)).delete(data.id);
  }
  const allNodes = nodes ?? doc.nodes;
  let edges: Map<string, GraphEdgeData> | undefined;
  for (const { data } of elements.edges) {
    if ((edges ?? doc.edges).has(data.id)) continue;
    if (!allNodes.has(data.source) || !allNodes.has(data.target)) continue;
    (edges ??= new Map(doc.edges)).set(data.id, data);
    addedEdges.push(data.id);
  }
  if (!nodes && !edges && !hidden) return { doc, addedNodes, addedEdges };
  return {
    doc: { ...doc, nodes: allNodes, edges: edges ?? doc.edges, hidden: hidden ?? doc.hidden },
    addedNodes,
    addedEdges,
  };
}

function definedFields(data: GraphNodeData): Partial<GraphNodeData> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as Partial<GraphNodeData>;
}

export function hideNodes(doc: GraphDoc, ids: Iterable<string>): GraphDoc {
  const hidden = new Set(doc.hidden);
  for (const id of ids) if (doc.nodes.has(id)) hidden.add(id);
  return hidden.size === doc.hidden.size ? doc : { ...doc, hidden };
}

export function showAll(doc: GraphDoc): GraphDoc {
  return doc.hidden.size === 0 ? doc : { ...doc, hidden: new Set() };
}

export function setExpansion(doc: GraphDoc, nodeId: string, expansion: Expansion): GraphDoc {
  const expansions = new Map(doc.expansions);
  expansions.set(nodeId, expansion);
  return { ...doc, expansions };
}

/** Node ids that are on screen (present and not hidden). */
export function visibleNodeIds(doc: GraphDoc): string[] {
  return [...doc.nodes.keys()].filter((id) => !doc.hidden.has(id));
}

/** What is on screen: visible nodes, edges between visible nodes, and how many nodes are hidden. */
export function docStats(doc: GraphDoc): { nodes: number; edges: number; hidden: number } {
  let edges = 0;
  for (const e of doc.edges.values()) if (!doc.hidden.has(e.source) && !doc.hidden.has(e.target)) edges++;
  return { nodes: doc.nodes.size - doc.hidden.size, edges, hidden: doc.hidden.size };
}

/** The accounts on screen that use an identifier (what grouping puts behind it). */
export function accountsUsing(doc: GraphDoc, identifierId: string): string[] {
  const out: string[] = [];
  for (const e of doc.edges.values()) {
    if (e.kind === 'uses' && e.target === identifierId && !doc.hidden.has(e.source)) out.push(e.source);
  }
  return out;
}
