import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { serve, type Served } from '../support/http.ts';
import { ARTIFACTS, launchBrowser } from '../support/browser.ts';
import { buildClientOnce } from '../support/client-build.ts';
import { connectTestDb } from '../support/neo4j.ts';

describe('web app shell in headless Chromium', () => {
  let db: Db;
  let server: Served;
  let base: string;
  let b: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const clientDir = await buildClientOnce();
    db = await connectTestDb();
    const app = createApp({ db, clientDir });
    server = await serve(app);
    base = server.base;
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await server?.close();
    await db?.close();
  });

  it('loads the built app from Express and shows Neo4j connected', async () => {
    const page = await b.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    const health = page.getByTestId('health');
    await health.waitFor();
    expect(await health.textContent()).toMatch(/Neo4j 5\.26\.\d+ \(community\) connected/);
    await page.screenshot({ path: join(ARTIFACTS, 'shell.png') });
    expect(errors).toEqual([]);
  });
});
