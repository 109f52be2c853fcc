/**
 * Pieces of one operation. The partition never joins parts on a weak tie (an address, an IP): a family is not a ring.
 * But a flagged finding and another reported one that share an address used by at most `pieceMaxOutsiders` accounts
 * outside them (a drop address, not a building), through accounts opened within the burst window of each other, are
 * one operation run in pieces: a promo farm on two laptops shipping to one address, a reseller's device profiles.
 * An IP joins them on a stricter condition, because a home or a café shares one too: at least 3 accounts of the
 * findings use it, and in each finding it joins at least `pieceIpMinShare` of the members do — the crew's own
 * residential proxy or VPN exit, which a stolen-card crew on several handsets and cards shares and hardly anyone
 * else does; one member of each of two rings once on the same network joins nothing. They are scored again as one
 * finding, which replaces them when it is flagged. Nothing is joined to a finding that is not flagged. Pure, like the
 * rest of detect/.
 */
import type { AccountInfo } from './input.ts';
import type { Projection } from './projection-graph.ts';
import type { RingAssessment } from './score-types.ts';
import type { DetectionSettings } from './settings.ts';

const DAY_MS = 86_400_000;

export interface ScoredFinding {
  members: string[];
  assessment: RingAssessment;
}

/**
 * `assess` scores a set of projection nodes. Returns the findings with flagged pieces merged (merged findings take
 * the place of their first piece; the order is otherwise kept).
 */
export function mergeFlaggedPieces(
  projection: Projection,
  findings: readonly ScoredFinding[],
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: DetectionSettings,
  assess: (members: readonly number[]) => RingAssessment,
): ScoredFinding[] {
  const maxOutsiders = settings.pieceMaxOutsiders;
  if (maxOutsiders < 0) return [...findings];
  const ipMinShare = settings.pieceIpMinShare;
  const windowMs = settings.scoreWeights.burstWindowDays * DAY_MS;
  const created = (node: number): number => {
    const at = accounts.get(projection.accountId(node))?.createdAt;
    return at ? Date.parse(at) : NaN;
  };
  // Rare weak identifiers used by members of flagged findings, with who uses them.
  const users = new Map<number, Array<{ finding: number; node: number }>>();
  findings.forEach((f, index) => {
    for (const id of f.members) {
      const node = projection.indexOf(id);
      if (node < 0) continue;
      for (const identifier of projection.identifiersOf(node)) {
        const kind = projection.identifierKind(identifier);
        if (kind !== 'address' && !(kind === 'ip' && ipMinShare >= 0)) continue;
        if (projection.isGeneric(identifier)) continue;
        const list = users.get(identifier);
        if (list) list.push({ finding: index, node });
        else users.set(identifier, [{ finding: index, node }]);
      }
    }
  });
  const parent = findings.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  let joined = false;
  for (const [identifier, list] of users) {
    // Used by hardly anyone outside the findings: a drop address or a proxy, not a building or a carrier's IP.
    if (projection.identifierSharers(identifier) - list.length > maxOutsiders) continue;
    // An IP: the network of most of each piece, not one member's visit (a home or a café shares one too).
    let eligible: ((finding: number) => boolean) | undefined;
    if (projection.identifierKind(identifier) === 'ip') {
      if (list.length < 3) continue;
      const per = new Map<number, number>();
      for (const u of list) per.set(u.finding, (per.get(u.finding) ?? 0) + 1);
      eligible = (f) => per.get(f)! >= ipMinShare * findings[f].members.length;
    }
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (find(a.finding) === find(b.finding)) continue;
        if (!findings[a.finding].assessment.flagged && !findings[b.finding].assessment.flagged) continue;
        if (eligible && !(eligible(a.finding) && eligible(b.finding))) continue;
        const gap = Math.abs(created(a.node) - created(b.node));
        if (!(gap <= windowMs)) continue;
        parent[Math.max(find(a.finding), find(b.finding))] = Math.min(find(a.finding), find(b.finding));
        joined = true;
      }
    }
  }
  if (!joined) return [...findings];
  const groups = new Map<number, number[]>();
  findings.forEach((_, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  const replaced = new Map<number, ScoredFinding | null>();
  for (const [root, pieces] of groups) {
    if (pieces.length < 2) continue;
    const members = [...new Set(pieces.flatMap((i) => findings[i].members))].sort();
    if (members.length > settings.wholePartMaxSize) continue;
    const assessment = assess(members.map((id) => projection.indexOf(id)));
    if (!assessment.flagged) continue;
    replaced.set(root, { members, assessment });
    for (const i of pieces) if (i !== root) replaced.set(i, null);
  }
  const out: ScoredFinding[] = [];
  findings.forEach((f, i) => {
    const r = replaced.get(i);
    if (r === undefined) out.push(f);
    else if (r !== null) out.push(r);
  });
  return out;
}
