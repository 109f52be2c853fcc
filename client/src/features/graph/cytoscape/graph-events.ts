/**
 * What the user does on the canvas, translated into intents for the app: select a node (or nothing), expand a node
 * (double-click or double-tap), change the selection with a box or shift-click, open a node's menu (right-click or
 * long press; `at` is the point in the canvas's own coordinates). Returns a function that unbinds.
 */
import type { Core, EventObject } from 'cytoscape';

export interface GraphEventHandlers {
  onSelect(nodeId: string | null): void;
  onExpand(nodeId: string): void;
  onSelectionChange(nodeIds: string[]): void;
  onContextMenu?(nodeId: string, at: { x: number; y: number }): void;
}

export function bindGraphEvents(cy: Core, handlers: GraphEventHandlers): () => void {
  const tapNode = (e: EventObject) => handlers.onSelect(e.target.id() as string);
  const tapCore = (e: EventObject) => {
    if (e.target === cy) handlers.onSelect(null);
  };
  const dblNode = (e: EventObject) => handlers.onExpand(e.target.id() as string);
  const menuNode = (e: EventObject) => {
    e.originalEvent?.preventDefault();
    handlers.onContextMenu?.(e.target.id() as string, e.renderedPosition ?? e.target.renderedPosition());
  };
  let pending = false;
  const selection = () => {
    // Box selection fires once per element; report the final selection once per frame.
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      handlers.onSelectionChange(cy.nodes(':selected').map((n) => n.id()));
    });
  };
  cy.on('tap', 'node', tapNode);
  cy.on('tap', tapCore);
  cy.on('dbltap', 'node', dblNode);
  cy.on('cxttap', 'node', menuNode);
  cy.on('select unselect', 'node', selection);
  return () => {
    cy.off('tap', 'node', tapNode);
    cy.off('tap', tapCore);
    cy.off('dbltap', 'node', dblNode);
    cy.off('cxttap', 'node', menuNode);
    cy.off('select unselect', 'node', selection);
  };
}
