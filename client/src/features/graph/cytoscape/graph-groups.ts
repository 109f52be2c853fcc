/**
 * Grouping: the accounts behind one shared identifier collapse into a single compound node ("12 accounts · device
 * fp-1") and expand again. Groups are a view setting over the document (they never change what was loaded): when a
 * group is collapsed its accounts are hidden and the group node stands in for them, with one summary edge to each
 * node outside the group that any of them links to; when it is expanded the accounts are shown again inside the
 * group's box (a Cytoscape compound parent). Synthetic ids start with `group:` and `meta:`.
 */
import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';

export interface Group {
  /** The shared identifier's node id. */
  identifier: string;
  /** The accounts behind it (node ids) when the group was made. */
  members: readonly string[];
  collapsed: boolean;
}

export const GROUP_PREFIX = 'group:';
export const META_PREFIX = 'meta:';

export const groupId = (identifier: string) => `${GROUP_PREFIX}${identifier}`;
export const isSynthetic = (id: string) => id.startsWith(GROUP_PREFIX) || id.startsWith(META_PREFIX);

/** The accounts drawn next to an identifier: the members of its group. */
export function accountsBehind(cy: Core, identifier: string): string[] {
  const node = cy.getElementById(identifier);
  if (node.empty()) return [];
  return node
    .neighborhood('node[kind = "account"]')
    .filter((n: NodeSingular) => !n.hasClass('hidden'))
    .map((n: NodeSingular) => n.id());
}

/** Brings the canvas's group nodes, parents and summary edges in line with `groups`. */
export function applyGroups(cy: Core, groups: ReadonlyMap<string, Group>): void {
  cy.edges(`[id ^= "${META_PREFIX}"]`).remove();
  const wanted = new Set([...groups.values()].map((g) => groupId(g.identifier)));
  // Children leave a group that is gone before it is removed (removing a parent removes its children).
  cy.nodes().forEach((n) => {
    const parent = n.data('parent') as string | undefined;
    if (parent && !wanted.has(parent)) n.move({ parent: null });
  });
  cy.nodes(`[id ^= "${GROUP_PREFIX}"]`).forEach((n) => {
    if (!wanted.has(n.id())) n.remove();
  });
  cy.nodes().removeClass('grouped');
  const metaEdges = new Map<string, ElementDefinition>();
  for (const g of groups.values()) {
    const gid = groupId(g.identifier);
    let members = cy.collection();
    for (const id of g.members) members = members.union(cy.getElementById(id));
    if (members.empty()) continue;
    const identifier = cy.getElementById(g.identifier);
    const label = `${members.length} accounts · ${String(identifier.data('label') ?? g.identifier)}`;
    let node = cy.getElementById(gid);
    if (node.empty()) {
      const bb = members.boundingBox({});
      node = cy.add({
        group: 'nodes',
        data: { id: gid, kind: 'group', label, members: members.length },
        position: { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 },
      });
    } else node.data('label', label);
    node.toggleClass('group-collapsed', g.collapsed);
    node.toggleClass('group-expanded', !g.collapsed);
    if (g.collapsed) {
      members.forEach((m) => {
        if (m.data('parent')) m.move({ parent: null });
      });
      members.addClass('grouped');
      const inside = new Set(members.map((m) => m.id()));
      members.connectedEdges().forEach((e) => {
        const other = inside.has(e.source().id()) ? e.target() : e.source();
        if (inside.has(other.id()) || other.hasClass('hidden')) return;
        const id = `${META_PREFIX}${gid}->${other.id()}`;
        const prior = metaEdges.get(id);
        const count = ((prior?.data.count as number | undefined) ?? 0) + 1;
        const data = { id, source: gid, target: other.id(), kind: 'meta', label: `${count} links`, count };
        metaEdges.set(id, { group: 'edges', data });
      });
    } else {
      members.forEach((m) => {
        if (m.data('parent') !== gid) m.move({ parent: gid });
      });
    }
  }
  if (metaEdges.size > 0) cy.add([...metaEdges.values()]);
}
