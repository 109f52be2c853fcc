// Writes the sportsbook world: account ids (customer numbers that grow with the registration date, with gaps, as if
// other brands' customers were numbered in between), accounts in registration order with each one's sightings in time
// order, payments in time order with the operator's transaction ids, and the ground truth.
import { normalizeIdentifier } from '../ingest/normalize.ts';
import { isoSeconds, openScenarioFiles } from '../generate/scenario-files.ts';
import type { SportsbookTruth, SportsbookTypology } from './sportsbook.ts';
import { WINDOW_END, WINDOW_START, type Confounder, type World } from './world.ts';

type Files = Awaited<ReturnType<typeof openScenarioFiles>>;

/** The confounders with members: those defined by a shared value get every honest holder of it; fewer than 2 are dropped. */
export function resolveConfounders(w: World): Confounder[] {
  const wanted = new Map<string, Confounder[]>();
  const keyOf = (kind: Confounder['values'][number]['kind'], value: string) =>
    `${kind}\u0000${normalizeIdentifier(kind, value).key}`;
  for (const c of w.confounders)
    if (c.byHolders) {
      const k = keyOf(c.values[0]!.kind, c.values[0]!.value);
      wanted.set(k, [...(wanted.get(k) ?? []), c]);
    }
  const holders = new Map<string, Set<number>>();
  const kinds = new Set(w.confounders.filter((c) => c.byHolders).map((c) => c.values[0]!.kind));
  for (const p of w.players) {
    if (w.fraud.has(p.index)) continue;
    for (const l of p.links) {
      if (!kinds.has(l.kind)) continue;
      const k = keyOf(l.kind, l.value);
      if (!wanted.has(k)) continue;
      const set = holders.get(k) ?? new Set();
      set.add(p.index);
      holders.set(k, set);
    }
  }
  const out: Confounder[] = [];
  for (const c of w.confounders) {
    const members = c.byHolders ? [...(holders.get(keyOf(c.values[0]!.kind, c.values[0]!.value)) ?? [])] : c.members;
    if (members.length >= 2) out.push({ ...c, members });
  }
  return out;
}

export async function writeWorld(w: World, files: Files, confounders: Confounder[], seed: number) {
  const order = [...w.players].sort((a, b) => a.createdAt - b.createdAt || a.index - b.index);
  const ids: string[] = new Array(w.players.length);
  let number = 10_000_000 + w.rng.int(0, 99_999);
  for (const p of order) {
    number += w.rng.int(1, 240);
    ids[p.index] = `C${number}`;
  }
  for (const p of order) {
    files.account({
      id: ids[p.index]!,
      createdAt: p.createdAt,
      type: p.type,
      country: p.region.country,
      status: p.status,
      label: p.label,
    });
    const links = p.links.map((l, i) => [l, i] as const).sort(([a, i], [b, j]) => a.at - b.at || i - j);
    for (const [l] of links)
      files.link({
        account: ids[p.index]!,
        kind: l.kind,
        value: l.value,
        at: l.at,
        ...(l.card ? { card: { bin: l.card.bin, last4: l.card.last4, issuer: l.card.issuer } } : {}),
        ...(l.userAgent ? { userAgent: l.userAgent } : {}),
      });
    await files.flush();
  }
  const transfers = w.transfers.map((t, i) => [t, i] as const).sort(([a, i], [b, j]) => a.at - b.at || i - j);
  const seq = { hand: 0, transfer: 0 };
  for (const [t] of transfers) {
    const n = ++seq[t.kind];
    const payer = w.players[t.payer]!;
    files.payment({
      payer: ids[t.payer]!,
      payee: ids[t.payee]!,
      amount: t.amount,
      currency: payer.region.country === 'CA' ? 'CAD' : 'USD',
      at: t.at,
      id: `${t.kind === 'hand' ? 'hand' : 'p2p'}-${String(n).padStart(7, '0')}`,
    });
    if (n % 4096 === 0) await files.flush();
  }
  const name = (i: number) => ids[i]!;
  const perKind = new Map<string, number>();
  const truth: SportsbookTruth = {
    generator: 'sportsbook',
    version: 1,
    seed,
    accounts: w.players.length,
    window: [isoSeconds(WINDOW_START), isoSeconds(WINDOW_END)],
    groups: w.planted.map((g, i) => ({
      id: `${g.typology}-${i + 1}`,
      typology: g.typology as SportsbookTypology,
      kind: g.members.length === 2 ? 'pair' : 'ring',
      members: g.members.map(name),
      known_fraud: g.known.map(name),
      variant: g.variant,
      ...(g.victims ? { victims: g.victims.map(name) } : {}),
    })),
    confounders: confounders.map((c) => {
      const n = (perKind.get(c.kind) ?? 0) + 1;
      perKind.set(c.kind, n);
      const members = c.members.map(name);
      return { id: `${c.kind}-${n}`, kind: c.kind, members: c.byHolders ? members.sort() : members, values: c.values };
    }),
  };
  return files.finish(truth);
}
