/**
 * The data of test/integration/nightly.test.ts: three simulated days of RingLens CSVs dropped into one input folder,
 * with unmistakable rings (accounts opened within a day sharing devices and a card, one known_fraud member each)
 * among background households:
 *
 *   day 1  rings F (farm, 6), S (8: halves A and B bridged by two devices all 8 use), P (5)   → 3 new alerts
 *   day 2  ring N appears; F gains 2 accounts                                                 → N new, F grown
 *   (an investigator marks P false_positive)
 *   day 3  110 other accounts turn out to use S's two bridging devices, which makes them crowds (more than
 *          maxSharers accounts) that detection leaves out: S splits into A and B; P gains 1 account (and a new
 *          device and card all six share)                  → split, P grown by 1 < the margin: suppressed; no alerts (exit 0)
 *
 * The split comes from new evidence, not from deleting links: loading never deletes, and a crowd identifier is how
 * production data pulls a ring apart (a "shared" device that turns out to be a kiosk).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FILLERS = 5000;
export const CROWD = 110;
export const DAYS = ['2026-07-01', '2026-07-02', '2026-07-03'] as const;

/**
 * A background account's mailbox name: letters only (1 → `b`, 2 → `c`, 27 → `bb`…). Numbered mailboxes of one stem
 * (`…g1@`, `…g2@`, `…g3@`) are what detection reads as templated sign-ups, a fraud signal, so benign background
 * must not have them.
 */
function mailbox(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `user-${s}`;
}

/** The scenario's accounts, rings and files; ids and identifier keys carry the prefix `p`. */
export function nightlyScenario(p: string) {
  const id = (name: string) => `${p}${name}`;
  const range = (name: string, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => id(`${name}${from + i}`));
  const ipBase = `10.${parseInt(p.slice(-9, -7), 16)}.${parseInt(p.slice(-7, -5), 16)}`;

  const RINGS = {
    F1: range('f', 1, 6),
    F2: range('f', 1, 8),
    S: range('s', 1, 8),
    A: range('s', 1, 4),
    B: range('s', 5, 8),
    P1: range('p', 1, 5),
    P2: range('p', 1, 6),
    N: range('n', 1, 5),
  };

  type Row = string[];
  const accountsHeader = 'id,created_at,type,country,status,label';
  const linksHeader = 'account_id,kind,value,seen_at';
  const account = (acc: string, createdAt: string, label = 'unknown'): Row => [
    acc,
    createdAt,
    'client',
    'US',
    'active',
    label,
  ];
  const link = (acc: string, kind: string, value: string, seenAt: string): Row => [acc, kind, value, seenAt];

  /** Accounts opened within hours of each other, all using `shared` identifiers; the first is known fraud. */
  function ring(members: string[], shared: Array<[string, string]>, day: string, accounts: Row[], links: Row[]) {
    members.forEach((m, i) => {
      accounts.push(account(m, `${day}T0${i % 10}:00:00Z`, i === 0 ? 'known_fraud' : 'unknown'));
      for (const [kind, value] of shared) links.push(link(m, kind, value, `${day}T1${i % 10}:00:00Z`));
    });
  }

  function writeDay(dir: string, day: number, accounts: Row[], links: Row[]): string[] {
    const a = join(dir, `accounts-day${day}.csv`);
    const l = join(dir, `links-day${day}.csv`);
    writeFileSync(a, [accountsHeader, ...accounts.map((r) => r.join(','))].join('\n') + '\n');
    writeFileSync(l, [linksHeader, ...links.map((r) => r.join(','))].join('\n') + '\n');
    return [a, l];
  }

  function day1(dir: string) {
    const accounts: Row[] = [];
    const links: Row[] = [];
    // Background: 30 accounts opened months apart, each with its own device and email; households of 3 share an IP.
    for (let i = 1; i <= 30; i++) {
      const g = id(`g${i}`);
      accounts.push(account(g, new Date(Date.UTC(2023, 0, 1 + i * 23)).toISOString().slice(0, 10)));
      links.push(link(g, 'device', id(`dev-g${i}`), '2026-07-01T08:00:00Z'));
      links.push(link(g, 'email', `${id(mailbox(i))}@example.com`, '2026-07-01T08:00:00Z'));
      links.push(link(g, 'ip', `${ipBase}.${Math.ceil(i / 3)}`, '2026-07-01T08:00:00Z'));
    }
    ring(
      RINGS.F1,
      [
        ['device', id('dev-f1')],
        ['device', id('dev-f2')],
        ['payment', id('card-f')],
      ],
      '2026-06-30',
      accounts,
      links,
    );
    ring(
      RINGS.P1,
      [
        ['device', id('dev-p1')],
        ['device', id('dev-p2')],
        ['payment', id('card-p')],
      ],
      '2026-06-29',
      accounts,
      links,
    );
    ring(
      RINGS.A,
      [
        ['device', id('dev-bridge1')],
        ['device', id('dev-bridge2')],
        ['device', id('dev-a')],
        ['payment', id('card-a')],
      ],
      '2026-06-28',
      accounts,
      links,
    );
    ring(
      RINGS.B,
      [
        ['device', id('dev-bridge1')],
        ['device', id('dev-bridge2')],
        ['device', id('dev-b')],
        ['payment', id('card-b')],
      ],
      '2026-06-28',
      accounts,
      links,
    );
    return writeDay(dir, 1, accounts, links);
  }

  function day2(dir: string) {
    const accounts: Row[] = [];
    const links: Row[] = [];
    // Filler first, so a load killed after its first batch has not reached the ring rows yet.
    for (let i = 0; i < FILLERS; i++) {
      const f = id(`fill-${i}`);
      accounts.push(account(f, new Date(Date.UTC(2020, 0, 1 + (i % 1500))).toISOString().slice(0, 10)));
      for (let s = 0; s < 4; s++) links.push(link(f, 'device', id(`dev-fill-${i}`), `2026-07-02T0${s}:00:00Z`));
      links.push(link(f, 'email', `${id(`fill-${mailbox(i)}`)}@example.com`, '2026-07-02T05:00:00Z'));
    }
    ring(
      RINGS.N,
      [
        ['device', id('dev-n1')],
        ['device', id('dev-n2')],
        ['payment', id('card-n')],
      ],
      '2026-07-01',
      accounts,
      links,
    );
    for (const m of range('f', 7, 8)) {
      accounts.push(account(m, '2026-07-01T12:00:00Z'));
      for (const v of ['dev-f1', 'dev-f2', 'card-f'])
        links.push(link(m, v.startsWith('card') ? 'payment' : 'device', id(v), '2026-07-02T09:00:00Z'));
    }
    return writeDay(dir, 2, accounts, links);
  }

  function day3(dir: string) {
    const accounts: Row[] = [];
    const links: Row[] = [];
    for (let i = 0; i < CROWD; i++) {
      const k = id(`kiosk-${i}`);
      accounts.push(account(k, new Date(Date.UTC(2019, 0, 1 + i * 11)).toISOString().slice(0, 10)));
      links.push(link(k, 'device', id('dev-bridge1'), '2026-07-03T08:00:00Z'));
      links.push(link(k, 'device', id('dev-bridge2'), '2026-07-03T08:30:00Z'));
      links.push(link(k, 'device', id(`dev-kiosk-${i}`), '2026-07-03T09:00:00Z'));
    }
    // P6 uses P's devices and card, and all six share a new device and a new card: detection leaves out the
    // identifiers of a ring marked false_positive (its evidence), so P comes back through new evidence only — and
    // then the margin decides. (One new device alone would not do: six accounts with other devices of their own
    // whose only other tie is one device look like strangers on a generic fingerprint, which detection leaves out.)
    accounts.push(account(id('p6'), '2026-07-01T12:00:00Z'));
    for (const v of ['dev-p1', 'dev-p2', 'card-p'])
      links.push(link(id('p6'), v.startsWith('card') ? 'payment' : 'device', id(v), '2026-07-03T09:00:00Z'));
    for (const m of RINGS.P2) {
      links.push(link(m, 'device', id('dev-p3'), '2026-07-03T10:00:00Z'));
      links.push(link(m, 'payment', id('card-p2'), '2026-07-03T10:00:00Z'));
    }
    return writeDay(dir, 3, accounts, links);
  }

  const allAccounts = () => [
    ...range('g', 1, 30),
    ...RINGS.F2,
    ...RINGS.S,
    ...RINGS.P2,
    ...RINGS.N,
    ...Array.from({ length: FILLERS }, (_, i) => id(`fill-${i}`)),
    ...Array.from({ length: CROWD }, (_, i) => id(`kiosk-${i}`)),
  ];

  return { id, range, RINGS, day1, day2, day3, allAccounts };
}

/** The JSON log lines of a `--json` run. */
export function events(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A local webhook receiver on 127.0.0.1 answering with `statuses` in turn (the last one repeats). */
export async function webhookServer(statuses: number[]) {
  const bodies: unknown[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    bodies.push(JSON.parse(body));
    res.writeHead(statuses[Math.min(bodies.length - 1, statuses.length - 1)]!, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ringlens?token=secret`;
  return { url, bodies, close: () => new Promise<void>((r) => server.close(() => r())) };
}
