/**
 * Shared steps for the workbench browser tests: serve the built client from the real app, sign in, wait for the graph
 * to settle, and keep screenshots at the three window sizes the workbench is checked at (1440×900, 1280×720, 800×600)
 * under test-artifacts/workbench/.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import type { TestUser } from './auth.ts';
import { launchBrowser } from './browser.ts';
import { buildClientOnce } from './client-build.ts';

export const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 800, height: 600 },
] as const;

export const WORKBENCH_ARTIFACTS = join(process.cwd(), 'test-artifacts', 'workbench');

export interface Served {
  base: string;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function serveWorkbench(db: Db): Promise<Served> {
  const clientDir = await buildClientOnce();
  const app = createApp({ db, clientDir });
  const server = await new Promise<Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const b = await launchBrowser();
  const page = await b.context.newPage();
  await page.setViewportSize(SIZES[0]);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(m.text());
  });
  mkdirSync(WORKBENCH_ARTIFACTS, { recursive: true });
  return {
    base,
    page,
    errors,
    async close() {
      await b.close();
      await new Promise((r) => server.close(r));
    },
  };
}

export async function signIn(page: Page, base: string, user: TestUser, hash = ''): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-user').waitFor();
}

export const drawnNodes = (page: Page) => page.evaluate(() => window.ringlensGraph?.nodeIds() ?? []);
export const drawnEdges = (page: Page) => page.evaluate(() => window.ringlensGraph?.edgeIds() ?? []);

export async function waitForNodes(page: Page, predicate: (ids: string[]) => boolean, what: string): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  let ids: string[] = [];
  while (Date.now() < deadline) {
    ids = await drawnNodes(page);
    if (predicate(ids)) return ids;
    await page.waitForTimeout(100);
  }
  throw new Error(`Timed out waiting for ${what}; drawn: ${ids.slice(0, 20).join(', ')} (${ids.length})`);
}

/** Waits until no layout or viewport animation runs and the app is not loading. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      window.ringlensGraph !== undefined && !window.ringlensGraph.busy() && !document.querySelector('.workspace__busy'),
    undefined,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(150);
}

export async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  await settle(page);
  const pos = await page.evaluate((nodeId) => window.ringlensGraph!.nodeScreenPosition(nodeId), id);
  if (!pos) throw new Error(`Node ${id} is not drawn.`);
  return pos;
}

/**
 * Clicks a node, as a person would, until it is the one node selected. A force layout on a busy machine can leave a
 * node partly under another, or inside an opened group's box; a click that selected something else (or nothing) is
 * followed, once the page has settled, by one on another point of the node's own box, centre first.
 */
export async function selectNode(page: Page, id: string): Promise<void> {
  const points = [
    [0, 0],
    [0.3, 0],
    [-0.3, 0],
    [0, 0.3],
    [0, -0.3],
    [0.3, 0.3],
    [-0.3, -0.3],
    [0.3, -0.3],
    [-0.3, 0.3],
  ] as const;
  for (const [fx, fy] of points) {
    await settle(page);
    const box = await page.evaluate((nodeId) => window.ringlensGraph!.nodeScreenBox(nodeId), id);
    if (!box) throw new Error(`Node ${id} is not drawn.`);
    await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
    await settle(page);
    const selected = await page.evaluate(() => window.ringlensGraph!.selectedIds());
    if (selected.length === 1 && selected[0] === id) return;
  }
  throw new Error(`No click on ${id} selected it (${points.length} points of its box tried).`);
}

/**
 * Screenshots at each of the three sizes (`<dir>/<name>-<w>x<h>.png`), then back to the first size. Waits for the
 * graph to settle after each resize (the canvas refits).
 */
export async function shots(page: Page, name: string, dir = WORKBENCH_ARTIFACTS): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    if (await page.evaluate(() => window.ringlensGraph !== undefined)) await settle(page);
    const path = join(dir, `${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path });
    paths.push(path);
  }
  await page.setViewportSize(SIZES[0]);
  return paths;
}
