/**
 * The ring-detection pipeline: stream identifier groups and transfers into the account projection, find communities
 * (per-component Louvain with connectivity and resolution-limit repairs, trimming of weakly tied members), merge
 * communities joined by pivot accounts (ring-repair.ts), score every community of at least minRingSize accounts, and
 * give the reported rings stable ids against the previous run. Pure: plain data in, plain data out; the database layer
 * does the reading and writing.
 */
import { pairKey, type PairPayments, type PaymentEvent, type PaymentEventMap } from './forwarding.ts';
import type { ComponentStats, CommunityCounts } from './communities.ts';
import { attachKnownFraud, attachmentCandidates } from './attach.ts';
import { bannedSet, isBanned, withBans } from './banned.ts';
import { chooseReentries, reentryCandidates } from './reentry.ts';
import { mergeFlaggedPieces } from './merge-pieces.ts';
import { genericCandidates, genericLookupIds, markGenericIdentifiers, sittingLookupIds } from './generic.ts';
import { handedOnCandidates, handedOnLookupIds, markHandedOnIdentifiers } from './handed-on.ts';
import { isOrganisation, markOrganisationIdentifiers, organisationTypeSet } from './organisations.ts';
import type { AccountInfo, Crowd, ExcludedIdentifier, IdentifierGroup, PaymentEdge } from './input.ts';
import { adjacencyModularity } from './modularity.ts';
import { analyseParts } from './part-pool.ts';
import { splitOversizeParts, type SplitReport } from './part-split.ts';
import { EmailTemplates } from './templates.ts';
import { partitionAccounts, type PartitionStats } from './partition.ts';
import { findingIdFor, matchRings, type PreviousRing, type RingDiff, type RingStatus } from './match.ts';
import type { Projection, ProjectionStats } from './projection-graph.ts';
import { ProjectionBuilder } from './projection.ts';
import { markIntruderNetworks, networkCandidates, networkLookupIds, networkMinAccounts } from './networks.ts';
import {
  fedCandidates,
  fedLegs,
  funnelCandidates,
  funnelLegs,
  funnelLookupIds,
  onSchedule,
  paybackLegs,
  regularLegs,
} from './funnels.ts';
import { RingScorer, type RingAssessment } from './score.ts';
import { sittingSightingMembers } from './score-terms.ts';
import { resolveSettings, type DetectionSettings, type DetectionSettingsInput } from './settings.ts';

export type DetectPhase = 'project' | 'payments' | 'communities' | 'score' | 'match';

/** Fetches the accounts behind ring candidates in one batch (the pipeline never asks for the whole marketplace). */
export type AccountLookup = (ids: readonly string[]) => Iterable<AccountInfo> | Promise<Iterable<AccountInfo>>;

export interface DetectRingsInput {
  /**
   * Identifier groups. Email groups of a single account may be included (a database sends those whose mailbox ends in
   * digits): they link nothing, but near-duplicate mailboxes across them are templates (templates.ts).
   */
  groups: Iterable<IdentifierGroup> | AsyncIterable<IdentifierGroup>;
  payments?: Iterable<PaymentEdge> | AsyncIterable<PaymentEdge>;
  accounts: ReadonlyMap<string, AccountInfo> | AccountLookup;
  /**
   * Ids of the accounts whose status is one of `bannedStatuses` (compared lower-cased), for the re-entry test
   * (reentry.ts). Needed only when `accounts` is a lookup: a map is searched directly. Without it, only banned
   * accounts already looked up (in parts with findings) are tested.
   */
  bannedAccounts?: (bannedStatuses: readonly string[]) => Iterable<string> | Promise<Iterable<string>>;
  /**
   * Ids of the accounts whose type is one of `organisationTypes` (lower-cased; compared case-insensitively), for the
   * organisation test (organisations.ts). Needed only when `accounts` is a lookup: a map is searched directly.
   * Without it, organisations are not recognised.
   */
  organisationAccounts?: (organisationTypes: readonly string[]) => Iterable<string> | Promise<Iterable<string>>;
  /**
   * Ids of the accounts labelled known fraud, for the intruders' networks test (networks.ts), which adds the banned
   * ones (bannedAccounts). Needed only when `accounts` is a lookup: a map is searched directly. Without it, no network
   * is tested.
   */
  knownFraudAccounts?: () => Iterable<string> | Promise<Iterable<string>>;
  /**
   * When a lookup's accounts leave out their sightings (AccountInfo.identifierSeen and .activity, the re-entry test's
   * input), this supplies them: asked only for the members of findings with a banned member and for a banned
   * account's possible successors. A map's accounts carry them already.
   */
  sightings?: (ids: readonly string[]) => Iterable<AccountSightings> | Promise<Iterable<AccountSightings>>;
  /**
   * The payments (time and amount) of given payer → payee pairs, for the forwarding test (forwarding.ts): asked once
   * per run, only for the transfers into and out of findings' members that receive from and pay other members
   * repeatedly. Without it those members pass money on by the repeated flows alone.
   */
  paymentEvents?: (
    pairs: ReadonlyArray<readonly [string, string]>,
  ) => Iterable<PairPayments> | Promise<Iterable<PairPayments>>;
  /** The rings the previous run reported; one that is not reported again (even if only its score fell) dissolves. */
  previousRings?: readonly PreviousRing[];
  settings?: DetectionSettingsInput;
  /** Id for a finding that matches no previous one; defaults to `ring-`/`pair-` + a hash of its members. */
  newRingId?: (members: readonly string[]) => string;
  onProgress?: (phase: DetectPhase, done: number, total?: number) => void;
  /**
   * Stage 1 from elsewhere: the strong-tie parts as partitionAccounts would give them, computed by another engine
   * (the Spark job: server/runs/spark-engine.ts). Called once the projection and its generic marks are final.
   */
  partition?: (projection: Projection, settings: DetectionSettings) => Promise<PartitionResult>;
  /** Worker threads for stage 2 (part-pool.ts); 1 (the default) analyses in this thread. Same findings either way. */
  workers?: number;
  /** Parts of more accounts are cut along their weakest ties first (part-split.ts); unset: nothing is cut. */
  maxPartAccounts?: number;
}

/** What DetectRingsInput.sightings gives for one account. */
export type AccountSightings = Pick<AccountInfo, 'id' | 'identifierSeen' | 'activity' | 'freshStarts'>;

export interface PartitionResult {
  parts: number[][];
  stats: PartitionStats;
  /** Who found the parts: `local` (partitionAccounts) unless another engine says. */
  engine?: string;
}

export interface DetectedRing extends RingAssessment {
  id: string;
  /** Sorted account ids. */
  members: string[];
  status: RingStatus;
}

export interface DetectCounts extends ProjectionStats {
  /** Identifiers found generic (generic.ts) and left out. */
  genericIdentifiers: number;
  /** Identifiers found handed on from one holder to the next (handed-on.ts) and left out. */
  handedOnIdentifiers: number;
  /** IPs found to be an intruder's network (networks.ts): strong ties. */
  intruderNetworks: number;
  /** Payer → payee pairs whose payments were read for the forwarding test (forwarding.ts). */
  forwardingPairs: number;
  /** Identifiers of accounts that declare an organisation (organisations.ts), left out. */
  organisationIdentifiers: number;
  /** Known-fraud accounts shown with a flagged finding they are tied to by a rare weak identifier (attach.ts). */
  attachedKnownFraud: number;
  /** The parts, how they were found (`engine`), cut (part-split.ts) and analysed (`workers`). */
  partition: PartitionStats & SplitReport & { engine: string; workers: number };
  /** `components` counts parts (strong-tie components); the Louvain counters are for parts too big to keep whole. */
  components: CommunityCounts;
  /** Findings scored: rings of at least minRingSize accounts and pairs. */
  candidates: number;
  /** Candidates scoring at least reportThreshold (returned as rings). */
  reported: number;
  flagged: number;
  /** Of the reported findings: pairs, and pairs flagged. */
  pairs: number;
  flaggedPairs: number;
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
  /** Rings and pairs (`kind`), highest score first, then most points, then by first member id. */
  rings: DetectedRing[];
  crowds: Crowd[];
  /** Placeholder and generic identifiers left out of the findings. */
  excluded: ExcludedIdentifier[];
  /** Modularity of the final partition on the whole projection. */
  modularity: number;
  counts: DetectCounts;
  /** Louvain statistics of the parts too big to keep whole. */
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
  const accountSource = withBans(input.accounts, settings.bannedStatuses);
  // The banned accounts are read once (kept as a list), for the intruders' networks and for the re-entry test.
  const readBanned = input.bannedAccounts;
  const bannedAccounts = readBanned
    ? once(async (statuses: readonly string[]) => [...(await readBanned(statuses))])
    : undefined;
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
  const templates = settings.templates ? new EmailTemplates() : null;
  await forEachItem(input.groups, (group) => {
    builder.addGroup(group);
    if (templates && group.kind === 'email') templates.add(group.key, group.accounts);
    if (++groups % PROGRESS_EVERY === 0) progress('project', groups);
  });
  for (const derived of templates?.groups() ?? []) builder.addGroup({ kind: 'email', ...derived });
  progress('project', groups, groups);
  let payments = 0;
  let funnelMs = 0;
  // The candidate feeders' details, looked up for their creation dates: reused for the parts they end up in.
  let feederInfos: ReadonlyMap<string, AccountInfo> = new Map();
  if (input.payments) {
    // In one order whatever order the source sent them in (a database streams them in storage order, which depends
    // on how the data were loaded): the same payments always give the same rings, and an incremental night equals a
    // full run (runs/input-cache.ts).
    const ordered = await inCanonicalOrder(input.payments);
    for (const payment of ordered) {
      builder.addPayment(payment);
      if (++payments % PROGRESS_EVERY === 0) progress('payments', payments);
    }
    // Funnels (funnels.ts) need the creation dates of their candidate feeders: one lookup of those few.
    const triangle = settings.paymentEdges === 'triangle';
    const candidates = triangle ? funnelCandidates(ordered, settings.funnel) : [];
    // Custom paid back (funnels.ts paybackLegs) needs no dates: its legs link like a funnel's.
    const paidBack = triangle ? paybackLegs(ordered, settings.funnel) : new Set<string>();
    // Nor do regulars of one or two accounts alone (funnels.ts regularLegs): they link like a funnel's legs. Those who
    // pay on a monthly schedule are customers (rent, a subscription, a service's fee): their payments' times are read.
    let regulars = triangle ? regularLegs(ordered, settings.funnel) : new Set<string>();
    if (regulars.size > 0 && input.paymentEvents && settings.funnel.scheduleDays > 0) {
      const asked = performance.now();
      const pairs = new Map<string, [string, string]>();
      for (const leg of regulars) {
        const cut = leg.indexOf('\u0000');
        pairs.set(leg, [leg.slice(0, cut), leg.slice(cut + 1)]);
      }
      const events = await readPaymentEvents(input.paymentEvents, pairs);
      funnelMs += performance.now() - asked;
      const scheduled = new Set<string>();
      for (const [key, list] of events) {
        const times = list.map(([at]) => at);
        if (onSchedule(times, settings.funnel.scheduleDays)) scheduled.add(key);
      }
      if (scheduled.size > 0)
        regulars = regularLegs(ordered, settings.funnel, (payer, payee) => scheduled.has(pairKey(payer, payee)));
    }
    // Payers fed with known fraud (funnels.ts fedLegs) need the candidates' labels: looked up with the feeders'.
    const fedFrom = triangle ? fedCandidates(ordered, settings.funnel) : [];
    let legs = new Set<string>();
    let fed = new Set<string>();
    if (candidates.length > 0 || fedFrom.length > 0) {
      const asked = performance.now();
      feederInfos = await lookupAccounts(accountSource, funnelLookupIds([...candidates, ...fedFrom]));
      funnelMs = performance.now() - asked;
      legs = funnelLegs(candidates, feederInfos, settings.funnel);
      // A funnel's leg keeps that kind (a paid-back one too: the projection puts paid back first).
      fed = new Set([...fedLegs(fedFrom, feederInfos, settings.funnel)].filter((leg) => !legs.has(leg)));
    }
    for (const leg of regulars) legs.add(leg);
    if (legs.size > 0 || paidBack.size > 0 || fed.size > 0)
      builder.setFunnels(new Set([...legs, ...paidBack, ...fed]), paidBack, fed);
  }
  progress('payments', payments, payments);
  const projection = builder.build();
  const projectMs = Math.round(lap() - funnelMs);

  // What organisations lend their people (organisations.ts), before the generic test, which then skips it.
  const organisationCount = markOrganisationIdentifiers(
    projection,
    await organisationsIn(projection, accountSource, input.organisationAccounts, organisationTypeSet(settings)),
    settings.funnel.regularTransfers,
  );
  // Generic identifiers need the creation dates and countries of their sharers, handed-on ones the labels and
  // sightings of theirs: one lookup, only when there are any.
  const genericTests = genericCandidates(projection, settings);
  const handedOnTests = handedOnCandidates(projection, settings);
  const earlyIds = [
    ...new Set([...genericLookupIds(projection, genericTests), ...handedOnLookupIds(projection, handedOnTests)]),
  ].sort(compare);
  let early = earlyIds.length > 0 ? await lookupAccounts(accountSource, earlyIds) : new Map<string, AccountInfo>();
  const asked = new Set<string>();
  // A device some of whose sharers took one address or phone in one sitting with it is not generic: their sightings.
  if (input.sightings) {
    const ids = sittingLookupIds(projection, genericTests, early, settings);
    if (ids.length > 0) {
      const seen = new Map(early);
      await addSightings(seen, ids, input.sightings, asked);
      early = seen;
    }
  }
  const genericCount = markGenericIdentifiers(projection, genericTests, early, settings);
  const banned = bannedSet(settings.bannedStatuses);
  if (handedOnTests.length > 0 && input.sightings) {
    const seen = new Map(early);
    await addSightings(seen, handedOnLookupIds(projection, handedOnTests), input.sightings, asked);
    early = seen;
  }
  const handedOnCount = markHandedOnIdentifiers(projection, handedOnTests, early, banned, settings);
  // Intruders' networks (networks.ts): IPs with a known-fraud sharer, tested on their sharers' sightings.
  let networkCount = 0;
  if (Number.isFinite(networkMinAccounts(settings))) {
    const fraud = await knownFraudIds(
      accountSource,
      { knownFraudAccounts: input.knownFraudAccounts, bannedAccounts },
      banned,
    );
    const networkTests = networkCandidates(projection, fraud, settings);
    if (networkTests.length > 0) {
      const ids = networkLookupIds(projection, networkTests);
      const seen = new Map(early);
      const missing = ids.filter((id) => !seen.has(id));
      if (typeof accountSource !== 'function') {
        for (const id of missing) {
          const info = accountSource.get(id);
          if (info) seen.set(id, info);
        }
      } else if (missing.length > 0) {
        for (const [id, info] of await lookupAccounts(accountSource, missing)) seen.set(id, info);
      }
      if (input.sightings) await addSightings(seen, ids, input.sightings, asked);
      early = seen;
      networkCount = markIntruderNetworks(projection, networkTests, early, settings);
    }
  }
  const earlyLookupMs = lap() + Math.round(funnelMs);

  // Stage 1: partition into strong-tie parts. Stage 2: findings per part (part-analysis.ts).
  const partitioned: PartitionResult = input.partition
    ? await input.partition(projection, settings)
    : partitionAccounts(projection, settings);
  const split = splitOversizeParts(projection, partitioned.parts, input.maxPartAccounts);
  const partition = { parts: split.parts, stats: partitioned.stats };
  const analysed = await analyseParts(projection, settings, partition.parts, {
    workers: input.workers,
    onProgress: (done, total) => progress('communities', done, total),
  });
  const components: ComponentStats[] = analysed.stats;
  const candidates: number[][] = [];
  const analysedParts: number[][] = [];
  partition.parts.forEach((part, p) => {
    const findings = analysed.findings[p];
    if (findings.length > 0) analysedParts.push(part);
    for (const finding of findings) candidates.push(finding);
  });
  progress('communities', partition.parts.length, partition.parts.length);
  const communityCounts: CommunityCounts = {
    ...analysed.counts,
    components: partition.parts.length,
    pivotMerges: analysed.pivotMerges,
    communities: candidates.length,
  };
  components.sort((a, b) => b.size - a.size || compare(a.firstId, b.firstId));
  const modularity = adjacencyModularity(
    projection.adjacency,
    membershipOf(candidates, projection.order),
    settings.resolution,
  );
  const communitiesMs = lap();

  // Labels of every account in a part with findings: members, and the known-fraud accounts they are tied to.
  const lookedUp = new Set(early.keys());
  const wanted = analysedParts.flatMap((part) => part.map((node) => projection.accountId(node)));
  const missing = wanted.filter((id) => !lookedUp.has(id));
  const fetched = await lookupAccounts(
    accountSource,
    missing.filter((id) => !feederInfos.has(id)),
  );
  const feeders = missing.flatMap((id): Array<[string, AccountInfo]> => {
    const info = feederInfos.get(id);
    return info ? [[id, info]] : [];
  });
  const accounts = new Map([...early, ...feeders, ...fetched]);
  // Sightings for the re-entry test, only where a banned account is in a finding.
  if (input.sightings && banned.size > 0 && settings.reentryMaxSharers >= 2) {
    const ids: string[] = [];
    for (const part of candidates) {
      const members = part.map((node) => projection.accountId(node));
      if (members.some((id) => isBanned(accounts.get(id), banned))) ids.push(...members);
    }
    await addSightings(accounts, ids, input.sightings, asked);
  }
  // Sightings for the one-sitting takeover test (score-terms.ts sittingTakeovers), only of the members that could
  // have taken a shared address or phone number in one sitting with a shared device.
  if (input.sightings && settings.takeover.sittingHours > 0) {
    const ids: string[] = [];
    for (const part of candidates)
      for (const node of sittingSightingMembers(projection, part, accounts, settings))
        ids.push(projection.accountId(node));
    await addSightings(accounts, ids, input.sightings, asked);
  }
  const scorer = new RingScorer(projection, settings);
  // Payments of the candidates' pass-through members, for the forwarding test: one lookup, only when there are any.
  let forwardingPairs = 0;
  if (input.paymentEvents) {
    const pairs = new Map<string, [string, string]>();
    for (const part of candidates) for (const [a, b] of scorer.forwardingPairs(part)) pairs.set(pairKey(a, b), [a, b]);
    forwardingPairs = pairs.size;
    if (pairs.size > 0) scorer.usePaymentEvents(await readPaymentEvents(input.paymentEvents, pairs));
  }
  const lookupMs = lap() + earlyLookupMs;

  const scored: Array<{ members: string[]; assessment: RingAssessment }> = [];
  candidates.forEach((part, done) => {
    const assessment = scorer.assess(part, accounts);
    if (assessment.score >= settings.reportThreshold) {
      scored.push({ members: part.map((node) => projection.accountId(node)), assessment });
    }
    if ((done + 1) % PROGRESS_EVERY === 0) progress('score', done + 1, candidates.length);
  });
  progress('score', candidates.length, candidates.length);
  // Flagged pieces of one operation, tied by a drop address or a rare IP and opened together, become one finding.
  const merged = mergeFlaggedPieces(projection, scored, accounts, settings, (nodes) => scorer.assess(nodes, accounts));
  scored.length = 0;
  scored.push(...merged);
  // A banned account's successor: a new account that took its home IP, phone or address over (reentry.ts).
  const reentries = await findReentries(
    projection,
    scored,
    accountSource,
    { bannedAccounts, sightings: input.sightings },
    accounts,
    asked,
    banned,
    settings,
  );
  for (const pair of reentries) {
    const assessment = scorer.assess(pair, accounts);
    if (assessment.score >= settings.reportThreshold)
      scored.push({ members: pair.map((node) => projection.accountId(node)).sort(compare), assessment });
  }
  // Known-fraud accounts at a flagged finding's address or home IP are shown with it (attach.ts): no score changes.
  const attachable = attachmentCandidates(projection, scored, settings);
  const attachLabels = await lookupAccounts(
    accountSource,
    attachable.map((c) => c.account).filter((id) => !accounts.has(id)),
  );
  const attached = attachKnownFraud(projection, scored, attachable, (id) => accounts.get(id) ?? attachLabels.get(id));
  scored.sort(
    (a, b) =>
      b.assessment.score - a.assessment.score ||
      b.assessment.features.points - a.assessment.features.points ||
      compare(a.members[0], b.members[0]),
  );
  const scoreMs = lap();

  const diff = matchRings(
    input.previousRings ?? [],
    scored.map((ring) => ring.members),
    { threshold: settings.matchThreshold, newId: input.newRingId ?? findingIdFor },
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
    excluded: [...projection.excluded],
    modularity,
    counts: {
      ...projection.stats,
      genericIdentifiers: genericCount,
      handedOnIdentifiers: handedOnCount,
      intruderNetworks: networkCount,
      forwardingPairs,
      organisationIdentifiers: organisationCount,
      attachedKnownFraud: attached,
      partition: {
        ...partition.stats,
        ...split.report,
        engine: partitioned.engine ?? 'local',
        workers: analysed.workers,
      },
      components: communityCounts,
      candidates: candidates.length,
      reported: rings.length,
      flagged: rings.filter((ring) => ring.flagged).length,
      pairs: rings.filter((ring) => ring.kind === 'pair').length,
      flaggedPairs: rings.filter((ring) => ring.kind === 'pair' && ring.flagged).length,
    },
    components,
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

/**
 * Pairs of a banned account and its successor, both outside every reported finding (reentry.ts). The accounts looked
 * up for the test are added to `accounts`.
 */
async function findReentries(
  projection: Projection,
  scored: ReadonlyArray<{ members: string[] }>,
  accountSource: ReadonlyMap<string, AccountInfo> | AccountLookup,
  { bannedAccounts, sightings }: Pick<DetectRingsInput, 'bannedAccounts' | 'sightings'>,
  accounts: Map<string, AccountInfo>,
  asked: Set<string>,
  banned: ReadonlySet<string>,
  settings: DetectionSettings,
): Promise<number[][]> {
  if (settings.reentryMaxSharers < 2 || settings.scoreWeights.reentryPoints <= 0 || banned.size === 0) return [];
  // A map holds every account; a lookup without bannedAccounts only those already looked up.
  const known = typeof accountSource !== 'function' ? accountSource : bannedAccounts ? null : accounts;
  const fraudIds = known
    ? [...known.values()].filter((a) => isBanned(a, banned)).map((a) => a.id)
    : await bannedAccounts!([...banned]);
  const taken = new Set(scored.flatMap((f) => f.members));
  const candidates = reentryCandidates(projection, fraudIds, taken, settings.reentryMaxSharers);
  if (candidates.length === 0) return [];
  const ids = new Set<string>();
  for (const c of candidates) {
    for (const node of [c.fraud, c.member]) {
      const id = projection.accountId(node);
      if (!accounts.has(id)) ids.add(id);
    }
  }
  if (ids.size > 0) for (const [id, info] of await lookupAccounts(accountSource, [...ids])) accounts.set(id, info);
  if (sightings) {
    const involved = candidates.flatMap((c) => [projection.accountId(c.fraud), projection.accountId(c.member)]);
    await addSightings(accounts, involved, sightings, asked);
  }
  return chooseReentries(projection, candidates, (id) => accounts.get(id), banned, settings.reentryOverlapDays).map(
    (c) => [c.fraud, c.member],
  );
}

/**
 * Ids of the known-fraud accounts (labelled so, or banned: withBans has labelled those): from the map, or from
 * `knownFraudAccounts` for a lookup (none without it).
 */
async function knownFraudIds(
  accountSource: ReadonlyMap<string, AccountInfo> | AccountLookup,
  { knownFraudAccounts, bannedAccounts }: Pick<DetectRingsInput, 'knownFraudAccounts' | 'bannedAccounts'>,
  banned: ReadonlySet<string>,
): Promise<Set<string>> {
  if (typeof accountSource !== 'function') {
    const ids = new Set<string>();
    for (const info of accountSource.values()) if (info.label === 'known_fraud') ids.add(info.id);
    return ids;
  }
  if (!knownFraudAccounts) return new Set();
  // Labelled ones by the label's index; banned ones as the re-entry test reads them (one scan, remembered).
  const ids = new Set(await knownFraudAccounts());
  if (bannedAccounts && banned.size > 0) for (const id of await bannedAccounts([...banned])) ids.add(id);
  return ids;
}

/** `read` called once at most, its result remembered (one scan of the accounts serves two tests). */
function once<A extends unknown[], T>(read: (...args: A) => T): (...args: A) => T {
  let result: { value: T } | undefined;
  return (...args) => (result ??= { value: read(...args) }).value;
}

/** The payments of `pairs` (by pairKey), asked in key order; every asked pair is in the map, [] when it has none. */
async function readPaymentEvents(
  lookup: NonNullable<DetectRingsInput['paymentEvents']>,
  pairs: ReadonlyMap<string, [string, string]>,
): Promise<PaymentEventMap> {
  const keys = [...pairs.keys()].sort(compare);
  const events = new Map<string, PaymentEvent[]>(keys.map((k) => [k, []]));
  for (const row of await lookup(keys.map((k) => pairs.get(k)!))) {
    const list = events.get(pairKey(row.payer, row.payee));
    if (list) list.push(...row.events);
  }
  return events;
}

/** Adds the sightings of `ids` (each asked once per run) to their accounts. */
async function addSightings(
  accounts: Map<string, AccountInfo>,
  ids: readonly string[],
  sightings: NonNullable<DetectRingsInput['sightings']>,
  asked: Set<string>,
): Promise<void> {
  const wanted = [...new Set(ids)].filter((id) => !asked.has(id) && accounts.has(id));
  if (wanted.length === 0) return;
  wanted.forEach((id) => asked.add(id));
  for (const seen of await sightings(wanted)) {
    const info = accounts.get(seen.id);
    if (!info) continue;
    accounts.set(seen.id, {
      ...info,
      ...(seen.identifierSeen ? { identifierSeen: seen.identifierSeen } : {}),
      ...(seen.activity ? { activity: seen.activity } : {}),
      ...(seen.freshStarts ? { freshStarts: seen.freshStarts } : {}),
    });
  }
}

/**
 * The payments by payer, then payee (account ids compared as strings); payments of one pair keep their order (the
 * sort is stable). Input already in that order (an incremental night's cached payments: runs/payment-columns.ts)
 * costs one pass: the sort finds a single run.
 */
async function inCanonicalOrder(source: Iterable<PaymentEdge> | AsyncIterable<PaymentEdge>): Promise<PaymentEdge[]> {
  const all: PaymentEdge[] = [];
  await forEachItem(source, (payment) => all.push(payment));
  return all.sort(comparePayments);
}

function comparePayments(a: PaymentEdge, b: PaymentEdge): number {
  return a.payer === b.payer ? compare(a.payee, b.payee) : compare(a.payer, b.payer);
}

async function forEachItem<T>(source: Iterable<T> | AsyncIterable<T>, visit: (item: T) => void): Promise<void> {
  if (Symbol.iterator in source) {
    for (const item of source) visit(item);
  } else {
    for await (const item of source) visit(item);
  }
}

/** The projected accounts of an organisation type: from the map, or asked for by type and then looked up. */
async function organisationsIn(
  projection: Projection,
  accounts: ReadonlyMap<string, AccountInfo> | AccountLookup,
  organisationAccounts: DetectRingsInput['organisationAccounts'],
  types: ReadonlySet<string>,
): Promise<AccountInfo[]> {
  if (types.size === 0) return [];
  if (typeof accounts !== 'function')
    return [...accounts.values()].filter((a) => isOrganisation(a, types) && projection.indexOf(a.id) >= 0);
  if (!organisationAccounts) return [];
  const ids = [...(await organisationAccounts([...types]))].filter((id) => projection.indexOf(id) >= 0);
  return [...(await lookupAccounts(accounts, ids)).values()].filter((a) => isOrganisation(a, types));
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

/** Findings as communities, every other account a community of its own. */
function membershipOf(parts: readonly number[][], order: number): Int32Array {
  const membership = new Int32Array(order).fill(-1);
  parts.forEach((part, c) => part.forEach((node) => (membership[node] = c)));
  let next = parts.length;
  for (let node = 0; node < order; node++) if (membership[node] < 0) membership[node] = next++;
  return membership;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
