/**
 * `tsx scripts/screenshots-before-after.ts --checkout <dir> --label before|after`: before/after pictures of the
 * workbench for issue 15's closing note. Builds the client of a given checkout and starts its app (its own
 * `scripts/start.ts`) against an already running Neo4j that holds the demo data (`npm start` loads it into an empty one),
 * signs in through the form in headless Chromium at 1440×900, and saves three pictures under --out:
 *   <label>-queue.png       the ring queue as it first shows
 *   <label>-ring-50.png     the ring closest to 50 accounts, opened from the queue and settled
 *   <label>-canvas-150.png  that canvas grown to about 150 nodes by expanding nodes (double-click)
 * The ring is picked through the API of the app being pictured and opened by clicking its row (paging the queue
 * under a "Min score" filter), because the old app has no links to rings. Prints what was drawn for each picture.
 *
 * Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (the running Neo4j, passed to the app), RINGLENS_USERNAME and
 * RINGLENS_PASSWORD (who signs in). Options: --port (default 7747), --out (default docs/screenshots),
 * --ring50 <id> to choose the ring instead.
 * Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { z } from 'zod';
import { checkOptions, parseOptions, runMain, UsageError } from './lib/cli.ts';

const HELP = `Usage: tsx scripts/screenshots-before-after.ts --checkout <dir> --label <before|after>
  [--port 7747] [--out docs/screenshots] [--ring50 <id>]`;

const VIEWPORT = { width: 1440, height: 900 };
const WAIT_MS = 180_000;

interface RingRow {
  id: string;
  size: number;
  score: number;
  kind?: string;
}

async function waitForHealth(base: string, app: ChildProcess): Promise<void> {
  const deadline = Date.now() + WAIT_MS * 2;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`The app exited with code ${app.exitCode} before it answered.`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${base}/api/health did not answer.`);
}

/** Waits until the graph has settled (no layout, nothing loading), then two frames. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      window.ringlensGraph !== undefined &&
      window.ringlensGraph.nodeIds().length > 0 &&
      !window.ringlensGraph.busy() &&
      !document.querySelector('.workspace__busy'),
    undefined,
    { timeout: WAIT_MS },
  );
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

const api = <T>(page: Page, path: string) => page.evaluate((p) => fetch(p).then((r) => r.json()), path) as Promise<T>;

/** Every ring (not pair) in the queue's API, biggest first. */
async function allRings(page: Page): Promise<RingRow[]> {
  const rings: RingRow[] = [];
  for (let p = 1; p <= 50; p++) {
    const res = await api<{ items: RingRow[]; total: number }>(
      page,
      `/api/rings?kind=ring&sort=size&order=desc&pageSize=200&page=${p}`,
    );
    rings.push(...res.items.filter((r) => (r.kind ?? 'ring') === 'ring'));
    if (p * 200 >= res.total) break;
  }
  return rings;
}

/** Opens a ring by clicking its row: the queue filtered to its score, paged until the row shows. */
async function openFromQueue(page: Page, ring: RingRow): Promise<void> {
  await page.getByLabel('Min score').fill(String(Math.floor(ring.score)));
  const row = page.locator(`tr[data-ring-id="${ring.id}"]`);
  for (let i = 0; i < 40 && !(await row.isVisible()); i++) {
    await page.waitForTimeout(400);
    if (await row.isVisible()) break;
    const next = page.locator('nav.pager button', { hasText: 'Next' });
    if (!(await next.isEnabled())) break;
    await next.click();
  }
  await row.click();
  await page.waitForFunction(
    (want) => (window.ringlensGraph?.nodeIds() ?? []).filter((n) => n.startsWith('account:')).length >= want,
    Math.min(ring.size, 3),
    { timeout: WAIT_MS },
  );
  await settle(page);
}

const Args = z.object({
  checkout: z.string().min(1),
  label: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  port: z.coerce.number().int().min(1).max(65535).default(7747),
  out: z.string().default('docs/screenshots'),
  ring50: z.string().optional(),
});

/** Double-clicks (expands) drawn identifiers, then accounts, in id order until the canvas holds `want` nodes; a prompt is declined. */
async function growTo(page: Page, want: number): Promise<void> {
  const tried = new Set<string>();
  for (let round = 0; round < 120; round++) {
    const ids = await page.evaluate(() => window.ringlensGraph!.nodeIds());
    if (ids.length >= want) return;
    // Identifiers first (a shared one can bring accounts from outside), then accounts (their own identifiers).
    const untried = ids.filter((n) => !tried.has(n)).sort();
    const next = untried.find((n) => !n.startsWith('account:')) ?? untried[0];
    if (!next) return;
    tried.add(next);
    const pos = await page.evaluate((id) => window.ringlensGraph!.nodeScreenPosition(id), next);
    const box = await page.locator('[data-testid="graph-canvas"]').boundingBox();
    const inside = (p: { x: number; y: number }, b: { x: number; y: number; width: number; height: number }) =>
      p.x > b.x + 20 && p.y > b.y + 20 && p.x < b.x + b.width - 20 && p.y < b.y + b.height - 20;
    if (!pos || !box || !inside(pos, box)) continue;
    // Page coordinates (the handle adds the canvas's offset).
    await page.mouse.dblclick(pos.x, pos.y);
    await page.waitForTimeout(600);
    if (await page.getByRole('dialog').isVisible()) await page.keyboard.press('Escape');
    await settle(page);
  }
}

/**
 * Shrinks a picture to a 256-colour palette with pngquant when it is installed (Debian: `apt-get install pngquant`),
 * so the committed files stay small (about a third of the size); otherwise keeps Chromium's PNG as it is.
 */
function compress(path: string): void {
  const r = spawnSync('pngquant', ['--quality', '70-95', '--speed', '1', '--strip', '--force', '--output', path, path]);
  if (r.error) console.log(`(pngquant not found: ${path} left uncompressed)`);
}

async function shoot(page: Page, path: string, what: string): Promise<void> {
  await settle(page);
  await page.waitForTimeout(1500);
  await settle(page);
  const ids = await page.evaluate(() => window.ringlensGraph!.nodeIds());
  await page.screenshot({ path });
  compress(path);
  const accounts = ids.filter((n) => n.startsWith('account:')).length;
  console.log(`${path}: ${what}; ${ids.length} nodes drawn (${accounts} accounts)`);
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, {
    checkout: { type: 'string' },
    label: { type: 'string' },
    port: { type: 'string' },
    out: { type: 'string' },
    ring50: { type: 'string' },
  });
  if (parsed.values.help) {
    console.log(HELP);
    return 0;
  }
  const args = checkOptions(Args, parsed.values);
  const checkout = resolve(args.checkout);
  const { label, port } = args;
  const out = resolve(args.out);
  const username = process.env.RINGLENS_USERNAME;
  const password = process.env.RINGLENS_PASSWORD;
  if (!process.env.NEO4J_URI || !username || !password)
    throw new UsageError('Set NEO4J_URI, NEO4J_PASSWORD, RINGLENS_USERNAME and RINGLENS_PASSWORD.');
  mkdirSync(out, { recursive: true });

  const base = `http://127.0.0.1:${port}`;
  // A fresh client build of that checkout (`npm start` reuses dist/client when it exists, which may be stale).
  const built = spawnSync(join(checkout, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: checkout,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error(`vite build failed in ${checkout}.`);
  const app = spawn(join(checkout, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    cwd: checkout,
    env: { ...process.env, PORT: String(port), RINGLENS_DEMO_ACCOUNTS: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const userDataDir = mkdtempSync(join(tmpdir(), `ringlens-shots-${label}-`));
  let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    await waitForHealth(base, app);
    browser = await chromium.launchPersistentContext(userDataDir, {
      headless: true,
      viewport: VIEWPORT,
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
    browser.setDefaultTimeout(WAIT_MS);
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${base}/`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-user').waitFor();
    await page.locator('tr[data-ring-id]').first().waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(out, `${label}-queue.png`) });
    compress(join(out, `${label}-queue.png`));
    console.log(`${join(out, `${label}-queue.png`)}: the queue as it first shows`);

    const rings = await allRings(page);
    const ring50 =
      rings.find((r) => r.id === args.ring50) ??
      [...rings].sort((a, b) => Math.abs(a.size - 50) - Math.abs(b.size - 50) || a.id.localeCompare(b.id))[0];
    if (!ring50) throw new Error('The queue has no rings: load the demo data first (npm start on an empty database).');
    await openFromQueue(page, ring50);
    await shoot(page, join(out, `${label}-ring-50.png`), `${ring50.id}, ${ring50.size} accounts`);
    // No demo ring draws 150 nodes on its own (the biggest has 49 accounts): grow the 50-account canvas to about 150
    // by expanding its nodes one at a time in id order, as an investigator would (double-click).
    await growTo(page, 150);
    await shoot(page, join(out, `${label}-canvas-150.png`), `${ring50.id} after expanding nodes`);
    return 0;
  } finally {
    await browser?.close();
    rmSync(userDataDir, { recursive: true, force: true });
    app.kill('SIGINT');
    await new Promise((r) => (app.exitCode !== null ? r(null) : app.once('exit', r)));
  }
}

runMain(() => main(process.argv.slice(2)), { failed: 'The screenshots could not be taken', exitCodes: [1, 2] });
