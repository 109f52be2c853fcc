/**
 * What `npm start` does before serving, so a new user's first screen already shows rings: load a generated demo
 * marketplace when the database has no accounts, and run detection when there is data but no finished run.
 */
import { join } from 'node:path';
import type { Config } from '../../server/config.ts';
import { Db, type DbOptions } from '../../server/db/database.ts';
import { generateDataset } from '../../server/generate/dataset.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { runDetection } from '../../server/runs/detection-service.ts';
import { ensureFirstAdmin } from './first-admin.ts';
import { progress } from './progress.ts';

export async function prepareFirstRun(cfg: Config, dbOptions: DbOptions, log: (l: string) => void): Promise<void> {
  const db = await Db.connect(dbOptions);
  try {
    await db.applySchema();
    await ensureFirstAdmin(db, cfg.RINGLENS_HOME, log);
    const [presence] = await db.read<{ hasAccounts: boolean; hasRun: boolean }>('data-presence.read');
    let hasAccounts = presence?.hasAccounts ?? false;
    if (!hasAccounts && cfg.RINGLENS_DEMO_ACCOUNTS > 0) {
      const seed = 1;
      const dir = join(cfg.RINGLENS_HOME, 'demo', `${cfg.RINGLENS_DEMO_ACCOUNTS}-${seed}`);
      log(
        `The database is empty: loading a generated demo marketplace of ${cfg.RINGLENS_DEMO_ACCOUNTS} accounts (set RINGLENS_DEMO_ACCOUNTS=0 to skip) …`,
      );
      await generateDataset({ seed, accounts: cfg.RINGLENS_DEMO_ACCOUNTS, outDir: dir });
      // Every row is checked before the first is written (a bad one would stop the load with nothing written).
      const bars = { validate: progress('Checking demo rows'), write: progress('Writing demo rows') };
      const summary = await loadSources(
        db,
        [
          await fileSource(join(dir, 'accounts.csv')),
          await fileSource(join(dir, 'links.csv')),
          await fileSource(join(dir, 'payments.csv')),
        ],
        {
          onProgress: (p) => {
            if (p.phase === 'write') bars.validate.stop();
            bars[p.phase].update(p.allRows);
          },
        },
      );
      bars.validate.stop();
      bars.write.stop();
      log(
        `Loaded ${summary.rowsWritten} rows in ${(summary.durationMs / 1000).toFixed(1)} s (ground truth: ${join(dir, 'ground-truth.json')}).`,
      );
      hasAccounts = true;
    }
    if (hasAccounts && !presence?.hasRun) {
      log('Running ring detection for the first time …');
      const run = await runDetection(db);
      log(
        `Detection found ${run.result.rings.length} rings (${run.result.counts.flagged} flagged) in ${(run.timings.total / 1000).toFixed(1)} s.`,
      );
    }
  } finally {
    await db.close();
  }
}
