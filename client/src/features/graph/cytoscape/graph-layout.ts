/**
 * Layout with fCoSE (Balci & Dogrusoz, "fCoSE: A Fast Compound Graph Layout Algorithm with Constraint Support",
 * IEEE TVCG 28(12), 2022). The first drawing is a full layout; later ones are incremental (randomize: false) so the
 * nodes already on screen keep roughly their place, and pinned nodes are fixed where the user left them.
 */
import type { Core, LayoutOptions, Layouts, NodeSingular } from 'cytoscape';

/** The layouts on offer: force-directed, rings around a chosen node, and levels out from it. */
export const LAYOUTS = { force: 'Force', concentric: 'Concentric', breadthfirst: 'Breadth-first' } as const;
export type LayoutName = keyof typeof LAYOUTS;

/** "Fit" and layouts never zoom in further than this: a 3-node ring stays the size of a bigger one's nodes. */
export const FIT_MAX_ZOOM = 1.4;

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
  name?: LayoutName;
  /** The centre (concentric) or root (breadth-first): the selected node, else the best-connected one. */
  root?: string | null;
}

function rootOf(cy: Core, wanted: string | null | undefined): NodeSingular | undefined {
  const visible = cy.nodes(':visible');
  const chosen = wanted ? visible.getElementById(wanted) : undefined;
  if (chosen && chosen.nonempty()) return chosen as unknown as NodeSingular;
  let best: NodeSingular | undefined;
  visible.forEach((n) => {
    if (!best || n.degree(false) > best.degree(false)) best = n;
  });
  return best;
}

/** Concentric rings by hop distance from the root; breadth-first levels from it. Both built into Cytoscape. */
export function structuredOptions(cy: Core, req: LayoutRequest, name: 'concentric' | 'breadthfirst'): LayoutOptions {
  const root = rootOf(cy, req.root);
  const animate = cy.nodes(':visible').length <= LAYOUT_DEFAULTS.animateUpTo;
  const common = { animate, animationDuration: LAYOUT_DEFAULTS.animationDuration, fit: req.fit ?? true, padding: 50 };
  if (name === 'breadthfirst') {
    return {
      name,
      ...common,
      directed: false,
      roots: root ? [root.id()] : undefined,
      spacingFactor: 1.1,
    } as unknown as LayoutOptions;
  }
  const dist = new Map<string, number>();
  if (root) {
    cy.elements(':visible').bfs({
      roots: root,
      directed: false,
      visit: (v, _e, _u, _i, depth) => {
        dist.set(v.id(), depth);
      },
    });
  }
  const far = Math.max(0, ...dist.values()) + 1;
  return {
    name,
    ...common,
    minNodeSpacing: 14,
    concentric: (n: NodeSingular) => far - (dist.get(n.id()) ?? far),
    levelWidth: () => 1,
  } as unknown as LayoutOptions;
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
  const name = req.name ?? 'force';
  const layout = eles.layout(name === 'force' ? fcoseOptions(cy, req) : structuredOptions(cy, req, name));
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
