/**
 * Layout with fCoSE (Balci & Dogrusoz, "fCoSE: A Fast Compound Graph Layout Algorithm with Constraint Support",
 * IEEE TVCG 28(12), 2022). The first drawing is a full layout; later ones are incremental (randomize: false) so the
 * nodes already on screen keep roughly their place, and pinned nodes are fixed where the user left them.
 */
import type { Core, LayoutOptions, Layouts } from 'cytoscape';

export const LAYOUT_DEFAULTS = {
  /** Above this many visible nodes layouts are not animated (animation frames cost more than they show). */
  animateUpTo: 300,
  animationDuration: 450,
  idealEdgeLength: 70,
  nodeRepulsion: 6500,
};

export interface LayoutRequest {
  incremental: boolean;
  pinned: ReadonlySet<string>;
  fit?: boolean;
}

export function fcoseOptions(cy: Core, req: LayoutRequest): LayoutOptions {
  const visible = cy.nodes(':visible');
  const fixed: Array<{ nodeId: string; position: { x: number; y: number } }> = [];
  visible.forEach((n) => {
    if (req.pinned.has(n.id())) fixed.push({ nodeId: n.id(), position: { ...n.position() } });
  });
  const animate = visible.length <= LAYOUT_DEFAULTS.animateUpTo;
  return {
    name: 'fcose',
    quality: 'default',
    randomize: !req.incremental,
    animate,
    animationDuration: LAYOUT_DEFAULTS.animationDuration,
    fit: req.fit ?? true,
    padding: 50,
    nodeDimensionsIncludeLabels: false,
    packComponents: false,
    idealEdgeLength: () => LAYOUT_DEFAULTS.idealEdgeLength,
    nodeRepulsion: () => LAYOUT_DEFAULTS.nodeRepulsion,
    ...(fixed.length > 0 ? { fixedNodeConstraint: fixed } : {}),
  } as unknown as LayoutOptions;
}

const RUNNING = '_ringlensLayout';

/**
 * Runs the layout over the visible elements; resolves when it has stopped. A layout still running (a quick second
 * expansion) is stopped first, so two animations never pull the same nodes.
 */
export function runLayout(cy: Core, req: LayoutRequest): Promise<void> {
  (cy.scratch(RUNNING) as Layouts | undefined)?.stop();
  const eles = cy.elements(':visible');
  if (eles.empty()) return Promise.resolve();
  const layout = eles.layout(fcoseOptions(cy, req));
  cy.scratch(RUNNING, layout);
  const done = new Promise<void>((resolve) =>
    layout.one('layoutstop', () => {
      if (cy.scratch(RUNNING) === layout) cy.removeScratch(RUNNING);
      resolve();
    }),
  );
  layout.run();
  return done;
}
