/**
 * Case files and evidence exports in the web app end to end: the built client served by the real server against the
 * real test Neo4j (data from test/support/investigate-data.ts under a unique prefix), in headless Chromium. An
 * investigator annotates a ring (note, edit, a concurrent edit refused, tags), takes it through under_review to
 * confirmed_fraud, filters the queue, and exports the evidence bundle (checked with verifyBundle) and the view as PNG,
 * JSON and CSV; a viewer finds the export and disposition controls unusable and the API refuses a forced POST.
 * Each step leaves a screenshot in test-artifacts/screenshots/annotate-*.png; downloaded files are kept in
 * test-artifacts/downloads/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { ephemeralSecrets } from '../../server/secrets.ts';
import type { Db } from '../../server/db/database.ts';
import { verifyBundle } from '../../server/export/bundle.ts';
import { serve, type Served } from '../support/http.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import { ARTIFACTS, launchBrowser } from '../support/browser.ts';
import { buildClientOnce } from '../support/client-build.ts';
import {
  createTestRings,
  fixtureRings,
  loadInvestigateFixture,
  removeTestRings,
  type InvestigateFixture,
  type TestRing,
} from '../support/investigate-data.ts';
import { screenshots, settle, submitSignIn } from '../support/e2e.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';
import { coloursInRows, decodePng, pixelHex, type DecodedPng } from '../support/png.ts';
import { FRAUD_BORDER, KIND_STYLES, LEGIT_BORDER, PAYMENT_COLOR } from '../../contracts/kind-styles.ts';
import { FIGURE } from '../../client/src/lib/figure.ts';
import { PNG_SCALE } from '../../client/src/features/graph/cytoscape/view-capture.ts';

const shot = screenshots('annotate');

/** Where the files the browser downloaded are kept, next to the screenshots. */
const DOWNLOADS = join(ARTIFACTS, '..', 'downloads');

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(data: Uint8Array): { width: number; height: number } {
  expect([...data.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * The PNG is a figure: a title band of text above the drawing and, under a full-width separator, a legend whose
 * swatches are the app legend's colours for exactly the kinds drawn.
 */
function expectTitleAndLegend(img: DecodedPng, kinds: Set<string>): void {
  const isSeparator = (y: number) =>
    [1, img.width >> 1, img.width - 2].every((x) => pixelHex(img, x, y) === FIGURE.separator);
  let separator = -1;
  for (let y = img.height - 1; y > 0 && separator < 0; y--) if (isSeparator(y)) separator = y;
  expect(separator, 'a separator line between the drawing and the legend').toBeGreaterThan(img.height / 2);
  const legend = coloursInRows(img, separator + 1, img.height);
  const marks = new Set([FRAUD_BORDER.color, LEGIT_BORDER, PAYMENT_COLOR].map((c) => c.toUpperCase()));
  expect(kinds.size).toBeGreaterThan(1);
  for (const [kind, style] of Object.entries(KIND_STYLES)) {
    const colour = style.color.toUpperCase();
    if (kinds.has(kind)) expect(legend.get(colour) ?? 0, `${kind} in the legend`).toBeGreaterThan(20);
    else if (!marks.has(colour)) expect(legend.has(colour), `${kind} not drawn, not in the legend`).toBe(false);
  }
  // The title band: dark text on white, and no node colour (nothing drawn under it).
  const title = coloursInRows(img, 0, FIGURE.titleBand * PNG_SCALE);
  expect(title.get('#FFFFFF')! / img.width).toBeLessThan(FIGURE.titleBand * PNG_SCALE);
  for (const style of Object.values(KIND_STYLES)) expect(title.has(style.color.toUpperCase())).toBe(false);
}

describe('case files and evidence exports in headless Chromium', () => {
  const secrets = ephemeralSecrets();
  let db: Db;
  let server: Served;
  let base: string;
  let b: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let f: InvestigateFixture;
  let rings: TestRing[];
  let ring: TestRing;
  let investigator: TestUser;
  let viewer: TestUser;
  const errors: string[] = [];
  const p = uniquePrefix('e2e-ann');
  /** Failed requests Chromium logs as console errors and the test expects (401 before sign-in, forced 403s). */
  let expected: RegExp | null = /status of 401/;

  const caseFile = () => page.getByTestId('ring-summary').getByTestId('case-file');
  const timeline = () => caseFile().getByTestId('timeline');
  const row = () => page.locator(`tr[data-ring-id="${ring.id}"]`);

  /** Signs in through the form; returns the page's Content-Security-Policy. */
  async function signIn(user: TestUser): Promise<string> {
    expected = /status of 401/;
    const response = await page.goto(`${base}/`);
    await submitSignIn(page, user.username, user.password);
    await page.getByTestId('signed-in-user').waitFor();
    expected = null;
    return response?.headers()['content-security-policy'] ?? '';
  }

  async function openRing(): Promise<void> {
    await page.getByLabel('Min score').fill('99');
    // The ring is confirmed later on: closed cases only show when asked for.
    await page.getByLabel('Show closed').check();
    await row().click();
    await page.getByTestId('ring-summary').waitFor();
    await page.getByRole('tab', { name: 'Case' }).click();
    await caseFile().waitFor();
    await page.waitForFunction((n) => window.ringlensGraph?.nodeIds().length === n, 10);
    await settle(page);
  }

  /** Chooses an Export menu item (of the ring or of the current view) and returns the file the browser downloaded. */
  /** The kinds of the nodes on the canvas (a node id is `kind:key`). */
  async function drawnKinds(): Promise<Set<string>> {
    const ids = await page.evaluate(() => window.ringlensGraph!.nodeIds());
    return new Set(ids.map((id) => id.slice(0, id.indexOf(':'))));
  }

  async function exportItem(group: 'ring' | 'view', name: RegExp): Promise<{ download: Download; data: Uint8Array }> {
    await page.getByTestId('export-menu-button').click();
    const menu = page.getByRole('menu', { name: 'Export' });
    const item = menu
      .getByRole('group', { name: group === 'ring' ? `Ring ${ring.id}` : 'Current view' })
      .getByRole('menuitem', { name });
    const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
    mkdirSync(DOWNLOADS, { recursive: true });
    const path = join(DOWNLOADS, download.suggestedFilename());
    await download.saveAs(path);
    return { download, data: new Uint8Array(readFileSync(path)) };
  }

  beforeAll(async () => {
    const clientDir = await buildClientOnce();
    db = await connectTestDb();
    investigator = await createTestUser(db, 'investigator');
    viewer = await createTestUser(db, 'viewer');
    f = await loadInvestigateFixture(db, p);
    rings = fixtureRings(f);
    ring = rings[0]!;
    await createTestRings(db, rings);
    const app = createApp({ db, clientDir, secrets });
    server = await serve(app);
    base = server.base;
    b = await launchBrowser();
    page = await b.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !(expected && expected.test(m.text()))) errors.push(m.text());
    });
  });

  // A failed step leaves a picture of what the page showed.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page)
      await shot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await b?.close();
    await server?.close();
    if (db) {
      if (rings) {
        await db.write('test-annotations-delete.write', { targetIds: [...rings.map((r) => r.id), ...f.ring] });
        await removeTestRings(db, rings);
      }
      await db.write('test-ingest-cleanup.write', { prefix: p });
      await removeTestUsers(db);
      await db.close();
    }
  });

  it('shows an empty case file for an investigator, with only the first workflow step offered', async () => {
    // Downloads below run under the server's own strict policy.
    expect(await signIn(investigator)).toContain("default-src 'self'");
    await openRing();
    expect(await caseFile().getByTestId('case-status').textContent()).toBe('NewUnassigned');
    expect(await caseFile().getByText('Nothing recorded yet.').count()).toBe(1);
    const steps = caseFile().getByRole('group', { name: 'Next step' }).getByRole('button');
    expect(await steps.allTextContents()).toEqual(['Start review']);
    await shot(page, '00-empty-case-file');
  });

  it('adds a Markdown note, shows it safely, and keeps the old version when it is edited', async () => {
    const note = caseFile().getByRole('form', { name: 'New note' });
    await note
      .getByRole('textbox', { name: 'New note' })
      .fill(
        [
          'Shared **device** and card, see `pm_ring` and [the issuer](https://issuer.example/case/7).',
          '',
          '- r0 is *known fraud*',
          '- <script>window.pwned = 1</script> [bad](javascript:window.pwned=2)',
        ].join('\n'),
      );
    await note.getByText('Markdown').click();
    await note.getByRole('button', { name: 'Preview' }).click();
    await note.getByLabel('Preview').getByText('device').waitFor();
    await shot(page, '01-note-preview');
    await note.getByRole('button', { name: 'Add note' }).click();

    const thread = timeline().locator('.note-thread').first();
    await thread.getByText('added a note').waitFor();
    expect(await thread.locator('strong', { hasText: 'device' }).count()).toBe(1);
    expect(await thread.locator('code').textContent()).toBe('pm_ring');
    expect(await thread.locator('a').first().getAttribute('href')).toBe('https://issuer.example/case/7');
    // The script is shown as text; the javascript: link is not a link.
    expect(await thread.textContent()).toContain('<script>window.pwned = 1</script>');
    expect(await thread.locator('script').count()).toBe(0);
    expect(await thread.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    await thread.getByRole('button', { name: 'Edit' }).click();
    const editor = thread.getByRole('form', { name: 'Edit note' });
    await editor.getByRole('textbox').fill('Shared **device** and card; payments r1 → r2 as well.');
    await editor.getByRole('button', { name: 'Save new version' }).click();
    await thread.getByText('edited a note (version 2)').waitFor();
    expect(await thread.textContent()).toContain('payments r1 → r2 as well');
    await thread.getByText('1 earlier version').click();
    const old = thread.locator('.is-superseded');
    expect(await old.locator('del').textContent()).toContain('see pm_ring');
    await old.scrollIntoViewIfNeeded();
    await shot(page, '02-note-edited');
  });

  it('explains a conflicting edit (409) and keeps the text', async () => {
    const thread = timeline().locator('.note-thread').first();
    await thread.getByRole('button', { name: 'Edit' }).click();
    const editor = thread.getByRole('form', { name: 'Edit note' });
    await editor.getByRole('textbox').fill('My version, written while someone else edited.');
    // Meanwhile someone else saves a new version through the API.
    const items = (await (
      await fetch(`${base}/api/rings/${ring.id}/annotations`, { headers: investigator.headers })
    ).json()) as { items: Array<{ id: string; kind: string; superseded: boolean }> };
    const latest = items.items.find((a) => a.kind === 'note' && !a.superseded)!;
    const other = await fetch(`${base}/api/rings/${ring.id}/notes`, {
      method: 'POST',
      headers: investigator.json,
      body: JSON.stringify({ body: 'Their version.', supersedes: latest.id }),
    });
    expect(other.status).toBe(201);

    expected = /status of 409/;
    await editor.getByRole('button', { name: 'Save new version' }).click();
    await editor
      .getByRole('alert')
      .getByText(/Someone else edited this note/)
      .waitFor();
    expect(await editor.getByRole('textbox').inputValue()).toBe('My version, written while someone else edited.');
    await thread.getByText('edited a note (version 3)').waitFor();
    await editor.getByRole('alert').scrollIntoViewIfNeeded();
    await shot(page, '03-note-conflict');
    expected = null;
    // Saving again, now on top of their version, works.
    await editor.getByRole('button', { name: 'Save new version' }).click();
    await thread.getByText('edited a note (version 4)').waitFor();
    expect(await thread.getByText('3 earlier versions').count()).toBe(1);
  });

  it('sets tags', async () => {
    const tags = caseFile().getByTestId('tags-editor');
    const input = tags.getByRole('textbox', { name: 'New tag' });
    await input.fill('synthetic-id');
    await input.press('Enter');
    await input.fill('q4');
    await input.press('Enter');
    await tags.getByRole('button', { name: 'Save tags' }).click();
    await timeline().getByText('set the tags').waitFor();
    expect(await tags.locator('.tag').allTextContents()).toEqual(['q4×', 'synthetic-id×']);
  });

  it('moves the ring to under review with an assignee, then confirms fraud', async () => {
    const form = caseFile().getByTestId('disposition-form');
    await form.getByRole('button', { name: 'Start review' }).click();
    await form.getByRole('button', { name: 'Me' }).click();
    await form.getByLabel('Comment').fill('Taking this one.');
    await shot(page, '04-disposition-form');
    await form.getByRole('button', { name: 'Record: Under review' }).click();
    const status = caseFile().getByTestId('case-status');
    await status.getByText(`Assigned to ${investigator.username}`).waitFor();
    expect(await status.textContent()).toContain('Under review');

    const steps = form.getByRole('group', { name: 'Next step' }).getByRole('button');
    expect(await steps.allTextContents()).toEqual([
      'Confirm fraud',
      'Rule out (false positive)',
      'Escalate',
      'Reassign',
    ]);
    await form.getByRole('button', { name: 'Confirm fraud' }).click();
    await form.getByLabel('Comment').fill('Verified with the issuer.');
    await form.getByRole('button', { name: 'Record: Confirmed fraud' }).click();
    await status.getByText('Confirmed fraud').waitFor();
    // A verdict can only be reopened.
    expect(await steps.allTextContents()).toEqual(['Reopen for review', 'Reassign']);
    const header = page.getByTestId('ring-summary').locator('.details__badges');
    expect(await header.textContent()).toContain('Confirmed fraud');

    const events = timeline().locator('.tl-item--disposition');
    expect(await events.count()).toBe(2);
    expect(await events.first().textContent()).toMatch(/Under review\s*→\s*Confirmed fraud/);
    expect(await events.first().textContent()).toContain('Verified with the issuer.');
    await caseFile().scrollIntoViewIfNeeded();
    await shot(page, '05-timeline');
  });

  it('shows the disposition, assignee and tags in the queue and filters by them', async () => {
    await row().getByText('Confirmed fraud').waitFor();
    expect(await row().textContent()).toContain(investigator.username);
    expect(await row().locator('.tag').allTextContents()).toEqual(['q4', 'synthetic-id']);
    await page.getByLabel('Status').selectOption('confirmed_fraud');
    await page.locator(`tr[data-ring-id="${rings[1]!.id}"]`).waitFor({ state: 'detached' });
    await row().waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('button', { name: 'Mine' }).click();
    await page.locator(`tr[data-ring-id="${rings[1]!.id}"]`).waitFor({ state: 'detached' });
    expect(await page.getByRole('searchbox', { name: 'Assignee' }).inputValue()).toBe(investigator.username);
    await row().waitFor();
    await shot(page, '06-queue-mine');
    await page.getByRole('searchbox', { name: 'Assignee' }).fill('nobody-has-this-name');
    await row().waitFor({ state: 'detached' });
    await page.getByRole('searchbox', { name: 'Assignee' }).fill('');
    await row().waitFor();
  });

  it('exports the evidence bundle with the PNG of the view, and it verifies', async () => {
    await settle(page);
    await page.getByTestId('export-menu-button').click();
    await page.getByRole('menu', { name: 'Export' }).waitFor();
    await shot(page, '07-export-menu');
    await page.keyboard.press('Escape');

    const { download, data } = await exportItem('ring', /Evidence bundle/);
    expect(download.suggestedFilename()).toBe(`${ring.id}-evidence.zip`);
    const check = verifyBundle(data, secrets.publicKey);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.manifest?.files.map((x) => x.name)).toContain('graph.png');
    expect(check.manifest?.ring.status).toBe('confirmed_fraud');
    expect(check.manifest?.exportedBy).toBe(investigator.username);
    const files = unzipSync(data);
    expect(pngSize(files['graph.png']!).width).toBeGreaterThan(1000);
    expectTitleAndLegend(decodePng(files['graph.png']!), await drawnKinds());
    expect(strFromU8(files['annotations.json']!)).toContain('Verified with the issuer.');
    await page.getByTestId('export-status').getByText(`Saved ${ring.id}-evidence.zip`).waitFor();
    await shot(page, '08-bundle-saved');

    const report = await exportItem('ring', /Report \(HTML\)/);
    expect(report.download.suggestedFilename()).toBe(`${ring.id}-report.html`);
    const html = strFromU8(report.data);
    expect(html).toContain('Their version.');
    // The Markdown note (its first version too) rendered as in the app, everything typed into it escaped.
    expect(html).toContain('<strong>device</strong>');
    expect(html).toContain('<code>pm_ring</code>');
    expect(html).toContain('<li>r0 is <em>known fraud</em></li>');
    expect(html).toContain('&lt;script&gt;window.pwned = 1&lt;/script&gt;');
    expect(html).not.toMatch(/<script|href="javascript/i);
  });

  it('exports the current view as a high-resolution PNG, Cytoscape JSON and CSV', async () => {
    const drawn = await page.evaluate(() => {
      const g = window.ringlensGraph!;
      const xs = g.nodeIds().map((id) => g.nodeScreenPosition(id)!.x);
      return {
        nodes: g.nodeIds().length,
        edges: g.edgeIds().length,
        spread: Math.max(...xs) - Math.min(...xs),
        zoom: g.zoom(),
      };
    });
    const png = await exportItem('view', /PNG image/);
    expect(png.download.suggestedFilename()).toBe(`${ring.id}-view.png`);
    const { width, height } = pngSize(png.data);
    // Three times the drawing's own width (at least the node centres' spread, unzoomed), whatever the screen zoom.
    expect(width).toBeGreaterThanOrEqual(Math.floor((3 * drawn.spread) / drawn.zoom));
    expect(width).toBeGreaterThan(1000);
    expect(height).toBeGreaterThan(300);
    expectTitleAndLegend(decodePng(png.data), await drawnKinds());

    const json = await exportItem('view', /Cytoscape JSON/);
    expect(json.download.suggestedFilename()).toBe(`${ring.id}-view.json`);
    const doc = JSON.parse(strFromU8(json.data)) as { elements: { nodes: unknown[]; edges: unknown[] } };
    expect(doc.elements.nodes).toHaveLength(drawn.nodes);
    expect(doc.elements.edges).toHaveLength(drawn.edges);

    const nodes = strFromU8((await exportItem('view', /Nodes CSV/)).data)
      .trim()
      .split('\n');
    expect(nodes[0]).toBe('id,kind,key,label,accountLabel,sharers,x,y');
    expect(nodes).toHaveLength(drawn.nodes + 1);
    expect(nodes.join('\n')).toContain(`account:${f.ring[0]},account,${f.ring[0]}`);
  });

  it('annotates an account from its details', async () => {
    await page.getByRole('tab', { name: /^Members/ }).click();
    await page
      .getByTestId('ring-summary')
      .getByRole('button', { name: new RegExp(`${f.ring[0]}$`) })
      .click();
    const details = page.getByTestId('details-panel');
    const accountCase = details.getByTestId('case-file');
    await accountCase.waitFor();
    await accountCase.getByRole('textbox', { name: 'New note' }).fill('Opened with a stolen card.');
    await accountCase.getByRole('button', { name: 'Add note' }).click();
    const added = accountCase.getByTestId('timeline').getByText('Opened with a stolen card.');
    await added.waitFor();
    await added.scrollIntoViewIfNeeded();
    await shot(page, '10-account-case-file');
  });

  it('a viewer cannot export or set a disposition, and the API refuses when forced', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').waitFor();
    await signIn(viewer);
    await openRing();
    const exportButton = page.getByTestId('export-menu-button');
    expect(await exportButton.isDisabled()).toBe(true);
    expect(await exportButton.getAttribute('title')).toBe(
      'Exporting evidence needs the investigator role; you are signed in as a viewer.',
    );
    expect(await caseFile().getByTestId('disposition-form').count()).toBe(0);
    expect(await caseFile().textContent()).toContain(
      'Setting the disposition needs the investigator role; you are signed in as a viewer.',
    );
    expect(await caseFile().getByRole('textbox', { name: 'New note' }).count()).toBe(0);
    expect(await caseFile().getByRole('button', { name: 'Edit' }).count()).toBe(0);
    // The viewer still reads the whole case file.
    expect(await caseFile().getByTestId('case-status').textContent()).toContain('Confirmed fraud');
    expect(await timeline().locator('.tl-item').count()).toBeGreaterThanOrEqual(4);
    await caseFile().scrollIntoViewIfNeeded();
    await shot(page, '09-viewer');

    // Forced from the page with the session and its CSRF token: refused with the server's message.
    expected = /status of 403/;
    const forced = await page.evaluate(async (ringId) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const post = async (path: string, body: unknown) => {
        const res = await fetch(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as { error: { message: string } } };
      };
      return {
        disposition: await post(`/api/rings/${ringId}/disposition`, { disposition: 'under_review' }),
        export: await post(`/api/rings/${ringId}/export`, {}),
      };
    }, ring.id);
    expected = null;
    expect(forced.disposition.status).toBe(403);
    expect(forced.disposition.body.error.message).toBe(
      'Your role (viewer) cannot POST /api/rings/:targetId/disposition; it needs investigator or above.',
    );
    expect(forced.export.status).toBe(403);
    expect(errors).toEqual([]);
  });
});
