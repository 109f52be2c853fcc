/**
 * Everything the graph view shows, and the pure reducer that changes it. Expansions and hides go through the undo
 * stack (each entry a whole GraphDoc plus what to call it); selection, pins, the time window and path highlighting are
 * view settings outside the history, since undoing a click on a node would surprise anyone.
 */
import type { Group } from '../cytoscape/graph-groups.ts';
import type { LayoutName } from '../cytoscape/graph-layout.ts';
import type { Highlight } from '../cytoscape/graph-sync.ts';
import { EMPTY_DOC, type GraphDoc } from './graph-doc.ts';
import type { TimeWindow } from '@contracts/time-window.ts';
import { createUndoStack, push, redo, undo, type UndoStack } from './undo-stack.ts';

export interface HistoryEntry {
  doc: GraphDoc;
  /** What produced this state, e.g. "Expand device:fp-1" (shown on the undo/redo buttons). */
  label: string;
  /** The node new elements grew from: where they start before layout. */
  anchor?: string;
}

export interface GraphState {
  history: UndoStack<HistoryEntry>;
  /** What the graph is about (a ring id, a search), shown above it. */
  title: string | null;
  selected: string | null;
  /** Bumped when a selection should also centre the view on the node (search, links in panels). */
  focus: { id: string; n: number } | null;
  selection: string[];
  pinned: ReadonlySet<string>;
  window: TimeWindow | null;
  highlight: Highlight | null;
  /** Accounts grouped behind a shared identifier (a view setting, like pins), by identifier node id. */
  groups: ReadonlyMap<string, Group>;
  layout: LayoutName;
  /** Bumped when the user asks for the layout to run again (a new layout choice). */
  layoutRun: number;
  /** Where nodes go when they are drawn (a reopened saved view); others are laid out. */
  positions: ReadonlyMap<string, { x: number; y: number }> | null;
}

/** A canvas to start from: a ring, a node, or a saved view with its settings. */
export type ResetView = Partial<Pick<GraphState, 'pinned' | 'window' | 'groups' | 'layout' | 'positions'>>;

export type GraphAction =
  | { type: 'reset'; doc: GraphDoc; label: string; title: string | null; view?: ResetView }
  | { type: 'layout'; layout: LayoutName }
  | { type: 'apply'; update: (doc: GraphDoc) => GraphDoc; label: string; anchor?: string }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; id: string | null; focus?: boolean }
  | { type: 'selection'; ids: string[] }
  | { type: 'pin'; ids: string[]; pinned: boolean }
  | { type: 'window'; window: TimeWindow | null }
  | { type: 'highlight'; highlight: Highlight | null }
  | { type: 'group'; group: Group }
  | { type: 'ungroup'; identifier: string };

export function initialGraphState(): GraphState {
  return {
    history: createUndoStack<HistoryEntry>({ doc: EMPTY_DOC, label: 'Empty graph' }),
    title: null,
    selected: null,
    focus: null,
    selection: [],
    pinned: new Set(),
    window: null,
    highlight: null,
    groups: new Map(),
    layout: 'force',
    layoutRun: 0,
    positions: null,
  };
}

export function currentDoc(state: GraphState): GraphDoc {
  return state.history.present.doc;
}

/** The selected node, dropped when it is no longer on screen. */
function keepSelection(state: GraphState): GraphState {
  const doc = currentDoc(state);
  const visible = (id: string) => doc.nodes.has(id) && !doc.hidden.has(id);
  const selected = state.selected !== null && visible(state.selected) ? state.selected : null;
  const selection = state.selection.filter(visible);
  return selected === state.selected && selection.length === state.selection.length
    ? state
    : { ...state, selected, selection };
}

export function graphReducer(state: GraphState, action: GraphAction): GraphState {
  switch (action.type) {
    case 'reset':
      return {
        ...initialGraphState(),
        // The layout is the user's choice: it stays from canvas to canvas unless a saved view brings its own.
        layout: state.layout,
        layoutRun: state.layoutRun,
        ...action.view,
        history: createUndoStack<HistoryEntry>({ doc: action.doc, label: action.label }),
        title: action.title,
      };
    case 'layout':
      return { ...state, layout: action.layout, layoutRun: state.layoutRun + 1 };
    case 'apply': {
      const doc = action.update(currentDoc(state));
      if (doc === currentDoc(state)) return state;
      return keepSelection({
        ...state,
        history: push(state.history, { doc, label: action.label, anchor: action.anchor }),
      });
    }
    case 'undo':
      return keepSelection({ ...state, history: undo(state.history) });
    case 'redo':
      return keepSelection({ ...state, history: redo(state.history) });
    case 'select':
      return {
        ...state,
        selected: action.id,
        focus: action.focus && action.id !== null ? { id: action.id, n: (state.focus?.n ?? 0) + 1 } : state.focus,
      };
    case 'selection':
      return { ...state, selection: action.ids };
    case 'pin': {
      const pinned = new Set(state.pinned);
      for (const id of action.ids) {
        if (action.pinned) pinned.add(id);
        else pinned.delete(id);
      }
      return { ...state, pinned };
    }
    case 'window':
      return { ...state, window: action.window };
    case 'highlight':
      return { ...state, highlight: action.highlight };
    case 'group': {
      const groups = new Map(state.groups);
      groups.set(action.group.identifier, action.group);
      return { ...state, groups };
    }
    case 'ungroup': {
      if (!state.groups.has(action.identifier)) return state;
      const groups = new Map(state.groups);
      groups.delete(action.identifier);
      return { ...state, groups };
    }
  }
}
