/**
 * Incremental detection input: the identifier groups and payments detection read last time, kept in a file, plus
 * what loads changed since, read from Neo4j — instead of the whole graph every night.
 *
 * How it stays exact: every batched load takes a number from the graph's IngestState (`seq`) and stamps each account
 * and identifier it changes with it (cypher/links-upsert-*, payments-upsert, accounts-upsert). A read remembers the
 * `seq` it started at; the next one re-reads, whole, every identifier group and every payer's payments stamped with
 * that number or later (a load still running when the last read started is read again) and replaces them in the
 * cached input. Identifier groups and payments are all detection reads in bulk; everything else (account details,
 * bans, dispositions, previous rings) is read fresh each run, and the pipeline gives the same rings whatever the order
 * of its input (pipeline.ts). So a run from the cache sees exactly what a full read would.
 *
 * It reads the whole graph instead, and says why, when: there is no cache; the cache is of another store (bulk import
 * into an emptied store, another database) or of other read settings (crowd limits, templates); the store's load
 * counter went back; or the graph holds fewer accounts, links or payments than at the cached read — only a deletion,
 * which no load stamps, does that. Data written into Neo4j by other means than RingLens's loader (hand-written
 * Cypher) carry no stamp: run one full read after such changes (`npm run detect -- --full-read`, nightly
 * `--full-read`).
 *
 * The file holds account ids and identifier keys, like the database: it lives under RINGLENS_HOME, owner-only.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Db } from '../db/database.ts';
import { IDENTIFIER_KINDS, type IdentifierGroup, type IdentifierKind, type PaymentEdge } from '../detect/input.ts';
import { maxSharersFor, type DetectionSettings } from '../detect/settings.ts';

const VERSION = 1;

/** Query per identifier kind: the whitelist that keeps labels out of input. */
export const GROUP_QUERY: Record<IdentifierKind, string> = {
  device: 'identifier-groups-device.read',
  payment: 'identifier-groups-payment.read',
  ip: 'identifier-groups-ip.read',
  email: 'identifier-groups-email.read',
  phone: 'identifier-groups-phone.read',
  address: 'identifier-groups-address.read',
};

const DELTA_QUERY: Record<IdentifierKind, string> = {
  device: 'identifier-delta-device.read',
  payment: 'identifier-delta-payment.read',
  ip: 'identifier-delta-ip.read',
  email: 'identifier-delta-email.read',
  phone: 'identifier-delta-phone.read',
  address: 'identifier-delta-address.read',
};

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
  /** The next read re-reads stamps from this one on: the oldest load running when this read started, else the next. */
  seq: number;
  /** The read settings the groups were read with (crowd limits, templates). */
  readKey: string;
  counts: GraphCounts;
  /** `kind\0key` → [sharers, accounts] of every identifier with two or more sharers (accounts [] for crowds). */
  groups: Map<string, [number, string[]]>;
  /** Single-use template mailboxes: key → account (only with settings.templates). */
  singles: Map<string, string>;
  /** payer → [payee, count, total] of every payer. */
  payments: Map<string, Array<[string, number, number]>>;
}

export interface InputReadReport {
  mode: 'full' | 'incremental';
  /** Why the whole graph was read (mode full). */
  reason?: string;
  /** The load number the cached read started at (mode incremental). */
  since?: number;
  /** Identifier groups and payers read again (mode incremental). */
  changedIdentifiers?: number;
  changedPayers?: number;
  /** Reading the cache file and the changes, ms (mode incremental). */
  readMs?: number;
}

export interface DetectionInput {
  /** Every identifier group (unsuppressed: the caller filters dispositions) and template single. */
  groups: AsyncIterable<IdentifierGroup>;
  payments: AsyncIterable<PaymentEdge>;
  report: InputReadReport;
  /** After a successful run: keeps what was read for the next one. */
  save(): void;
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

function loadSnapshot(path: string): InputSnapshot | string {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch {
    return 'no cached input yet';
  }
  try {
    const snap = deserialize(raw) as InputSnapshot;
    if (snap?.version !== VERSION) return 'the cached input is of another RingLens version';
    return snap;
  } catch {
    return 'the cached input could not be read';
  }
}

function saveSnapshot(path: string, dir: string, snap: InputSnapshot): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, serialize(snap), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
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
  const [state] = await db.write<{ seq: number; store: string; since: number }>('ingest-state.write');
  const seq = Number(state!.since);
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
    payments: new Map(),
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
    return {
      groups: fullGroups(db, settings, snap),
      payments: fullPayments(db, snap),
      report: { mode: 'full', reason: reason! },
      save: () => saveSnapshot(path, opts.dir, snap),
    };
  }

  const t0 = performance.now();
  const since = cached.seq;
  let changedIdentifiers = 0;
  for (const kind of IDENTIFIER_KINDS) {
    for await (const row of db.stream<{ key: string; sharers: number; accounts: string[] }>(DELTA_QUERY[kind], {
      since,
      maxSharers: maxSharersFor(settings, kind),
    })) {
      changedIdentifiers++;
      const sharers = Number(row.sharers);
      const id = `${kind}\u0000${row.key}`;
      if (sharers >= 2) cached.groups.set(id, [sharers, row.accounts]);
      else cached.groups.delete(id);
      if (kind === 'email' && settings.templates) {
        if (sharers === 1 && TEMPLATE_SINGLE.test(row.key)) cached.singles.set(row.key, row.accounts[0]!);
        else cached.singles.delete(row.key);
      }
    }
  }
  let changedPayers = 0;
  for await (const row of db.stream<{ payer: string; paid: Array<[string, number, number]> }>('payment-delta.read', {
    since,
  })) {
    changedPayers++;
    cached.payments.set(row.payer, row.paid);
  }
  cached.seq = seq;
  cached.counts = counts;
  const snap = cached;
  return {
    groups: cachedGroups(snap),
    payments: cachedPayments(snap),
    report: {
      mode: 'incremental',
      since,
      changedIdentifiers,
      changedPayers,
      readMs: Math.round(performance.now() - t0),
    },
    save: () => saveSnapshot(path, opts.dir, snap),
  };
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
  // Single-use mailboxes ending in digits: they link nothing alone, but near-duplicates of them are templates.
  for await (const row of db.stream<{ key: string; account: string }>('identifier-singles-email.read')) {
    snap?.singles.set(row.key, row.account);
    yield { kind: 'email', key: row.key, accounts: [row.account], sharers: 1 };
  }
}

export async function* fullPayments(db: Db, snap?: InputSnapshot): AsyncGenerator<PaymentEdge> {
  for await (const row of db.stream<{ payer: string; paid: Array<[string, number, number]> }>('payment-edges.read')) {
    snap?.payments.set(row.payer, row.paid);
    for (const [payee, count, total] of row.paid) yield { payer: row.payer, payee, count, total };
  }
}

async function* cachedGroups(snap: InputSnapshot): AsyncGenerator<IdentifierGroup> {
  for (const [id, [sharers, accounts]] of snap.groups) {
    const cut = id.indexOf('\u0000');
    yield { kind: id.slice(0, cut) as IdentifierKind, key: id.slice(cut + 1), accounts, sharers };
  }
  for (const [key, account] of snap.singles) yield { kind: 'email', key, accounts: [account], sharers: 1 };
}

async function* cachedPayments(snap: InputSnapshot): AsyncGenerator<PaymentEdge> {
  for (const [payer, paid] of snap.payments) {
    for (const [payee, count, total] of paid) yield { payer, payee, count, total };
  }
}
