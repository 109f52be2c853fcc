import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { ARTIFACTS, launchBrowser } from '../support/browser.ts';
import { buildClientOnce } from '../support/client-build.ts';
import { connectTestDb } from '../support/neo4j.ts';

describe('web app shell in headless Chromium', () => {
  let db: Db;
  let server: Server;
  let base: string;
  let b: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const clientDir = await buildClientOnce();
    db = await connectTestDb();
    const app = createApp({ db, clientDir });
    server = await new Promise<Server>((r) => {
      const s = app.listen(0, '127.0.0.1', () => r(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await new Promise((r) => server?.close(r));
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
