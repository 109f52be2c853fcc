/**
 * The shapes scoring produces (score.ts): a finding's assessment, its features, its evidence and the breakdown of
 * its score. Kept apart from the scorer so that readers of findings need not load it.
 */
import type { IdentifierKind } from './input.ts';

export type EvidenceKind = IdentifierKind | 'transfer';

/** Why `a` and `b` belong together. For transfers a is the payer, b the payee and key reads "payer->payee". */
export interface RingEvidence {
  a: string;
  b: string;
  kind: EvidenceKind;
  key: string;
  count?: number;
  total?: number;
}

export interface SharedIdentifier {
  kind: IdentifierKind;
  key: string;
  /** Ring members using it. */
  members: number;
  /** All accounts using it, ring or not. */
  sharers: number;
  points: number;
}

export interface ScoreBreakdown {
  identifiers: number;
  knownFraud: number;
  /** Guilt by association: members tied by a strong identifier to a known-fraud account. */
  association: number;
  burst: number;
  /** Members created within proximityWindowDays of each other (a wider window than the burst). */
  proximity: number;
  /** Members passing money on inside the finding. */
  relay: number;
  /** Members that use no device but the ones they share with other members. */
  operated: number;
  /** Members with consecutive phone numbers (templates.ts). */
  sequence: number;
  /** Members with one person's name in different mailboxes (templates.ts sameNameMembers). */
  name: number;
  /** Members that feed one other member (funnels.ts). */
  funnel: number;
  /** Members that got much of what they paid refunded (refund abuse). */
  refunds: number;
  /** A pair whose two accounts each paid exactly once (a welcome offer taken twice). */
  welcome: number;
  /** Members on a device that turned up on them within days, long after they were opened (takeover.ts). */
  takeover: number;
  /** Members that took an identifier over from a known-fraud member (reentry.ts). */
  reentry: number;
  payments: number;
  cycle: number;
  /** Repeated payments crossing between two sides each tied by its own identifiers (crossed-transfers.ts). */
  crossing: number;
  size: number;
}

/** A member tied by a strong identifier to an account labelled known_fraud (inside or outside the finding). */
export interface FraudLink {
  member: string;
  fraud: string;
  kind: IdentifierKind;
  key: string;
  points: number;
}

export interface RingFeatures {
  size: number;
  internalEdges: number;
  /** internalEdges / (n(n − 1)/2). */
  density: number;
  internalWeight: number;
  sharedIdentifierCount: number;
  /** The shared identifiers worth most points, at most 50. */
  sharedIdentifiers: SharedIdentifier[];
  /** Per kind: distinct identifiers shared by ≥ 2 members, and members using at least one of them. */
  byKind: Record<IdentifierKind, { identifiers: number; members: number }>;
  /** Mean over shared identifiers of members / sharers: 1 when nobody outside the ring uses them. */
  exclusivity: number;
  knownFraud: number;
  legit: number;
  /** Days between the first and last member creation, when at least two creation dates are known. */
  creationSpreadDays: number | null;
  /** Largest group of members created within burstWindowDays of each other, and how many days it spans. */
  burst: { members: number; days: number } | null;
  internalPayments: { pairs: number; count: number; total: number };
  /** Members along a loop of transfers (a pays b pays … pays a), first payer first; null when money never loops. */
  paymentCycle: string[] | null;
  /** Members tied to known-fraud accounts, the best tie of each (at most 20 listed). */
  fraudLinks: FraudLink[];
  scoreBreakdown: ScoreBreakdown;
  /** Σ reasonPoints: the uncapped points behind the score (see `scoreFromPoints`); orders rings of equal score. */
  points: number;
}

/** A ring of three or more accounts, or a pair of two tied by a strong identifier (a duplicate-account pair). */
export type FindingKind = 'ring' | 'pair';

export interface RingAssessment {
  kind: FindingKind;
  score: number;
  flagged: boolean;
  reasons: string[];
  /** The points each reason contributed, aligned with `reasons`; they sum to `features.points`. */
  reasonPoints: number[];
  evidence: RingEvidence[];
  evidenceTruncated: boolean;
  features: RingFeatures;
}
