/**
 * The right-click menu of a node on the canvas (also long press, or the context-menu key / Shift+F10 on the selected
 * node). It acts on the node, or on the whole selection when the node is part of it: expand, hide, pin, select the
 * neighbours, group the accounts behind an identifier, open the node in a canvas of its own, and the case actions
 * (disposition, tags) in the details panel. Arrow keys move, Escape closes.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { parseNodeId } from '@contracts/element-ids.ts';
import { plural } from '../../../lib/format.ts';
import type { GraphController } from '../hooks/use-graph-controller.ts';
import { accountsUsing } from '../utils/graph-doc.ts';

export interface NodeMenuRequest {
  nodeId: string;
  /** Where it opens, in the canvas's coordinates. */
  at: { x: number; y: number };
}

interface Item {
  label: string;
  run(): void;
  disabled?: boolean;
}

/** What the menu acts on: the selection when the node is part of it, else the node alone. */
export function menuTargets(nodeId: string, selection: readonly string[]): string[] {
  return selection.length > 1 && selection.includes(nodeId) ? [...selection] : [nodeId];
}

export function NodeMenu({
  request,
  locate,
  graph,
  onClose,
  onOpenOwn,
  onCaseActions,
}: {
  request: NodeMenuRequest;
  /** Where the node is drawn now (the canvas may have been resized or moved since the menu opened). */
  locate(): { x: number; y: number } | null;
  graph: GraphController;
  onClose(): void;
  /** Opens the node in a canvas of its own (at its own address). */
  onOpenOwn(nodeId: string): void;
  /** Shows the case actions (disposition, tags) for these nodes in the details panel. */
  onCaseActions(nodeIds: string[]): void;
}) {
  const { state, actions } = graph;
  const ref = useRef<HTMLDivElement>(null);
  const doc = state.history.present.doc;
  const targets = menuTargets(request.nodeId, state.selection);
  const many = targets.length > 1;
  const n = many ? ` ${targets.length}` : '';
  const kind = parseNodeId(request.nodeId)?.kind;
  const accounts = targets.filter((id) => parseNodeId(id)?.kind === 'account');
  const allPinned = targets.every((id) => state.pinned.has(id));
  const grouped = state.groups.has(request.nodeId);
  const neighbours = () => {
    const from = new Set(targets);
    const set = new Set(targets);
    for (const e of doc.edges.values()) {
      if (from.has(e.source) && !doc.hidden.has(e.target)) set.add(e.target);
      if (from.has(e.target) && !doc.hidden.has(e.source)) set.add(e.source);
    }
    return [...set];
  };
  const items: Item[] = [
    {
      label: `Expand${n}`,
      run: () =>
        void (async () => {
          for (const id of targets) await actions.expand(id, many ? { confirmed: true } : {});
        })(),
    },
    { label: `Hide${n}`, run: () => actions.hide(targets) },
    { label: `${allPinned ? 'Unpin' : 'Pin'}${n}`, run: () => actions.pin(targets, !allPinned) },
    { label: 'Select neighbours', run: () => actions.setSelection(neighbours()) },
  ];
  if (!many && kind && kind !== 'account') {
    items.push({
      label: grouped ? 'Ungroup accounts' : 'Group accounts behind it',
      run: () => actions.toggleGrouping(request.nodeId),
      disabled: !grouped && accountsUsing(doc, request.nodeId).length < 2,
    });
  }
  if (!many) items.push({ label: 'Open in its own canvas', run: () => onOpenOwn(request.nodeId) });
  if (accounts.length > 0) {
    items.push({
      label: many ? `Case actions for ${plural(accounts.length, 'account')}…` : 'Case file…',
      run: () => onCaseActions(targets),
    });
  }

  // Next to the node and inside the canvas (a node near the right or bottom edge opens it to its left or above);
  // it follows the node when the canvas changes size.
  const [resized, setResized] = useState(0);
  useEffect(() => {
    const box = ref.current?.parentElement;
    if (!box) return;
    const observer = new ResizeObserver(() => setResized((n) => n + 1));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    const box = el?.parentElement;
    if (!el || !box) return;
    const at = locate() ?? request.at;
    const x = Math.max(0, Math.min(at.x, box.clientWidth - el.offsetWidth - 4));
    const y = Math.max(0, Math.min(at.y, box.clientHeight - el.offsetHeight - 4));
    el.style.left = `${x}px`;
    el.style.top = `${y}px`;
  }, [request, locate, resized]);

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])')?.focus();
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', away, true);
    return () => document.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const go = (j: number) => buttons[(j + buttons.length) % buttons.length]?.focus();
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(buttons.length - 1);
    else if (e.key !== 'Tab') return;
    e.preventDefault();
    if (e.key === 'Tab') onClose();
  };

  return (
    <div
      ref={ref}
      className="node-menu"
      role="menu"
      aria-label={many ? `${targets.length} selected nodes` : `Node ${request.nodeId}`}
      data-testid="node-menu"
      style={{ left: request.at.x, top: request.at.y }}
      onKeyDown={onKeyDown}
    >
      <div className="node-menu__title mono small" aria-hidden="true">
        {many ? `${targets.length} selected` : (doc.nodes.get(request.nodeId)?.label ?? request.nodeId)}
      </div>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          disabled={item.disabled}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
