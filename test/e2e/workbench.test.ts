/**
 * The investigator workbench (issue 15) end to end in headless Chromium against the real server and test Neo4j:
 * deep links, the triage queue, the responsive layout, readable graphs and the rest, each step with screenshots at
 * 1440×900, 1280×720 and 800×600 under test-artifacts/workbench/. The fixture is test/support/investigate-data.ts
 * (a six-account ring, an aliased email, a super-node) plus rings of 50 and 100 accounts (test/support/workbench-data.ts).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import {
  createTestRings,
  fixtureRings,
  loadInvestigateFixture,
  removeTestRings,
  type InvestigateFixture,
  type TestRing,
} from '../support/investigate-data.ts';
import { doubleClickNode } from '../support/e2e.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';
import { loadBigRing, type BigRing } from '../support/workbench-data.ts';
import {
  nodePosition,
  selectNode,
  serveWorkbench,
  settle,
  shots,
  signIn,
  waitForNodes,
  type Served,
} from '../support/workbench-e2e.ts';

/** Before/after pictures for the issue's closing note: ISSUE15_SHOTS=before on the old code, `after` otherwise. */
const ISSUE15 = join(process.cwd(), 'test-artifacts', 'issue15');
const PHASE = process.env.ISSUE15_SHOTS === 'before' ? 'before' : 'after';

describe('investigator workbench', () => {
  let db: Db;
  let s: Served;
  let page: Page;
  let f: InvestigateFixture;
  let rings: TestRing[];
  let big50: BigRing;
  let big100: BigRing;
  let user: TestUser;
  const p = uniquePrefix('wb');

  beforeAll(async () => {
    db = await connectTestDb();
    user = await createTestUser(db, 'investigator');
    f = await loadInvestigateFixture(db, p);
    big50 = await loadBigRing(db, p, 'b50', 50, 97);
    big100 = await loadBigRing(db, p, 'b100', 100, 96);
    rings = [...fixtureRings(f), big50.ring, big100.ring];
    await createTestRings(db, rings);
    s = await serveWorkbench(db);
    page = s.page;
    await signIn(page, s.base, user);
  });
  afterAll(async () => {
    await s?.close();
    if (rings) await removeTestRings(db, rings);
    await db?.write('test-ingest-cleanup.write', { prefix: p });
    if (db) await removeTestUsers(db);
    await db?.close();
  });

  it('pictures of the queue, a 50-account ring and a 150-node canvas', async () => {
    await page.goto(`${s.base}/`);
    await page.locator(`tr[data-ring-id="${big50.ring.id}"]`).waitFor();
    await page.waitForTimeout(500);
    await shots(page, `${PHASE}-queue`, ISSUE15);
    await page.locator(`tr[data-ring-id="${big50.ring.id}"]`).click();
    await waitForNodes(page, (ids) => ids.filter((id) => id.startsWith('account:')).length === 50, 'the 50-ring');
    await settle(page);
    await shots(page, `${PHASE}-ring-50`, ISSUE15);
    await page.locator(`tr[data-ring-id="${big100.ring.id}"]`).click();
    const ids = await waitForNodes(
      page,
      (ids) => ids.filter((id) => id.startsWith('account:')).length === 100,
      'the 100-ring',
    );
    expect(ids.length).toBeGreaterThanOrEqual(140);
    await settle(page);
    await shots(page, `${PHASE}-canvas-150`, ISSUE15);
  });

  describe('routes and deep links', () => {
    const ringNodes = () => [
      ...f.ring.map((id) => `account:${id}`),
      `device:${f.keys.ringDevice1}`,
      `device:${f.keys.ringDevice2}`,
      `payment:${f.keys.ringCard}`,
      `address:${f.keys.ringAddress}`,
    ];
    const sameSet = (a: string[], b: string[]) => a.length === b.length && b.every((x) => a.includes(x));

    it('a ring link opens exactly that ring, also before signing in', async () => {
      await page.context().clearCookies();
      await signIn(page, s.base, user, `#/rings/${rings[0]!.id}`);
      await waitForNodes(page, (ids) => sameSet(ids, ringNodes()), 'the linked ring');
      expect(await page.getByTestId('ring-summary').textContent()).toContain(rings[0]!.id);
      expect(await page.evaluate(() => window.location.hash)).toBe(`#/rings/${rings[0]!.id}`);
      await settle(page);
      await shots(page, '01-deep-link-ring');
    });

    it('account and identifier links open that node in a canvas of its own', async () => {
      const other = await page.context().newPage();
      try {
        await other.setViewportSize({ width: 1440, height: 900 });
        await other.goto(`${s.base}/#/accounts/${encodeURIComponent(f.chain[1])}`);
        await waitForNodes(
          other,
          (ids) => ids.includes(`account:${f.chain[1]}`) && ids.includes(`email:${f.keys.chainEmail}`),
          'the linked account',
        );
        expect(await other.locator('.workspace__title').textContent()).toBe(`Account ${f.chain[1]}`);
        expect(await other.getByTestId('details-panel').textContent()).toContain(f.chain[1]);
        await other.goto(`${s.base}/#/identifiers/email/${encodeURIComponent(f.keys.aliasEmail)}`);
        const ids = await waitForNodes(
          other,
          (ids) => f.alias.every((a) => ids.includes(`account:${a}`)),
          'the linked identifier',
        );
        // A canvas of its own: nothing of the account opened before.
        expect(ids).not.toContain(`account:${f.chain[1]}`);
        expect(await other.locator('.workspace__title').textContent()).toBe(`Email ${f.keys.aliasEmail}`);
      } finally {
        await other.close();
      }
    });

    it('opening rings, accounts and search results changes the address; back and forward return to them', async () => {
      await page.locator(`tr[data-ring-id="${rings[1]!.id}"]`).click();
      await waitForNodes(
        page,
        (ids) => sameSet(ids, f.alias.map((a) => `account:${a}`).concat(`email:${f.keys.aliasEmail}`)),
        'ring 2',
      );
      expect(await page.evaluate(() => window.location.hash)).toBe(`#/rings/${rings[1]!.id}`);
      const search = page.getByRole('combobox', { name: 'Search accounts and identifiers' });
      await search.fill(f.chain[0]);
      await page.getByTestId('search-results').getByText(f.chain[0], { exact: true }).waitFor();
      await search.press('Enter');
      await waitForNodes(page, (ids) => ids.includes(`device:${f.keys.chainDevice}`), 'the search result');
      expect(await page.evaluate(() => window.location.hash)).toBe(`#/accounts/${f.chain[0]}`);

      await page.goBack();
      await waitForNodes(
        page,
        (ids) => ids.includes(`email:${f.keys.aliasEmail}`) && ids.length === 3,
        'back to ring 2',
      );
      await page.goBack();
      await waitForNodes(page, (ids) => sameSet(ids, ringNodes()), 'back to ring 1');
      expect(await page.getByTestId('ring-summary').textContent()).toContain(rings[0]!.id);
      await page.goForward();
      await waitForNodes(page, (ids) => ids.length === 3, 'forward to ring 2');
      expect(await page.getByTestId('ring-summary').textContent()).toContain(rings[1]!.id);
      await settle(page);
      await shots(page, '01-back-forward');
      expect(s.errors).toEqual([]);
    });
  });

  describe('triage queue', () => {
    const row = (id: string) => page.locator(`tr[data-ring-id="${id}"]`);
    const firstRun = () =>
      page.evaluate(() =>
        fetch('/api/rings?pageSize=1')
          .then((r) => r.json())
          .then((b: { firstRun: boolean }) => b.firstRun),
      );
    const runIds = [`run-20260702T000000Z-${p.slice(5, 11)}a`, `run-20260703T000000Z-${p.slice(5, 11)}b`];
    afterAll(async () => {
      await db.write('test-detection-cleanup.write', { runIds });
      await db.write('test-ring-disposition.write', { id: rings[1]!.id, status: 'under_review' });
    });

    it('arriving at the bare address opens the top ring; rows name their ring and stay compact', async () => {
      await page.context().clearCookies();
      await signIn(page, s.base, user);
      await page.waitForFunction((id) => window.location.hash === `#/rings/${id}`, rings[0]!.id);
      await waitForNodes(page, (ids) => ids.includes(`account:${f.ring[0]}`) && ids.length === 10, 'the top ring');
      for (const r of rings) expect(await row(r.id).locator('.queue__id').textContent()).toBe(r.id);
      // The top ring replaces the bare address: back leaves the app rather than returning to an empty graph.
      const fresh = await page.context().newPage();
      try {
        await fresh.goto(`${s.base}/`);
        await fresh.waitForFunction((id) => window.location.hash === `#/rings/${id}`, rings[0]!.id);
        // about:blank, then the app: one entry for the app, not two.
        expect(await fresh.evaluate(() => window.history.length)).toBe(2);
      } finally {
        await fresh.close();
      }
      // A line of badges and one reason: at most three lines of text.
      const box = await row(rings[1]!.id).boundingBox();
      expect(box!.height).toBeLessThan(80);
      await settle(page);
      await shots(page, '02-queue-arrival');
    });

    it('on the first run neither ⚑ nor "★ new" is shown; after a later run they are', async () => {
      expect(await firstRun(), 'the test database must hold at most one finished detection run').toBe(true);
      expect(await page.locator('[data-testid="ring-queue"] .flag').count()).toBe(0);
      expect(await row(rings[1]!.id).textContent()).not.toContain('★ new');
      await db.write('test-detection-runs-create.write', { ids: runIds });
      await page.getByRole('button', { name: 'Refresh' }).click();
      await row(rings[1]!.id).getByText('★ new').waitFor();
      expect(await row(rings[0]!.id).locator('.flag').count()).toBe(1);
      await db.write('test-detection-cleanup.write', { runIds });
    });

    it('"+N more" opens the rest of the reasons in place', async () => {
      const big = row(big50.ring.id);
      expect(await big.locator('.queue__reasons li').count()).toBe(1);
      await big.getByRole('button', { name: '+3 more' }).click();
      expect(await big.locator('.queue__reasons li').count()).toBe(4);
      expect(await big.getByRole('button', { name: 'fewer' }).getAttribute('aria-expanded')).toBe('true');
      // Opening the reasons did not open the ring.
      expect(await page.evaluate(() => window.location.hash)).toBe(`#/rings/${rings[0]!.id}`);
      await shots(page, '02-queue-reasons');
    });

    it('closed cases are hidden unless asked for', async () => {
      await db.write('test-ring-disposition.write', { id: rings[1]!.id, status: 'confirmed_fraud' });
      await page.getByRole('button', { name: 'Refresh' }).click();
      await row(rings[1]!.id).waitFor({ state: 'detached' });
      for (const r of [rings[0]!, big50.ring, big100.ring]) expect(await row(r.id).count()).toBe(1);
      await page.getByLabel('Show closed').check();
      await row(rings[1]!.id).waitFor();
      expect(await row(rings[1]!.id).textContent()).toContain('Confirmed fraud');
      await page.getByLabel('Show closed').uncheck();
      await row(rings[1]!.id).waitFor({ state: 'detached' });
      expect(s.errors).toEqual([]);
    });
  });

  describe('responsive layout', () => {
    const box = async (selector: string) => {
      const b = await page.locator(selector).first().boundingBox();
      if (!b) throw new Error(`${selector} is not on screen`);
      return b;
    };
    const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

    it('at 1280×720 the toolbar is one row and the time filter leaves the counts alone', async () => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(`${s.base}/#/rings/${rings[0]!.id}`);
      await waitForNodes(page, (ids) => ids.length === 10, 'the ring');
      const tops = await page
        .getByRole('toolbar', { name: 'Graph tools' })
        .getByRole('button')
        .evaluateAll((els) => [...new Set(els.map((e) => Math.round(e.getBoundingClientRect().top)))]);
      expect(tops).toHaveLength(1);
      expect(overlaps(await box('[data-testid="time-to"]'), await box('[data-testid="graph-stats"]'))).toBe(false);
      // The legend sits under the canvas, never on it.
      const canvas = await box('[data-testid="graph-canvas"]');
      expect((await box('[data-testid="graph-legend"]')).y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
      expect(await page.getByTestId('graph-legend').textContent()).toContain('Known legit');
      await settle(page);
      await shots(page, '03-layout');
    });

    it('at 800×600 the graph keeps its room, the toolbar stays inside it, and the queue opens as a drawer', async () => {
      await page.setViewportSize({ width: 800, height: 600 });
      await page.reload();
      await waitForNodes(page, (ids) => ids.length === 10, 'the ring');
      expect(await page.locator('#layout-left').isHidden()).toBe(true);
      const canvas = await box('[data-testid="graph-canvas"]');
      expect(canvas.width).toBeGreaterThanOrEqual(300);
      expect(canvas.height).toBeGreaterThanOrEqual(200);
      const side = await box('#layout-right');
      const toolbar = await box('[role="toolbar"]');
      expect(toolbar.x + toolbar.width).toBeLessThanOrEqual(side.x + 1);
      const header = page.locator('.workspace__titlebar');
      expect(await header.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await settle(page);
      await page.screenshot({ path: join(process.cwd(), 'test-artifacts', 'workbench', '03-narrow-800x600.png') });

      await page.getByRole('button', { name: '☰ Queue' }).click();
      await page.locator(`tr[data-ring-id="${rings[0]!.id}"]`).waitFor();
      // A drawer over the graph: the canvas keeps its size.
      expect((await box('[data-testid="graph-canvas"]')).width).toBe(canvas.width);
      await page.screenshot({ path: join(process.cwd(), 'test-artifacts', 'workbench', '03-drawer-800x600.png') });
      await page.getByRole('button', { name: 'Close ring queue' }).click();
      await page.locator('#layout-left').waitFor({ state: 'hidden' });
      await page.setViewportSize({ width: 1440, height: 900 });
    });

    it('side panels collapse and resize; the ring panel has Summary, Members and Case tabs', async () => {
      await page.reload();
      await waitForNodes(page, (ids) => ids.length === 10, 'the ring');
      const wide = (await box('[data-testid="graph-canvas"]')).width;
      const queue = (await box('#layout-left')).width;
      await page.getByRole('separator', { name: 'Resize Ring queue' }).focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction(
        (w) => document.getElementById('layout-left')!.getBoundingClientRect().width > w + 60,
        queue,
      );
      await page.getByRole('button', { name: 'Details ▸' }).click();
      await page.locator('#layout-right').waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: '☰ Queue' }).click();
      await page.locator('#layout-left').waitFor({ state: 'hidden' });
      expect((await box('[data-testid="graph-canvas"]')).width).toBeGreaterThan(wide + 500);
      await settle(page);
      await shots(page, '03-panels-closed');
      await page.getByRole('button', { name: '☰ Queue' }).click();
      await page.getByRole('button', { name: 'Details ▸' }).click();

      const summary = page.getByTestId('ring-summary');
      await summary.waitFor();
      expect(await page.getByRole('tab', { name: 'Summary' }).getAttribute('aria-selected')).toBe('true');
      expect(await summary.getByText('Why it scored').isVisible()).toBe(true);
      await page.getByRole('tab', { name: /^Members \(6\)/ }).click();
      expect(await summary.locator('.member-list li').count()).toBe(6);
      expect(await summary.getByText('Why it scored').isVisible()).toBe(false);
      await page.keyboard.press('ArrowRight');
      await summary.getByTestId('case-file').waitFor();
      expect(await page.getByRole('tab', { name: 'Case' }).getAttribute('aria-selected')).toBe('true');
      await shots(page, '03-case-tab');
      await page.getByRole('tab', { name: 'Summary' }).click();
      expect(s.errors).toEqual([]);
    });
  });

  describe('readable graphs', () => {
    const handle = <T>(fn: string, id: string) =>
      page.evaluate(([f, i]) => (window.ringlensGraph as unknown as Record<string, (x: string) => unknown>)[f]!(i), [
        fn,
        id,
      ] as const) as Promise<T>;
    const zoom = () => page.evaluate(() => window.ringlensGraph!.zoom());
    const openRing = async (id: string, n: number) => {
      await page.goto(`${s.base}/#/rings/${id}`);
      await waitForNodes(page, (ids) => ids.length === n, `ring ${id}`);
      await settle(page);
    };

    it('a 3-node ring is not blown up, by the layout or by Fit; the title is whole', async () => {
      await openRing(rings[1]!.id, 3);
      expect(await zoom()).toBeLessThanOrEqual(1.4);
      await page.getByRole('button', { name: 'Fit' }).click();
      await settle(page);
      expect(await zoom()).toBeLessThanOrEqual(1.4);
      const title = page.locator('.workspace__title');
      expect(await title.textContent()).toBe(`Ring ${rings[1]!.id}`);
      expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await shots(page, '04-small-ring');
    });

    it('edges say what they are: "uses card", "paid 1× 120 USD"', async () => {
      await openRing(rings[0]!.id, 10);
      const [r0, r1, r2] = f.ring;
      expect(await handle('label', `uses:account:${r0}->payment:${f.keys.ringCard}`)).toBe('uses card');
      expect(await handle('label', `uses:account:${r0}->device:${f.keys.ringDevice1}`)).toBe('uses device');
      expect(await handle('label', `paid:account:${r1}->account:${r2}:USD`)).toBe('paid 1× 120 USD');
    });

    it('labels appear with zoom; hovering shows a card and lights up the neighbours', async () => {
      await openRing(big50.ring.id, 50 + 10 + 13 + 5 + 1);
      const member = `account:${big50.accounts[7]}`;
      const device = `device:${big50.devices[1]}`;
      expect(await zoom()).toBeLessThan(1);
      expect(await handle('labelShown', member)).toBe(false);
      const pos = await nodePosition(page, member);
      await page.mouse.move(pos.x, pos.y);
      const tip = page.getByTestId('graph-tooltip');
      await tip.waitFor();
      expect(await tip.textContent()).toContain(big50.accounts[7]);
      expect(await tip.textContent()).toMatch(/Account.*4 links on screen/);
      expect(await handle('labelShown', member)).toBe(true);
      expect(await handle<string[]>('classes', device)).toContain('near');
      expect(await handle<string[]>('classes', `account:${big50.accounts[30]}`)).toContain('faint');
      await shots(page, '04-hover');
      await page.mouse.move(5, 5);
      await tip.waitFor({ state: 'detached' });
      expect(await handle<string[]>('classes', `account:${big50.accounts[30]}`)).not.toContain('faint');
      await shots(page, '04-ring-50');
    });

    it('concentric and breadth-first layouts start from the selected node', async () => {
      const centre = `address:${big50.address}`;
      const pos = await nodePosition(page, centre);
      await page.mouse.click(pos.x, pos.y);
      await page.getByLabel('Layout').selectOption('concentric');
      await settle(page);
      const others = await page.evaluate(() =>
        window.ringlensGraph!.nodeIds().map((id) => window.ringlensGraph!.nodeScreenPosition(id)!),
      );
      const c = (await nodePosition(page, centre))!;
      const mid = {
        x: others.reduce((a, p) => a + p.x, 0) / others.length,
        y: others.reduce((a, p) => a + p.y, 0) / others.length,
      };
      expect(Math.hypot(c.x - mid.x, c.y - mid.y)).toBeLessThan(40);
      await shots(page, '04-concentric');
      await page.getByLabel('Layout').selectOption('breadthfirst');
      await settle(page);
      const root = await nodePosition(page, centre);
      const ys = others.length;
      const below = await page.evaluate(
        (y) =>
          window.ringlensGraph!.nodeIds().filter((id) => window.ringlensGraph!.nodeScreenPosition(id)!.y > y + 1)
            .length,
        root.y,
      );
      expect(below).toBe(ys - 1);
      await shots(page, '04-breadthfirst');
      await page.getByLabel('Layout').selectOption('force');
      await settle(page);
    });

    it('grouping collapses the accounts behind a shared identifier into one node and expands them again', async () => {
      const device = `device:${big50.devices[2]}`;
      const members = big50.accounts.slice(10, 15).map((a) => `account:${a}`);
      const gid = `group:${device}`;
      await openRing(big50.ring.id, 50 + 10 + 13 + 5 + 1);
      const pos = await nodePosition(page, device);
      await page.mouse.click(pos.x, pos.y);
      await page.getByTestId('details-panel').getByText(big50.devices[2]!).first().waitFor();
      const before = (await waitForNodes(page, () => true, 'nodes')).length;
      await page.getByRole('button', { name: 'Group accounts' }).click();
      let ids = await waitForNodes(page, (ids) => ids.includes(gid), 'the group');
      expect(members.some((m) => ids.includes(m))).toBe(false);
      expect(ids.length).toBe(before - members.length + 1);
      expect(await handle('label', gid)).toBe(`5 accounts · ${big50.devices[2]}`);
      await settle(page);
      await shots(page, '04-grouped');
      await doubleClickNode(page, gid);
      ids = await waitForNodes(page, (ids) => members.every((m) => ids.includes(m)), 'the group expanded');
      expect(await handle('parent', members[0]!)).toBe(gid);
      await settle(page);
      await shots(page, '04-group-expanded');
      // The layout may put the device inside the opened group's box; a click on the box selects the group's
      // identifier too, so either way the device is selected.
      await selectNode(page, device);
      expect(await page.evaluate(() => window.ringlensGraph!.selectedIds())).toEqual([device]);
      await page.getByRole('button', { name: 'Ungroup' }).click();
      ids = await waitForNodes(page, (ids) => !ids.includes(gid), 'the group gone');
      expect(ids.length).toBe(before);
      expect(await handle('parent', members[0]!)).toBeNull();
      expect(s.errors).toEqual([]);
    });
  });

  describe('search', () => {
    const box = () => page.getByRole('combobox', { name: 'Search accounts and identifiers' });
    const resultIds = async (q: string, expected: string) => {
      const list = page.getByTestId('search-results');
      // Start from an empty box, so the list read is this query's.
      await box().fill('');
      await list.waitFor({ state: 'detached' });
      await box().fill(q);
      await list.locator(`li[role="option"]`).first().waitFor();
      await page.waitForFunction(
        ([sel, text]) => [...document.querySelectorAll(sel!)].some((li) => li.textContent?.includes(text!)),
        ['[data-testid="search-results"] li[role="option"]', expected] as const,
      );
      return list.locator('li[role="option"] .search__label').allTextContents();
    };

    it('finds emails by part and domain, IPs by prefix and CIDR, cards by last 4 (+ BIN)', async () => {
      await page.goto(`${s.base}/#/rings/${rings[0]!.id}`);
      await waitForNodes(page, (ids) => ids.length === 10, 'the ring');
      const part = big50.accounts[7]!.slice(p.length);
      expect(await resultIds(`${part}@exa`, `${big50.accounts[7]}@example.net`)).toContain(
        `${big50.accounts[7]}@example.net`,
      );
      const domain = await resultIds('@example.net', '@example.net');
      expect(domain.length).toBeGreaterThan(5);
      expect(domain.every((l) => l.endsWith('@example.net'))).toBe(true);
      await shots(page, '05-search-domain');
      const prefix = big50.ips[0]!.replace(/\d+$/, '');
      const byPrefix = await resultIds(prefix, big50.ips[0]!);
      expect(big50.ips.every((ip) => byPrefix.includes(ip))).toBe(true);
      const cidr = await resultIds(`${prefix}0/24`, big50.ips[0]!);
      expect(big50.ips.every((ip) => cidr.includes(ip))).toBe(true);
      const card = big50.cards[3]!;
      const byLast4 = await resultIds(card.last4, card.key);
      expect(byLast4).toContain(`•••• ${card.last4} · ${card.key}`);
      const withBin = await resultIds(`${card.bin} •••• ${card.last4}`, card.key);
      expect(withBin).toContain(`•••• ${card.last4} · ${card.key}`);
      await shots(page, '05-search-card');
      // Shift+Enter adds the card to the ring's canvas; Enter alone would give it a canvas of its own.
      await box().press('Shift+Enter');
      const ids = await waitForNodes(page, (ids) => ids.includes(`payment:${card.key}`), 'the card joining the ring');
      expect(ids).toContain(`account:${f.ring[0]}`);
      expect(await page.locator('.workspace__title').textContent()).toBe(`Ring ${rings[0]!.id}`);
    });

    it('an identifier’s panel lists the rings of its accounts; why-linked suggests accounts', async () => {
      await page.goto(`${s.base}/#/identifiers/device/${encodeURIComponent(big50.devices[0]!)}`);
      const list = page.getByTestId('identifier-rings');
      await list.getByRole('button', { name: big50.ring.id }).waitFor();
      await shots(page, '05-identifier-rings');
      await list.getByRole('button', { name: big50.ring.id }).click();
      await page.waitForFunction((id) => window.location.hash === `#/rings/${id}`, big50.ring.id);
      const why = page.getByTestId('why-linked');
      await why.getByLabel('From account').fill(big50.accounts[1]!.slice(0, -1));
      await page.waitForFunction(
        (id) =>
          [...document.querySelectorAll('#why-from-options option')].some((o) => (o as HTMLOptionElement).value === id),
        big50.accounts[1]!,
      );
      expect(s.errors).toEqual([]);
    });
  });

  describe('time bar', () => {
    const faded = () =>
      page.evaluate(() =>
        window.ringlensGraph!.edgeIds().filter((id) => window.ringlensGraph!.classes(id).includes('faded')),
      );

    it('shows sightings and payments over time; brushing a window fades what lies outside', async () => {
      await page.goto(`${s.base}/#/rings/${big50.ring.id}`);
      await waitForNodes(page, (ids) => ids.length === 79, 'the ring');
      await settle(page);
      const bar = page.getByTestId('time-bar');
      expect(
        await bar
          .locator('.time-bar__payments[height]')
          .evaluateAll((r) => r.filter((x) => Number(x.getAttribute('height')) > 0).length),
      ).toBeGreaterThan(0);
      const to = await page.getByTestId('time-to').textContent();
      expect(await faded()).toEqual([]);
      const b = (await bar.boundingBox())!;
      await page.mouse.move(b.x + b.width * 0.05, b.y + b.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width * 0.3, b.y + b.height / 2, { steps: 5 });
      await page.mouse.up();
      await page.getByTestId('time-bar-window').waitFor();
      expect(await page.getByTestId('time-to').textContent()).not.toBe(to);
      const out = await faded();
      expect(out.length).toBeGreaterThan(0);
      // Member 10's device sighting (day 10 of about 130) is inside; the late payments and the first day are outside.
      expect(out.some((id) => id.startsWith('paid:'))).toBe(true);
      expect(out).not.toContain(`uses:account:${big50.accounts[10]}->device:${big50.devices[2]}`);
      expect(out).toContain(`uses:account:${big50.accounts[0]}->device:${big50.devices[0]}`);
      await shots(page, '06-time-bar');
      await page.getByRole('button', { name: 'All dates' }).click();
      await page.getByTestId('time-bar-window').waitFor({ state: 'detached' });
      expect(await faded()).toEqual([]);
      expect(s.errors).toEqual([]);
    });
  });
});
