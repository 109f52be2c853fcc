/**
 * The investigator web app end to end: the built client served by the real server, against the real test Neo4j
 * loaded with test/support/investigate-data.ts (rings created directly, since detection is not under test here), in
 * headless Chromium. Each step leaves a screenshot in test-artifacts/screenshots/investigate-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { serve, type Served } from '../support/http.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildClientOnce } from '../support/client-build.ts';
import {
  createTestRings,
  fixtureRings,
  loadInvestigateFixture,
  removeTestRings,
  SUPER_SHARERS,
  type InvestigateFixture,
  type TestRing,
} from '../support/investigate-data.ts';
import {
  clickNode,
  doubleClickNode,
  drawnEdges,
  drawnNodes,
  screenshots,
  settle,
  submitSignIn,
  waitForNodes,
} from '../support/e2e.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

/**
 * A strict policy (no inline scripts or styles, nothing from elsewhere), added when the server does not send one of
 * its own; either way a violation shows up as a console error and fails the test.
 */
const FALLBACK_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const shot = screenshots('investigate');

describe('investigator web app in headless Chromium', () => {
  let db: Db;
  let server: Served;
  let base: string;
  let b: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let f: InvestigateFixture;
  let rings: TestRing[];
  let viewer: TestUser;
  const errors: string[] = [];
  const p = uniquePrefix('e2e');
  let signedOut = true;

  beforeAll(async () => {
    const clientDir = await buildClientOnce();
    db = await connectTestDb();
    viewer = await createTestUser(db, 'viewer');
    f = await loadInvestigateFixture(db, p);
    rings = fixtureRings(f);
    await createTestRings(db, rings);
    const app = createApp({ db, clientDir });
    server = await serve(app);
    base = server.base;
    b = await launchBrowser();
    page = await b.context.newPage();
    // The app shell always runs under a strict Content-Security-Policy, so anything needing 'unsafe-inline' fails.
    await page.route(`${base}/`, async (route) => {
      const response = await route.fetch();
      const headers = response.headers();
      headers['content-security-policy'] ??= FALLBACK_CSP;
      await route.fulfill({ response, headers });
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // The app asks GET /api/auth/me before sign-in; Chromium logs that expected 401 as a failed resource.
      if (m.type() === 'error' && !(signedOut && /status of 401/.test(m.text()))) errors.push(m.text());
    });
  });
  afterAll(async () => {
    await b?.close();
    await server?.close();
    if (rings) await removeTestRings(db, rings);
    await db?.write('test-ingest-cleanup.write', { prefix: p });
    if (db) await removeTestUsers(db);
    await db?.close();
  });

  it('signs in', async () => {
    const response = await page.goto(`${base}/`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await page.getByTestId('health').waitFor();
    await submitSignIn(page, viewer.username, 'not the password');
    await page.getByRole('alert').getByText('Wrong username or password.').waitFor();
    await shot(page, '00-sign-in');
    await page.getByLabel('Password').fill(viewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-user').waitFor();
    signedOut = false;
    expect(await page.getByTestId('signed-in-user').textContent()).toBe(`${viewer.username} viewer`);
  });

  it('lists rings in the queue, filterable and keyboard navigable', async () => {
    await page.getByLabel('Min score').fill('99');
    const ringRow = page.locator(`tr[data-ring-id="${rings[0]!.id}"]`);
    await ringRow.waitFor();
    await page.locator(`tr[data-ring-id="${rings[1]!.id}"]`).waitFor();
    expect(await ringRow.textContent()).toContain('2 devices are shared across 6 accounts');
    // Score, ring id, status, change, first reason, then the size with the members who joined.
    expect(await ringRow.textContent()).toMatch(/^99\.9.*New.*grown.*6 \+1$/s);
    // Arrow keys move between rows.
    const rows = page.locator('[data-testid="ring-queue"] tbody tr');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await rows.nth(1).evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, '01-queue');
  });

  it('opens a ring with Enter and draws its members and evidence', async () => {
    await page.locator(`tr[data-ring-id="${rings[0]!.id}"]`).focus();
    await page.keyboard.press('Enter');
    const expected = [
      ...f.ring.map((id) => `account:${id}`),
      `device:${f.keys.ringDevice1}`,
      `device:${f.keys.ringDevice2}`,
      `payment:${f.keys.ringCard}`,
      `address:${f.keys.ringAddress}`,
    ];
    const ids = await waitForNodes(page, (ids) => ids.length === expected.length, 'the ring graph');
    expect(ids.sort()).toEqual(expected.sort());
    expect((await drawnEdges(page)).length).toBe(4 + 4 + 3 + 2 + 2);
    await page.getByTestId('ring-summary').waitFor();
    expect(await page.getByTestId('ring-summary').textContent()).toContain('1 known fraud account');
    // Cytoscape's WebGL mode wherever the browser has WebGL2 (here: SwiftShader), the canvas renderer otherwise.
    const webgl2 = await page.evaluate(() => document.createElement('canvas').getContext('webgl2') !== null);
    expect(await page.getByTestId('graph-canvas').getAttribute('data-renderer')).toBe(webgl2 ? 'webgl' : 'canvas');
    await settle(page);
    await shot(page, '02-ring-graph');
  });

  it('expands a node on double-click, and undo removes the expansion', async () => {
    const r0 = `account:${f.ring[0]}`;
    await doubleClickNode(page, r0);
    const after = await waitForNodes(page, (ids) => ids.length === 12, 'the expansion of r0');
    expect(after).toContain(`ip:${f.keys.ringIp}`);
    expect(after).toContain(`email:${p}r0@example.com`);
    // The new IP's links to the other ring members on screen come along (cross-links).
    const edges = await drawnEdges(page);
    expect(edges).toContain(`uses:account:${f.ring[3]}->ip:${f.keys.ringIp}`);
    await settle(page);
    await shot(page, '03-expanded');

    await page.getByRole('button', { name: /^Undo: Expand/ }).click();
    await waitForNodes(page, (ids) => ids.length === 10, 'undo');
    expect(await drawnNodes(page)).not.toContain(`ip:${f.keys.ringIp}`);
    await settle(page);
    await shot(page, '04-undone');
    await page.getByRole('button', { name: /^Redo: Expand/ }).click();
    await waitForNodes(page, (ids) => ids.length === 12, 'redo');

    // Hiding is undoable too.
    const r1 = `account:${f.ring[1]}`;
    await clickNode(page, r1);
    await page.getByRole('toolbar', { name: 'Graph tools' }).getByRole('button', { name: 'Hide', exact: true }).click();
    await waitForNodes(page, (ids) => ids.length === 11 && !ids.includes(r1), 'the hide');
    expect(await page.getByTestId('graph-stats').textContent()).toContain('1 hidden');
    await page.getByRole('button', { name: /^Undo: Hide/ }).click();
    await waitForNodes(page, (ids) => ids.length === 12 && ids.includes(r1), 'undoing the hide');
  });

  it('asks before expanding a super-node, then loads the chosen neighbours and more', async () => {
    const r5 = `account:${f.ring[5]}`;
    const superId = `device:${f.keys.superDevice}`;
    await doubleClickNode(page, r5);
    await waitForNodes(page, (ids) => ids.includes(superId), 'r5’s neighbours');
    await doubleClickNode(page, superId);
    const dialog = page.getByTestId('expand-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`has ${SUPER_SHARERS + 1} neighbours`);
    expect(await dialog.textContent()).toMatch(/Account\s*81/);
    await shot(page, '05-super-node-dialog');
    const before = (await drawnNodes(page)).length;
    await dialog.getByRole('button', { name: 'The 50 most shared' }).click();
    const after = await waitForNodes(page, (ids) => ids.length > before + 40, 'the super-node’s top 50');
    // r5 was on screen already: 49 new accounts.
    expect(after.length).toBe(before + 49);
    await clickNode(page, superId);
    const more = page.getByTestId('show-more');
    await more.waitFor();
    expect(await more.textContent()).toBe(`Show more (50 of ${SUPER_SHARERS + 1})`);
    await settle(page);
    await shot(page, '06-super-node-expanded');
    await more.click();
    await waitForNodes(page, (ids) => ids.length === before + SUPER_SHARERS, 'show more');
    await settle(page);
  });

  it('search finds the accounts behind an aliased email', async () => {
    const search = page.getByRole('combobox', { name: 'Search accounts and identifiers' });
    await search.fill(`${p.toUpperCase()}J.Doe+anything@googlemail.com`);
    const results = page.getByTestId('search-results');
    await results.getByText(`${p}jdoe@gmail.com`).waitFor();
    await shot(page, '07-search');
    await search.press('Enter');
    const ids = await waitForNodes(
      page,
      (ids) => f.alias.every((a) => ids.includes(`account:${a}`)),
      'the aliased email’s accounts',
    );
    expect(ids).toContain(`email:${f.keys.aliasEmail}`);
    const details = page.getByTestId('details-panel');
    await details.getByText('Shared by').waitFor();
    expect(await details.locator('dd', { hasText: 'accounts' }).first().textContent()).toBe(
      '2 accounts · ⚠ 1 known fraud',
    );
    await settle(page);
    await shot(page, '08-search-opened');
  });

  it('why linked? shows the shortest path with each identifier’s rarity', async () => {
    const why = page.getByTestId('why-linked');
    await why.getByLabel('From account').fill(f.chain[0]);
    await why.getByLabel('To account').fill(f.chain[2]);
    await why.getByRole('button', { name: 'Find paths' }).click();
    const result = page.getByTestId('paths-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('One shortest path of 4 hops');
    expect(await result.textContent()).toContain(`${f.keys.chainDevice} rare: 2 accounts`);
    await waitForNodes(page, (ids) => ids.includes(`account:${f.chain[2]}`), 'the path');
    const classes = await page.evaluate(
      (id) => window.ringlensGraph!.classes(id),
      `uses:account:${f.chain[0]}->device:${f.keys.chainDevice}`,
    );
    expect(classes).toContain('path');
    await settle(page);
    await shot(page, '09-why-linked');
  });

  it('fades edges outside the time window', async () => {
    await page.getByRole('button', { name: 'Clear path highlight' }).click();
    const start = page.getByLabel('Window start');
    await start.focus();
    for (let i = 0; i < 120; i++) await page.keyboard.press('ArrowRight');
    const faded = await page.evaluate(() =>
      window.ringlensGraph!.edgeIds().filter((id) => window.ringlensGraph!.classes(id).includes('faded')),
    );
    expect(faded.length).toBeGreaterThan(0);
    // The search result opened a canvas of its own: the aliased email (seen in April and May) and the path (June).
    expect(faded).toContain(`uses:account:${f.alias[0]}->email:${f.keys.aliasEmail}`);
    await shot(page, '10-time-filter');
    expect(errors).toEqual([]);
  });
});
