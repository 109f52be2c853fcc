/**
 * The workbench's case work on many nodes at once (issue 15), end to end in headless Chromium against the real server
 * and test Neo4j: the right-click menu on canvas nodes, bulk actions on a selection and on a ring's members (the bulk
 * disposition goes through the annotations API, one audited change per account), and saved views. Screenshots at
 * 1440×900, 1280×720 and 800×600 under test-artifacts/workbench/. Kept apart from workbench.test.ts, which loads
 * two big rings this file does not need.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/audit/service.ts';
import { KIND_STYLES } from '../../contracts/kind-styles.ts';
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
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';
import {
  nodePosition,
  serveWorkbench,
  settle,
  shots,
  signIn,
  waitForNodes,
  type Served,
} from '../support/workbench-e2e.ts';

interface TimelineItem {
  kind: string;
  disposition: string | null;
  previousDisposition: string | null;
  assignee: string | null;
  tags: string[] | null;
  author: string;
}

describe('workbench: node menu, bulk actions and saved views', () => {
  let db: Db;
  let s: Served;
  let page: Page;
  let f: InvestigateFixture;
  let rings: TestRing[];
  let user: TestUser;
  const p = uniquePrefix('wbc');
  const acc = (i: number) => `account:${f.ring[i]}`;

  const timeline = (id: string) =>
    page.evaluate(
      (a) =>
        fetch(`/api/accounts/${encodeURIComponent(a)}/annotations`)
          .then((r) => r.json())
          .then((b: { items: unknown[] }) => b.items),
      id,
    ) as Promise<TimelineItem[]>;
  const selected = () => page.evaluate(() => window.ringlensGraph!.selectedIds());
  /**
   * Right-clicks a node until its menu is open: on a loaded machine a click can land while the canvas still moves
   * (the menu never opens for a press that began on one spot and ended on another).
   */
  const rightClick = async (id: string) => {
    const menu = page.getByTestId('node-menu');
    for (let attempt = 1; ; attempt++) {
      const pos = await nodePosition(page, id);
      await page.mouse.click(pos.x, pos.y, { button: 'right' });
      try {
        await menu.waitFor({ timeout: 5000 });
        return;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
  };
  /** Opens the ring afresh (a reload: nothing selected or hidden from the test before). */
  const openRing = async () => {
    await page.goto(`${s.base}/#/rings/${rings[0]!.id}`);
    await page.reload();
    await waitForNodes(page, (ids) => ids.length === 10, 'the ring');
    await settle(page);
  };

  beforeAll(async () => {
    db = await connectTestDb();
    user = await createTestUser(db, 'investigator');
    f = await loadInvestigateFixture(db, p);
    rings = fixtureRings(f);
    await createTestRings(db, rings);
    s = await serveWorkbench(db);
    page = s.page;
    await signIn(page, s.base, user);
  });
  afterAll(async () => {
    await s?.close();
    if (rings) await removeTestRings(db, rings);
    if (f) await db?.write('test-annotations-delete.write', { targetIds: [...f.ring, ...rings.map((r) => r.id)] });
    if (f) await db?.write('test-views-delete.write', { targetIds: [...f.ring, ...rings.map((r) => r.id)] });
    await db?.write('test-ingest-cleanup.write', { prefix: p });
    if (db) await removeTestUsers(db);
    await db?.close();
  });

  describe('right-click menu', () => {
    it('opens on a node and acts on it: select neighbours, hide, undo', async () => {
      await openRing();
      await rightClick(acc(0));
      const menu = page.getByTestId('node-menu');
      const items = await menu.getByRole('menuitem').allTextContents();
      expect(items).toEqual(['Expand', 'Hide', 'Pin', 'Select neighbours', 'Open in its own canvas', 'Case file…']);
      // The node the menu is for is the selection, and the first item has the focus.
      expect(await selected()).toEqual([acc(0)]);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Expand');
      await shots(page, '05-node-menu');

      await menu.getByRole('menuitem', { name: 'Select neighbours' }).click();
      await menu.waitFor({ state: 'detached' });
      const near = [acc(0), `device:${f.keys.ringDevice1}`, `payment:${f.keys.ringCard}`];
      await page.waitForFunction((n) => window.ringlensGraph!.selectedIds().length === n, near.length);
      expect((await selected()).sort()).toEqual([...near].sort());
      // More than one selected: the details panel offers the bulk actions.
      const bulk = page.getByTestId('bulk-actions');
      await bulk.getByRole('heading', { name: '3 selected' }).waitFor();
      expect(await bulk.textContent()).toContain('1 account and 2 identifiers');

      // The menu of a selected node acts on the whole selection.
      await rightClick(`device:${f.keys.ringDevice1}`);
      expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
        'Expand 3',
        'Hide 3',
        'Pin 3',
        'Select neighbours',
        'Case actions for 1 account…',
      ]);
      await menu.getByRole('menuitem', { name: 'Hide 3' }).click();
      const left = await waitForNodes(page, (ids) => ids.length === 7, 'the ring without the three');
      for (const id of near) expect(left).not.toContain(id);
      await page.keyboard.press('Control+z');
      await waitForNodes(page, (ids) => ids.length === 10, 'the ring again');
      expect(s.errors).toEqual([]);
    });

    it('opens from the keyboard on the selected node and closes with Escape; an identifier can group its accounts', async () => {
      await openRing();
      const device = `device:${f.keys.ringDevice2}`;
      const pos = await nodePosition(page, device);
      await page.mouse.click(pos.x, pos.y);
      await page.keyboard.press('Shift+F10');
      const menu = page.getByTestId('node-menu');
      await menu.waitFor();
      expect(await menu.getByRole('menuitem').allTextContents()).toContain('Group accounts behind it');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hide');
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
      await rightClick(device);
      await menu.getByRole('menuitem', { name: 'Group accounts behind it' }).click();
      await page.waitForFunction((d) => window.ringlensGraph!.nodeIds().includes(`group:${d}`), device);
      // The group's node (drawn over its identifier) opens the identifier's menu.
      await rightClick(`group:${device}`);
      await menu.getByRole('menuitem', { name: 'Ungroup accounts' }).click();
      await page.waitForFunction((d) => !window.ringlensGraph!.nodeIds().includes(`group:${d}`), device);
    });
  });

  describe('bulk actions', () => {
    it('sets the disposition of a selection through the annotations API, each account audited', async () => {
      await openRing();
      const chosen = [1, 2, 3].map(acc);
      for (const [i, id] of chosen.entries()) {
        const pos = await nodePosition(page, id);
        if (i > 0) await page.keyboard.down('Shift');
        await page.mouse.click(pos.x, pos.y);
        if (i > 0) await page.keyboard.up('Shift');
      }
      const bulk = page.getByTestId('bulk-actions');
      await bulk.getByRole('heading', { name: '3 selected' }).waitFor();
      expect((await selected()).sort()).toEqual([...chosen].sort());
      await bulk.getByLabel('Disposition', { exact: true }).selectOption('confirmed_fraud');
      await bulk.getByLabel('Assign to').fill('bulk-lead');
      await bulk.getByLabel('Comment').fill('same device farm');
      await bulk.getByRole('button', { name: 'Set on 3 accounts' }).click();
      await bulk.getByTestId('bulk-status').getByText('Confirmed fraud: 3 accounts changed').waitFor();
      await shots(page, '05-bulk-selection');

      for (const i of [1, 2, 3]) {
        const events = (await timeline(f.ring[i]!)).filter((e) => e.kind === 'disposition');
        // A new account is put under review, then confirmed: the workflow's two steps, both recorded.
        expect(events.map((e) => [e.previousDisposition, e.disposition])).toEqual([
          ['new', 'under_review'],
          ['under_review', 'confirmed_fraud'],
        ]);
        expect(events.every((e) => e.author === user.username && e.assignee === 'bulk-lead')).toBe(true);
      }
      const audit = await new AuditLog(db).list({
        actor: user.username,
        action: 'disposition.set',
        page: 1,
        pageSize: 50,
      });
      const audited = audit.items.map((e) => e.objectId);
      for (const i of [1, 2, 3]) expect(audited.filter((id) => id === f.ring[i]).length).toBe(2);
      expect(audited).not.toContain(f.ring[0]);

      // Again: nothing to change.
      await bulk.getByRole('button', { name: 'Set on 3 accounts' }).click();
      await bulk.getByTestId('bulk-status').getByText('Confirmed fraud: 0 accounts changed, 3 already so').waitFor();

      await bulk.getByLabel('Add tag').fill('device-farm');
      await bulk.getByRole('button', { name: 'Tag 3 accounts' }).click();
      await bulk.getByTestId('bulk-status').getByText('Tag “device-farm”: 3 accounts changed').waitFor();
      for (const i of [1, 2, 3]) {
        const tags = (await timeline(f.ring[i]!)).filter((e) => e.kind === 'tags');
        expect(tags.at(-1)?.tags).toEqual(['device-farm']);
      }
      expect(s.errors).toEqual([]);
    });

    it("acts on a ring's members from the Members tab: select, hide, tag", async () => {
      await openRing();
      await page.getByRole('tab', { name: /^Members/ }).click();
      const bulk = page.getByTestId('bulk-actions');
      await bulk.getByRole('heading', { name: 'All 6 members' }).waitFor();
      await shots(page, '05-bulk-members');
      await bulk.getByRole('button', { name: 'Hide 6' }).click();
      const left = await waitForNodes(page, (ids) => ids.length === 4, 'the identifiers alone');
      expect(left.every((id) => !id.startsWith('account:'))).toBe(true);
      await page.keyboard.press('Control+z');
      await waitForNodes(page, (ids) => ids.length === 10, 'the ring again');
      await bulk.getByRole('button', { name: 'Select on the canvas' }).click();
      await page.waitForFunction(() => window.ringlensGraph!.selectedIds().length === 6);
      expect((await selected()).sort()).toEqual(f.ring.map((a) => `account:${a}`).sort());
      const panel = page.getByTestId('bulk-actions');
      await panel.getByRole('heading', { name: '6 selected' }).waitFor();
      await panel.getByLabel('Add tag').fill('ring-member');
      await panel.getByRole('button', { name: 'Tag 6 accounts' }).click();
      await panel.getByTestId('bulk-status').getByText('Tag “ring-member”: 6 accounts changed').waitFor();
      // The tag joins the tags an account had.
      expect((await timeline(f.ring[1]!)).filter((e) => e.kind === 'tags').at(-1)?.tags).toEqual([
        'device-farm',
        'ring-member',
      ]);
      expect(s.errors).toEqual([]);
    });
  });

  describe('saved views', () => {
    type Pos = Record<string, { x: number; y: number }>;
    const positions = (pg: Page) => pg.evaluate(() => window.ringlensGraph!.modelPositions()) as Promise<Pos>;

    it('saves the canvas with the ring, lists it in the case file, and a link reopens it as it was', async () => {
      await openRing();
      const device = `device:${f.keys.ringDevice2}`;
      await rightClick(device);
      await page.getByTestId('node-menu').getByRole('menuitem', { name: 'Hide' }).click();
      await waitForNodes(page, (ids) => ids.length === 9, 'the ring without a device');
      await rightClick(acc(1));
      await page.getByTestId('node-menu').getByRole('menuitem', { name: 'Pin' }).click();
      await page.getByLabel('Layout').selectOption('concentric');
      await settle(page);
      const before = await positions(page);

      await page.getByRole('button', { name: 'Save view' }).click();
      await page.getByLabel('Name of the view').fill('Device farm');
      await page.getByRole('form', { name: 'Save this view' }).getByRole('button', { name: 'Save' }).click();
      const saved = page.getByRole('form', { name: 'Save this view' }).getByRole('status');
      await saved.getByText('Device farm').waitFor();
      expect(await saved.textContent()).toContain('10 nodes');
      const href = await saved.getByRole('link').getAttribute('href');
      expect(href).toMatch(/^#\/views\/[0-9a-f-]{36}$/);
      const id = href!.slice('#/views/'.length);

      // What the server keeps: every node with its place, what is hidden and pinned, the layout.
      const view = (await page.evaluate((v) => fetch(`/api/views/${v}`).then((r) => r.json()), id)) as {
        targetType: string;
        targetId: string;
        author: string;
        state: Record<string, unknown>;
      };
      expect(view).toMatchObject({ targetType: 'ring', targetId: rings[0]!.id, author: user.username });
      expect(view.state).toMatchObject({ hidden: [device], pinned: [acc(1)], layout: 'concentric' });
      expect((view.state.nodes as unknown[]).length).toBe(10);
      const audit = await new AuditLog(db).list({ actor: user.username, action: 'view.save', page: 1, pageSize: 10 });
      expect(audit.items.map((e) => e.objectId)).toContain(rings[0]!.id);

      // Listed in the ring's case file.
      await page.keyboard.press('Escape');
      // Nothing selected: the panel shows the ring.
      const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
      await page.mouse.click(canvas.x + 6, canvas.y + 6);
      await page.getByRole('tab', { name: 'Case' }).click();
      const list = page.getByTestId('saved-views');
      await list.getByRole('link', { name: 'Device farm' }).waitFor();
      await shots(page, '06-saved-view-listed');

      // A colleague's browser opens the link: the same nodes in the same places, the device still hidden.
      const other = await page.context().newPage();
      try {
        await other.setViewportSize({ width: 1440, height: 900 });
        await other.goto(`${s.base}/${href}`);
        const ids = await waitForNodes(other, (ids) => ids.length === 9, 'the saved view');
        expect(ids).not.toContain(device);
        await settle(other);
        const after = await positions(other);
        for (const n of ids) {
          expect(after[n]!.x, n).toBeCloseTo(before[n]!.x, 0);
          expect(after[n]!.y, n).toBeCloseTo(before[n]!.y, 0);
        }
        expect(await other.evaluate((n) => window.ringlensGraph!.classes(n), acc(1))).toContain('pinned');
        expect(await other.locator('.workspace__title').textContent()).toBe('View “Device farm”');
        expect(await other.getByLabel('Layout').inputValue()).toBe('concentric');
        expect(await other.getByTestId('ring-summary').textContent()).toContain(rings[0]!.id);
        await shots(other, '06-saved-view-reopened');
      } finally {
        await other.close();
      }

      // The ring's evidence report draws the view under its name: each node at its saved place, the hidden device
      // left out, in the app legend's colours.
      const report = await page.evaluate(
        (r) => fetch(`/api/rings/${r}/export?format=html`).then((x) => x.text()),
        rings[0]!.id,
      );
      // Its main picture draws the nodes the app draws for the ring: the IP all six share is not in the ring's
      // evidence, so the app leaves it out, and the report names it under the picture instead of drawing it.
      const main = report.slice(report.indexOf('<h2>Graph</h2>'), report.indexOf('<h2>Saved views'));
      const drawnInReport = [...main.matchAll(/data-node="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&#39;', "'"));
      // (The ring's own picture keeps the device the view hides.)
      expect(drawnInReport.sort()).toEqual([...Object.keys(before), device].sort());
      expect(main).toContain('not counted by detection');
      expect(main).toMatch(/<li>ip [^<]+: 6 members/);
      const figure = report.slice(report.indexOf(`data-view-id="${id}"`));
      const viewSvg = figure.slice(0, figure.indexOf('</svg>'));
      expect(viewSvg).toContain('Device farm');
      expect(viewSvg).not.toContain(`data-node="${device}"`);
      for (const n of Object.keys(before).filter((n) => n.startsWith('account:'))) {
        const at = new RegExp(
          `data-node="${n}"><title>[^<]*</title><circle cx="([-\\d.]+)" cy="([-\\d.]+)" r="17" fill="([^"]+)"`,
        ).exec(viewSvg);
        expect(at, n).not.toBeNull();
        expect(Number(at![1]), n).toBeCloseTo(before[n]!.x, 0);
        expect(Number(at![2]), n).toBeCloseTo(before[n]!.y, 0);
        expect(at![3]).toBe(KIND_STYLES.account.color);
      }

      // From the case file, the link reopens it here too; back returns to the ring.
      await list.getByRole('link', { name: 'Device farm' }).click();
      await page.locator('.workspace__title', { hasText: 'View “Device farm”' }).waitFor();
      await page.goBack();
      await waitForNodes(page, (ids) => ids.length === 10, 'the ring again');
      expect(s.errors).toEqual([]);
    });

    it('refuses a malformed view and answers 404 for an unknown one', async () => {
      const status = (path: string, body?: unknown) =>
        page.evaluate(
          async ([p, b]) => {
            if (b === undefined) return (await fetch(p)).status;
            const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
            const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
            return (await fetch(p, { method: 'POST', headers, body: JSON.stringify(b) })).status;
          },
          [path, body] as const,
        );
      const post = (body: unknown) => body;
      const ring = `/api/rings/${rings[0]!.id}/views`;
      expect(await status(ring, post({ name: 'x', state: { nodes: [] } }))).toBe(400);
      expect(await status(ring, post({ name: ' ', state: {} }))).toBe(400);
      expect(await status('/api/views/00000000-0000-4000-8000-000000000000')).toBe(404);
      expect(await status('/api/views/not-a-uuid')).toBe(400);
      // Chromium logs each refused request as a console error: these were asked for.
      s.errors.splice(0);
    });
  });

  describe('panel text', () => {
    it('says "1 IP address" and "1 account", one currency per amount, and separates the accounts that joined', async () => {
      await openRing();
      const details = page.getByTestId('details-panel');
      await page.getByRole('tab', { name: /^Members/ }).click();
      await page.getByTestId('ring-summary').getByRole('button', { name: f.ring[1]!, exact: true }).click();
      await details.getByText('Neighbours:').waitFor();
      const neighbours = await details.locator('.degree').textContent();
      expect(neighbours).toContain('1 IP address');
      expect(neighbours).toContain('1 email address');
      expect(neighbours).not.toMatch(/addresss|ip address/);
      expect(await details.textContent()).toContain('sent 120.00 USD to 1 account; received 0.00 from 0 accounts');
      await shots(page, '07-account-panel');

      await page.goto(`${s.base}/#/rings/${rings[1]!.id}`);
      const summary = page.getByTestId('ring-summary');
      await summary.getByText(rings[1]!.id).waitFor();
      await page.getByRole('tab', { name: 'Summary' }).click();
      expect(await summary.textContent()).toContain(`Joined: ${f.alias[0]}, ${f.alias[1]}`);
    });

    it("a ring's verdict can be set on its members too, and the Members tab shows theirs", async () => {
      await page.reload();
      const summary = page.getByTestId('ring-summary');
      await summary.getByText(rings[1]!.id).waitFor();
      await page.getByRole('tab', { name: 'Case' }).click();
      await summary.getByRole('button', { name: 'Confirm fraud' }).click();
      const also = summary.getByLabel('Also set on its 2 member accounts');
      expect(await also.isChecked()).toBe(true);
      await summary.getByRole('button', { name: 'Record: Confirmed fraud' }).click();
      await summary.getByTestId('members-disposition').getByText('Confirmed fraud on 2 members').waitFor();
      for (const a of f.alias) {
        const events = (await timeline(a)).filter((e) => e.kind === 'disposition');
        expect(events.map((e) => e.disposition)).toEqual(['under_review', 'confirmed_fraud']);
      }
      await page.getByRole('tab', { name: /^Members/ }).click();
      await page.waitForFunction(
        () => document.querySelectorAll('.member-list .badge--status-confirmed_fraud').length === 2,
      );
      await shots(page, '07-ring-verdict-members');
      expect(s.errors).toEqual([]);
    });
  });
});
