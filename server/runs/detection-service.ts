/**
 * A detection run against Neo4j: stream the identifier groups and payments into the pure pipeline
 * (server/detect/pipeline.ts), then write the run, its rings and memberships back. One run at a time, guarded by a
 * lock in Neo4j; a crashed run leaves a `failed`/unfinished DetectionRun and can simply be run again.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import {
  IDENTIFIER_KINDS,
  type AccountInfo,
  type IdentifierGroup,
  type IdentifierKind,
  type PaymentEdge,
} from '../detect/input.ts';
import type { PreviousRing } from '../detect/match.ts';
import { detectRings, type DetectPhase, type DetectRingsResult } from '../detect/pipeline.ts';
import {
  maxSharersFor,
  resolveSettings,
  type DetectionSettings,
  type DetectionSettingsInput,
} from '../detect/settings.ts';
import { acquireLock, type HeldLock } from './lock.ts';

/** Query per identifier kind: the whitelist that keeps labels out of input. */
const GROUP_QUERY: Record<IdentifierKind, string> = {
  device: 'identifier-groups-device.read',
  payment: 'identifier-groups-payment.read',
  ip: 'identifier-groups-ip.read',
  email: 'identifier-groups-email.read',
  phone: 'identifier-groups-phone.read',
  address: 'identifier-groups-address.read',
};

const WRITE_BATCH = 1000;
const LOOKUP_BATCH = 10_000;
const DB_CONCURRENCY = 2;

export type RunPhase = DetectPhase | 'write' | 'done';

export interface RunProgress {
  phase: RunPhase;
  done: number;
  total?: number;
}

export interface DetectionRunResult {
  id: string;
  result: DetectRingsResult;
  timings: DetectRingsResult['timings'] & { write: number; total: number };
}

export function newRunId(now = new Date()): string {
  return `run-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

async function* identifierGroups(
  db: Db,
  settings: DetectionSettings,
  suppressed: ReadonlySet<string>,
): AsyncGenerator<IdentifierGroup> {
  for (const kind of IDENTIFIER_KINDS) {
    const maxSharers = maxSharersFor(settings, kind);
    for await (const row of db.stream<{ key: string; sharers: number; accounts: string[] }>(GROUP_QUERY[kind], {
      maxSharers,
    })) {
      if (suppressed.has(`${kind}\u0000${row.key}`)) continue;
      yield { kind, key: row.key, accounts: row.accounts, sharers: row.sharers };
    }
  }
}

async function* paymentEdges(db: Db): AsyncGenerator<PaymentEdge> {
  for await (const row of db.stream<{ payer: string; paid: Array<[string, number, number]> }>('payment-edges.read')) {
    for (const [payee, count, total] of row.paid) yield { payer: row.payer, payee, count, total };
  }
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

async function lookupAccounts(db: Db, ids: readonly string[]): Promise<AccountInfo[]> {
  const out: AccountInfo[] = [];
  await inParallel(Math.ceil(ids.length / LOOKUP_BATCH), async (b) => {
    const rows = await db.read<{ id: string; label: AccountInfo['label'] | null; createdAt: string | null }>(
      'accounts-info.read',
      { ids: ids.slice(b * LOOKUP_BATCH, (b + 1) * LOOKUP_BATCH) },
    );
    for (const r of rows)
      out.push({ id: r.id, label: r.label ?? 'unknown', ...(r.createdAt ? { createdAt: r.createdAt } : {}) });
  });
  return out;
}

/**
 * Runs `task(0 … count − 1)` with at most DB_CONCURRENCY at a time. Two transactions keep both of a small server's
 * cores busy (one Cypher query runs on one core) while the driver decodes; batches are independent (lookups read,
 * ring writes MERGE distinct rings), so their order does not matter.
 */
async function inParallel(count: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(DB_CONCURRENCY, count) }, worker));
}

export interface RunDetectionOptions {
  settings?: DetectionSettingsInput;
  runId?: string;
  /**
   * Feedback from dispositions: with 'suppress' (the default) the identifiers that linked a ring an investigator
   * marked false_positive are left out of the projection, so the same evidence does not raise the same ring again;
   * 'off' ignores dispositions.
   */
  falsePositiveFeedback?: 'suppress' | 'off';
  /** The detection lock, when the caller already took it (the API does, to answer 409 at once). */
  lock?: HeldLock;
  onProgress?: (p: RunProgress) => void;
}

/** Runs detection and persists it. Throws LockBusyError when another run holds the lock. */
export async function runDetection(db: Db, opts: RunDetectionOptions = {}): Promise<DetectionRunResult> {
  const settings = resolveSettings(opts.settings);
  const id = opts.runId ?? newRunId();
  const progress = opts.onProgress ?? (() => {});
  const lock = opts.lock ?? (await acquireLock(db, 'detection', { holder: id }));
  const started = performance.now();
  try {
    await db.write('detection-run-start.write', { id, params: JSON.stringify(settings) });
    const previousRings = await db.read<PreviousRing & { runId: string }>('rings-previous.read');
    const suppressed =
      (opts.falsePositiveFeedback ?? 'suppress') === 'suppress'
        ? await falsePositiveIdentifiers(db)
        : new Set<string>();
    let result: DetectRingsResult;
    try {
      result = await detectRings({
        groups: identifierGroups(db, settings, suppressed),
        payments: prefetch(paymentEdges(db)),
        accounts: (ids) => lookupAccounts(db, ids),
        previousRings: previousRings.map((r) => ({ id: r.id, members: r.members })),
        settings,
        onProgress: (phase, done, total) => progress({ phase, done, total }),
      });
    } catch (err) {
      await finishFailed(db, id, err);
      throw err;
    }

    const w0 = performance.now();
    try {
      await writeRings(db, id, result, (done) => progress({ phase: 'write', done, total: result.rings.length }));
      await db.write('rings-inherit.write', { runId: id, links: inheritanceLinks(result) });
      await db.write('rings-deactivate.write', { runId: id });
      await db.write('detection-run-finish.write', {
        id,
        status: 'finished',
        modularity: result.modularity,
        counts: JSON.stringify(result.counts),
        timings: JSON.stringify(result.timings),
        crowds: JSON.stringify(result.crowds.slice(0, 1000)),
        diff: JSON.stringify({
          counts: result.diff.counts,
          merged: result.diff.merged,
          split: result.diff.split,
          dissolved: result.diff.dissolved,
        }),
        error: null,
      });
    } catch (err) {
      await finishFailed(db, id, err);
      throw err;
    }
    const write = Math.round(performance.now() - w0);
    progress({ phase: 'done', done: result.rings.length, total: result.rings.length });
    return { id, result, timings: { ...result.timings, write, total: Math.round(performance.now() - started) } };
  } finally {
    await lock.release().catch(() => {});
  }
}

async function finishFailed(db: Db, id: string, err: unknown): Promise<void> {
  await db
    .write('detection-run-finish.write', {
      id,
      status: 'failed',
      modularity: null,
      counts: null,
      timings: null,
      crowds: null,
      diff: null,
      error: (err as Error).message ?? String(err),
    })
    .catch(() => {});
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

/** Which rings came from which by a split or a merge: their annotations follow (see rings-inherit.write). */
function inheritanceLinks(
  result: DetectRingsResult,
): Array<{ child: string; parent: string; reason: 'split' | 'merge' }> {
  const links: Array<{ child: string; parent: string; reason: 'split' | 'merge' }> = [];
  for (const c of result.diff.rings) {
    for (const parent of c.mergedFrom ?? []) links.push({ child: c.id, parent, reason: 'merge' });
    if (c.splitFrom) links.push({ child: c.id, parent: c.splitFrom, reason: 'split' });
  }
  return links;
}

async function writeRings(
  db: Db,
  runId: string,
  result: DetectRingsResult,
  onDone: (n: number) => void,
): Promise<void> {
  const changes = new Map(result.diff.rings.map((c) => [c.id, c]));
  let written = 0;
  await inParallel(Math.ceil(result.rings.length / WRITE_BATCH), async (b) => {
    const rings = result.rings.slice(b * WRITE_BATCH, (b + 1) * WRITE_BATCH).map((r) => {
      const c = changes.get(r.id);
      return {
        id: r.id,
        score: r.score,
        size: r.members.length,
        flagged: r.flagged,
        change: r.status,
        reasons: r.reasons,
        evidence: JSON.stringify({ edges: r.evidence, truncated: r.evidenceTruncated }),
        features: JSON.stringify(r.features),
        joined: c?.joined ?? [],
        left: c?.left ?? [],
        mergedFrom: c?.mergedFrom ?? [],
        splitFrom: c?.splitFrom ?? null,
        members: r.members,
      };
    });
    await db.write('rings-write.write', { runId, rings });
    written += rings.length;
    onDone(written);
  });
}
