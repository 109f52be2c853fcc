// The streaming converter behind `npm run load -- --bulk`: input sources in, `neo4j-admin database import full` CSVs
// out, holding exactly the graph the batch loader (loader.ts + cypher/*-upsert.write.cypher) would write:
//
//   (:Account {id, label, createdAt, type, country, status})   label 'unknown' for accounts only links/payments name
//   (:Device|PaymentMethod|IP|Email|Phone|Address {key, display, bin, last4, issuerCountry})   first sighting's display
//   (:Account)-[:USES {seen, count, firstSeen, lastSeen}]->(identifier)   one per pair; `seen` in first-sighting order
//     and, to an Email, `spelling`: the address as the first sighting wrote it, when not as the key
//   (:Account)-[:PAID {currency, keys, ats, amounts, count, total, firstAt, lastAt}]->(:Account)   one per payer, payee
//                                                                                                   and currency
//
// Every row goes through the loader's own check (validateRecord: the same schemas, normalisation and issues), and
// rejected rows go to the same onReject the loader calls. Rows are never collected: accounts are held as a map (they
// are merged, last row wins, as the loader's SET does) and identifier keys as a set (first sighting wins); link and
// payment rows stream. Relationships are aggregated per account (per payer): when the input keeps an account's rows
// together — as exports sorted by account and `npm run generate` do — that takes one pass and no memory beyond the
// account's own rows. When it does not, the pass starts again in spill mode: rows go to temporary files by a hash of
// the account and each file is aggregated on its own, so memory stays bounded by the largest file.
import { createReadStream, createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BigSet } from './big-set.ts';
import { convertParallel, planParallel } from './bulk-parallel.ts';
import { checkedRows, workerCapable } from './checked-rows.ts';
import { LoadValidationError, LOAD_DEFAULTS, type Validated } from './loader.ts';
import { LeaveToCsvParse } from './readers.ts';
import type { NormalizeOptions } from './normalize.ts';
import { IDENTIFIER_LABELS, type IdentifierKind as LinkKind } from '../../contracts/vocabulary.ts';
import type { RecordKind } from './schemas.ts';
import type { Source } from './sources.ts';
import type { Issue } from './validate.ts';

/** Identifier label per link kind (the loader's LINK_QUERY files name the same labels). */
export { IDENTIFIER_LABELS };

/** The identifier label whose USES keep how each account wrote it (`spelling`; the loader's links-upsert-email). */
const SPELLED = IDENTIFIER_LABELS.email;

/** Array elements in the CSVs are separated by this (passed to neo4j-admin as --array-delimiter). */
export const ARRAY_DELIMITER = '\u001f';

export interface ImportFiles {
  nodes: Array<[label: string, file: string]>;
  relationships: Array<[type: string, file: string]>;
  /** Some value holds a line break: neo4j-admin must then be told --multiline-fields=true. */
  multiline: boolean;
}

export interface ConvertSummary {
  files: ImportFiles;
  /** Per source, in order: what the loader records as an IngestFile once the import is done. */
  sources: Array<{ source: Source; rows: number; rejected: number }>;
  rowsRead: number;
  rowsRejected: number;
  byKind: Record<RecordKind, number>;
  counts: { accounts: number; identifiers: number; uses: number; paid: number };
  /** True when the input did not keep an account's rows together and the spill pass ran. */
  spilled: boolean;
  /** True when the links file was converted in two halves side by side (bulk-parallel.ts). */
  parallel: boolean;
  durationMs: number;
}

export interface ConvertOptions {
  normalize?: NormalizeOptions;
  skipInvalid?: boolean;
  maxReportedErrors?: number;
  /** Rejected rows (with skipInvalid). `reset` is called when the pass starts again in spill mode. */
  rejects?: { write(issue: Issue, raw: Record<string, unknown> | undefined): void; reset(): void };
  onProgress?: (p: { source: string; rows: number }) => void;
  /** Files per spill pass (default 64). */
  spillFiles?: number;
  /** Force spill mode (tests). */
  spill?: boolean;
  /**
   * Read, parse and check the rows in a worker thread while this one aggregates and writes (checked-rows.ts). Only
   * when every source is a file; default: on for file sources of 16 MiB or more. Same output either way.
   */
  checkInWorker?: boolean;
  /**
   * Convert a large links file in two byte ranges side by side, each in its own thread, with the other sources in a
   * third (bulk-parallel.ts). Default: when there is one links file of 64 MiB or more and every source is a CSV or
   * NDJSON file; `true` also for small files (tests); `false` never. Same import either way.
   */
  parallel?: boolean;
}

/** The input does not keep an account's (payer's) rows together: the conversion starts again in spill mode. */
export class NotGrouped extends Error {}

/** A checked link row, as the converter reads it. */
interface LinkRow {
  account_id: string;
  kind: LinkKind;
  key: string;
  seen_at: string;
  display?: string;
  bin?: string;
  last4?: string;
  issuer_country?: string;
}

/** A value refused because neo4j-admin's CSV could not carry it faithfully. */
export class BulkValueError extends Error {
  override name = 'BulkValueError';
  readonly exitCode = 1;
  readonly retriable = false;
}

// Maps of strings that grow past V8's limit of 2^24 entries per Map: a chain of them, each filled up to that limit
// (one, below 16.7 million entries, which costs nothing extra).
const LIMIT = 1 << 24;
class BigMap<V> {
  readonly maps = [new Map<string, V>()];
  get(k: string): V | undefined {
    for (const m of this.maps) {
      const v = m.get(k);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  /** Adds a key that is not there. */
  add(k: string, v: V): void {
    let last = this.maps[this.maps.length - 1]!;
    if (last.size >= LIMIT) this.maps.push((last = new Map()));
    last.set(k, v);
  }
}

/**
 * Buffered CSV writer with backpressure. Without a header it keeps each line's length in bytes, line break included
 * (`lengths`, `rows` of them): the parallel conversion's identifier candidates, filtered by line (bulk-parallel.ts).
 */
export class Out {
  private readonly stream: WriteStream;
  private buf: string[] = [];
  private bytes = 0;
  rows = 0;
  lengths: Int32Array | undefined;
  constructor(
    readonly file: string,
    header: string | undefined,
  ) {
    this.stream = createWriteStream(file);
    if (header !== undefined) this.stream.write(`${header}\n`);
    else this.lengths = new Int32Array(1 << 12);
  }
  /** Returns a promise only when the buffer was handed to the stream and the caller must wait for it to drain. */
  line(s: string): Promise<void> | undefined {
    if (this.lengths) {
      if (this.rows === this.lengths.length) {
        const grown = new Int32Array(this.rows * 2);
        grown.set(this.lengths);
        this.lengths = grown;
      }
      this.lengths[this.rows] = Buffer.byteLength(s) + 1;
    }
    this.rows++;
    this.buf.push(s);
    this.bytes += s.length;
    return this.bytes >= 1 << 20 ? this.flush() : undefined;
  }
  private async flush(): Promise<void> {
    if (!this.buf.length) return;
    const chunk = `${this.buf.join('\n')}\n`;
    this.buf = [];
    this.bytes = 0;
    await write(this.stream, chunk);
  }
  async close(): Promise<void> {
    await this.flush();
    await end(this.stream);
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
const SPECIAL = /["\n\r]/;

/** What a pass writes (the parallel conversion gives each thread its share; bulk-parallel.ts). */
export interface PassShare {
  /** Identifier nodes and USES (link rows). */
  links: boolean;
  /** PAID (payment rows). */
  payments: boolean;
  /** The accounts file (every account any row names). */
  accounts: boolean;
  /** Identifier nodes go, without a header, to `<label>.cand`: candidates another pass filters (by line length). */
  candidates?: boolean;
}

const EVERYTHING: PassShare = { links: true, payments: true, accounts: true };

/** Header of an identifier label's node file. */
export const identifierHeader = (label: string): string => `key:ID(${label}),display,bin,last4,issuerCountry`;

/** One conversion pass; `spill` sends relationship rows through temporary files. */
export class Pass {
  multiline = false;
  readonly accounts = new BigMap<{
    label: string;
    createdAt?: string;
    type?: string;
    country?: string;
    status?: string;
  }>();
  accountCount = 0;
  readonly identifierKeys = new Map<string, BigSet>();
  readonly identifierOut = new Map<string, Out>();
  readonly usesOut = new Map<string, Out>();
  readonly paidOut: Out | undefined;
  identifiers = 0;
  uses = 0;
  paid = 0;
  // Grouped mode: the account (payer) whose rows are being read, and those finished.
  private linkAccount: string | undefined;
  // The open account's identifiers, in first-sighting order, each with its distinct sighting times in order (an
  // account has a handful: a list searched in place costs less than a map keyed by a joined string).
  private pairs: Array<{ label: string; key: string; times: number[]; spelling: string | undefined }> = [];
  /** Accounts whose link rows were read (grouped mode). */
  readonly linksDone = new BigSet();
  private payer: string | undefined;
  private paidOpen = new Map<string, { payee: string; currency: string; events: Map<string, [number, number]> }>();
  private readonly payersDone = new BigSet();
  private readonly spillLinks: WriteStream[] = [];
  private readonly spillPayments: WriteStream[] = [];

  constructor(
    readonly dir: string,
    readonly spill: boolean,
    readonly spillFiles: number,
    readonly share: PassShare = EVERYTHING,
  ) {
    for (const label of share.links ? Object.values(IDENTIFIER_LABELS) : []) {
      this.identifierKeys.set(label, new BigSet());
      this.identifierOut.set(
        label,
        share.candidates
          ? new Out(join(dir, `${label}.cand`), undefined)
          : new Out(join(dir, `${label}.csv`), identifierHeader(label)),
      );
      // END_ID names one ID space per file, hence one USES file per identifier label.
      this.usesOut.set(
        label,
        new Out(
          join(dir, `uses-${label}.csv`),
          `:START_ID(Account),:END_ID(${label}),count:long,firstSeen:datetime,lastSeen:datetime,seen:long[]${label === SPELLED ? ',spelling' : ''}`,
        ),
      );
    }
    this.paidOut = share.payments
      ? new Out(
          join(dir, 'paid.csv'),
          ':START_ID(Account),:END_ID(Account),currency,count:long,total:double,firstAt:datetime,lastAt:datetime,keys:string[],ats:long[],amounts:double[]',
        )
      : undefined;
    if (spill) {
      mkdirSync(join(dir, 'spill'), { recursive: true });
      for (let i = 0; i < spillFiles; i++) {
        this.spillLinks.push(createWriteStream(join(dir, 'spill', `links-${i}.ndjson`)));
        this.spillPayments.push(createWriteStream(join(dir, 'spill', `payments-${i}.ndjson`)));
      }
    }
  }

  /** A quoted CSV string; notes line breaks (neo4j-admin then needs --multiline-fields). */
  q(s: string): string {
    if (!SPECIAL.test(s)) return `"${s}"`;
    if (s.includes('\n') || s.includes('\r')) this.multiline = true;
    return `"${s.replaceAll('"', '""')}"`;
  }
  opt(s: string | undefined): string {
    return s === undefined ? '' : this.q(s);
  }
  arrayItem(s: string): string {
    if (s.includes(ARRAY_DELIMITER)) {
      throw new BulkValueError(
        `A payment id holds the control character U+001F, which --bulk cannot write; load without --bulk.`,
      );
    }
    return s;
  }

  ensureAccount(id: string): void {
    if (!this.share.accounts) return;
    if (this.accounts.get(id) === undefined) {
      this.accounts.add(id, { label: 'unknown' });
      this.accountCount++;
    }
  }

  account(a: { id: string; label: string; created_at?: string; type?: string; country?: string; status?: string }) {
    const cur = this.accounts.get(a.id);
    if (cur === undefined) {
      this.accountCount++;
      this.accounts.add(a.id, {
        label: a.label,
        createdAt: a.created_at,
        type: a.type,
        country: a.country,
        status: a.status,
      });
      return;
    }
    // The loader's SET: label always, the others only when the row has them.
    cur.label = a.label;
    if (a.created_at !== undefined) cur.createdAt = a.created_at;
    if (a.type !== undefined) cur.type = a.type;
    if (a.country !== undefined) cur.country = a.country;
    if (a.status !== undefined) cur.status = a.status;
  }

  /**
   * One link row. Returns a promise only when the caller must wait (an output buffer is draining, or the row starts
   * a new account or goes to a spill file): most rows are taken without one.
   */
  link(l: LinkRow): Promise<void> | undefined {
    if (this.spill || l.account_id !== this.linkAccount) return this.linkSlow(l);
    const label = IDENTIFIER_LABELS[l.kind];
    const wait = this.identifier(label, l);
    this.sighting(label, l.key, Date.parse(l.seen_at), l.display);
    return wait;
  }

  /** Writes the identifier's node at its first sighting (first sighting wins for display attributes). */
  private identifier(label: string, l: LinkRow): Promise<void> | undefined {
    if (!this.identifierKeys.get(label)!.add(l.key)) return undefined;
    this.identifiers++;
    return this.identifierOut
      .get(label)!
      .line(
        `${this.q(l.key)},${this.opt(l.display)},${this.opt(l.bin)},${this.opt(l.last4)},${this.opt(l.issuer_country)}`,
      );
  }

  private sighting(label: string, key: string, t: number, display: string | undefined): void {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i]!;
      if (p.key === key && p.label === label) {
        if (!p.times.includes(t)) p.times.push(t);
        return;
      }
    }
    pairs.push({ label, key, times: [t], spelling: label === SPELLED ? display : undefined });
  }

  private async linkSlow(l: LinkRow): Promise<void> {
    const label = IDENTIFIER_LABELS[l.kind];
    const wait = this.identifier(label, l);
    if (wait) await wait;
    const t = Date.parse(l.seen_at);
    if (this.spill) {
      this.ensureAccount(l.account_id);
      const out = this.spillLinks[shardIndex(l.account_id, this.spillFiles)]!;
      const spelling = label === SPELLED ? l.display : undefined;
      await write(
        out,
        `${JSON.stringify([l.account_id, label, l.key, t, ...(spelling === undefined ? [] : [spelling])])}\n`,
      );
      return;
    }
    if (l.account_id !== this.linkAccount) {
      await this.flushLinks();
      if (!this.linksDone.add(l.account_id)) throw new NotGrouped();
      this.linkAccount = l.account_id;
      this.ensureAccount(l.account_id);
    }
    this.sighting(label, l.key, t, l.display);
  }

  private async writeUses(
    account: string,
    label: string,
    key: string,
    seen: readonly number[],
    spelling: string | undefined,
  ): Promise<void> {
    // `seen` keeps first-sighting order, as the loader's `seen + fresh` does.
    let lo = seen[0]!;
    let hi = lo;
    for (const x of seen) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const first = iso(lo);
    const wait = this.usesOut
      .get(label)!
      .line(
        `${this.q(account)},${this.q(key)},${seen.length},${first},${hi === lo ? first : iso(hi)},${seen.length === 1 ? lo : seen.join(ARRAY_DELIMITER)}${label === SPELLED ? `,${this.opt(spelling)}` : ''}`,
      );
    this.uses++;
    if (wait) await wait;
  }

  private async flushLinks(): Promise<void> {
    if (this.linkAccount === undefined) return;
    for (const p of this.pairs) await this.writeUses(this.linkAccount, p.label, p.key, p.times, p.spelling);
    this.pairs = [];
    this.linkAccount = undefined;
  }

  async payment(p: { payer: string; payee: string; currency: string; amount: number; at: string; id?: string }) {
    const at = Date.parse(p.at);
    // The loader's payment identity: the source id, else the time (a repeated identity is a replay).
    const key = p.id !== undefined ? `id:${p.id}` : `t:${at}`;
    this.ensureAccount(p.payer);
    this.ensureAccount(p.payee);
    if (this.spill) {
      const out = this.spillPayments[shardIndex(p.payer, this.spillFiles)]!;
      await write(out, `${JSON.stringify([p.payer, p.payee, p.currency, key, at, p.amount])}\n`);
      return;
    }
    if (p.payer !== this.payer) {
      await this.flushPayments();
      if (!this.payersDone.add(p.payer)) throw new NotGrouped();
      this.payer = p.payer;
    }
    addEvent(this.paidOpen, p.payee, p.currency, key, at, p.amount);
  }

  private async writePaid(
    payer: string,
    rel: { payee: string; currency: string; events: Map<string, [number, number]> },
  ): Promise<void> {
    const keys: string[] = [];
    const ats: number[] = [];
    const amounts: number[] = [];
    for (const [k, [at, amount]] of rel.events) {
      keys.push(this.arrayItem(k));
      ats.push(at);
      amounts.push(amount);
    }
    // The same sum, in the same order, as the loader's reduce(s = 0.0, v IN amounts | s + v).
    const total = amounts.reduce((s, x) => s + x, 0);
    const wait = this.paidOut!.line(
      [
        this.q(payer),
        this.q(rel.payee),
        this.q(rel.currency),
        keys.length,
        total,
        iso(ats.reduce((m, x) => (x < m ? x : m))),
        iso(ats.reduce((m, x) => (x > m ? x : m))),
        this.q(keys.join(ARRAY_DELIMITER)),
        ats.join(ARRAY_DELIMITER),
        amounts.join(ARRAY_DELIMITER),
      ].join(','),
    );
    this.paid++;
    if (wait) await wait;
  }

  private async flushPayments(): Promise<void> {
    if (this.payer === undefined) return;
    for (const rel of this.paidOpen.values()) await this.writePaid(this.payer, rel);
    this.paidOpen = new Map();
    this.payer = undefined;
  }

  /** After the last row: flush open groups, aggregate spill files, write accounts, close everything. */
  async finish(): Promise<{ files: ImportFiles }> {
    await this.flushLinks();
    await this.flushPayments();
    if (this.spill) {
      await Promise.all([...this.spillLinks, ...this.spillPayments].map(end));
      for (let i = 0; i < this.spillFiles; i++) {
        const pairs = new Map<
          string,
          { account: string; label: string; key: string; times: Set<number>; spelling: string | undefined }
        >();
        for await (const [account, label, key, t, spelling] of readSpill<
          [string, string, string, number, string | undefined]
        >(join(this.dir, 'spill', `links-${i}.ndjson`))) {
          const id = `${account}\u0000${label}\u0000${key}`;
          let pair = pairs.get(id);
          if (!pair) pairs.set(id, (pair = { account, label, key, times: new Set(), spelling }));
          pair.times.add(t);
        }
        for (const p of pairs.values()) await this.writeUses(p.account, p.label, p.key, [...p.times], p.spelling);
        const open = new Map<
          string,
          Map<string, { payee: string; currency: string; events: Map<string, [number, number]> }>
        >();
        for await (const [payer, payee, currency, key, at, amount] of readSpill<
          [string, string, string, string, number, number]
        >(join(this.dir, 'spill', `payments-${i}.ndjson`))) {
          let rels = open.get(payer);
          if (!rels) open.set(payer, (rels = new Map()));
          addEvent(rels, payee, currency, key, at, amount);
        }
        for (const [payer, rels] of open) for (const rel of rels.values()) await this.writePaid(payer, rel);
      }
      rmSync(join(this.dir, 'spill'), { recursive: true, force: true });
    }
    let accountsOut: Out | undefined;
    if (this.share.accounts) {
      accountsOut = new Out(
        join(this.dir, 'accounts.csv'),
        'id:ID(Account),label,createdAt:datetime,type,country,status',
      );
      for (const shard of this.accounts.maps) {
        for (const [id, a] of shard) {
          const wait = accountsOut.line(
            `${this.q(id)},${this.q(a.label)},${a.createdAt ?? ''},${this.opt(a.type)},${this.opt(a.country)},${this.opt(a.status)}`,
          );
          if (wait) await wait;
        }
      }
    }
    await Promise.all(
      [accountsOut, this.paidOut, ...this.identifierOut.values(), ...this.usesOut.values()].map((o) => o?.close()),
    );
    return {
      files: {
        nodes: [
          ...(accountsOut ? [['Account', accountsOut.file] as [string, string]] : []),
          ...[...this.identifierOut].map(([l, o]): [string, string] => [l, o.file]),
        ],
        relationships: [
          ...[...this.usesOut.values()].map((o): [string, string] => ['USES', o.file]),
          ...(this.paidOut ? [['PAID', this.paidOut.file] as [string, string]] : []),
        ],
        multiline: this.multiline,
      },
    };
  }

  async abandon(): Promise<void> {
    await Promise.all(
      [this.paidOut, ...this.identifierOut.values(), ...this.usesOut.values()].map((o) => o?.close().catch(() => {})),
    );
    await Promise.all([...this.spillLinks, ...this.spillPayments].map((s) => end(s).catch(() => {})));
  }
}

function addEvent(
  rels: Map<string, { payee: string; currency: string; events: Map<string, [number, number]> }>,
  payee: string,
  currency: string,
  key: string,
  at: number,
  amount: number,
): void {
  const id = `${payee}\u0000${currency}`;
  let rel = rels.get(id);
  if (!rel) rels.set(id, (rel = { payee, currency, events: new Map() }));
  if (!rel.events.has(key)) rel.events.set(key, [at, amount]);
}

function shardIndex(s: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) % n;
}

function write(out: WriteStream, s: string): Promise<void> | void {
  if (!out.write(s)) return new Promise<void>((r) => out.once('drain', () => r()));
}

function end(out: WriteStream): Promise<void> {
  return new Promise<void>((r) => out.end(() => r()));
}

async function* readSpill<T>(file: string): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as T;
}

/**
 * Converts the sources into neo4j-admin CSVs under `dir` (created; emptied first). Throws LoadValidationError
 * when a row is invalid and `skipInvalid` is off — after reading everything, so the report counts every bad row,
 * as the loader's validation pass does; nothing is then imported.
 */
export async function convertSources(
  sources: Source[],
  dir: string,
  opts: ConvertOptions = {},
): Promise<ConvertSummary> {
  const plan = opts.spill || opts.parallel === false ? undefined : await planParallel(sources, opts.parallel === true);
  if (plan) {
    const started = Date.now();
    try {
      const summary = await convertParallel(sources, dir, opts, plan);
      return { ...summary, durationMs: Date.now() - started };
    } catch (err) {
      // Input the split cannot take (rows of an account on both sides, an odd CSV): the one-thread pass, from the start.
      if (!(err instanceof NotGrouped || err instanceof LeaveToCsvParse)) throw err;
      opts.rejects?.reset();
      if (err instanceof NotGrouped) return runPass(sources, dir, opts, true);
    }
  }
  try {
    return await runPass(sources, dir, opts, opts.spill ?? false);
  } catch (err) {
    if (!(err instanceof NotGrouped)) throw err;
    opts.rejects?.reset();
    return runPass(sources, dir, opts, true);
  }
}

/** Counts and refusals of one stretch of rows (a source, or one range of one), as a conversion takes them. */
export class Taken {
  rows = 0;
  rejected = 0;
  /** Invalid rows without skipInvalid (nothing will be imported), and the first `max` of their issues. */
  invalid = 0;
  readonly issues: Issue[] = [];
  readonly byKind: Record<RecordKind, number> = { accounts: 0, links: 0, payments: 0 };

  constructor(
    private readonly opts: {
      skipInvalid?: boolean;
      max: number;
      reject?: (issue: Issue, raw?: Record<string, unknown>) => void;
    },
  ) {}

  /**
   * One checked row into `pass`. `stop`: rows were invalid before (elsewhere), so keep validating but stop converting.
   * Returns a promise only when the caller must wait for it.
   */
  take(v: Validated, pass: Pass, stop: boolean): Promise<void> | undefined {
    this.rows++;
    if (!v.ok) {
      this.rejected++;
      if (this.opts.skipInvalid) this.opts.reject?.(v.issue, v.raw);
      else {
        this.invalid++;
        if (this.issues.length < this.opts.max) this.issues.push(v.issue);
      }
      return undefined;
    }
    this.byKind[v.kind]++;
    if (stop || this.invalid > 0) return undefined;
    if (v.kind === 'accounts') {
      pass.account(v.record);
      return undefined;
    }
    if (v.kind === 'links') return pass.link(v.record);
    return pass.payment(v.record);
  }
}

/** Sources worth a worker thread: all files, together at least 16 MiB (a worker costs a few hundred ms to start). */
async function bigFiles(sources: Source[]): Promise<boolean> {
  if (!workerCapable(sources)) return false;
  let bytes = 0;
  for (const s of sources) bytes += (await stat(s.file!.path)).size;
  return bytes >= 16 * 2 ** 20;
}

async function runPass(sources: Source[], dir: string, opts: ConvertOptions, spill: boolean): Promise<ConvertSummary> {
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pass = new Pass(dir, spill, opts.spillFiles ?? 64);
  const max = opts.maxReportedErrors ?? LOAD_DEFAULTS.maxReportedErrors;
  // One counter for all sources (invalid rows anywhere stop the converting) and one per source.
  const all = new Taken({ skipInvalid: opts.skipInvalid, max, reject: (i, raw) => opts.rejects?.write(i, raw) });
  const counted = sources.map(() => ({ rows: 0, rejected: 0 }));
  const perSource: ConvertSummary['sources'] = [];
  const worker = opts.checkInWorker ?? (await bigFiles(sources));
  try {
    for await (const item of checkedRows(sources, { normalize: opts.normalize, worker })) {
      const source = sources[item.source]!;
      const c = counted[item.source]!;
      if ('end' in item) {
        opts.onProgress?.({ source: source.name, rows: c.rows });
        perSource.push({ source, rows: c.rows, rejected: c.rejected });
        continue;
      }
      for (const v of item.rows) {
        c.rows++;
        if (!v.ok) c.rejected++;
        if (c.rows % 50_000 === 0) opts.onProgress?.({ source: source.name, rows: c.rows });
        // Once a row is invalid nothing will be imported: keep validating, stop converting.
        const wait = all.take(v, pass, false);
        if (wait) await wait;
      }
    }
    if (all.invalid > 0) throw new LoadValidationError(all.issues, all.invalid);
    const { files } = await pass.finish();
    return {
      sources: perSource,
      rowsRead: all.rows,
      rowsRejected: all.rejected,
      byKind: all.byKind,
      files,
      counts: { accounts: pass.accountCount, identifiers: pass.identifiers, uses: pass.uses, paid: pass.paid },
      spilled: spill,
      parallel: false,
      durationMs: Date.now() - started,
    };
  } catch (err) {
    await pass.abandon();
    throw err;
  }
}
