/**
 * Groups that share a member, joined (union–find): each member → its joined group, the members sorted. One array per
 * joined group, so `get(a) === get(b)` says whether two members ended up together. Used for households (score.ts:
 * homes and families that share a member) and families (templates.ts: members tied pair by pair).
 */
export function joinGroups(groups: Iterable<readonly number[]>): Map<number, number[]> {
  const parent = new Map<number, number>();
  const root = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const group of groups) {
    for (const m of group) if (!parent.has(m)) parent.set(m, m);
    for (const m of group.slice(1)) parent.set(root(m), root(group[0]!));
  }
  const byRoot = new Map<number, number[]>();
  for (const m of [...parent.keys()].sort((a, b) => a - b)) {
    const joined = byRoot.get(root(m));
    if (joined) joined.push(m);
    else byRoot.set(root(m), [m]);
  }
  const out = new Map<number, number[]>();
  for (const joined of byRoot.values()) for (const m of joined) out.set(m, joined);
  return out;
}
