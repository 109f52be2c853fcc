/**
 * The real app served from its own process for the API benchmarks (bench/api-load.ts, bench/expand-latency.ts), so
 * the load generator never shares its event loop, with a viewer's API token to sign requests with.
 *
 * As a child (`node --import tsx bench/app-server.ts`, BENCH_DB = the Db options as JSON): createApp with
 * authentication on and everything as in production but the per-token rate limit, on an ephemeral loopback port
 * that it prints as `PORT <n>`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../server/app.ts';
import { AuthService } from '../server/auth/service.ts';
import { Db, type DbOptions } from '../server/db/database.ts';

export interface ServedApp {
  base: string;
  /** `Authorization` header with the viewer's token. */
  headers: { authorization: string };
  /** Stops the server and removes the viewer. */
  close(): Promise<void>;
}

/** Starts the app in a child process against `options` and creates a viewer with an API token for the run. */
export async function serveApp(db: Db, options: DbOptions, name: string): Promise<ServedApp> {
  const auth = new AuthService(db);
  const username = `bench-${name}-${Date.now().toString(36)}`;
  await auth.createUser(username, 'viewer');
  const { token } = await auth.createToken(username, `${name} bench`, 1);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_DB: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.on('close', () => fail(new Error('the API server exited')));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    headers: { authorization: `Bearer ${token}` },
    close: async () => {
      child.kill('SIGTERM');
      await auth.removeUser(username);
    },
  };
}

/** Child role: serve the app on an ephemeral loopback port and print it. */
async function serve(): Promise<void> {
  const options = JSON.parse(process.env.BENCH_DB!) as DbOptions;
  const db = await Db.connect({ ...options, maxRetrySeconds: 10 });
  const app = createApp({
    db,
    clientDir: '/nonexistent',
    auth: { tokenRequests: { limit: 100_000_000, windowMs: 60_000 } },
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') console.log(`PORT ${address.port}`);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await serve();
