/**
 * Time to a drawn ring as the investigator sees it: from the click on a queue row to the first animation frame in
 * which the ring's accounts are all drawn, no layout or viewport animation runs and nothing is loading (the settled
 * frame). Measured in the real web app (built with vite, served by createApp against the project's test Neo4j) in
 * headless Chromium at 1440×900, with the canvas renderer (`?renderer=canvas`) and Cytoscape's WebGL mode, for rings
 * of 12, 50 and 200 accounts (test/support/workbench-data.ts: shared devices, cards, IPs, an address, payments).
 *
 * The clock runs inside the page: a capturing click listener stamps the click, and a requestAnimationFrame loop
 * stamps the first settled frame, so the browser driver's polling adds nothing. Between runs a 3-account ring is
 * opened, so each run draws its ring from an empty canvas.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { createApp } from '../../server/app.ts';
import { AuthService } from '../../server/auth/service.ts';
import { addCypherDir } from '../../server/db/cypher.ts';
import { Db } from '../../server/db/database.ts';
import { testInstance } from '../../server/db/instances.ts';
import { start } from '../../server/db/local-neo4j.ts';
import { createTestRings, removeTestRings, type TestRing } from '../../test/support/investigate-data.ts';
import { loadBigRing } from '../../test/support/workbench-data.ts';

addCypherDir(join(import.meta.dirname, '..', '..', 'test', 'cypher'));

export type Renderer = 'canvas' | 'webgl';

export interface ClickRun {
  size: number;
  renderer: Renderer;
  /** Milliseconds from the click to the settled frame, per run, in order (the first is the coldest). */
  runs: number[];
  nodes: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Clicks the row of `ringId` and returns the milliseconds to the first settled frame with `accounts` accounts. */
async function clickToFrame(page: Page, ringId: string, accounts: number): Promise<{ ms: number; nodes: number }> {
  // A string, not a function: tsx would wrap the page's named functions in a helper the page does not have.
  await page.evaluate(`(() => {
    const id = ${JSON.stringify(ringId)};
    const n = ${accounts};
    window.clickBench = new Promise((done) => {
      const row = document.querySelector('tr[data-ring-id="' + id + '"]');
      let t0 = 0;
      row.addEventListener('click', () => { t0 = performance.now(); }, { capture: true, once: true });
      const settled = () => {
        const g = window.ringlensGraph;
        if (!g || t0 === 0) return false;
        return g.nodeIds().filter((x) => x.startsWith('account:')).length === n && !g.busy() &&
          !document.querySelector('.workspace__busy') && window.location.hash.endsWith(id);
      };
      const frame = (t) => {
        if (settled()) done({ ms: t - t0, nodes: window.ringlensGraph.nodeIds().length });
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  })()`);
  await page.locator(`tr[data-ring-id="${ringId}"]`).click();
  return page.evaluate('window.clickBench') as Promise<{ ms: number; nodes: number }>;
}

export async function measureClickToFrame(opts: {
  sizes: number[];
  repeats: number;
  log(line: string): void;
}): Promise<{ results: ClickRun[]; userAgent: string; renderers: Record<Renderer, string>; load: number[] }> {
  const inst = await start(testInstance(process.env, opts.log));
  const db = await Db.connect({ uri: inst.uri, user: inst.user, password: inst.password, database: 'neo4j' });
  const prefix = `b-click-${randomBytes(3).toString('hex')}-`;
  const out = mkdtempSync(join(tmpdir(), 'ringlens-click-bench-'));
  const profile = mkdtempSync(join(tmpdir(), 'ringlens-click-profile-'));
  const auth = new AuthService(db);
  const username = `bench-click-${Date.now().toString(36)}`;
  const rings: TestRing[] = [];
  let server: Server | undefined;
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    await db.applySchema();
    opts.log('Loading the rings …');
    const rest = await loadBigRing(db, prefix, 'rest', 3, 99.99);
    rings.push(rest.ring);
    const targets = new Map<number, string>();
    for (const [i, size] of opts.sizes.entries()) {
      const big = await loadBigRing(db, prefix, `s${size}`, size, 99.9 - i / 10);
      rings.push(big.ring);
      targets.set(size, big.ring.id);
    }
    await createTestRings(db, rings);
    const { password } = await auth.createUser(username, 'viewer');
    opts.log('Building the web app …');
    await build({ configFile: join(process.cwd(), 'vite.config.ts'), logLevel: 'warn', build: { outDir: out } });
    const app = createApp({ db, clientDir: out });
    server = await new Promise<Server>((r) => {
      const s = app.listen(0, '127.0.0.1', () => r(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    context = await chromium.launchPersistentContext(profile, {
      headless: true,
      viewport: { width: 1440, height: 900 },
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    context.setDefaultTimeout(300_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const results: ClickRun[] = [];
    const renderers = { canvas: '', webgl: '' } as Record<Renderer, string>;
    for (const renderer of ['canvas', 'webgl'] as const) {
      const query = renderer === 'canvas' ? '?renderer=canvas' : '';
      await page.goto(`${base}/${query}#/rings/${rest.ring.id}`);
      if (await page.getByLabel('Username').isVisible()) {
        await page.getByLabel('Username').fill(username);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
      }
      await page.locator(`tr[data-ring-id="${rest.ring.id}"]`).waitFor();
      renderers[renderer] = (await page.getByTestId('graph-canvas').getAttribute('data-renderer')) ?? '?';
      for (const size of opts.sizes) {
        const run: ClickRun = { size, renderer, runs: [], nodes: 0 };
        for (let i = 0; i < opts.repeats; i++) {
          await clickToFrame(page, rest.ring.id, 3);
          const r = await clickToFrame(page, targets.get(size)!, size);
          run.runs.push(r.ms);
          run.nodes = r.nodes;
          opts.log(`${renderer} ${size} accounts, run ${i + 1}: ${r.ms.toFixed(0)} ms (${r.nodes} nodes)`);
        }
        results.push(run);
      }
    }
    if (errors.length) throw new Error(`The app failed: ${errors.join('; ')}`);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    return { results, userAgent, renderers, load: loadavg() };
  } finally {
    await context?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    if (rings.length) await removeTestRings(db, rings);
    await db.write('test-ingest-cleanup.write', { prefix });
    await auth.removeUser(username).catch(() => undefined);
    await db.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The RESULTS.md table: median (and every run) per size and renderer, and which is faster per size. */
export function clickTable(r: Awaited<ReturnType<typeof measureClickToFrame>>): string {
  const sizes = [...new Set(r.results.map((x) => x.size))];
  const rows = sizes.map((size) => {
    const c = r.results.find((x) => x.size === size && x.renderer === 'canvas')!;
    const w = r.results.find((x) => x.size === size && x.renderer === 'webgl')!;
    const mc = median(c.runs);
    const mw = median(w.runs);
    const faster = mc <= mw ? 'canvas' : 'WebGL';
    const all = (x: ClickRun) => x.runs.map((ms) => ms.toFixed(0)).join(' / ');
    return `| ${size} (${c.nodes} nodes) | ${mc.toFixed(0)} ms | ${mw.toFixed(0)} ms | ${faster} | ${all(c)} | ${all(w)} |`;
  });
  return [
    `Headless Chromium (${r.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}), 1440×900, no GPU (WebGL on SwiftShader); drawn as "${r.renderers.canvas}" with \`?renderer=canvas\` and as "${r.renderers.webgl}" by default. The real app against the test Neo4j; median of ${r.results[0]?.runs.length ?? 0} clicks per cell (the first click of each row is the coldest).`,
    '',
    '| ring (accounts) | canvas | WebGL | faster | canvas, every run (ms) | WebGL, every run (ms) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Load average when the run ended: ${r.load.map((x) => x.toFixed(1)).join(' / ')} on ${cpus().length} cores.`,
  ].join('\n');
}
