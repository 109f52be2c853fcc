/**
 * Incremental detection input: the identifier groups, payments and account details detection read last time, kept in
 * a file, plus what loads changed since, read from Neo4j — instead of the whole graph every night.
 *
 * How it stays exact: each batch of a batched load records, in its own transaction, what it touched — identifier keys,
 * accounts, payers — under a number from the graph's IngestState (cypher/ingest-change-record.write.cypher). A read
 * remembers the last number committed when it started; the next one reads the change records after it (a batch still
 * uncommitted then has a higher number) and re-reads, whole, each touched identifier's
 * group and each touched payer's payments, replacing them in the cached input, and forgets the cached details of
 * touched accounts and the sightings of every sharer of a touched identifier. Everything else detection reads (bans,
 * dispositions, previous rings) is read fresh each run, and the pipeline gives the same rings whatever the order of
 * its input (pipeline.ts). So a run from the cache sees exactly what a full read would.
 *
 * It reads the whole graph instead, and says why, when: there is no cache; the cache is of another store (bulk import
 * into an emptied store, another database) or of other read settings (crowd limits, templates); the store's load
 * counter went back; the change records it needs were pruned (kept CHANGE_RECORD_DAYS); or the graph holds fewer
 * accounts, links or payments than at the cached read — only a deletion, which no load records, does that. Data
 * written into Neo4j by other means than RingLens's loader (hand-written Cypher) leave no record: run one full read
 * after such changes (`npm run detect -- --incremental --full-read`, `npm run nightly -- --full-read`).
 *
 * The file holds account ids and identifier keys, like the database: it lives under RINGLENS_HOME, owner-only.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Db } from '../db/database.ts';
import {
  IDENTIFIER_KINDS,
  type AccountInfo,
  type IdentifierGroup,
  type IdentifierKind,
  type PaymentEdge,
} from '../detect/input.ts';
import type { AccountSightings } from '../detect/pipeline.ts';
import { maxSharersFor, type DetectionSettings } from '../detect/settings.ts';
import { TEMPLATE_MIN_RUN } from '../detect/templates.ts';
import {
  emptyColumns,
  packColumns,
  PaymentStore,
  unpackColumns,
  type PackedPaymentColumns,
  type PaymentColumns,
} from './payment-columns.ts';

// 5: sightings carry freshStarts (accounts-sightings.read `moves`); a cache without them is read whole once.
const VERSION = 5;

/** Query per identifier kind: the whitelist that keeps labels out of input. */
const GROUP_QUERY: Record<IdentifierKind, string> = {
  device: 'identifier-groups-device.read',
  payment: 'identifier-groups-payment.read',
  ip: 'identifier-groups-ip.read',
  email: 'identifier-groups-email.read',
  phone: 'identifier-groups-phone.read',
  address: 'identifier-groups-address.read',
};

const BY_KEY_QUERY: Record<IdentifierKind, string> = {
  device: 'identifier-groups-by-key-device.read',
  payment: 'identifier-groups-by-key-payment.read',
  ip: 'identifier-groups-by-key-ip.read',
  email: 'identifier-groups-by-key-email.read',
  phone: 'identifier-groups-by-key-phone.read',
  address: 'identifier-groups-by-key-address.read',
};

const CHUNK = 10_000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The single-use mailboxes kept for templates (cypher/identifier-singles-email.read.cypher, same pattern). */
const TEMPLATE_SINGLE = /^.*[a-z._-][0-9]{1,3}@.*$/;

interface GraphCounts {
  accounts: number;
  uses: number;
  paid: number;
}

/** Detection's bulk input as last read. Maps keep insertion order, which does not matter (pipeline.ts). */
interface InputSnapshot {
  version: number;
  store: string;
  /** The next read starts at this change record: the one after the last committed when this read started. */
  seq: number;
  /** The read settings the groups were read with (crowd limits, templates). */
  readKey: string;
  counts: GraphCounts;
  /** `kind\0key` → [sharers, accounts] of every identifier with two or more sharers (accounts [] for crowds). */
  groups: Map<string, [number, string[]]>;
  /** Single-use template mailboxes: key → account (only with settings.templates). */
  singles: Map<string, string>;
  /** Every payer's payments, by payer then payee (runs/payment-columns.ts); `paymentStore` while in use. */
  payments: PaymentColumns;
  /** The accounts detection looked up (accounts-info.read), by id: an account's own row and links. */
  infos: Map<string, AccountInfo>;
  /** Their sightings (accounts-sightings.read), by id: also which of their identifiers others share. */
  sightings: Map<string, AccountSightings>;
}

export interface InputReadReport {
  mode: 'full' | 'incremental';
  /** Why the whole graph was read (mode full). */
  reason?: string;
  /** The first change record read (mode incremental): the one after the last committed at the cached read. */
  since?: number;
  /** Identifier groups, payers and accounts read again (mode incremental). */
  changedIdentifiers?: number;
  changedPayers?: number;
  changedAccounts?: number;
  /** Reading the cache file and the changes, ms (mode incremental). */
  readMs?: number;
  /**
   * Set when this run's input could not be kept for the next run (the run itself is stored): why. The previous
   * cache file stays, and so do the change records it needs.
   */
  saveError?: string;
}

export interface DetectionInput {
  /**
   * Every identifier group (unsuppressed: the caller filters dispositions) and template single. From the cache they
   * are a plain iterable: millions of items, each an awaited promise otherwise.
   */
  groups: AsyncIterable<IdentifierGroup> | Iterable<IdentifierGroup>;
  payments: AsyncIterable<PaymentEdge> | Iterable<PaymentEdge>;
  /** Account details and sightings: from the cache where still valid, else `fetch` (and kept). */
  accounts(
    fetch: (ids: readonly string[]) => Promise<AccountInfo[]>,
  ): (ids: readonly string[]) => Promise<AccountInfo[]>;
  sightings(
    fetch: (ids: readonly string[]) => Promise<AccountSightings[]>,
  ): (ids: readonly string[]) => Promise<AccountSightings[]>;
  report: InputReadReport;
  /** After a successful run: keeps what was read for the next one. */
  save(): void;
  /** Where the next incremental read starts: the change records before it are not needed by this cache. */
  since: number;
}

/** The cache file of one database (by URI and name) under `dir`. */
export function inputCachePath(dir: string, db: { uri: string; database: string }): string {
  const name = createHash('sha256').update(`${db.uri}\u0000${db.database}`).digest('hex').slice(0, 16);
  return join(dir, `detect-input-${name}.v8`);
}

function readKeyOf(settings: DetectionSettings): string {
  return JSON.stringify({
    maxSharers: IDENTIFIER_KINDS.map((k) => maxSharersFor(settings, k)),
    templates: settings.templates,
  });
}

/**
 * The whole file in one Buffer, read in pieces: `readFileSync` refuses files over 2 GiB (a 10M-account graph's cache
 * comes close), a Buffer holds up to buffer.constants.MAX_LENGTH (4 GiB on 64-bit Node 20).
 */
export function readWholeFile(path: string, piece = 1 << 30): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, buf, at, Math.min(piece, size - at), at);
      if (n === 0) break; // truncated meanwhile: deserialize then refuses it
      at += n;
    }
    return at === size ? buf : buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

function loadSnapshot(path: string): InputSnapshot | string {
  let raw: Buffer;
  try {
    raw = readWholeFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'no cached input yet';
    return `the cached input could not be read (${(err as Error).message})`;
  }
  try {
    const snap = deserialize(raw) as Omit<InputSnapshot, 'payments'> & { payments: PackedPaymentColumns };
    if (snap?.version !== VERSION) return 'the cached input is of another RingLens version';
    return { ...snap, payments: unpackColumns(snap.payments) };
  } catch {
    return 'the cached input could not be read';
  }
}

function saveSnapshot(path: string, dir: string, snap: InputSnapshot, payments: PaymentStore): void {
  snap.payments = payments.columns();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, serialize({ ...snap, payments: packColumns(snap.payments) }), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // not a file we can remove: the error that matters is the first
    }
    throw err;
  }
}

async function graphCounts(db: Db): Promise<GraphCounts> {
  const [row] = await db.read<Record<keyof GraphCounts, number>>('graph-counts.read');
  return { accounts: Number(row!.accounts), uses: Number(row!.uses), paid: Number(row!.paid) };
}

/**
 * Detection's identifier groups and payments: from the cache in `dir` plus what loads changed since, or the whole
 * graph (`full`, or when the cache cannot be used: report.reason).
 */
export async function readDetectionInput(
  db: Db,
  settings: DetectionSettings,
  opts: { dir: string; full?: boolean },
): Promise<DetectionInput> {
  const path = inputCachePath(opts.dir, db.options);
  // Sets IngestState.recording in the same statement, so every cache saved from here on saw loads recording.
  const [state] = await db.write<{ seq: number; store: string; prunedBelow: number }>('ingest-state.write', {
    recording: true,
  });
  // The next read starts at the change record after the last one committed now.
  const seq = Number(state!.seq) + 1;
  const store = String(state!.store);
  const counts = await graphCounts(db);
  const readKey = readKeyOf(settings);
  const fresh = (): InputSnapshot => ({
    version: VERSION,
    store,
    seq,
    readKey,
    counts,
    groups: new Map(),
    singles: new Map(),
    payments: emptyColumns(),
    infos: new Map(),
    sightings: new Map(),
  });

  let reason: string | undefined;
  let cached: InputSnapshot | undefined;
  if (opts.full) reason = 'a full read was asked for';
  else {
    const loaded = loadSnapshot(path);
    if (typeof loaded === 'string') reason = loaded;
    else if (loaded.store !== store) reason = 'the cached input is of another store';
    else if (loaded.readKey !== readKey) reason = 'the crowd limits or template setting changed';
    else if (loaded.seq > Number(state!.seq) + 1) reason = "the store's load counter went back";
    else if (loaded.seq < Number(state!.prunedBelow))
      reason = `the change records since the cached read are gone (kept ${CHANGE_RECORD_DAYS} days)`;
    else if (
      counts.accounts < loaded.counts.accounts ||
      counts.uses < loaded.counts.uses ||
      counts.paid < loaded.counts.paid
    )
      reason = 'the graph holds fewer accounts, links or payments than at the cached read (something was deleted)';
    else cached = loaded;
  }

  if (!cached) {
    const snap = fresh();
    const paymentStore = new PaymentStore();
    return {
      groups: fullGroups(db, settings, snap),
      payments: fullPayments(db, paymentStore),
      accounts: (fetch) => cachedLookup(snap.infos, fetch),
      sightings: (fetch) => cachedLookup(snap.sightings, fetch),
      report: { mode: 'full', reason: reason! },
      save: () => saveSnapshot(path, opts.dir, snap, paymentStore),
      since: seq,
    };
  }

  const t0 = performance.now();
  const since = cached.seq;
  // What the loads since the cached read touched (their batches' change records), then those, read again whole.
  const keys = new Map<IdentifierKind, Set<string>>(IDENTIFIER_KINDS.map((k) => [k, new Set<string>()]));
  const accounts = new Set<string>();
  const payers = new Set<string>();
  for await (const row of db.stream<Record<IdentifierKind | 'accounts' | 'payers', string[] | null>>(
    'ingest-changes.read',
    { since },
  )) {
    for (const kind of IDENTIFIER_KINDS) for (const key of row[kind] ?? []) keys.get(kind)!.add(key);
    for (const id of row.accounts ?? []) accounts.add(id);
    for (const id of row.payers ?? []) payers.add(id);
  }
  let changedIdentifiers = 0;
  for (const kind of IDENTIFIER_KINDS) {
    for (const chunk of chunks([...keys.get(kind)!])) {
      const rows = await db.read<{ key: string; sharers: number; accounts: string[] }>(BY_KEY_QUERY[kind], {
        keys: chunk,
        maxSharers: maxSharersFor(settings, kind),
      });
      for (const row of rows) {
        changedIdentifiers++;
        const sharers = Number(row.sharers);
        const id = `${kind}\u0000${row.key}`;
        // Its sharers' sightings list the identifier once another account shares it: read them again. An identifier
        // that turned from one account's into a crowd in one go does not name its sharers: read all sightings again.
        for (const account of row.accounts) cached.sightings.delete(account);
        if (sharers >= 2 && row.accounts.length === 0 && !cached.groups.has(id)) cached.sightings.clear();
        if (sharers >= 2) cached.groups.set(id, [sharers, row.accounts]);
        else cached.groups.delete(id);
        if (kind === 'email' && settings.templates) {
          if (sharers === 1 && TEMPLATE_SINGLE.test(row.key)) cached.singles.set(row.key, row.accounts[0]!);
          else cached.singles.delete(row.key);
        }
      }
    }
  }
  const paymentStore = new PaymentStore(cached.payments);
  let changedPayers = 0;
  for (const chunk of chunks([...payers])) {
    for (const row of await db.read<{ payer: string; paid: Array<[string, number, number]> }>('payment-edges-of.read', {
      ids: chunk,
    })) {
      changedPayers++;
      paymentStore.set(row.payer, row.paid);
    }
  }
  // Their details (an account's own row and links) and sightings are read again when detection asks for them.
  for (const id of accounts) {
    cached.infos.delete(id);
    cached.sightings.delete(id);
  }
  const changedAccounts = accounts.size;
  cached.seq = seq;
  cached.counts = counts;
  const snap = cached;
  return {
    groups: cachedGroups(snap),
    payments: paymentStore.edges(),
    accounts: (fetch) => cachedLookup(snap.infos, fetch),
    sightings: (fetch) => cachedLookup(snap.sightings, fetch),
    report: {
      mode: 'incremental',
      since,
      changedIdentifiers,
      changedPayers,
      changedAccounts,
      readMs: Math.round(performance.now() - t0),
    },
    save: () => saveSnapshot(path, opts.dir, snap, paymentStore),
    since: seq,
  };
}

/** The whole graph, nothing kept (detection without a cache): still says where its read started, for pruning. */
export async function wholeGraphInput(db: Db, settings: DetectionSettings): Promise<DetectionInput> {
  const [state] = await db.write<{ seq: number }>('ingest-state.write', { recording: false });
  return {
    groups: fullGroups(db, settings),
    payments: fullPayments(db),
    accounts: (fetch) => fetch,
    sightings: (fetch) => fetch,
    report: { mode: 'full', reason: 'no input cache' },
    save: () => {},
    since: Number(state!.seq) + 1,
  };
}

/** Days the loads' change records are kept for incremental reads (a nightly cache is a day old). */
export const CHANGE_RECORD_DAYS = 7;

/**
 * After a detection run whose next read would start at change record `since`: deletes the earlier change records —
 * all of them after an incremental run (its cache is the newest; another, older cache then reads the whole graph),
 * those older than CHANGE_RECORD_DAYS after another run — so they do not pile up.
 */
export async function pruneChangeRecords(db: Db, since: number, incremental: boolean): Promise<void> {
  await db.write('ingest-changes-prune.write', { below: since, days: incremental ? 0 : CHANGE_RECORD_DAYS });
}

/** Identifier groups as detection reads them without a cache (`snap` set), also recording them into `snap`. */
export async function* fullGroups(
  db: Db,
  settings: DetectionSettings,
  snap?: InputSnapshot,
): AsyncGenerator<IdentifierGroup> {
  for (const kind of IDENTIFIER_KINDS) {
    for await (const row of db.stream<{ key: string; sharers: number; accounts: string[] }>(GROUP_QUERY[kind], {
      maxSharers: maxSharersFor(settings, kind),
    })) {
      snap?.groups.set(`${kind}\u0000${row.key}`, [Number(row.sharers), row.accounts]);
      yield { kind, key: row.key, accounts: row.accounts, sharers: row.sharers };
    }
  }
  if (!settings.templates) return;
  // Single-use mailboxes ending in digits: they link nothing alone, but near-duplicates of them are templates. A run
  // that keeps no cache asks only for those whose stem has enough mailboxes to make one (none of the 297,053 of the
  // generated million-account marketplace); a cache keeps them all, since a later load can give a stem the mailbox it
  // lacked.
  const singles = snap
    ? db.stream<{ key: string; account: string }>('identifier-singles-email.read')
    : db.stream<{ key: string; account: string }>('identifier-template-singles-email.read', {
        minRun: TEMPLATE_MIN_RUN,
      });
  for await (const row of singles) {
    snap?.singles.set(row.key, row.account);
    yield { kind: 'email', key: row.key, accounts: [row.account], sharers: 1 };
  }
}

export async function* fullPayments(db: Db, store?: PaymentStore): AsyncGenerator<PaymentEdge> {
  for await (const row of db.stream<{ payer: string; paid: Array<[string, number, number]> }>('payment-edges.read')) {
    store?.set(row.payer, row.paid);
    for (const [payee, count, total] of row.paid) yield { payer: row.payer, payee, count, total };
  }
}

/** A lookup by account id that answers from `cache` and asks `fetch` only for the rest, keeping what it returns. */
function cachedLookup<T extends { id: string }>(
  cache: Map<string, T>,
  fetch: (ids: readonly string[]) => Promise<T[]>,
): (ids: readonly string[]) => Promise<T[]> {
  return async (ids) => {
    const out: T[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const hit = cache.get(id);
      if (hit) out.push(hit);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const item of await fetch(missing)) {
        cache.set(item.id, item);
        out.push(item);
      }
    }
    return out;
  };
}

function* cachedGroups(snap: InputSnapshot): Generator<IdentifierGroup> {
  for (const [id, [sharers, accounts]] of snap.groups) {
    const cut = id.indexOf('\u0000');
    yield { kind: id.slice(0, cut) as IdentifierKind, key: id.slice(cut + 1), accounts, sharers };
  }
  for (const [key, account] of snap.singles) yield { kind: 'email', key, accounts: [account], sharers: 1 };
}
