/** Launches Debian's chromium through playwright-core with the flags this machine needs (see DEVELOPERS.md). */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots');

/** Playwright's wait for any element, navigation or condition: generous, so a loaded machine passes too. */
export const E2E_WAIT_MS = 120_000;

/** A fresh profile each time (`--user-data-dir` through playwright's persistent context). */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ringlens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: true,
    viewport: { width: 1400, height: 900 },
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(E2E_WAIT_MS);
  context.setDefaultNavigationTimeout(E2E_WAIT_MS);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Collects the page's uncaught errors and console errors, except those `expected()` matches at the time (such as the
 * 401 Chromium logs before sign-in). A test ends with `expect(errors).toEqual([])`.
 */
export function collectPageErrors(page: Page, expected: () => RegExp | null = () => null): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    const allowed = expected();
    if (m.type() === 'error' && !(allowed && allowed.test(m.text()))) errors.push(m.text());
  });
  return errors;
}
