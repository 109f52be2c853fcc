/**
 * The bulk converter on both cores (bulk-parallel.ts: the links file cut in two byte ranges at an account boundary,
 * each converted in its own thread, the other sources in a third) gives what the one-thread pass gives: the same
 * nodes (first sighting wins across the cut), the same relationships, the same accounts, the same rejects in the
 * same order with line numbers counted from the start of the file, the same refusal of invalid input — and falls
 * back to the one-thread pass, with the same result, when the input is not for it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertSources, type ConvertOptions, type ConvertSummary } from '../../../server/ingest/bulk-convert.ts';
import { findSplit, planParallel } from '../../../server/ingest/bulk-parallel.ts';
import { LoadValidationError } from '../../../server/ingest/loader.ts';
import { fileSource, type Source } from '../../../server/ingest/sources.ts';
import type { Issue } from '../../../server/ingest/validate.ts';
import { tempDir, writeLines } from '../../support/ingest-data.ts';

const LINKS_HEADER = 'account_id,kind,value,seen_at,bin,last4,issuer_country,user_agent';
const day = (d: number, h = 0) => new Date(Date.UTC(2026, 0, 1 + (d % 300), h % 24)).toISOString();

/**
 * A marketplace whose identifiers cross the middle of the links file: an IP per 40 accounts, a card per 7, a crowd
 * device every 50th account uses, an email written in another case by a later account (the first spelling must
 * stay), user agents with commas (quoted cells) and, with `bad`, invalid rows in both halves.
 */
function dataset(dir: string, n: number, opts: { bad?: boolean } = {}) {
  const accounts = ['id,created_at,type,country,status,label'];
  const links = [LINKS_HEADER];
  const payments = ['payer,payee,amount,currency,at'];
  for (let i = 0; i < n; i++) {
    const id = `p-acc${i}`;
    accounts.push(`${id},${day(i).slice(0, 10)},${i % 2 ? 'client' : 'freelancer'},US,active,unknown`);
    const ua = i % 3 ? '' : `"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) b${i % 5}"`;
    links.push(`${id},device,p-DEV-${i},${day(i, 1)},,,,${ua}`);
    links.push(`${id},device,p-DEV-${i},${day(i + 1, 2)},,,,${ua}`);
    links.push(`${id},payment,pm_p${Math.floor(i / 7)},${day(i)},424242,4242,US,`);
    links.push(`${id},ip,10.1.${Math.floor(i / 40) % 250}.${Math.floor(i / 10000) + 1},${day(i, 3)},,,,`);
    const owner = i % 97 === 96 ? i - 90 : i;
    links.push(`${id},email,${i === owner ? '' : 'P-'}user${owner}@example.com,${day(i)},,,,`);
    if (i % 50 === 0) links.push(`${id},device,p-crowd,${day(i, 4)},,,,`);
    if (opts.bad && i % 401 === 17) links.push(`${id},email,not-an-email,${day(i)},,,,`);
    if (opts.bad && i % 389 === 5) links.push(`${id},device,only-three-cells`);
    if (i > 0) payments.push(`${id},p-acc${i - 1},${(10 + (i % 50)).toFixed(2)},USD,${day(i, 5)}`);
  }
  return {
    accounts: writeLines(dir, 'accounts.csv', accounts),
    links: writeLines(dir, 'links.csv', links),
    payments: writeLines(dir, 'payments.csv', payments),
  };
}

/** A conversion's output as content: node and relationship rows per label/type in file order (accounts sorted). */
function content(summary: ConvertSummary): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [label, file] of [...summary.files.nodes, ...summary.files.relationships]) {
    const key = label === 'USES' ? `USES ${/uses-(\w+)\.csv$/.exec(file)![1]}` : label;
    const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const header = rows.shift()!;
    const into = (out[key] ??= [header]);
    expect(into[0]).toBe(header);
    into.push(...rows);
  }
  out.Account = [out.Account![0]!, ...out.Account!.slice(1).sort()];
  return out;
}

async function run(sources: () => Promise<Source[]>, parallel: boolean, opts: ConvertOptions = {}) {
  const dir = tempDir();
  const rejects: Array<[Issue, Record<string, unknown> | undefined]> = [];
  const summary = await convertSources(await sources(), dir, {
    ...opts,
    parallel,
    rejects: { write: (i, raw) => rejects.push([i, raw]), reset: () => (rejects.length = 0) },
  });
  const went = existsSync(join(dir, 'links-2'));
  const { files: _f, durationMs: _d, sources: per, ...rest } = summary;
  return {
    went,
    content: content(summary),
    rejects,
    rest,
    perSource: per.map((s) => [s.source.name, s.rows, s.rejected]),
  };
}

describe('bulk conversion on both cores', () => {
  it('gives the one-thread pass’s nodes, relationships, accounts, rejects and counts', async () => {
    const dir = tempDir();
    const d = dataset(dir, 6000, { bad: true });
    const sources = async () => [
      await fileSource(d.accounts, 'accounts'),
      await fileSource(d.links, 'links'),
      await fileSource(d.payments, 'payments'),
    ];
    const plan = await planParallel(await sources(), true);
    expect(plan).toBeDefined();
    expect(plan!.split).toBeGreaterThan(statSync(d.links).size / 2 - 1);
    // The cut starts an account's rows: the line before it is another account's.
    const text = readFileSync(d.links, 'latin1');
    const before = text.slice(text.lastIndexOf('\n', plan!.split - 2) + 1, plan!.split).split(',')[0];
    expect(text.slice(plan!.split).split(',')[0]).not.toBe(before);

    const one = await run(sources, false, { skipInvalid: true });
    const two = await run(sources, true, { skipInvalid: true });
    expect(one.went).toBe(false);
    expect(two.went).toBe(true);
    expect(two.rest.spilled).toBe(false);
    // Rejects from both halves, in file order, with the lines of the file.
    expect(one.rejects.length).toBeGreaterThan(20);
    const lines = one.rejects.map(([i]) => i.line);
    expect(lines.some((l) => l > text.slice(0, plan!.split).split('\n').length)).toBe(true);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    const fileLines = text.split('\n');
    for (const [issue] of one.rejects) expect(fileLines[issue.line - 1]).toMatch(/not-an-email|only-three-cells/);
    expect(two.rest.parallel).toBe(true);
    expect(two).toEqual({ ...one, went: true, rest: { ...one.rest, parallel: true } });
    // The identifiers seen on both sides of the cut are written once, with the first spelling.
    expect(two.content.Device!.filter((r) => r.startsWith('"p-crowd"'))).toHaveLength(1);
    expect(two.content.Email!.filter((r) => r.startsWith('"user5@example.com"'))).toHaveLength(1);
    expect(two.rest.counts.identifiers).toBe(
      one.content.Device!.length -
        1 +
        one.content.Email!.length -
        1 +
        one.content.PaymentMethod!.length -
        1 +
        one.content.IP!.length -
        1 +
        (one.content.Phone?.length ?? 1) -
        1 +
        (one.content.Address?.length ?? 1) -
        1,
    );
  });

  it('refuses invalid input the same way: the same issues (lines of the file) and total', async () => {
    const dir = tempDir();
    const d = dataset(dir, 3000, { bad: true });
    const sources = async () => [await fileSource(d.accounts, 'accounts'), await fileSource(d.links, 'links')];
    const errors = [];
    for (const parallel of [false, true]) {
      const err = await convertSources(await sources(), tempDir(), { parallel, maxReportedErrors: 100 }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LoadValidationError);
      errors.push({ issues: (err as LoadValidationError).issues, total: (err as LoadValidationError).total });
    }
    expect(errors[0]!.total).toBeGreaterThan(10);
    expect(errors[1]).toEqual(errors[0]);
  });

  it('goes back to the one-thread pass (spilling) when an account’s rows are on both sides of the cut', async () => {
    const dir = tempDir();
    const d = dataset(dir, 2000);
    // The first account again at the very end: not grouped by account.
    const links = writeLines(dir, 'links-regrouped.csv', [
      ...readFileSync(d.links, 'utf8').split('\n').filter(Boolean),
      'p-acc0,device,p-late,2026-11-01T00:00:00.000Z,,,,',
    ]);
    const sources = async () => [await fileSource(d.accounts, 'accounts'), await fileSource(links, 'links')];
    expect(await planParallel(await sources(), true)).toBeDefined();
    const one = await run(sources, false);
    const two = await run(sources, true);
    expect(one.rest.spilled).toBe(true);
    expect(two.went).toBe(false);
    expect(two).toEqual(one);
  });

  it('goes back to the one-thread pass when the middle of the file falls inside a quoted cell', async () => {
    const dir = tempDir();
    const rows = [LINKS_HEADER];
    for (let i = 0; i < 10; i++) rows.push(`q-acc${i},device,q-DEV-${i},${day(i)},,,,`);
    // An address of 120 lines (under the 1,000 characters a value may have), each of which looks like a row.
    const address = Array.from({ length: 120 }, (_, k) => `ql${k},x`).join('\n');
    rows.push(`q-acc10,address,"${address}",${day(1)},,,,`);
    for (let i = 11; i < 20; i++) rows.push(`q-acc${i},device,q-DEV-${i},${day(i)},,,,`);
    const links = writeLines(dir, 'links.csv', rows);
    const size = statSync(links).size;
    const cut = await findSplit(links, size);
    // The cut falls inside the address (the file's middle is there), where the lines look like rows.
    const text = readFileSync(links, 'latin1');
    expect(cut).toBeDefined();
    expect(cut!.split).toBeGreaterThan(text.indexOf('"ql0'));
    expect(cut!.split).toBeLessThan(text.indexOf('q-acc11,'));
    const sources = async () => [await fileSource(links, 'links')];
    const one = await run(sources, false);
    const two = await run(sources, true);
    expect(two.went).toBe(false);
    expect(two).toEqual(one);
    expect(one.content.Address).toHaveLength(2);
  });

  it('stays in one thread for a small links file unless asked, and for NDJSON links or two links files', async () => {
    const dir = tempDir();
    const d = dataset(dir, 300);
    const csv = [await fileSource(d.accounts, 'accounts'), await fileSource(d.links, 'links')];
    expect(await planParallel(csv, false)).toBeUndefined();
    expect(await planParallel(csv, true)).toBeDefined();
    const nd = writeLines(dir, 'links.ndjson', [
      '{"account_id":"a","kind":"device","value":"d","seen_at":"2026-01-01T00:00:00Z"}',
    ]);
    expect(await planParallel([await fileSource(nd, 'links')], true)).toBeUndefined();
    expect(await planParallel([...csv, await fileSource(d.links, 'links')], true)).toBeUndefined();
  });
});
