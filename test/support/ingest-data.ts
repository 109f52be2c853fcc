/**
 * Small RingLens input files for ingest tests, written on the fly so each test has its own ids (a unique prefix
 * on account ids and identifier keys; IPs cannot carry one and are cleaned up when orphaned).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ringlens-ingest-'));
}

export function writeLines(dir: string, name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** A deterministic dataset of `n` accounts with devices, cards, IPs, emails and phones, and payments between them. */
export function bulkDataset(
  dir: string,
  prefix: string,
  n: number,
): { accounts: string; links: string; payments: string; linkRows: number } {
  const accounts = ['id,created_at,type,country,status,label'];
  const links: string[] = [];
  const payments = ['payer,payee,amount,currency,at'];
  const day = (d: number, h = 0) => new Date(Date.UTC(2026, 0, 1 + (d % 300), h % 24)).toISOString();
  for (let i = 0; i < n; i++) {
    const id = `${prefix}acc${i}`;
    accounts.push(
      `${id},${day(i).slice(0, 10)},${i % 2 ? 'client' : 'freelancer'},US,active,${i % 97 === 0 ? 'known_fraud' : 'unknown'}`,
    );
    // Every account: its own device seen three times, a card shared with its neighbour, an IP shared by 10.
    for (let s = 0; s < 3; s++)
      links.push(
        JSON.stringify({ account_id: id, kind: 'device', value: `${prefix}DEV-${i}`, seen_at: day(i + s, s) }),
      );
    links.push(
      JSON.stringify({
        account_id: id,
        kind: 'payment',
        value: `${prefix}pm_${Math.floor(i / 2)}`,
        seen_at: day(i),
        bin: '424242',
        last4: '4242',
      }),
    );
    links.push(
      JSON.stringify({
        account_id: id,
        kind: 'ip',
        value: `2001:DB8:0:0::${Math.floor(i / 10).toString(16)}`,
        seen_at: day(i, 3),
      }),
    );
    links.push(
      JSON.stringify({ account_id: id, kind: 'email', value: `${prefix}user${i}@example.com`, seen_at: day(i) }),
    );
    if (i > 0) payments.push(`${id},${prefix}acc${i - 1},${(10 + (i % 50)).toFixed(2)},USD,${day(i, 5)}`);
  }
  return {
    accounts: writeLines(dir, 'accounts.csv', accounts),
    links: writeLines(dir, 'links.ndjson', links),
    payments: writeLines(dir, 'payments.csv', payments),
    linkRows: links.length,
  };
}

/** Link records of one obvious ring: accounts `<prefix>r1…rN` on one device and one card (for POST /api/ingest). */
export function oneRingLinks(prefix: string, size = 4): { ids: string[]; records: Array<Record<string, string>> } {
  const ids = Array.from({ length: size }, (_, i) => `${prefix}r${i + 1}`);
  const records = ids.flatMap((id) => [
    { account_id: id, kind: 'device', value: `${prefix}dev`, seen_at: '2026-10-02T00:00:00Z' },
    { account_id: id, kind: 'payment', value: `${prefix}pm_one`, seen_at: '2026-10-02T00:00:00Z' },
  ]);
  return { ids, records };
}
