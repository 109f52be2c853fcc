/**
 * Listens and shuts down gracefully; nothing else. `npm start` (scripts/start.ts) prepares Neo4j first; running
 * this file directly expects NEO4J_URI and NEO4J_PASSWORD to point at a running Neo4j.
 */
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createApp } from './app.ts';
import { authSettingsFromConfig } from './auth/settings.ts';
import { loadConfig, type Config } from './config.ts';
import type { RefusalAudit } from './audit/refusals.ts';
import { Db, type DbOptions } from './db/database.ts';
import { loadOrCreateSecrets } from './secrets.ts';

export interface RunningServer {
  url: string;
  db: Db;
  server: Server;
  close(): Promise<void>;
}

export async function startServer(cfg: Config, dbOptions: DbOptions): Promise<RunningServer> {
  // The API retries a failing transaction for 10 s (not the driver's 30 s): while Neo4j is down, clients get a 503
  // saying so well before the request timeout.
  const db = await Db.connect({ ...dbOptions, maxRetrySeconds: dbOptions.maxRetrySeconds ?? 10 });
  await db.applySchema();
  let refusals: RefusalAudit | undefined;
  const app = createApp({
    db,
    // Generated on first start, kept under <RINGLENS_HOME>/credentials/ (mode 0600) like the other secrets.
    secrets: loadOrCreateSecrets(cfg.RINGLENS_HOME, (line) => console.log(line)),
    onRefusalAudit: (r) => (refusals = r),
    auth: authSettingsFromConfig(cfg),
    requestTimeoutMs: cfg.RINGLENS_REQUEST_TIMEOUT_SECONDS * 1000,
    trustProxy: cfg.RINGLENS_TRUST_PROXY,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(cfg.PORT, cfg.HOST, () => resolve(s));
    s.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Port ${cfg.PORT} on ${cfg.HOST} is already in use; set PORT to another one.`)
          : err,
      ),
    );
  });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((r) => server.close(() => r()));
      // The refusals counted in the window in progress go to the audit trail before the driver closes.
      await refusals?.stop().catch(() => {});
      await db.close();
    })());
  return { url: `http://${cfg.HOST}:${cfg.PORT}/`, db, server, close };
}

/** Closes HTTP and the driver on SIGINT/SIGTERM, then exits. */
export function closeOnSignals(running: RunningServer, log: (line: string) => void = console.log): void {
  const onSignal = (signal: string) => {
    log(`\n${signal} received: closing the HTTP server and the Neo4j driver …`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const cfg = loadConfig();
    if (!cfg.NEO4J_URI || !cfg.NEO4J_PASSWORD)
      throw new Error('server/index.ts needs NEO4J_URI and NEO4J_PASSWORD; use `npm start` for the local Neo4j.');
    const running = await startServer(cfg, {
      uri: cfg.NEO4J_URI,
      user: cfg.NEO4J_USER,
      password: cfg.NEO4J_PASSWORD,
      database: cfg.NEO4J_DATABASE,
    });
    closeOnSignals(running);
    console.log(`RingLens is up: ${running.url}`);
  } catch (err) {
    console.error(`RingLens could not start: ${(err as Error).message}`);
    process.exit(1);
  }
}
