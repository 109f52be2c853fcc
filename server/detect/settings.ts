/**
 * Ring-detection settings: one interface, one `DEFAULT_SETTINGS`, one `validateSettings()` that throws a sentence
 * naming the bad field (the sigma.js pattern). Callers pass a partial object to `resolveSettings()`.
 */
import { IDENTIFIER_KINDS, type IdentifierKind } from './input.ts';

/**
 * Points of the ring risk score.
 *
 *   score = min(100, identifiers + knownFraud + burst + payments + size), each term capped on its own:
 *
 *   identifiers = min(identifierCap, Σ_{identifiers i shared by ≥ 2 members} identifierPoints[kind(i)] · r_i / k_i)
 *                 where r_i = members using i and k_i = all accounts using i (an IP that 40 outsiders also use counts
 *                 for a tenth of one only the ring uses);
 *   knownFraud  = min(knownFraudCap, knownFraudPoints · members labelled known_fraud);
 *   burst       = burstPoints · b / n when b ≥ minRingSize members were created within burstWindowDays of each other,
 *                 else 0 (n = ring size, b = the largest such group);
 *   payments    = min(paymentCap, paymentPoints · distinct payer→payee pairs inside the ring);
 *   size        = min(sizeCap, sizePoints · (n − minRingSize)).
 *
 * With the defaults a household (3–5 accounts on one device and one home IP, even if opened the same week) stays
 * below 50 — 10 + 2 + 20 + size ≤ 36 — while four accounts opened in two days on two devices with one card score
 * 10 + 10 + 20 + 20 + 2 = 62.
 */
export interface ScoreWeights {
  identifierPoints: Record<IdentifierKind, number>;
  identifierCap: number;
  knownFraudPoints: number;
  knownFraudCap: number;
  burstPoints: number;
  burstWindowDays: number;
  paymentPoints: number;
  paymentCap: number;
  sizePoints: number;
  sizeCap: number;
}

export type PaymentEdgeMode = 'reinforce' | 'link';

export interface DetectionSettings {
  /**
   * Edge weight of the account projection.
   *
   * Two accounts a and b are joined by an edge of weight
   *
   *   w(a, b) = Σ_{identifiers i used by both} kindWeight[kind(i)] / (k_i − 1)^rarityExponent
   *           + Σ_{payment records between a and b, either direction} paymentWeight · log2(1 + count)
   *
   * where k_i is the number of distinct accounts using identifier i (2 ≤ k_i ≤ the kind's maxSharers; bigger groups
   * are crowds and add nothing). With rarityExponent = 1 (Newman 2001's collaboration weighting) an account receives
   * exactly kindWeight in total from each identifier it shares, however many others share it: a card used by 2
   * accounts ties them with 1.0, a card used by 11 ties each pair with 0.1. Rare identifiers bind tightly, popular
   * ones loosely, and no identifier dominates modularity through the k² edges of its clique. rarityExponent = 0
   * turns rarity off; values above 1 punish popular identifiers harder.
   *
   * Kind weights (defaults): device 1.0 and payment 1.0 — a device fingerprint or a card is rarely shared by accident
   * and many accounts on one of them is the classic farm; email 0.7 and phone 0.7 — personal, but numbers get recycled
   * and families share a mailbox; address 0.4 — households and apartment buildings share it legitimately; ip 0.15 —
   * NAT, carrier-grade NAT, VPNs, offices and cafés make sharing common and cheap.
   */
  kindWeights: Record<IdentifierKind, number>;
  rarityExponent: number;
  paymentWeight: number;
  /**
   * `reinforce` (default): transfers only add weight to pairs already linked by an identifier, so a marketplace's
   * ordinary buyer→seller payments do not glue everyone into one component. `link`: a transfer alone creates an edge.
   * Transfers between members of a ring always count towards its score either way.
   */
  paymentEdges: PaymentEdgeMode;
  /** Super-node guard: a group with more accounts than this is a crowd, never expanded into a clique. */
  maxSharers: number;
  maxSharersByKind: Partial<Record<IdentifierKind, number>>;
  /**
   * Louvain resolution γ; higher gives smaller communities. Below 1 on purpose: components and refined communities
   * are each partitioned against their own null model, where γ = 1 splits any group that is not perfectly uniform
   * (the unsplit group scores Q = 0). γ = 0.5 gives the unsplit group a head start of 1 − γ, so a ring whose halves
   * share two devices stays whole, while groups tied only by a carrier IP still come apart.
   */
  resolution: number;
  seed: number;
  /** Rounds of re-running Louvain inside each community (resolution-limit refinement); 0 disables it. */
  refineDepth: number;
  /** Components (and refined communities) up to this many accounts are partitioned exactly, not by Louvain (≤ 8). */
  exactPartitionMaxSize: number;
  minRingSize: number;
  /** A ring scoring at least this is flagged for investigation. */
  alertThreshold: number;
  /** Rings scoring below this are counted but not returned (households, mostly). */
  reportThreshold: number;
  /** Jaccard similarity at which a new ring keeps a previous ring's id; also the merge/split coverage threshold. */
  matchThreshold: number;
  maxEvidencePerRing: number;
  scoreWeights: ScoreWeights;
}

export const DEFAULT_SETTINGS: Readonly<DetectionSettings> = Object.freeze({
  kindWeights: { device: 1, payment: 1, email: 0.7, phone: 0.7, address: 0.4, ip: 0.15 },
  rarityExponent: 1,
  paymentWeight: 0.5,
  paymentEdges: 'reinforce',
  maxSharers: 50,
  maxSharersByKind: {},
  resolution: 0.5,
  seed: 42,
  refineDepth: 3,
  exactPartitionMaxSize: 6,
  minRingSize: 3,
  alertThreshold: 50,
  reportThreshold: 20,
  matchThreshold: 0.5,
  maxEvidencePerRing: 200,
  scoreWeights: {
    identifierPoints: { device: 10, payment: 20, email: 8, phone: 8, address: 4, ip: 2 },
    identifierCap: 50,
    knownFraudPoints: 25,
    knownFraudCap: 50,
    burstPoints: 20,
    burstWindowDays: 7,
    paymentPoints: 5,
    paymentCap: 20,
    sizePoints: 2,
    sizeCap: 10,
  },
} satisfies DetectionSettings);

export type DetectionSettingsInput = Partial<
  Omit<DetectionSettings, 'kindWeights' | 'scoreWeights'> & {
    kindWeights: Partial<Record<IdentifierKind, number>>;
    scoreWeights: Partial<Omit<ScoreWeights, 'identifierPoints'>> & {
      identifierPoints?: Partial<Record<IdentifierKind, number>>;
    };
  }
>;

export class InvalidSettingsError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidSettingsError';
  }
}

/** Fills a partial settings object from the defaults (one level deep for the per-kind maps) and validates it. */
export function resolveSettings(input: DetectionSettingsInput = {}): DetectionSettings {
  const base = DEFAULT_SETTINGS;
  const score = input.scoreWeights ?? {};
  const settings: DetectionSettings = {
    ...base,
    ...input,
    kindWeights: { ...base.kindWeights, ...input.kindWeights },
    maxSharersByKind: { ...base.maxSharersByKind, ...input.maxSharersByKind },
    scoreWeights: {
      ...base.scoreWeights,
      ...score,
      identifierPoints: { ...base.scoreWeights.identifierPoints, ...score.identifierPoints },
    },
  };
  validateSettings(settings);
  return settings;
}

/** The largest group of `kind` that is still expanded into pairs. */
export function maxSharersFor(settings: DetectionSettings, kind: IdentifierKind): number {
  return settings.maxSharersByKind[kind] ?? settings.maxSharers;
}

function fail(field: string, expectation: string, value: unknown): never {
  throw new InvalidSettingsError(
    field,
    `Detection setting "${field}" must be ${expectation}; got ${JSON.stringify(value) ?? String(value)}.`,
  );
}

function checkNumber(field: string, value: unknown, min: number, max = Infinity, integer = false): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (ok) return;
  const kind = integer ? 'an integer' : 'a number';
  const range = max === Infinity ? `≥ ${min}` : `between ${min} and ${max}`;
  fail(field, `${kind} ${range}`, value);
}

export function validateSettings(settings: DetectionSettings): void {
  for (const kind of IDENTIFIER_KINDS) checkNumber(`kindWeights.${kind}`, settings.kindWeights[kind], 0);
  checkNumber('rarityExponent', settings.rarityExponent, 0, 4);
  checkNumber('paymentWeight', settings.paymentWeight, 0);
  if (settings.paymentEdges !== 'reinforce' && settings.paymentEdges !== 'link') {
    fail('paymentEdges', '"reinforce" or "link"', settings.paymentEdges);
  }
  checkNumber('maxSharers', settings.maxSharers, 2, Infinity, true);
  for (const [kind, value] of Object.entries(settings.maxSharersByKind)) {
    if (!(IDENTIFIER_KINDS as readonly string[]).includes(kind)) {
      fail(`maxSharersByKind.${kind}`, `one of the identifier kinds (${IDENTIFIER_KINDS.join(', ')})`, kind);
    }
    checkNumber(`maxSharersByKind.${kind}`, value, 2, Infinity, true);
  }
  checkNumber('resolution', settings.resolution, Number.MIN_VALUE);
  checkNumber('seed', settings.seed, -(2 ** 31), 2 ** 32, true);
  checkNumber('refineDepth', settings.refineDepth, 0, 10, true);
  checkNumber('exactPartitionMaxSize', settings.exactPartitionMaxSize, 0, 8, true);
  checkNumber('minRingSize', settings.minRingSize, 2, Infinity, true);
  checkNumber('alertThreshold', settings.alertThreshold, 0, 100);
  checkNumber('reportThreshold', settings.reportThreshold, 0, settings.alertThreshold);
  checkNumber('matchThreshold', settings.matchThreshold, Number.MIN_VALUE, 1);
  checkNumber('maxEvidencePerRing', settings.maxEvidencePerRing, 0, Infinity, true);
  const score = settings.scoreWeights;
  for (const kind of IDENTIFIER_KINDS) {
    checkNumber(`scoreWeights.identifierPoints.${kind}`, score.identifierPoints[kind], 0);
  }
  for (const field of [
    'identifierCap',
    'knownFraudPoints',
    'knownFraudCap',
    'burstPoints',
    'paymentPoints',
    'paymentCap',
    'sizePoints',
    'sizeCap',
  ] as const) {
    checkNumber(`scoreWeights.${field}`, score[field], 0, 100);
  }
  checkNumber('scoreWeights.burstWindowDays', score.burstWindowDays, 0);
}
