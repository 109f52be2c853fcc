/**
 * Rings and duplicate-account pairs in the web app, end to end: the built client served by the real server against
 * the real test Neo4j, in headless Chromium. The queue's Rings/Pairs switch asks the server for one kind, a pair's row
 * carries a "pair" badge, and the ring panel shows how the score adds up (reason → points, and the score with the
 * total of the points when it is not their plain sum). Screenshots in test-artifacts/screenshots/pairs-*.png.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import { ARTIFACTS, collectPageErrors, launchBrowser } from '../support/browser.ts';
import { buildClientOnce } from '../support/client-build.ts';
import {
  createTestRings,
  fixtureRings,
  loadInvestigateFixture,
  removeTestRings,
  type TestRing,
} from '../support/investigate-data.ts';
import { serve, type Served } from '../support/http.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `pairs-${name}.png`) });

describe('rings and pairs in the queue, and how the score adds up, in headless Chromium', () => {
  let db: Db;
  let served: Served;
  let base: string;
  let b: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let user: TestUser;
  let ring: TestRing;
  let pair: TestRing;
  let errors: string[] = [];
  const p = uniquePrefix('e2e-pairs');
  let expected: RegExp | null = /status of 401/;

  const queueIds = () =>
    page
      .getByTestId('ring-queue')
      .locator('tbody tr[data-ring-id]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.ringId));
  /** Waits until the queue shows exactly these rows (the request for a filter is asynchronous). */
  const waitForQueue = (ids: string[]) =>
    page.waitForFunction(
      (want) =>
        JSON.stringify(
          [...document.querySelectorAll<HTMLElement>('[data-testid="ring-queue"] tbody tr[data-ring-id]')].map(
            (r) => r.dataset.ringId,
          ),
        ) === JSON.stringify(want),
      ids,
      { timeout: 20_000 },
    );

  beforeAll(async () => {
    const clientDir = await buildClientOnce();
    db = await connectTestDb();
    user = await createTestUser(db, 'investigator');
    const f = await loadInvestigateFixture(db, p);
    // The fixture's six-account ring with points per reason (adding up to more than its score), and its two aliased
    // accounts as a duplicate-account pair.
    const [r, alias] = fixtureRings(f) as [TestRing, TestRing];
    ring = { ...r, props: { ...r.props, kind: 'ring', reasonPoints: [60, 25, 35] } };
    pair = {
      ...alias,
      id: `pair-${randomBytes(6).toString('hex')}`,
      props: {
        ...alias.props,
        kind: 'pair',
        score: 99.8,
        reasons: ['2 accounts use email address jdoe@gmail.com (used by no one else)', 'Both opened the same week'],
        reasonPoints: [70, 29.8],
      },
    };
    await createTestRings(db, [ring, pair]);
    served = await serve(createApp({ db, clientDir }));
    base = served.base;
    b = await launchBrowser();
    page = await b.context.newPage();
    errors = collectPageErrors(page, () => expected);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page)
      await shot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await b?.close();
    await served?.close();
    if (db) {
      if (ring) await removeTestRings(db, [ring, pair]);
      await db.write('test-ingest-cleanup.write', { prefix: p });
      await removeTestUsers(db);
      await db.close();
    }
  });

  it('the queue shows both kinds, marks the pair, and the Rings/Pairs switch shows one kind at a time', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-user').waitFor();
    expected = null;

    await page.getByLabel('Min score').fill('99');
    await waitForQueue([ring.id, pair.id]);
    const pairRow = page.locator(`tr[data-ring-id="${pair.id}"]`);
    const ringRow = page.locator(`tr[data-ring-id="${ring.id}"]`);
    expect(await pairRow.locator('.badge--pair').textContent()).toBe('pair');
    expect(await ringRow.locator('.badge--pair').count()).toBe(0);
    expect(await page.locator('.queue__total').textContent()).toBe('2 rings and pairs');
    await shot(page, '00-queue-both');

    // The radio buttons are visually hidden inside their labels, which are what one clicks.
    const filter = page.getByRole('radiogroup', { name: 'Show' });
    const choose = async (name: string) => {
      await filter.locator('label', { hasText: new RegExp(`^${name}$`) }).click();
      expect(await filter.getByRole('radio', { name }).isChecked()).toBe(true);
    };
    await choose('Pairs');
    await waitForQueue([pair.id]);
    expect(await page.locator('.queue__total').textContent()).toBe('1 pair');
    await shot(page, '01-queue-pairs');

    await choose('Rings');
    await waitForQueue([ring.id]);
    expect(await page.locator('.queue__total').textContent()).toBe('1 ring');

    await choose('All');
    await waitForQueue([ring.id, pair.id]);
    expect(await queueIds()).toEqual([ring.id, pair.id]);
  });

  it('the panel of a pair and of a ring says how the score adds up, with the points behind it', async () => {
    await page.locator(`tr[data-ring-id="${pair.id}"]`).click();
    const summary = page.getByTestId('ring-summary');
    await summary.getByRole('heading', { name: `Pair ${pair.id}` }).waitFor();
    const breakdown = summary.getByTestId('score-breakdown');
    expect(await summary.getByRole('heading', { name: 'How the score adds up' }).count()).toBe(1);
    expect(await breakdown.locator('tbody tr').allInnerTexts()).toEqual([
      '2 accounts use email address jdoe@gmail.com (used by no one else)\t+70',
      'Both opened the same week\t+29.8',
    ]);
    expect(await summary.getByTestId('score-breakdown-total').textContent()).toBe('99.8');
    expect(await breakdown.locator('tfoot th').textContent()).toBe('Score');
    await shot(page, '02-pair-breakdown');

    await page.locator(`tr[data-ring-id="${ring.id}"]`).click();
    await summary.getByRole('heading', { name: `Ring ${ring.id}` }).waitFor();
    expect(await summary.getByTestId('score-breakdown').locator('tbody tr td.num').allTextContents()).toEqual([
      '+60',
      '+25',
      '+35',
    ]);
    expect(await summary.getByTestId('score-breakdown').locator('tfoot th').textContent()).toBe(
      'Score (from 120 points)',
    );
    expect(await summary.getByTestId('score-breakdown-total').textContent()).toBe('99.9');
    await shot(page, '03-ring-breakdown');
    expect(errors).toEqual([]);
  });
});
