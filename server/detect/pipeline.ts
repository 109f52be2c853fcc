/**
 * The ring-detection pipeline: stream identifier groups and transfers into the account projection, find communities
 * (per-component Louvain with connectivity and resolution-limit repairs, trimming of weakly tied members), merge
 * communities joined by pivot accounts (ring-repair.ts), score every community of at least minRingSize accounts, and
 * give the reported rings stable ids against the previous run. Pure: plain data in, plain data out; the database layer
 * does the reading and writing.
 */
import { detectAdjacencyCommunities, type ComponentStats, type CommunityCounts } from './communities.ts';
import type { AccountInfo, Crowd, IdentifierGroup, PaymentEdge } from './input.ts';
import { adjacencyModularity } from './modularity.ts';
import { mergeAtPivots } from './ring-repair.ts';
import { matchRings, type PreviousRing, type RingDiff, type RingStatus } from './match.ts';
import type { ProjectionStats } from './projection-graph.ts';
import { ProjectionBuilder } from './projection.ts';
import { RingScorer, type RingAssessment } from './score.ts';
import { resolveSettings, type DetectionSettings, type DetectionSettingsInput } from './settings.ts';

export type DetectPhase = 'project' | 'payments' | 'communities' | 'score' | 'match';

/** Fetches the accounts behind ring candidates in one batch (the pipeline never asks for the whole marketplace). */
export type AccountLookup = (ids: readonly string[]) => Iterable<AccountInfo> | Promise<Iterable<AccountInfo>>;

export interface DetectRingsInput {
  groups: Iterable<IdentifierGroup> | AsyncIterable<IdentifierGroup>;
  payments?: Iterable<PaymentEdge> | AsyncIterable<PaymentEdge>;
  accounts: ReadonlyMap<string, AccountInfo> | AccountLookup;
  /** The rings the previous run reported; one that is not reported again (even if only its score fell) dissolves. */
  previousRings?: readonly PreviousRing[];
  settings?: DetectionSettingsInput;
  /** Id for a ring that matches no previous ring; defaults to `ring-` + a hash of its members. */
  newRingId?: (members: readonly string[]) => string;
  onProgress?: (phase: DetectPhase, done: number, total?: number) => void;
}

export interface DetectedRing extends RingAssessment {
  id: string;
  /** Sorted account ids. */
  members: string[];
  status: RingStatus;
}

export interface DetectCounts extends ProjectionStats {
  components: CommunityCounts;
  /** Communities of at least minRingSize accounts. */
  candidates: number;
  /** Candidates scoring at least reportThreshold (returned as rings). */
  reported: number;
  flagged: number;
}

export interface DetectTimings {
  /** Streaming the groups and payments in, and building the projection. */
  project: number;
  communities: number;
  /** Fetching the candidates' accounts (the lookup function's time, when one is given). */
  lookup: number;
  score: number;
  match: number;
  total: number;
}

export interface DetectRingsResult {
  /** Highest score first, then by first member id. */
  rings: DetectedRing[];
  crowds: Crowd[];
  /** Modularity of the final partition on the whole projection. */
  modularity: number;
  counts: DetectCounts;
  /** Per-component statistics for the components Louvain ran on. */
  components: ComponentStats[];
  /** Milliseconds per phase. */
  timings: DetectTimings;
  /** Aligned with `rings`. */
  diff: RingDiff;
  settings: DetectionSettings;
}

const PROGRESS_EVERY = 10_000;

export async function detectRings(input: DetectRingsInput): Promise<DetectRingsResult> {
  const settings = resolveSettings(input.settings);
  const progress = input.onProgress ?? (() => undefined);
  const started = performance.now();
  let mark = started;
  const lap = (): number => {
    const now = performance.now();
    const elapsed = now - mark;
    mark = now;
    return Math.round(elapsed);
  };

  const builder = new ProjectionBuilder(settings);
  let groups = 0;
  await forEachItem(input.groups, (group) => {
    builder.addGroup(group);
    if (++groups % PROGRESS_EVERY === 0) progress('project', groups);
  });
  progress('project', groups, groups);
  let payments = 0;
  if (input.payments) {
    await forEachItem(input.payments, (payment) => {
      builder.addPayment(payment);
      if (++payments % PROGRESS_EVERY === 0) progress('payments', payments);
    });
  }
  progress('payments', payments, payments);
  const projection = builder.build();
  const projectMs = lap();

  const communities = detectAdjacencyCommunities(projection.adjacency, {
    resolution: settings.resolution,
    seed: settings.seed,
    minRingSize: settings.minRingSize,
    refineDepth: settings.refineDepth,
    exactPartitionMaxSize: settings.exactPartitionMaxSize,
    trimMinWeight: settings.trimMinWeight,
    onProgress: (done, total) => progress('communities', done, total),
  });
  // Chains of groups joined by pivot accounts are one ring (ring-repair.ts); members of merged parts sorted by id.
  const pivots = mergeAtPivots(projection, communities.parts, settings, new Int32Array(projection.order));
  const parts = pivots.merges === 0 ? communities.parts : pivots.parts.map((part) => sortById(part, projection));
  communities.counts.pivotMerges = pivots.merges;
  const modularity =
    pivots.merges === 0
      ? communities.modularity
      : adjacencyModularity(projection.adjacency, membershipOf(parts, projection.order), settings.resolution);
  const communitiesMs = lap();

  const candidates = parts.filter((part) => part.length >= settings.minRingSize);
  const accounts = await lookupAccounts(
    input.accounts,
    candidates.flatMap((part) => part.map((node) => projection.accountId(node))),
  );
  const lookupMs = lap();

  const scorer = new RingScorer(projection, settings);
  const scored: Array<{ members: string[]; assessment: RingAssessment }> = [];
  candidates.forEach((part, done) => {
    const assessment = scorer.assess(part, accounts);
    if (assessment.score >= settings.reportThreshold) {
      scored.push({ members: part.map((node) => projection.accountId(node)), assessment });
    }
    if ((done + 1) % PROGRESS_EVERY === 0) progress('score', done + 1, candidates.length);
  });
  progress('score', candidates.length, candidates.length);
  scored.sort((a, b) => b.assessment.score - a.assessment.score || compare(a.members[0], b.members[0]));
  const scoreMs = lap();

  const diff = matchRings(
    input.previousRings ?? [],
    scored.map((ring) => ring.members),
    { threshold: settings.matchThreshold, newId: input.newRingId },
  );
  const rings: DetectedRing[] = scored.map((ring, i) => ({
    id: diff.rings[i].id,
    members: ring.members,
    status: diff.rings[i].status,
    ...ring.assessment,
  }));
  progress('match', rings.length, rings.length);
  const matchMs = lap();

  return {
    rings,
    crowds: [...projection.crowds],
    modularity,
    counts: {
      ...projection.stats,
      components: communities.counts,
      candidates: candidates.length,
      reported: rings.length,
      flagged: rings.filter((ring) => ring.flagged).length,
    },
    components: communities.components,
    timings: {
      project: projectMs,
      communities: communitiesMs,
      lookup: lookupMs,
      score: scoreMs,
      match: matchMs,
      total: Math.round(performance.now() - started),
    },
    diff,
    settings,
  };
}

async function forEachItem<T>(source: Iterable<T> | AsyncIterable<T>, visit: (item: T) => void): Promise<void> {
  if (Symbol.iterator in source) {
    for (const item of source) visit(item);
  } else {
    for await (const item of source) visit(item);
  }
}

async function lookupAccounts(
  accounts: ReadonlyMap<string, AccountInfo> | AccountLookup,
  ids: string[],
): Promise<ReadonlyMap<string, AccountInfo>> {
  if (typeof accounts !== 'function') return accounts;
  const found = new Map<string, AccountInfo>();
  if (ids.length === 0) return found;
  for (const account of await accounts(ids)) found.set(account.id, account);
  return found;
}

function sortById(part: number[], projection: { accountId(node: number): string }): number[] {
  return part.sort((a, b) => compare(projection.accountId(a), projection.accountId(b)));
}

function membershipOf(parts: readonly number[][], order: number): Int32Array {
  const membership = new Int32Array(order);
  parts.forEach((part, c) => part.forEach((node) => (membership[node] = c)));
  return membership;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
