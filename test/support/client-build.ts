/** Builds the web app once per run into test-artifacts/client (not dist/, which belongs to `npm start`). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

export const TEST_CLIENT_DIR = join(process.cwd(), 'test-artifacts', 'client');
let built: Promise<string> | undefined;

export function buildClientOnce(): Promise<string> {
  built ??= (async () => {
    await build({
      configFile: join(process.cwd(), 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: TEST_CLIENT_DIR, emptyOutDir: true },
    });
    if (!existsSync(join(TEST_CLIENT_DIR, 'index.html'))) throw new Error('vite build produced no index.html');
    return TEST_CLIENT_DIR;
  })();
  return built;
}
