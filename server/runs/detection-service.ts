/**
 * A detection run against Neo4j: stream the identifier groups and payments into the pure pipeline
 * (server/detect/pipeline.ts), then write the run, its rings and memberships back. One run at a time, guarded by a
 * lock in Neo4j; a crashed run leaves an unfinished DetectionRun, shown as `abandoned` once its lock is no longer live
 * and recorded so by the next run, and can simply be run again.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { PairPayments, PaymentEvent } from '../detect/forwarding.ts';
import type { AccountInfo, IdentifierGroup } from '../detect/input.ts';
import type { PreviousRing } from '../detect/match.ts';
import {
  detectRings,
  type AccountSightings,
  type DetectPhase,
  type DetectRingsInput,
  type DetectRingsResult,
} from '../detect/pipeline.ts';
import { resolveSettings, type DetectionSettingsInput } from '../detect/settings.ts';
import { sparkPartition } from '../engine/spark-engine.ts';
import { seenKey } from '../detect/reentry.ts';
import { namedMailboxes } from '../detect/templates.ts';
import { freshStartsIso } from '../detect/takeover.ts';
import { identifierKindOfLabel } from '../../contracts/vocabulary.ts';
import { acquireLock, type HeldLock } from './lock.ts';
import {
  pruneChangeRecords,
  readDetectionInput,
  wholeGraphInput,
  type DetectionInput,
  type InputReadReport,
} from './input-cache.ts';
import { inParallel } from './in-parallel.ts';
import { finishFailed, storeRun } from './persist-run.ts';

const LOOKUP_BATCH = 10_000;

export type RunPhase = DetectPhase | 'write' | 'done';

export interface RunProgress {
  phase: RunPhase;
  done: number;
  total?: number;
}

export interface DetectionRunResult {
  id: string;
  result: DetectRingsResult;
  /** How the input was read: the whole graph, or the cache and what changed since (runs/input-cache.ts). */
  input: InputReadReport;
  /**
   * Milliseconds: the pipeline's phases (its `total` replaced by the run's), and around them `prepare` (run record,
   * previous rings, dispositions), `input` (opening the input: the cache file and the changes since, or the start of
   * the whole-graph read), `write` (rings back to Neo4j) and `cacheSave`.
   */
  timings: DetectRingsResult['timings'] & {
    prepare: number;
    input: number;
    write: number;
    cacheSave: number;
    total: number;
  };
}

export function newRunId(now = new Date()): string {
  return `run-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/** The groups, without the identifiers of rings an investigator marked false_positive (sync in, sync out). */
function unsuppressed(
  groups: AsyncIterable<IdentifierGroup> | Iterable<IdentifierGroup>,
  suppressed: ReadonlySet<string>,
): AsyncIterable<IdentifierGroup> | Iterable<IdentifierGroup> {
  const kept = (group: IdentifierGroup) => suppressed.size === 0 || !suppressed.has(`${group.kind}\u0000${group.key}`);
  if (Symbol.iterator in groups) {
    const source = groups;
    return (function* () {
      for (const group of source) if (kept(group)) yield group;
    })();
  }
  return (async function* () {
    for await (const group of groups) if (kept(group)) yield group;
  })();
}

/**
 * Starts pulling `source` at once into memory and replays it when iterated: the pipeline reads payments only after the
 * identifier groups, but the database can compute them meanwhile (Neo4j runs each query on one core).
 */
function prefetch<T>(source: AsyncIterable<T>): AsyncIterable<T> {
  const items: T[] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  void (async () => {
    try {
      for await (const item of source) {
        items.push(item);
        wake?.();
      }
    } catch (err) {
      failure = err;
    } finally {
      finished = true;
      wake?.();
    }
  })();
  return {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; ;) {
        if (i < items.length) {
          yield items[i]!;
          items[i++] = undefined as T; // let consumed items go
          continue;
        }
        if (failure) throw failure;
        if (finished) return;
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
    },
  };
}

async function bannedAccounts(db: Db, statuses: readonly string[]): Promise<string[]> {
  const rows = await db.read<{ id: string }>('accounts-banned.read', { statuses: [...statuses] });
  return rows.map((r) => r.id);
}

async function knownFraudAccounts(db: Db): Promise<string[]> {
  const rows = await db.read<{ id: string }>('accounts-known-fraud.read', {});
  return rows.map((r) => r.id);
}

async function organisationAccounts(db: Db, types: readonly string[]): Promise<string[]> {
  const rows = await db.read<{ id: string }>('accounts-of-types.read', { types: [...types] });
  return rows.map((r) => r.id);
}

async function lookupAccounts(db: Db, ids: readonly string[]): Promise<AccountInfo[]> {
  const out: AccountInfo[] = [];
  await inParallel(Math.ceil(ids.length / LOOKUP_BATCH), async (b) => {
    const rows = await db.read<{
      id: string;
      label: AccountInfo['label'] | null;
      createdAt: string | null;
      country: string | null;
      status: string | null;
      type: string | null;
      uses: Array<[string, string, string | null]> | null;
    }>('accounts-info.read', { ids: ids.slice(b * LOOKUP_BATCH, (b + 1) * LOOKUP_BATCH) });
    for (const r of rows) {
      const { devices, addresses, phones, emailKeys, emailSpellings, deviceSeen } = splitUses(r.uses ?? []);
      const emails = namedMailboxes(emailKeys);
      out.push({
        id: r.id,
        label: r.label ?? 'unknown',
        ...(r.createdAt ? { createdAt: r.createdAt } : {}),
        ...(r.country ? { country: r.country } : {}),
        ...(r.status ? { status: r.status } : {}),
        ...(r.type ? { type: r.type } : {}),
        devices,
        addresses,
        phones,
        ...(emails.length > 0 ? { emails } : {}),
        ...(emailSpellings.length > 0 ? { emailSpellings: Object.fromEntries(emailSpellings) } : {}),
        ...(deviceSeen.length > 0 ? { deviceFirstSeen: Object.fromEntries(deviceSeen) } : {}),
      });
    }
  });
  return out;
}

/**
 * An account's identifiers as accounts-info.read returns them ([kind, key, extra], kind d/a/p/e: device, address,
 * phone, email; extra the device's first sighting or how the email was written), split by kind in the order given.
 */
export function splitUses(uses: ReadonlyArray<readonly [string, string, string | null]>): {
  devices: number;
  addresses: string[];
  phones: string[];
  emailKeys: string[];
  emailSpellings: Array<[string, string]>;
  deviceSeen: Array<[string, string]>;
} {
  const out = {
    devices: 0,
    addresses: [] as string[],
    phones: [] as string[],
    emailKeys: [] as string[],
    emailSpellings: [] as Array<[string, string]>,
    deviceSeen: [] as Array<[string, string]>,
  };
  for (const [kind, key, extra] of uses) {
    if (kind === 'd') {
      out.devices++;
      if (extra !== null) out.deviceSeen.push([key, extra]);
    } else if (kind === 'a') out.addresses.push(key);
    else if (kind === 'p') out.phones.push(key);
    else if (kind === 'e') {
      out.emailKeys.push(key);
      if (extra !== null) out.emailSpellings.push([key, extra]);
    }
  }
  return out;
}

/** First and last sightings of the given accounts, per shared identifier and on anything (reentry.ts). */
async function lookupSightings(db: Db, ids: readonly string[]): Promise<AccountSightings[]> {
  const out: AccountSightings[] = [];
  await inParallel(Math.ceil(ids.length / LOOKUP_BATCH), async (b) => {
    const rows = await db.read<{
      id: string;
      seen: [string, string, string, string][] | null;
      activeFrom: string | null;
      activeTo: string | null;
      moves: [number, number, boolean][] | null;
    }>('accounts-sightings.read', { ids: ids.slice(b * LOOKUP_BATCH, (b + 1) * LOOKUP_BATCH) });
    for (const r of rows) {
      const seen = (r.seen ?? []).flatMap(([label, key, first, last]): [string, [string, string]][] => {
        const kind = identifierKindOfLabel(label);
        return kind ? [[seenKey(kind, key), [first, last]]] : [];
      });
      const starts = freshStartsIso(
        (r.moves ?? []).map(([first, last, device]) => [Number(first), Number(last), device === true] as const),
      );
      out.push({
        id: r.id,
        ...(seen.length > 0 ? { identifierSeen: Object.fromEntries(seen) } : {}),
        ...(r.activeFrom && r.activeTo ? { activity: [r.activeFrom, r.activeTo] as [string, string] } : {}),
        ...(starts ? { freshStarts: starts } : {}),
      });
    }
  });
  return out;
}

/** The payments of the given payer → payee pairs (forwarding.ts), every currency. */
async function lookupPaymentEvents(db: Db, pairs: ReadonlyArray<readonly [string, string]>): Promise<PairPayments[]> {
  const out: PairPayments[] = [];
  await inParallel(Math.ceil(pairs.length / LOOKUP_BATCH), async (b) => {
    const rows = await db.read<{ payer: string; payee: string; ats: number[] | null; amounts: number[] | null }>(
      'payment-events.read',
      { pairs: pairs.slice(b * LOOKUP_BATCH, (b + 1) * LOOKUP_BATCH) },
    );
    for (const r of rows) {
      const ats = r.ats ?? [];
      const amounts = r.amounts ?? [];
      const events: PaymentEvent[] = [];
      for (let i = 0; i < ats.length && i < amounts.length; i++) events.push([ats[i], amounts[i]]);
      out.push({ payer: r.payer, payee: r.payee, events });
    }
  });
  return out;
}

/** The pure detection step; detectRings unless a caller supplies another (a test, or a detector run elsewhere). */
export type Detector = (input: DetectRingsInput) => Promise<DetectRingsResult>;

export interface RunDetectionOptions {
  settings?: DetectionSettingsInput;
  detector?: Detector;
  runId?: string;
  /**
   * Feedback from dispositions: with 'suppress' (the default) the identifiers that linked a ring an investigator
   * marked false_positive are left out of the projection, so the same evidence does not raise the same ring again;
   * 'off' ignores dispositions.
   */
  falsePositiveFeedback?: 'suppress' | 'off';
  /**
   * Who finds the parts (stage 1): `local` (default) in this process; `spark` runs the Spark job (engine/spark) on
   * `master` (default local[2]). Stage 2 is the same TypeScript either way, so the rings are the same.
   */
  engine?: DetectionEngine;
  /** Worker threads for the per-part analysis (default 1: in this thread). */
  workers?: number;
  /** Parts of more accounts are cut along their weakest ties before analysis (default: none is cut). */
  maxPartAccounts?: number;
  /**
   * Read only what loads changed since the last run, from a cache of the last run's input in `dir`
   * (runs/input-cache.ts); `full` reads the whole graph and refreshes the cache. Without it, every run reads the whole
   * graph and keeps nothing.
   */
  inputCache?: { dir: string; full?: boolean };
  /** The detection lock, when the caller already took it (the API does, to answer 409 at once). */
  lock?: HeldLock;
  onProgress?: (p: RunProgress) => void;
}

export type DetectionEngine =
  | { kind: 'local' }
  | { kind: 'spark'; master?: string; driverMemory?: string; onJob?: (report: { output: string; ms: number }) => void };

/**
 * The platform's policy settings from the environment, under every run's own settings (API, `npm run detect`, the
 * nightly job and `npm start` alike; server/config.ts): RINGLENS_ROLE_TYPES → roleTypes, RINGLENS_BANNED_STATUSES →
 * bannedStatuses, RINGLENS_ORGANISATION_TYPES → organisationTypes.
 */
export function policySettings(env: NodeJS.ProcessEnv = process.env): DetectionSettingsInput {
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
  const roles = list(env.RINGLENS_ROLE_TYPES);
  const banned = list(env.RINGLENS_BANNED_STATUSES);
  const organisations = list(env.RINGLENS_ORGANISATION_TYPES);
  return {
    ...(roles.length > 0 && { roleTypes: roles }),
    ...(banned.length > 0 && { bannedStatuses: banned }),
    ...(organisations.length > 0 && { organisationTypes: organisations }),
  };
}

/** Runs detection and persists it. Throws LockBusyError when another run holds the lock. */
export async function runDetection(db: Db, opts: RunDetectionOptions = {}): Promise<DetectionRunResult> {
  const settings = resolveSettings({ ...policySettings(), ...opts.settings });
  const id = opts.runId ?? newRunId();
  const progress = opts.onProgress ?? (() => {});
  const lock = opts.lock ?? (await acquireLock(db, 'detection', { holder: id }));
  const started = performance.now();
  try {
    // Holding the lock, no other run can be alive: one still marked running died part-way.
    await db.write('detection-runs-abandon.write', { id });
    await db.write('detection-run-start.write', { id, params: JSON.stringify(settings), lockHolder: lock.holder });
    const previousRings = await db.read<PreviousRing & { runId: string }>('rings-previous.read');
    const suppressed =
      (opts.falsePositiveFeedback ?? 'suppress') === 'suppress'
        ? await falsePositiveIdentifiers(db)
        : new Set<string>();
    let result: DetectRingsResult;
    let input!: DetectionInput;
    const i0 = performance.now();
    const prepare = Math.round(i0 - started);
    let inputMs = 0;
    try {
      input = opts.inputCache
        ? await readDetectionInput(db, settings, opts.inputCache)
        : await wholeGraphInput(db, settings);
      inputMs = Math.round(performance.now() - i0);
      result = await (opts.detector ?? detectRings)({
        groups: unsuppressed(input.groups, suppressed),
        payments: Symbol.asyncIterator in input.payments ? prefetch(input.payments) : input.payments,
        accounts: input.accounts((ids) => lookupAccounts(db, ids)),
        bannedAccounts: (statuses) => bannedAccounts(db, statuses),
        organisationAccounts: (types) => organisationAccounts(db, types),
        knownFraudAccounts: () => knownFraudAccounts(db),
        sightings: input.sightings((ids) => lookupSightings(db, ids)),
        paymentEvents: (pairs) => lookupPaymentEvents(db, pairs),
        previousRings: previousRings.map((r) => ({ id: r.id, members: r.members })),
        settings,
        onProgress: (phase, done, total) => progress({ phase, done, total }),
        ...(opts.engine?.kind === 'spark'
          ? {
              partition: sparkPartition({
                db: db.options,
                master: opts.engine.master,
                driverMemory: opts.engine.driverMemory,
                suppressed,
                onJob: opts.engine.onJob,
              }),
            }
          : {}),
        ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
        ...(opts.maxPartAccounts !== undefined ? { maxPartAccounts: opts.maxPartAccounts } : {}),
      });
    } catch (err) {
      await finishFailed(db, id, err);
      throw err;
    }

    const w0 = performance.now();
    try {
      await storeRun(db, id, result, (done) => progress({ phase: 'write', done, total: result.rings.length }));
    } catch (err) {
      await finishFailed(db, id, err);
      throw err;
    }
    const write = Math.round(performance.now() - w0);
    // Only after the run is stored: a failed run leaves the last good cache (its changes are read again next time).
    const s0 = performance.now();
    let saved = true;
    if (opts.inputCache) {
      // The run is stored: a cache that cannot be written (disk full, a graph whose input outgrows one V8 buffer)
      // must not fail it. The previous cache file stays, and so do the change records it needs (no pruning): the
      // next run starts from it, or reads the whole graph if there is none.
      try {
        input.save();
      } catch (err) {
        saved = false;
        input.report.saveError = `${(err as Error).message}; the next run starts from the previous cache, or reads the whole graph if there is none`;
      }
    }
    const cacheSave = Math.round(performance.now() - s0);
    // A failure here costs nothing but space: the next run prunes again.
    if (saved) await pruneChangeRecords(db, input.since, opts.inputCache !== undefined).catch(() => {});
    progress({ phase: 'done', done: result.rings.length, total: result.rings.length });
    return {
      id,
      result,
      input: input.report,
      timings: {
        ...result.timings,
        prepare,
        input: inputMs,
        write,
        cacheSave,
        total: Math.round(performance.now() - started),
      },
    };
  } finally {
    await lock.release().catch(() => {});
  }
}

/** `kind\0key` of every identifier in the evidence of rings marked false_positive. */
async function falsePositiveIdentifiers(db: Db): Promise<Set<string>> {
  const out = new Set<string>();
  for (const r of await db.read<{ evidence: string | null }>('rings-false-positive-evidence.read')) {
    if (!r.evidence) continue;
    const parsed = JSON.parse(r.evidence) as { edges?: Array<{ kind: string; key: string }> };
    for (const e of parsed.edges ?? []) if (e.kind !== 'transfer') out.add(`${e.kind}\u0000${e.key}`);
  }
  return out;
}
