// Reading what a synthetic-data generator wrote, as the loader would: shared by the tests of the generators.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { readRecords } from '../../server/ingest/readers.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import type { RecordKind } from '../../server/ingest/schemas.ts';
import { expect } from 'vitest';
import { validateRecord, type Issue, type NormalizedLink, type ValidRecord } from '../../server/ingest/validate.ts';
import { containsPan, looksLikePan } from '../../server/ingest/normalize.ts';
import { evaluateFindings, ratios } from '../../server/eval/findings-eval.ts';
import { readTruth } from '../../server/eval/truth.ts';

/** SHA-256 of each file, to compare two generated datasets byte for byte. */
export function digests(dir: string, files: readonly string[]): Promise<string[]> {
  return Promise.all(
    files.map(async (file) =>
      createHash('sha256')
        .update(await readFile(join(dir, file)))
        .digest('hex'),
    ),
  );
}

/** Every record of a generated `<kind>.csv`, validated and normalised exactly as the loader would. */
export async function loadGenerated<K extends RecordKind>(
  dir: string,
  kind: K,
): Promise<{ records: ValidRecord<K>[]; issues: Issue[] }> {
  const records: ValidRecord<K>[] = [];
  const issues: Issue[] = [];
  const file = `${kind}.csv`;
  for await (const row of readRecords(join(dir, file))) {
    if (!row.raw) {
      issues.push({ file, line: row.line, reason: row.error });
      continue;
    }
    const verdict = validateRecord(kind, row.raw, { file, line: row.line });
    if (verdict.ok) records.push(verdict.record);
    else issues.push(verdict.error);
  }
  return { records, issues };
}

/** `kind:key` of a raw identifier value, normalised exactly as the loader would. */
export function linkKey(kind: string, value: string): string {
  const v = validateRecord(
    'links',
    { account_id: 'x', kind, value, seen_at: '2026-01-01T00:00:00Z' },
    { file: '', line: 0 },
  );
  if (!v.ok) throw new Error(`invalid ${kind} ${value}`);
  return `${kind}:${v.record.key}`;
}

/**
 * The three files of a generated dataset read as the loader would, with every rejection, and the links indexed:
 * `holders` maps `kind:key` to the accounts holding it, `linksOf` an account to its links.
 */
export async function readGenerated(dir: string) {
  const [accounts, links, payments] = await Promise.all([
    loadGenerated(dir, 'accounts'),
    loadGenerated(dir, 'links'),
    loadGenerated(dir, 'payments'),
  ]);
  const holders = new Map<string, Set<string>>();
  const linksOf = new Map<string, NormalizedLink[]>();
  for (const l of links.records) {
    const k = `${l.kind}:${l.key}`;
    holders.set(k, (holders.get(k) ?? new Set()).add(l.account_id));
    linksOf.set(l.account_id, [...(linksOf.get(l.account_id) ?? []), l]);
  }
  return {
    accounts: accounts.records,
    links: links.records,
    payments: payments.records,
    issues: [...accounts.issues, ...links.issues, ...payments.issues],
    holders,
    linksOf,
  };
}

/** A generated dataset as readGenerated returns it. */
export type Generated = Awaited<ReturnType<typeof readGenerated>>;

/** The normalised keys of the identifiers of `kind` an account uses. */
export function identifierKeys(g: Generated, account: string, kind: string): Set<string> {
  return new Set((g.linksOf.get(account) ?? []).filter((l) => l.kind === kind).map((l) => l.key));
}

/** Identifier keys (`kind:key`) of the given kinds that at least two of `members` hold. */
export function sharedWithin(g: Generated, members: readonly string[], kinds: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const m of members)
    for (const kind of kinds)
      for (const k of identifierKeys(g, m, kind)) counts.set(`${kind}:${k}`, (counts.get(`${kind}:${k}`) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= 2).map(([k]) => k);
}

/**
 * A scenario's rows keep to time and to a light touch: accounts created in the ground truth's `window`, sightings
 * never before their account, payments after both accounts and before the window's end, one id per payment, and the
 * median account using fewer than 15 distinct identifiers.
 */
export function expectTimelyRows(g: Generated, window: readonly string[]): void {
  const created = new Map(g.accounts.map((a) => [a.id, Date.parse(a.created_at!)]));
  const [from, to] = window.map((t) => Date.parse(t));
  for (const l of g.links) expect(Date.parse(l.seen_at)).toBeGreaterThanOrEqual(created.get(l.account_id)!);
  for (const p of g.payments) {
    const at = Date.parse(p.at);
    expect(at).toBeGreaterThanOrEqual(Math.max(created.get(p.payer)!, created.get(p.payee)!));
    expect(at).toBeLessThan(to!);
  }
  expect(Math.min(...created.values())).toBeGreaterThanOrEqual(from!);
  expect(new Set(g.payments.map((p) => p.id)).size).toBe(g.payments.length);
  const perAccount = [...g.linksOf.values()]
    .map((ls) => new Set(ls.map((l) => `${l.kind}:${l.key}`)).size)
    .sort((a, b) => a - b);
  expect(perAccount[Math.floor(perAccount.length / 2)]).toBeLessThan(15);
}

/** Generating `seed` again gives byte-identical `files` to those in `dir`, and `otherSeed` different ones. */
export async function expectReproducible(
  dir: string,
  generate: (seed: number) => Promise<string>,
  seed: number,
  otherSeed: number,
  files: readonly string[],
): Promise<void> {
  const [again, other] = await Promise.all([generate(seed), generate(otherSeed)]);
  const [first, second, third] = await Promise.all([digests(dir, files), digests(again, files), digests(other, files)]);
  expect(second).toEqual(first);
  third.forEach((digest, i) => expect(digest, files[i]).not.toBe(first[i]));
}

/** Loads a generated dataset's three files into the test database; returns its account ids (for the clean-up). */
export async function loadGeneratedDataset(
  db: Db,
  files: { accounts: string; links: string; payments: string },
): Promise<string[]> {
  await loadSources(db, [
    await fileSource(files.accounts),
    await fileSource(files.links),
    await fileSource(files.payments),
  ]);
  return (await readFile(files.accounts, 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]!);
}

/**
 * What every scenario generator's files must be: only rows the loader accepts, exactly `count` distinct accounts,
 * the row counts its summary reports, no card number anywhere in links.csv, and payment instruments (on more than
 * half the accounts) written as tokens matching `token`, with no digit run a data-loss scanner would take for a PAN.
 */
export async function expectScenarioRows(
  dir: string,
  read: Generated,
  summary: { accounts: number; links: number; payments: number },
  count: number,
  token: RegExp,
): Promise<void> {
  expect(read.issues).toEqual([]);
  expect(read.accounts).toHaveLength(count);
  expect(summary.accounts).toBe(count);
  expect(read.links).toHaveLength(summary.links);
  expect(read.payments).toHaveLength(summary.payments);
  expect(new Set(read.accounts.map((a) => a.id)).size).toBe(count);
  const text = await readFile(join(dir, 'links.csv'), 'utf8');
  expect((text.match(/\d[\d -]{11,}\d/g) ?? []).filter(looksLikePan)).toEqual([]);
  const instruments = read.links.filter((l) => l.kind === 'payment');
  expect(instruments.length).toBeGreaterThan(count / 2);
  for (const c of instruments) {
    expect(c.key).toMatch(token);
    expect(containsPan(c.key, { anyRun: true })).toBe(false);
  }
}

/**
 * A scenario generator's planted groups: at least three of every typology in `sizes`, each within its size range,
 * a pair exactly when it has two members, its known-fraud accounts among its members and labelled so; no account in
 * two groups, every member an account of the dataset, and planted accounts at most `maxShare` of all accounts.
 */
export function expectPlantedGroups(
  truth: { groups: { id: string; typology: string; kind: string; members: string[]; known_fraud: string[] }[] },
  sizes: Readonly<Record<string, readonly [number, number]>>,
  accounts: readonly { id: string; label: string }[],
  maxShare: number,
): void {
  for (const [t, [lo, hi]] of Object.entries(sizes)) {
    const groups = truth.groups.filter((g) => g.typology === t);
    expect(groups.length, t).toBeGreaterThanOrEqual(3);
    for (const g of groups) {
      expect(g.members.length, g.id).toBeGreaterThanOrEqual(lo);
      expect(g.members.length, g.id).toBeLessThanOrEqual(hi);
      expect(g.kind).toBe(g.members.length === 2 ? 'pair' : 'ring');
      expect(g.known_fraud.every((m) => g.members.includes(m))).toBe(true);
    }
  }
  const members = truth.groups.flatMap((g) => g.members);
  expect(new Set(members).size).toBe(members.length);
  const ids = new Set(accounts.map((a) => a.id));
  expect(members.every((m) => ids.has(m))).toBe(true);
  expect(members.length / accounts.length).toBeLessThan(maxShare);
  const label = new Map(accounts.map((a) => [a.id, a.label]));
  for (const g of truth.groups) for (const m of g.known_fraud) expect(label.get(m), g.id).toBe('known_fraud');
}

/**
 * `npm run eval` reads a scenario generator's ground truth as `generator`'s, with every group and confounder, and a
 * detector that flagged exactly the planted groups would score recall and both precisions 1. Returns that evaluation.
 */
export function expectEvalReads(
  truth: { groups: unknown[]; confounders: unknown[] },
  generator: string,
): ReturnType<typeof evaluateFindings> {
  const evalTruth = readTruth(truth);
  expect(evalTruth.generator).toBe(generator);
  expect(evalTruth.groups).toHaveLength(truth.groups.length);
  expect(evalTruth.confounders).toHaveLength(truth.confounders.length);
  const perfect = evaluateFindings(
    evalTruth,
    evalTruth.groups.map((g, i) => ({ id: `P${i}`, kind: g.kind, members: g.members, score: 90, flagged: true })),
  );
  expect(ratios(perfect)).toMatchObject({ recall: 1, precision: 1, accountPrecision: 1 });
  return perfect;
}
