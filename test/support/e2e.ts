/**
 * What the browser tests share: screenshots, signing in through the form, and waiting on the graph (through the
 * app's read-only test handle `window.ringlensGraph`) on conditions rather than fixed pauses.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, E2E_WAIT_MS } from './browser.ts';
import { waitFor } from './wait.ts';

/** `shot(page, '01-queue')` saves test-artifacts/screenshots/<prefix>-01-queue.png. */
export const screenshots =
  (prefix: string) =>
  (page: Page, name: string): Promise<Buffer> =>
    page.screenshot({ path: join(ARTIFACTS, `${prefix}-${name}.png`) });

/** Fills and submits the sign-in form (the caller waits for what should follow). */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Node ids drawn on the canvas. */
export const drawnNodes = (page: Page): Promise<string[]> => page.evaluate(() => window.ringlensGraph?.nodeIds() ?? []);
export const drawnEdges = (page: Page): Promise<string[]> => page.evaluate(() => window.ringlensGraph?.edgeIds() ?? []);

/** Waits until the drawn node ids satisfy `predicate`; returns them. */
export function waitForNodes(page: Page, predicate: (ids: string[]) => boolean, what: string): Promise<string[]> {
  return waitFor(() => drawnNodes(page), predicate, { what, timeoutMs: E2E_WAIT_MS });
}

/**
 * Waits until no layout or viewport animation runs and the app is not loading, then for two animation frames, so
 * that what the graph now holds has been drawn.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      window.ringlensGraph !== undefined && !window.ringlensGraph.busy() && !document.querySelector('.workspace__busy'),
    undefined,
    { timeout: E2E_WAIT_MS },
  );
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  await settle(page);
  const pos = await page.evaluate((nodeId) => window.ringlensGraph!.nodeScreenPosition(nodeId), id);
  if (!pos) throw new Error(`Node ${id} is not drawn.`);
  return pos;
}

export async function clickNode(page: Page, id: string): Promise<void> {
  const pos = await nodePosition(page, id);
  await page.mouse.click(pos.x, pos.y);
}

/**
 * Double-clicks a node, as a person would. The canvas recognises a double-click only when the two clicks' event
 * times are within its multi-click window (250 ms); on a loaded machine the browser can stamp the second click later
 * than that, and then the canvas sees two single clicks. So this checks, through the test handle, that the canvas
 * counted a double-click, and clicks again (after the page has settled) when it did not. It never repeats a
 * double-click the canvas recognised, so an expansion is requested exactly once.
 */
export async function doubleClickNode(page: Page, id: string): Promise<void> {
  const attempts = 20;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const before = await page.evaluate(() => window.ringlensGraph!.nodeDoubleTaps());
    const pos = await nodePosition(page, id);
    await page.mouse.dblclick(pos.x, pos.y);
    // Input events are acknowledged once the page has handled them; two frames more for anything queued.
    await page.evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    );
    const after = await page.evaluate(() => window.ringlensGraph!.nodeDoubleTaps());
    if (after > before) return;
  }
  throw new Error(`The canvas never recognised a double-click on ${id} (${attempts} attempts).`);
}
