import { canRedo, canUndo } from '../utils/undo-stack.ts';
import type { GraphController } from '../hooks/use-graph-controller.ts';
import type { Viewport } from './graph-view.tsx';
import { LAYOUTS, type LayoutName } from '../cytoscape/graph-layout.ts';

/** Viewport and editing commands above the canvas. Undo and redo are icons (named by their labels), like zoom. */
export function GraphToolbar({
  graph,
  viewport,
  layout,
  onLayout,
}: {
  graph: GraphController;
  viewport: Viewport | null;
  layout: LayoutName;
  onLayout(layout: LayoutName): void;
}) {
  const { state, actions } = graph;
  const { history } = state;
  const targets = state.selection.length > 0 ? state.selection : state.selected ? [state.selected] : [];
  const allPinned = targets.length > 0 && targets.every((id) => state.pinned.has(id));
  const doc = history.present.doc;
  const undoLabel = canUndo(history) ? `Undo: ${history.present.label}` : 'Nothing to undo';
  const redoLabel = canRedo(history) ? `Redo: ${history.future[0]!.label}` : 'Nothing to redo';
  const selectedKind = state.selected ? doc.nodes.get(state.selected)?.kind : undefined;
  const identifier = selectedKind && selectedKind !== 'account' ? state.selected : null;
  const grouped = identifier !== null && state.groups.has(identifier);
  return (
    <div className="toolbar" role="toolbar" aria-label="Graph tools">
      <div className="toolbar__group">
        <button type="button" onClick={() => viewport?.fit()} title="Fit the graph to the view">
          Fit
        </button>
        <button type="button" onClick={() => viewport?.zoomBy(1.25)} aria-label="Zoom in" title="Zoom in">
          +
        </button>
        <button type="button" onClick={() => viewport?.zoomBy(0.8)} aria-label="Zoom out" title="Zoom out">
          −
        </button>
        <select
          aria-label="Layout"
          value={layout}
          onChange={(e) => onLayout(e.target.value as LayoutName)}
          title="Concentric and breadth-first start from the selected node"
        >
          {(Object.keys(LAYOUTS) as LayoutName[]).map((l) => (
            <option key={l} value={l}>
              {LAYOUTS[l]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => viewport?.relayout()} title="Lay the graph out again">
          Re-layout
        </button>
      </div>
      <div className="toolbar__group">
        <button
          type="button"
          disabled={identifier === null}
          aria-pressed={grouped}
          onClick={() => identifier && actions.toggleGrouping(identifier)}
          title="Collapse the accounts behind the selected identifier into one node (double-click it to open)"
        >
          {grouped ? 'Ungroup' : 'Group accounts'}
        </button>
      </div>
      <div className="toolbar__group">
        <button
          type="button"
          disabled={!state.selected}
          onClick={() => state.selected && void actions.expand(state.selected)}
          title="Expand the selected node (or double-click it)"
        >
          Expand
        </button>
        <button
          type="button"
          disabled={targets.length === 0}
          onClick={() => actions.hide(targets)}
          title="Hide the selected nodes"
        >
          Hide
        </button>
        <button
          type="button"
          disabled={targets.length === 0}
          aria-pressed={allPinned}
          onClick={() => actions.pin(targets, !allPinned)}
          title="Pin the selected nodes where they are"
        >
          {allPinned ? 'Unpin' : 'Pin'}
        </button>
        {doc.hidden.size > 0 && (
          <button type="button" onClick={actions.showAll} title="Show the nodes you hid">
            Show {doc.hidden.size} hidden
          </button>
        )}
      </div>
      <div className="toolbar__group">
        <button
          type="button"
          disabled={!canUndo(history)}
          onClick={actions.undo}
          title={undoLabel}
          aria-label={undoLabel}
        >
          ↶
        </button>
        <button
          type="button"
          disabled={!canRedo(history)}
          onClick={actions.redo}
          title={redoLabel}
          aria-label={redoLabel}
        >
          ↷
        </button>
      </div>
    </div>
  );
}
