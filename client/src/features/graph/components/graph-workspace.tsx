/**
 * The centre of the app: toolbar, canvas, legend, time filter and status line around one graph, plus the super-node
 * dialog. Keyboard: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Delete hides the selection, F fits.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { plural } from '../../../lib/format.ts';
import type { ViewState } from '../cytoscape/graph-sync.ts';
import type { GraphController } from '../hooks/use-graph-controller.ts';
import { docStats } from '../utils/graph-doc.ts';
import { GROUP_PREFIX, isSynthetic } from '../cytoscape/graph-groups.ts';
import { timeDomain } from '@contracts/time-window.ts';
import { ExpandDialog } from './expand-dialog.tsx';
import { GraphLegend } from './graph-legend.tsx';
import { GraphToolbar } from './graph-toolbar.tsx';
import { GraphView, type Viewport } from './graph-view.tsx';
import { NodeMenu, type NodeMenuRequest } from './node-menu.tsx';
import { TimeBar } from './time-bar.tsx';
import { TimeFilter } from './time-filter.tsx';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

export function GraphWorkspace({
  graph,
  tools,
  lead,
  onOpenNode,
  onCaseActions,
}: {
  graph: GraphController;
  /** Opens a node in a canvas of its own (its address). */
  onOpenNode(nodeId: string): void;
  /** Shows the case actions (disposition, tags) for these nodes. */
  onCaseActions(nodeIds: string[]): void;
  /** Shown before the title (the queue toggle). */
  lead?: ReactNode;
  /** More commands for the header (the export menu), given the canvas once it exists. */
  tools?: (viewport: Viewport | null) => ReactNode;
}) {
  const { state, actions, prompt, busy, error } = graph;
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const onViewport = useCallback((v: Viewport | null) => setViewport(v), []);
  const doc = state.history.present.doc;
  const view: ViewState = useMemo(
    () => ({
      doc,
      pinned: state.pinned,
      window: state.window,
      highlight: state.highlight,
      groups: state.groups,
      positions: state.positions,
    }),
    [doc, state.pinned, state.window, state.highlight, state.groups, state.positions],
  );
  const domain = useMemo(() => timeDomain(doc.edges.values()), [doc.edges]);
  const stats = docStats(doc);
  const [menu, setMenu] = useState<NodeMenuRequest | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const selectionRef = useRef(state.selection);
  selectionRef.current = state.selection;
  /** Opens a node's menu; a node outside the selection becomes the selection, as in any file manager. */
  const openMenu = useCallback(
    (clicked: string, at: { x: number; y: number }) => {
      // A group's node stands for its identifier: its menu is the identifier's (with "Ungroup accounts").
      const id = clicked.startsWith(GROUP_PREFIX) ? clicked.slice(GROUP_PREFIX.length) : clicked;
      if (isSynthetic(id)) return;
      if (!selectionRef.current.includes(id)) {
        actions.select(id);
        actions.setSelection([id]);
      }
      setMenu({ nodeId: id, at });
    },
    [actions],
  );
  const handlers = useMemo(
    () => ({
      // A group's node (collapsed, or the box of an opened group) stands for its identifier, as its menu does:
      // clicking it selects the identifier; double-clicking it opens or closes it. A summary edge's end is nothing.
      onSelect: (id: string | null) => {
        if (id !== null && id.startsWith(GROUP_PREFIX)) actions.select(id.slice(GROUP_PREFIX.length));
        else actions.select(id !== null && isSynthetic(id) ? null : id);
      },
      onExpand: (id: string) => {
        if (isSynthetic(id)) actions.toggleGroupCollapsed(id);
        else void actions.expand(id);
      },
      onSelectionChange: (ids: string[]) => actions.setSelection(ids),
      onContextMenu: openMenu,
    }),
    [actions, openMenu],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || document.querySelector('dialog[open]')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) actions.redo();
        else actions.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        actions.redo();
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        const ids = state.selection.length > 0 ? state.selection : state.selected ? [state.selected] : [];
        if (ids.length > 0) actions.hide(ids);
      } else if ((e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) && state.selected) {
        const at = viewport?.nodePosition(state.selected);
        if (at) {
          e.preventDefault();
          openMenu(state.selected, at);
        }
      } else if (!mod && e.key === 'f' && e.target === document.body) {
        viewport?.fit();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [actions, state.selection, state.selected, viewport, openMenu]);

  return (
    <section className="workspace" aria-label="Graph">
      <header className="workspace__header">
        <div className="workspace__titlebar">
          {lead}
          <h2 className="workspace__title" title={state.title ?? undefined}>
            {state.title ?? 'Graph'}
          </h2>
          {tools?.(viewport)}
        </div>
        <GraphToolbar graph={graph} viewport={viewport} layout={state.layout} onLayout={actions.setLayout} />
      </header>
      <div className="workspace__canvas">
        <GraphView
          view={view}
          anchor={state.history.present.anchor}
          selected={state.selected}
          selection={state.selection}
          focus={state.focus}
          handlers={handlers}
          onViewport={onViewport}
          layout={state.layout}
          layoutRun={state.layoutRun}
        />
        {stats.nodes === 0 && !busy && (
          <div className="workspace__empty">
            <p>Open a ring from the queue, or search for an account, email, phone, device, card or IP.</p>
          </div>
        )}
        {busy && (
          <div className="workspace__busy" role="status">
            {busy}
          </div>
        )}
        {error && (
          <div className="toast toast--error" role="alert">
            {error}
            <button type="button" className="ghost small" onClick={actions.dismissError} aria-label="Dismiss">
              ×
            </button>
          </div>
        )}
        {menu && (
          <NodeMenu
            request={menu}
            locate={() => viewport?.nodePosition(menu.nodeId) ?? null}
            graph={graph}
            onClose={closeMenu}
            onOpenOwn={onOpenNode}
            onCaseActions={onCaseActions}
          />
        )}
        {state.highlight && (
          <button type="button" className="workspace__clear-highlight" onClick={() => actions.setHighlight(null)}>
            Clear path highlight
          </button>
        )}
      </div>
      <TimeBar edges={doc.edges} domain={domain} window={state.window} onChange={actions.setWindow} />
      <GraphLegend />
      <footer className="workspace__footer">
        <TimeFilter domain={domain} window={state.window} onChange={actions.setWindow} />
        <span className="workspace__stats" data-testid="graph-stats">
          {plural(stats.nodes, 'node')} · {plural(stats.edges, 'edge')}
          {stats.hidden > 0 ? ` · ${stats.hidden} hidden` : ''}
        </span>
      </footer>
      {prompt && (
        <ExpandDialog
          prompt={prompt}
          onCancel={actions.dismissPrompt}
          onExpand={(opts) => {
            actions.dismissPrompt();
            void actions.expand(prompt.node.id, opts);
          }}
        />
      )}
    </section>
  );
}
