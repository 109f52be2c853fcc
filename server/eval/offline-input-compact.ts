/**
 * The offline detection input of offline-input.ts for marketplaces of millions of accounts: the same files, the same
 * validation and normalisation (validateRecord), and the same detection findings, in a fraction of the memory.
 *
 * offline-input.ts keeps every identifier as a group with a Set of accounts and every account as an object: about
 * 6 GiB for 1M accounts, and V8 Maps stop at 2^24 entries (10M accounts have ~70M identifiers). Here, one pass over
 * links.csv keeps each link in typed arrays (its account, kind, sighting time) plus its key, and counts the distinct
 * accounts of every key in an open-addressing table of 64-bit hashes; only identifiers of two or more accounts become
 * groups (and single-account email groups whose mailbox ends in a digit: near-duplicate mailboxes are templates,
 * templates.ts). That is what a database sends too. Accounts are columns; the pipeline asks for the few it needs
 * (AccountLookup), each built from its links on demand. Payments are aggregated by sorting.
 *
 * Groups and payments come in the order of their first row, as in offline-input.ts, so the projection is the same.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { IDENTIFIER_KINDS, type AccountInfo, type IdentifierGroup, type PaymentEdge } from '../detect/input.ts';
import type { AccountLookup } from '../detect/pipeline.ts';
import { seenKey } from '../detect/reentry.ts';
import { freshStartsIso } from '../detect/takeover.ts';
import { carriesName, namedMailboxes } from '../detect/templates.ts';
import type { PairPayments, PaymentEvent } from '../detect/forwarding.ts';
import { readRecords } from '../ingest/readers.ts';
import { validateRecord } from '../ingest/validate.ts';

export interface CompactOfflineInput {
  groups: IdentifierGroup[];
  payments: Iterable<PaymentEdge>;
  accounts: AccountLookup;
  /** Each asked pair's payments (DetectRingsInput.paymentEvents). */
  paymentEvents: (pairs: ReadonlyArray<readonly [string, string]>) => PairPayments[];
  /** Ids of the accounts of the given types (DetectRingsInput.organisationAccounts). */
  organisationAccounts: (types: readonly string[]) => string[];
  /** Ids of the accounts labelled known fraud (DetectRingsInput.knownFraudAccounts). */
  knownFraudAccounts: () => string[];
  /** Ids of the accounts with one of the given statuses, compared case-insensitively (DetectRingsInput.bannedAccounts). */
  bannedAccounts: (statuses: readonly string[]) => string[];
  counts: { accounts: number; links: number; identifiers: number; groups: number; paymentRows: number };
}

const DEVICE = IDENTIFIER_KINDS.indexOf('device');
const ADDRESS = IDENTIFIER_KINDS.indexOf('address');
const PHONE = IDENTIFIER_KINDS.indexOf('phone');
const EMAIL = IDENTIFIER_KINDS.indexOf('email');
const IP = IDENTIFIER_KINDS.indexOf('ip');
const CHUNK = 1 << 20;

function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Two independent 32-bit hashes of (kind, key): FNV-1a and a multiply-rotate mix, each finished by fmix32. */
function hashes(kind: number, key: string): [number, number] {
  let a = 0x811c9dc5 ^ kind;
  let b = 0x9747b28c ^ Math.imul(kind + 1, 0x9e3779b1);
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [fmix(a), fmix(b)];
}
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Distinct keys, each with the first account seen using it and whether another did too. A 64-bit hash stands for the
 * key: a collision (~1e-4 for 70M keys) can only make a single-account key look shared, which costs a group the
 * projection drops (groups are made from the keys themselves).
 */
class KeyCounts {
  private h1: Uint32Array;
  private h2: Uint32Array;
  /** First account, or -1 (empty slot), or -2 (two or more accounts). */
  private first: Int32Array;
  size = 0;

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < expected * 1.5) capacity *= 2;
    [this.h1, this.h2, this.first] = [new Uint32Array(capacity), new Uint32Array(capacity), new Int32Array(capacity)];
    this.first.fill(-1);
  }

  private slot(a: number, b: number): number {
    const mask = this.first.length - 1;
    let i = b & mask;
    while (this.first[i] !== -1 && (this.h1[i] !== a || this.h2[i] !== b)) i = (i + 1) & mask;
    return i;
  }

  add(a: number, b: number, account: number): void {
    if (this.size + 1 > this.first.length * 0.7) this.grow();
    const i = this.slot(a, b);
    if (this.first[i] === -1) {
      [this.h1[i], this.h2[i], this.first[i]] = [a, b, account];
      this.size++;
    } else if (this.first[i] !== account) this.first[i] = -2;
  }

  shared(a: number, b: number): boolean {
    return this.first[this.slot(a, b)] === -2;
  }

  private grow(): void {
    const [h1, h2, first] = [this.h1, this.h2, this.first];
    const capacity = first.length * 2;
    [this.h1, this.h2, this.first] = [new Uint32Array(capacity), new Uint32Array(capacity), new Int32Array(capacity)];
    this.first.fill(-1);
    for (let i = 0; i < first.length; i++) {
      if (first[i] === -1) continue;
      const j = this.slot(h1[i]!, h2[i]!);
      [this.h1[j], this.h2[j], this.first[j]] = [h1[i]!, h2[i]!, first[i]!];
    }
  }
}

export async function readCompactOfflineInput(
  files: { accounts: string; links: string; payments: string },
  options: {
    /** Called at the end of each step (for benchmarks). */
    onStep?: (step: 'accounts' | 'links' | 'links-csv' | 'groups' | 'payments') => void;
    /** Also write the normalised links as CSV `account,kind,key` here (the Spark partition job's --links-csv). */
    linksCsv?: string;
  } = {},
): Promise<CompactOfflineInput> {
  const onStep = options.onStep ?? (() => undefined);
  // Accounts as columns; ids met in links or payments but not in accounts.csv get an index too (known = 0).
  const index = new Map<string, number>();
  const ids: string[] = [];
  let known = new Uint8Array(1024);
  let created = new Float64Array(1024);
  const labels: AccountInfo['label'][] = [];
  const countries: Array<string | undefined> = [];
  const statuses: Array<string | undefined> = [];
  const types: Array<string | undefined> = [];
  const interned = new Map<string, string>();
  const accountOf = (id: string): number => {
    let a = index.get(id);
    if (a === undefined) {
      index.set(id, (a = ids.length));
      ids.push(id);
      [known, created] = [grown(known, a + 1), grown(created, a + 1)];
    }
    return a;
  };
  for await (const r of readRecords(files.accounts)) {
    if (!r.raw) continue;
    const v = validateRecord('accounts', r.raw, { file: 'accounts', line: r.line });
    if (!v.ok) continue;
    const a = accountOf(v.record.id);
    known[a] = 1;
    labels[a] = v.record.label;
    created[a] = v.record.created_at ? Date.parse(v.record.created_at) : NaN;
    const country = v.record.country;
    if (country && !interned.has(country)) interned.set(country, country);
    countries[a] = country ? interned.get(country) : undefined;
    const status = v.record.status;
    if (status && !interned.has(status)) interned.set(status, status);
    statuses[a] = status ? interned.get(status) : undefined;
    const type = v.record.type;
    if (type && !interned.has(type)) interned.set(type, type);
    types[a] = type ? interned.get(type) : undefined;
  }

  onStep('accounts');

  // Links: one row each in typed arrays (and its key in chunks of a plain array), chained per account.
  const expected = Math.ceil(statSync(files.links).size / 60);
  const keys = new KeyCounts(expected);
  let [linkAccount, linkNext, linkKind, linkSeen] = [
    new Int32Array(expected),
    new Int32Array(expected),
    new Uint8Array(expected),
    new Float64Array(expected),
  ];
  const linkKey: string[][] = [];
  // How an email link's row wrote the address, when not as its key (AccountInfo.emailSpellings).
  const emailWritten = new Map<number, string>();
  let head = new Int32Array(ids.length).fill(-1);
  // First and last sighting of each account on anything (AccountInfo.activity).
  let [activeFrom, activeTo] = [new Float64Array(ids.length).fill(NaN), new Float64Array(ids.length).fill(NaN)];
  let links = 0;
  for await (const r of readRecords(files.links)) {
    if (!r.raw) continue;
    const v = validateRecord('links', r.raw, { file: 'links', line: r.line });
    if (!v.ok) continue;
    const a = accountOf(v.record.account_id);
    const kind = IDENTIFIER_KINDS.indexOf(v.record.kind);
    const [h1, h2] = hashes(kind, v.record.key);
    keys.add(h1, h2, a);
    if (links === linkAccount.length) {
      [linkAccount, linkNext] = [grown(linkAccount, links + 1), grown(linkNext, links + 1)];
      [linkKind, linkSeen] = [grown(linkKind, links + 1), grown(linkSeen, links + 1)];
    }
    if (a >= head.length) head = grown(head, a + 1).fill(-1, head.length);
    if (a >= activeFrom.length) {
      const before = activeFrom.length;
      [activeFrom, activeTo] = [grown(activeFrom, a + 1).fill(NaN, before), grown(activeTo, a + 1).fill(NaN, before)];
    }
    linkAccount[links] = a;
    linkKind[links] = kind;
    linkSeen[links] = v.record.seen_at ? Date.parse(v.record.seen_at) : NaN;
    const at = linkSeen[links]!;
    if (!Number.isNaN(at)) {
      if (!(at >= activeFrom[a]!)) activeFrom[a] = at;
      if (!(at <= activeTo[a]!)) activeTo[a] = at;
    }
    linkNext[links] = head[a]!;
    head[a] = links;
    (linkKey[links >>> 20] ??= [])[links & (CHUNK - 1)] = v.record.key;
    if (kind === EMAIL && v.record.display !== undefined) emailWritten.set(links, v.record.display);
    links++;
  }
  onStep('links');
  const keyOf = (l: number): string => linkKey[l >>> 20]![l & (CHUNK - 1)]!;
  if (options.linksCsv) {
    writeLinksCsv(options.linksCsv, links, (l) => [ids[linkAccount[l]!]!, IDENTIFIER_KINDS[linkKind[l]!]!, keyOf(l)]);
    onStep('links-csv');
  }

  // Groups: keys of two or more accounts, in the order of their first row; the first row of each key is its rank.
  const groupOf = new Map<string, IdentifierGroup & { first: number }>();
  for (let l = 0; l < links; l++) {
    const kind = linkKind[l]!;
    const key = keyOf(l);
    const [h1, h2] = hashes(kind, key);
    const local = kind === EMAIL ? key.slice(0, key.lastIndexOf('@')) : '';
    if (!keys.shared(h1, h2) && !(kind === EMAIL && /\d$/.test(local))) continue;
    const id = `${kind}\u0000${key}`;
    let g = groupOf.get(id);
    if (!g) groupOf.set(id, (g = { kind: IDENTIFIER_KINDS[kind]!, key, accounts: [], first: l }));
    const account = ids[linkAccount[l]!]!;
    if (!g.accounts.includes(account)) g.accounts.push(account);
  }
  const identifiers = keys.size;
  const groups = [...groupOf.values()].map(({ kind, key, accounts }) => ({ kind, key, accounts }));
  // Keys of other kinds than device, address and phone are not needed any more, unless shared (identifierSeen) or a
  // mailbox with a name (templates.ts namedMailboxes). An IP's stays told apart from the account's other IPs by a
  // hash of its key (AccountInfo.freshStarts).
  const ipHash = new Int32Array(links);
  for (let l = 0; l < links; l++) {
    const kind = linkKind[l]!;
    if (kind === DEVICE || kind === ADDRESS || kind === PHONE) continue;
    const key = keyOf(l);
    if (kind === EMAIL && carriesName(key)) continue;
    const [h1, h2] = hashes(kind, key);
    if (kind === IP) ipHash[l] = h1;
    if (!keys.shared(h1, h2)) linkKey[l >>> 20]![l & (CHUNK - 1)] = '';
  }

  onStep('groups');

  /** What offline-input.ts says about one account: devices, addresses and phones in the order of their first row. */
  const info = (a: number): AccountInfo => {
    const account: AccountInfo = { id: ids[a]!, label: labels[a]! };
    if (!Number.isNaN(created[a])) account.createdAt = new Date(created[a]!).toISOString();
    if (countries[a]) account.country = countries[a];
    if (statuses[a]) account.status = statuses[a];
    if (types[a]) account.type = types[a];
    const chain: number[] = [];
    for (let l = head[a]!; l !== -1; l = linkNext[l]!) chain.push(l);
    const devices = new Set<string>();
    const firstSeen = new Map<string, number>();
    const ranked: Array<[number, number, string]> = [];
    const windows = new Map<string, [number, number]>();
    // First and last sighting on each device and IP, shared or not (freshStarts).
    const moves = new Map<string, [number, number, boolean]>();
    const mailboxes = new Set<string>();
    for (const l of chain.reverse()) {
      const kind = linkKind[l]!;
      const key = keyOf(l);
      // The spelling of a shared mailbox at the account's first row of it (unshared keys are blanked by now, but for
      // mailboxes with a name).
      if (kind === EMAIL && key !== '' && !mailboxes.has(key)) {
        mailboxes.add(key);
        const written = emailWritten.get(l);
        if (written !== undefined && keys.shared(...hashes(kind, key))) (account.emailSpellings ??= {})[key] = written;
      }
      const seen = linkSeen[l]!;
      if (key !== '' && !Number.isNaN(seen) && keys.shared(...hashes(kind, key))) {
        const id = seenKey(IDENTIFIER_KINDS[kind]!, key);
        const window = windows.get(id);
        if (!window) windows.set(id, [seen, seen]);
        else if (seen < window[0]) window[0] = seen;
        else if (seen > window[1]) window[1] = seen;
      }
      if ((kind === DEVICE || kind === IP) && !Number.isNaN(seen)) {
        const id = kind === DEVICE ? `d${key}` : `i${ipHash[l]}`;
        const window = moves.get(id);
        if (!window) moves.set(id, [seen, seen, kind === DEVICE]);
        else if (seen < window[0]) window[0] = seen;
        else if (seen > window[1]) window[1] = seen;
      }
      if (kind === DEVICE) {
        devices.add(key);
        const [seen, before] = [linkSeen[l]!, firstSeen.get(key)];
        if (!Number.isNaN(seen) && (before === undefined || seen < before)) firstSeen.set(key, seen);
      } else if (kind === ADDRESS || kind === PHONE) {
        ranked.push([groupOf.get(`${kind}\u0000${key}`)?.first ?? l, kind, key]);
      }
    }
    account.devices = devices.size;
    const named = namedMailboxes(mailboxes);
    if (named.length > 0) account.emails = named;
    if (firstSeen.size > 0)
      account.deviceFirstSeen = Object.fromEntries(
        [...firstSeen].map(([key, seen]) => [key, new Date(seen).toISOString()]),
      );
    if (!Number.isNaN(activeFrom[a]!))
      account.activity = [new Date(activeFrom[a]!).toISOString(), new Date(activeTo[a]!).toISOString()];
    if (windows.size > 0)
      account.identifierSeen = Object.fromEntries(
        [...windows].map(([id, [from, to]]) => [id, [new Date(from).toISOString(), new Date(to).toISOString()]]),
      );
    const starts = freshStartsIso([...moves.values()]);
    if (starts) account.freshStarts = starts;
    ranked.sort((x, y) => x[0] - y[0]);
    for (const [, kind, key] of ranked) {
      const list = kind === ADDRESS ? (account.addresses ??= []) : (account.phones ??= []);
      if (!list.includes(key)) list.push(key);
    }
    return account;
  };

  // Payments: one (payer, payee) key per row, sorted to aggregate, then listed in the order of their first row.
  const rows: number[] = [];
  const amounts: number[] = [];
  // Each row's time, kept with its amount for DetectRingsInput.paymentEvents.
  const times: number[] = [];
  for await (const r of readRecords(files.payments)) {
    if (!r.raw) continue;
    const v = validateRecord('payments', r.raw, { file: 'payments', line: r.line });
    if (!v.ok) continue;
    rows.push(accountOf(v.record.payer), accountOf(v.record.payee));
    amounts.push(v.record.amount);
    times.push(Date.parse(v.record.at));
  }
  const n = ids.length;
  const rowKeys = new Float64Array(amounts.length);
  for (let p = 0; p < amounts.length; p++) rowKeys[p] = rows[2 * p]! * n + rows[2 * p + 1]!;
  rows.length = 0;
  const sorted = rowKeys.slice().sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i]!;
  const counts = new Int32Array(distinct);
  const totals = new Float64Array(distinct);
  const firstRow = new Int32Array(distinct).fill(-1);
  for (let p = 0; p < rowKeys.length; p++) {
    let [lo, hi] = [0, distinct - 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < rowKeys[p]!) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
    totals[lo] += amounts[p]!;
    if (firstRow[lo] === -1) firstRow[lo] = p;
  }
  const byRow = new Int32Array(rowKeys.length).fill(-1);
  for (let u = 0; u < distinct; u++) byRow[firstRow[u]!] = u;
  onStep('payments');
  function* payments(): Generator<PaymentEdge> {
    for (let p = 0; p < byRow.length; p++) {
      const u = byRow[p]!;
      if (u === -1) continue;
      const key = sorted[u]!;
      const payer = Math.floor(key / n);
      yield { payer: ids[payer]!, payee: ids[key - payer * n]!, count: counts[u]!, total: totals[u]! };
    }
  }

  return {
    groups,
    payments: payments(),
    accounts: (wanted) =>
      wanted.flatMap((id) => {
        const a = index.get(id);
        return a !== undefined && known[a] === 1 ? [info(a)] : [];
      }),
    // The asked pairs' rows, in one pass over all rows (asked once per run).
    paymentEvents: (pairs) => {
      const asked = new Map<number, PairPayments>();
      for (const [payer, payee] of pairs) {
        const [a, b] = [index.get(payer), index.get(payee)];
        if (a !== undefined && b !== undefined) asked.set(a * n + b, { payer, payee, events: [] });
      }
      for (let p = 0; p < rowKeys.length; p++) {
        const found = asked.get(rowKeys[p]!);
        if (found && Number.isFinite(times[p])) (found.events as PaymentEvent[]).push([times[p]!, amounts[p]!]);
      }
      return [...asked.values()];
    },
    organisationAccounts: (wanted) => {
      const set = new Set(wanted.map((t) => t.toLowerCase()));
      return ids.filter((_, a) => known[a] === 1 && types[a] !== undefined && set.has(types[a]!.toLowerCase()));
    },
    // As a database answers them (accounts-known-fraud.read, accounts-banned.read): the intruders' networks test and
    // bans need them when accounts come from a lookup.
    knownFraudAccounts: () => ids.filter((_, a) => known[a] === 1 && labels[a] === 'known_fraud'),
    bannedAccounts: (wanted) => {
      const set = new Set(wanted.map((t) => t.toLowerCase()));
      return ids.filter((_, a) => known[a] === 1 && statuses[a] !== undefined && set.has(statuses[a]!.toLowerCase()));
    },
    counts: { accounts: n, links, identifiers, groups: groups.length, paymentRows: amounts.length },
  };
}

/** RFC 4180 CSV, fields quoted only when they hold a comma, a quote or a line break. */
function writeLinksCsv(path: string, rows: number, row: (l: number) => string[]): void {
  const cell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'account,kind,key\n');
    for (let start = 0; start < rows; start += 65_536) {
      const lines: string[] = [];
      for (let l = start; l < Math.min(rows, start + 65_536); l++) lines.push(row(l).map(cell).join(','));
      writeSync(fd, lines.join('\n') + '\n');
    }
  } finally {
    closeSync(fd);
  }
}
