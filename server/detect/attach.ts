/**
 * Known-fraud attachment: a known-fraud account that belongs to no reported finding but shares a rare identifier —
 * typically a home address or a home IP, the weak ties that never join parts — with members of a flagged finding is
 * shown with that finding. Investigators want the known fraudster who lives at a ring member's address on the ring's
 * page, not nowhere; the partition must still not join parts on an address (a family is not a ring), so this happens
 * after scoring and changes no score and no flag: the account joins the members with a reason worth 0 points.
 *
 * Rare: at most `attachMaxSharers` accounts use the identifier (a household's address or IP, not an office's); crowd,
 * placeholder and generic identifiers never count. An account tied to several flagged findings joins the one it
 * shares most identifiers with (then the higher score, then the first member id). Pure, like the rest of detect/.
 */
import type { AccountInfo } from './input.ts';
import type { Projection } from './projection-graph.ts';
import { NOUNS, type RingEvidence } from './score.ts';
import type { DetectionSettings } from './settings.ts';

/** The part of a scored finding attachment reads and extends. */
export interface AttachableFinding {
  members: string[];
  assessment: {
    flagged: boolean;
    score: number;
    reasons: string[];
    reasonPoints: number[];
    evidence: RingEvidence[];
    features: { size: number };
  };
}

export interface AttachmentCandidate {
  account: string;
  /** Index into the findings list. */
  finding: number;
  ties: Array<{ identifier: number; member: string }>;
}

/**
 * Accounts outside every finding tied by a rare identifier to members of a flagged finding, each with the finding it
 * would join. Their labels are not known yet: the caller looks them up and keeps the known-fraud ones.
 */
export function attachmentCandidates(
  projection: Projection,
  findings: readonly AttachableFinding[],
  settings: DetectionSettings,
): AttachmentCandidate[] {
  if (settings.attachMaxSharers < 2) return [];
  const inFinding = new Set(findings.flatMap((f) => f.members));
  const best = new Map<string, AttachmentCandidate>();
  findings.forEach((finding, index) => {
    if (!finding.assessment.flagged) return;
    const ties = new Map<string, Array<{ identifier: number; member: string }>>();
    for (const member of finding.members) {
      const node = projection.indexOf(member);
      if (node < 0) continue;
      for (const identifier of projection.identifiersOf(node)) {
        if (projection.isGeneric(identifier)) continue;
        if (projection.identifierSharers(identifier) > settings.attachMaxSharers) continue;
        for (const peer of projection.membersOf(identifier)) {
          const account = projection.accountId(peer);
          if (inFinding.has(account)) continue;
          const list = ties.get(account) ?? [];
          if (!list.some((t) => t.identifier === identifier)) list.push({ identifier, member });
          ties.set(account, list);
        }
      }
    }
    for (const [account, list] of ties) {
      // By kind and key, so that the tie named first does not depend on the order the input came in.
      const name = (t: { identifier: number }) =>
        `${projection.identifierKind(t.identifier)}\u0000${projection.identifierKey(t.identifier)}`;
      list.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
      const current = best.get(account);
      if (!current || better(list.length, finding, current, findings)) {
        best.set(account, { account, finding: index, ties: list });
      }
    }
  });
  return [...best.values()].sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
}

function better(
  ties: number,
  finding: AttachableFinding,
  current: AttachmentCandidate,
  findings: readonly AttachableFinding[],
): boolean {
  if (ties !== current.ties.length) return ties > current.ties.length;
  const other = findings[current.finding];
  if (finding.assessment.score !== other.assessment.score) return finding.assessment.score > other.assessment.score;
  return finding.members[0] < other.members[0];
}

/**
 * Adds the known-fraud candidates to their findings (members re-sorted, a 0-point reason, the ties as evidence).
 * Returns how many accounts were attached.
 */
export function attachKnownFraud(
  projection: Projection,
  findings: AttachableFinding[],
  candidates: readonly AttachmentCandidate[],
  accountOf: (id: string) => AccountInfo | undefined,
): number {
  let attached = 0;
  for (const candidate of candidates) {
    if (accountOf(candidate.account)?.label !== 'known_fraud') continue;
    const finding = findings[candidate.finding];
    finding.members = [...finding.members, candidate.account].sort();
    finding.assessment.features.size = finding.members.length;
    const first = candidate.ties[0];
    const kind = projection.identifierKind(first.identifier);
    const more = candidate.ties.length > 1 ? ` (and ${candidate.ties.length - 1} more rare identifiers)` : '';
    finding.assessment.reasons.push(
      `Known-fraud account ${candidate.account} shares ${NOUNS[kind][0]} ${projection.identifierKey(first.identifier)} ` +
        `with member ${first.member}${more}; shown with the ring, not scored`,
    );
    finding.assessment.reasonPoints.push(0);
    for (const tie of candidate.ties) {
      finding.assessment.evidence.push({
        a: candidate.account,
        b: tie.member,
        kind: projection.identifierKind(tie.identifier),
        key: projection.identifierKey(tie.identifier),
      });
    }
    attached++;
  }
  return attached;
}
