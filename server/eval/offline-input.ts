/**
 * Detection input read straight from RingLens input files, without a database: the same normalisation as ingest,
 * grouped in memory. For `npm run eval -- --offline`, which sweeps detection settings in seconds. Holds the whole
 * dataset in memory: meant for evaluation sizes, not production loads.
 */
import type { AccountInfo, IdentifierGroup, IdentifierKind, PaymentEdge } from '../detect/input.ts';
import { readRecords } from '../ingest/readers.ts';
import { validateRecord } from '../ingest/validate.ts';
import { seenKey } from '../detect/reentry.ts';
import { freshStartsIso } from '../detect/takeover.ts';
import { namedMailboxes } from '../detect/templates.ts';
import { pairKey, type PairPayments, type PaymentEvent } from '../detect/forwarding.ts';

export interface OfflineInput {
  groups: IdentifierGroup[];
  payments: PaymentEdge[];
  accounts: Map<string, AccountInfo>;
  /** Each pair's payments (time, amount), as DetectRingsInput.paymentEvents asks for them. */
  paymentEvents: (pairs: ReadonlyArray<readonly [string, string]>) => PairPayments[];
}

export async function readOfflineInput(files: {
  accounts: string;
  links: string;
  payments: string;
}): Promise<OfflineInput> {
  const accounts = new Map<string, AccountInfo>();
  for await (const r of readRecords(files.accounts)) {
    if (!r.raw) continue;
    const v = validateRecord('accounts', r.raw, { file: 'accounts', line: r.line });
    if (v.ok)
      accounts.set(v.record.id, {
        id: v.record.id,
        label: v.record.label,
        ...(v.record.created_at ? { createdAt: v.record.created_at } : {}),
        ...(v.record.country ? { country: v.record.country } : {}),
        ...(v.record.status ? { status: v.record.status } : {}),
        ...(v.record.type ? { type: v.record.type } : {}),
        devices: 0,
      });
  }
  const groups = new Map<string, { kind: IdentifierKind; key: string; accounts: Set<string> }>();
  const deviceSeen = new Map<string, Record<string, string>>(); // account → device key → earliest sighting
  const identifierSeen = new Map<string, Record<string, [string, string]>>(); // account → seenKey → first, last
  // How each account wrote each mailbox at its first sighting, undefined when as its key (the loader: USES.spelling).
  const spellings = new Map<string, Map<string, string | undefined>>();
  for await (const r of readRecords(files.links)) {
    if (!r.raw) continue;
    const v = validateRecord('links', r.raw, { file: 'links', line: r.line });
    if (!v.ok) continue;
    const id = `${v.record.kind}\u0000${v.record.key}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { kind: v.record.kind, key: v.record.key, accounts: new Set() }));
    g.accounts.add(v.record.account_id);
    if (v.record.kind === 'email') {
      let mine = spellings.get(v.record.account_id);
      if (!mine) spellings.set(v.record.account_id, (mine = new Map()));
      if (!mine.has(v.record.key)) mine.set(v.record.key, v.record.display);
    }
    if (v.record.seen_at) {
      const seen = identifierSeen.get(v.record.account_id) ?? {};
      const at = new Date(Date.parse(v.record.seen_at)).toISOString();
      const key = seenKey(v.record.kind, v.record.key);
      const window = seen[key];
      if (!window) seen[key] = [at, at];
      else if (at < window[0]) window[0] = at;
      else if (at > window[1]) window[1] = at;
      identifierSeen.set(v.record.account_id, seen);
    }
    if (v.record.kind === 'device' && v.record.seen_at) {
      const seen = deviceSeen.get(v.record.account_id) ?? {};
      const at = new Date(Date.parse(v.record.seen_at)).toISOString();
      if (!seen[v.record.key] || at < seen[v.record.key]) seen[v.record.key] = at;
      deviceSeen.set(v.record.account_id, seen);
    }
  }
  for (const [id, seen] of deviceSeen) {
    const a = accounts.get(id);
    if (a) a.deviceFirstSeen = seen;
  }
  for (const [id, written] of spellings) {
    const a = accounts.get(id);
    // Shared mailboxes written otherwise than their key only: the others tie nobody or say nothing.
    const shared = [...written].filter(
      (e): e is [string, string] => e[1] !== undefined && (groups.get(`email\u0000${e[0]}`)?.accounts.size ?? 0) >= 2,
    );
    if (a && shared.length > 0) a.emailSpellings = Object.fromEntries(shared);
  }
  for (const [id, seen] of identifierSeen) {
    const a = accounts.get(id);
    if (!a) continue;
    const windows = Object.values(seen);
    a.activity = [
      windows.reduce((min, w) => (w[0] < min ? w[0] : min), windows[0][0]),
      windows.reduce((max, w) => (w[1] > max ? w[1] : max), windows[0][1]),
    ];
    const starts = freshStartsIso(
      Object.entries(seen).flatMap(([key, [first, last]]) => {
        const device = key.startsWith(seenKey('device', ''));
        return device || key.startsWith(seenKey('ip', ''))
          ? [[Date.parse(first), Date.parse(last), device] as const]
          : [];
      }),
    );
    if (starts) a.freshStarts = starts;
    const sharedSeen = Object.entries(seen).filter(([key]) => (groups.get(key)?.accounts.size ?? 0) >= 2);
    if (sharedSeen.length > 0) a.identifierSeen = Object.fromEntries(sharedSeen);
  }
  for (const g of groups.values()) {
    for (const id of g.accounts) {
      const a = accounts.get(id);
      if (!a) continue;
      if (g.kind === 'device') a.devices = (a.devices ?? 0) + 1;
      if (g.kind === 'address') (a.addresses ??= []).push(g.key);
      if (g.kind === 'phone') (a.phones ??= []).push(g.key);
      if (g.kind === 'email') (a.emails ??= []).push(g.key);
    }
  }
  for (const a of accounts.values()) {
    if (!a.emails) continue;
    const named = namedMailboxes(a.emails);
    if (named.length > 0) a.emails = named;
    else delete a.emails;
  }
  const payments = new Map<string, PaymentEdge>();
  const events = new Map<string, PaymentEvent[]>();
  for await (const r of readRecords(files.payments)) {
    if (!r.raw) continue;
    const v = validateRecord('payments', r.raw, { file: 'payments', line: r.line });
    if (!v.ok) continue;
    const id = pairKey(v.record.payer, v.record.payee);
    const p = payments.get(id) ?? { payer: v.record.payer, payee: v.record.payee, count: 0, total: 0 };
    p.count++;
    p.total += v.record.amount;
    payments.set(id, p);
    const at = Date.parse(v.record.at);
    if (Number.isFinite(at)) {
      const list = events.get(id);
      if (list) list.push([at, v.record.amount]);
      else events.set(id, [[at, v.record.amount]]);
    }
  }
  return {
    groups: [...groups.values()].map((g) => ({ kind: g.kind, key: g.key, accounts: [...g.accounts] })),
    payments: [...payments.values()],
    accounts,
    paymentEvents: (pairs) =>
      pairs.map(([payer, payee]) => ({ payer, payee, events: events.get(pairKey(payer, payee)) ?? [] })),
  };
}
