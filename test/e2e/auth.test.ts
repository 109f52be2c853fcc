/**
 * Signing in through the real web app in headless Chromium, served by the real server with its strict
 * Content-Security-Policy: the sign-in form, a wrong and a right password, the session cookie's flags, the workbench
 * (with Cytoscape) loading without a single CSP violation or 401, signing out, and a viewer's browser session being
 * refused admin and investigator actions by the API. Screenshots: test-artifacts/screenshots/auth-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { serve, type Served } from '../support/http.ts';
import { createTestUser, removeTestUsers, type TestUser } from '../support/auth.ts';
import { ARTIFACTS, launchBrowser } from '../support/browser.ts';
import { buildClientOnce } from '../support/client-build.ts';
import { submitSignIn } from '../support/e2e.ts';
import { connectTestDb } from '../support/neo4j.ts';

interface Watch {
  csp: string[];
  errors: string[];
  unauthorized: string[];
}

/** A page that records CSP violations (console and securitypolicyviolation events), page errors and 401s. */
async function watchedPage(b: Awaited<ReturnType<typeof launchBrowser>>): Promise<{ page: Page; seen: Watch }> {
  const page = await b.context.newPage();
  const seen: Watch = { csp: [], errors: [], unauthorized: [] };
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.csp.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() === 401) seen.unauthorized.push(new URL(r.url()).pathname);
  });
  return { page, seen };
}

/** fetch from inside the page: the browser adds its cookie and Origin, as the app's own calls would. */
const fetchInPage = (page: Page, method: string, path: string) =>
  page.evaluate(
    async ([m, p]) => {
      const res = await fetch(p!, {
        method: m,
        headers: { 'content-type': 'application/json' },
        body: m === 'GET' ? undefined : '{}',
      });
      return { status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code };
    },
    [method, path],
  );

describe('signing in to the web app in headless Chromium', () => {
  let db: Db;
  let server: Served;
  let base: string;
  let b: Awaited<ReturnType<typeof launchBrowser>>;
  let admin: TestUser;
  let viewer: TestUser;

  beforeAll(async () => {
    const clientDir = await buildClientOnce();
    db = await connectTestDb();
    admin = await createTestUser(db, 'admin');
    viewer = await createTestUser(db, 'viewer');
    const app = createApp({ db, clientDir });
    server = await serve(app);
    base = server.base;
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await server?.close();
    if (db) await removeTestUsers(db);
    await db?.close();
  });

  it('signs in through the form, loads the workbench under the strict CSP, and signs out', async () => {
    const { page, seen } = await watchedPage(b);
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);

    await submitSignIn(page, admin.username, 'not-the-password');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Wrong username or password.');
    await page.screenshot({ path: join(ARTIFACTS, 'auth-wrong-password.png') });

    await submitSignIn(page, admin.username, admin.password);
    const who = page.getByTestId('signed-in-user');
    await who.waitFor();
    expect(await who.textContent()).toContain(admin.username);
    expect(await who.textContent()).toContain('admin');
    // The workbench is up: Cytoscape created its graph (the test handle appears) and the ring queue answered.
    await page.waitForFunction(() => 'ringlensGraph' in window);
    await page.getByTestId('ring-queue').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(ARTIFACTS, 'auth-signed-in.png') });

    const cookies = await b.context.cookies(base);
    const session = cookies.find((c) => c.name === 'ringlens_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('ringlens_session');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await fetchInPage(page, 'GET', '/api/auth/me')).status).toBe(401);

    expect(seen.csp).toEqual([]);
    expect(seen.errors).toEqual([]);
    // 401s only from the checks made while signed out (first load, the wrong password, after sign-out).
    expect(seen.unauthorized.every((p) => p === '/api/auth/me' || p === '/api/auth/login')).toBe(true);
  });

  it("refuses a viewer's browser session what needs admin or investigator (403), while reads work", async () => {
    const { page, seen } = await watchedPage(b);
    await page.goto(`${base}/`);
    await submitSignIn(page, viewer.username, viewer.password);
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toContain('viewer');
    await page.getByTestId('ring-queue').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'auth-viewer.png') });

    expect(await fetchInPage(page, 'GET', '/api/rings')).toMatchObject({ status: 200 });
    // Same-origin requests from the app's own page pass the CSRF check, so the role decides.
    expect(await fetchInPage(page, 'POST', '/api/detect')).toEqual({ status: 403, code: 'forbidden' });
    expect(await fetchInPage(page, 'POST', '/api/ingest')).toEqual({ status: 403, code: 'forbidden' });
    expect(await fetchInPage(page, 'GET', '/api/rings/ring-000000000000/export?format=json')).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(await fetchInPage(page, 'POST', '/api/rings/ring-000000000000/notes')).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(seen.csp).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
