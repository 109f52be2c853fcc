/**
 * The investigator's graph actions, on top of the pure reducer: open a ring, open a search result, expand a node
 * safely (a super-node first asks how), show more, hide, pin, undo/redo. Network calls live here; every change to
 * the graph itself is a pure function handed to the reducer, so concurrent answers never overwrite each other.
 */
import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import type { Elements, GraphNodeData, NeighborsResponse } from '@contracts/investigate.ts';
import { getNeighbors, type NeighborsRequest } from '../api/get-neighbors.ts';
import { getSubgraph, MAX_SUBGRAPH_NODES } from '../api/get-subgraph.ts';
import {
  accountsUsing,
  EMPTY_DOC,
  hideNodes,
  mergeElements,
  setExpansion,
  showAll,
  type GraphDoc,
} from '../utils/graph-doc.ts';
import { GROUP_PREFIX } from '../cytoscape/graph-groups.ts';
import type { LayoutName } from '../cytoscape/graph-layout.ts';
import type { SavedViewState } from '@contracts/views.ts';
import { viewSettings } from '../utils/view-snapshot.ts';
import { currentDoc, graphReducer, initialGraphState, type GraphState } from '../utils/graph-state.ts';

export const EXPAND_DEFAULTS = {
  /** Neighbours fetched per expansion or "show more". */
  pageSize: 50,
  /** More neighbours than this and the user is asked first. */
  superNodeThreshold: 50,
};

/** A super-node waiting for the user to choose how to expand it. */
export interface SuperNodePrompt {
  node: GraphNodeData;
  total: number;
  countsByKind: NeighborsResponse['countsByKind'];
}

export interface ExpandOptions {
  order?: 'kind' | 'shared';
  kinds?: string[] | null;
  limit?: number;
  /** Expand even when the node is a super-node (the user already chose). */
  confirmed?: boolean;
  /** Continue a previous expansion ("show more"). */
  cursor?: string | null;
}

function mergeAll(doc: GraphDoc, ...parts: Elements[]): GraphDoc {
  return parts.reduce((d, p) => mergeElements(d, p).doc, doc);
}

export function useGraphController() {
  const [state, dispatch] = useReducer(graphReducer, undefined, initialGraphState);
  const [prompt, setPrompt] = useState<SuperNodePrompt | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The latest state for async callbacks (the reducer stays the only writer).
  const stateRef = useRef<GraphState>(state);
  stateRef.current = state;

  const run = useCallback(async (what: string, work: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await work();
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }, []);

  /** Edges between what is on screen and what just arrived (an expansion shows how new nodes tie into the rest). */
  const crossLinks = useCallback(async (doc: GraphDoc, fresh: Elements): Promise<Elements> => {
    const ids = new Set([...doc.nodes.keys(), ...fresh.nodes.map((n) => n.data.id)]);
    if (ids.size > MAX_SUBGRAPH_NODES) return { nodes: [], edges: [] };
    const sub = await getSubgraph([...ids]);
    // Only edges: nodes the subgraph knows are already on screen or in `fresh`.
    return { nodes: [], edges: sub.edges };
  }, []);

  const addNeighbors = useCallback(
    async (nodeId: string, res: NeighborsResponse, opts: ExpandOptions) => {
      const base = currentDoc(stateRef.current);
      const page: Elements = { nodes: [{ data: res.center }, ...res.nodes], edges: res.edges };
      const links = await crossLinks(base, page);
      const loaded = res.offset + res.returned;
      dispatch({
        type: 'apply',
        label: `${opts.cursor ? 'Show more of' : 'Expand'} ${res.center.label}`,
        anchor: nodeId,
        update: (doc) =>
          setExpansion(mergeAll(doc, page, links), nodeId, {
            nextCursor: res.nextCursor,
            matching: res.matching,
            loaded,
            kinds: opts.kinds ?? null,
            order: opts.order ?? 'kind',
          }),
      });
    },
    [crossLinks],
  );

  const expand = useCallback(
    (nodeId: string, opts: ExpandOptions = {}) =>
      run('Loading neighbours…', async () => {
        const req: NeighborsRequest = {
          limit: opts.limit ?? EXPAND_DEFAULTS.pageSize,
          order: opts.order ?? 'kind',
          kinds: opts.kinds ?? null,
          cursor: opts.cursor ?? null,
          threshold: EXPAND_DEFAULTS.superNodeThreshold,
        };
        const res = await getNeighbors(nodeId, req);
        if (res.superNode && !opts.confirmed && !opts.cursor) {
          // Make sure the node itself is on screen, then ask.
          dispatch({
            type: 'apply',
            label: `Open ${res.center.label}`,
            update: (doc) => mergeElements(doc, { nodes: [{ data: res.center }], edges: [] }).doc,
          });
          setPrompt({ node: res.center, total: res.total, countsByKind: res.countsByKind });
          return;
        }
        setPrompt(null);
        await addNeighbors(nodeId, res, opts);
      }),
    [run, addNeighbors],
  );

  const showMore = useCallback(
    (nodeId: string) => {
      const exp = currentDoc(stateRef.current).expansions.get(nodeId);
      if (!exp?.nextCursor) return Promise.resolve();
      return expand(nodeId, { cursor: exp.nextCursor, order: exp.order, kinds: exp.kinds, confirmed: true });
    },
    [expand],
  );

  /**
   * Which canvas was asked for last (a ring, a node opened fresh): an answer for an earlier one that arrives late is
   * dropped, so quickly opening one ring after another never ends on the first.
   */
  const opened = useRef(0);

  /** Starts a new investigation from a ring: its members and evidence identifiers, and the links among them. */
  const openRing = useCallback(
    (ringId: string, nodeIds: string[]) => {
      const ticket = ++opened.current;
      return run('Drawing the ring…', async () => {
        const sub = await getSubgraph(nodeIds);
        if (ticket !== opened.current) return;
        const doc = mergeElements(EMPTY_DOC, sub).doc;
        dispatch({ type: 'reset', doc, label: `Open ring ${ringId}`, title: `Ring ${ringId}` });
        setPrompt(null);
      });
    },
    [run],
  );

  /**
   * Reopens a saved view: its nodes read afresh (what is true now; nodes gone since are left out), drawn where they
   * were, with what was hidden, pinned and grouped, the time window and the layout.
   */
  const openView = useCallback(
    (view: SavedViewState, title: string) => {
      const ticket = ++opened.current;
      return run('Opening the saved view…', async () => {
        const sub = await getSubgraph(view.nodes.map((n) => n.id));
        if (ticket !== opened.current) return;
        const doc = hideNodes(mergeElements(EMPTY_DOC, sub).doc, view.hidden);
        dispatch({ type: 'reset', doc, label: `Open view ${title}`, title, view: viewSettings(view) });
        setPrompt(null);
      });
    },
    [run],
  );

  /**
   * Opens a node: its neighbourhood (unless it is a super-node, which asks first), selected and centred. `fresh`
   * starts a canvas of its own under `title` (a deep link, a search result); otherwise it joins the current one.
   */
  const openNode = useCallback(
    async (id: string, opts: { fresh?: boolean; title?: string } = {}) => {
      if (opts.fresh) {
        ++opened.current;
        dispatch({ type: 'reset', doc: EMPTY_DOC, label: `Open ${opts.title ?? id}`, title: opts.title ?? id });
        setPrompt(null);
      }
      await expand(id);
      dispatch({ type: 'select', id, focus: true });
    },
    [expand],
  );

  const addElements = useCallback((elements: Elements, label: string) => {
    dispatch({ type: 'apply', label, update: (doc) => mergeElements(doc, elements).doc });
  }, []);

  const hide = useCallback((ids: string[]) => {
    if (ids.length === 0) return;
    dispatch({
      type: 'apply',
      label: `Hide ${ids.length === 1 ? ids[0] : `${ids.length} nodes`}`,
      update: (doc) => hideNodes(doc, ids),
    });
  }, []);

  /** Groups the accounts behind an identifier into one node, or ungroups them. */
  const toggleGrouping = useCallback((identifier: string) => {
    const state = stateRef.current;
    if (state.groups.has(identifier)) {
      dispatch({ type: 'ungroup', identifier });
      return;
    }
    const members = accountsUsing(currentDoc(state), identifier);
    if (members.length < 2) return;
    dispatch({ type: 'group', group: { identifier, members, collapsed: true } });
  }, []);

  /** Collapses an expanded group or expands a collapsed one (double-click on it). */
  const toggleGroupCollapsed = useCallback((groupNodeId: string) => {
    const identifier = groupNodeId.slice(GROUP_PREFIX.length);
    const g = stateRef.current.groups.get(identifier);
    if (g) dispatch({ type: 'group', group: { ...g, collapsed: !g.collapsed } });
  }, []);

  const actions = useMemo(
    () => ({
      toggleGrouping,
      toggleGroupCollapsed,
      expand,
      showMore,
      openRing,
      openView,
      openNode,
      addElements,
      hide,
      showAll: () => dispatch({ type: 'apply', label: 'Show hidden nodes', update: showAll }),
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      select: (id: string | null, focus = false) => dispatch({ type: 'select', id, focus }),
      setSelection: (ids: string[]) => dispatch({ type: 'selection', ids }),
      pin: (ids: string[], pinned: boolean) => dispatch({ type: 'pin', ids, pinned }),
      setWindow: (window: GraphState['window']) => dispatch({ type: 'window', window }),
      setHighlight: (highlight: GraphState['highlight']) => dispatch({ type: 'highlight', highlight }),
      setLayout: (layout: LayoutName) => dispatch({ type: 'layout', layout }),
      dismissPrompt: () => setPrompt(null),
      dismissError: () => setError(null),
      run,
    }),
    [expand, showMore, openRing, openView, openNode, addElements, hide, run, toggleGrouping, toggleGroupCollapsed],
  );

  return { state, prompt, busy, error, actions };
}

export type GraphController = ReturnType<typeof useGraphController>;
