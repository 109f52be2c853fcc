/**
 * `npm run nightly -- [options]`: the unattended nightly job (load new files, detect, compare with the previous
 * night, alert, report). Exit codes: 0 ran cleanly without new alerts, 3 (--alert-exit-code) ran cleanly with new
 * alerts, 1 failed or another nightly run is already running, 2 bad usage.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import type { Db } from '../server/db/database.ts';
import { LoadValidationError } from '../server/ingest/loader.ts';
import { formatIssue } from '../server/ingest/validate.ts';
import { reportDirFor } from '../server/nightly/report-files.ts';
import { releaseProcessLocks } from '../server/runs/nightly-locks.ts';
import { NIGHTLY_DEFAULTS, NIGHTLY_PHASES, runNightly, type NightlyEvent } from '../server/nightly/nightly-service.ts';
import { LockBusyError } from '../server/runs/lock.ts';
import { checkOptions, parseOptions, runMain } from './lib/cli.ts';
import { progress, type Progress } from './lib/progress.ts';

const D = NIGHTLY_DEFAULTS;
const HELP = `Usage: npm run nightly -- [options]

The nightly job: loads input files it has not loaded before (recognised by content hash), runs ring detection,
compares the rings with the previous nightly run (new, grown, shrunk, changed, merged, split, dissolved), raises
alerts, posts them to ALERT_WEBHOOK_URL if set, and writes <report-dir>/<date>/report.{json,md,html}.
Safe to run unattended and to re-run: a killed run started again ends as one clean run would have.

Options:
  --input <path>               a file, or a folder whose *.csv / *.ndjson / *.jsonl files are read (repeatable)
  --report-dir <dir>           where reports go (default ${D.reportDir}/)
  --date <YYYY-MM-DD>          the night this run is for (default: today, local time); one run per job and date
  --alert-threshold <score>    a new or grown ring scoring at least this alerts (default ${D.alertThreshold}, the
                               detection settings' alertThreshold)
  --fp-growth-margin <pct>     a ring marked false_positive re-alerts only if it grew by more than this percentage
                               (default ${D.fpGrowthPercent}) …
  --fp-growth-accounts <n>     … or by at least this many accounts (default ${D.fpGrowthAccounts}) since it last alerted
  --alert-exit-code <code>     exit code when there are new alerts (default ${D.alertExitCode}; 0 to treat alerts as success)
  --app-url <url>              web app address for links in reports (default ${D.appUrl})
  --skip-invalid               load the valid rows of a file with invalid ones (each rejected row is logged, counted
                               in the report and appended with its reason to <report dir>/rejects.ndjson); without it
                               one invalid row fails the run before any write
  --job <name>                 job name: runs of different jobs have separate histories (default ${D.job})
  --full-read                  read the whole graph for detection (and refresh its cache). By default detection reads
                               its cache of the last run's input plus what loads changed since (the same rings, in a
                               fraction of the time), and reads everything when the cache cannot be trusted (none yet,
                               another store, changed crowd limits, deleted data). Use it once after changing the
                               graph by other means than RingLens's loader (hand-written Cypher).
  --lock-ttl <seconds>         expiry of the nightly lock if its holder dies (default ${D.lockTtlSeconds})
  --detection-wait <seconds>   how long to wait for a detection run started elsewhere (default ${D.detectionWaitSeconds})
  --json                       structured logs: one JSON object per line on stdout
  -h, --help

Environment: ALERT_WEBHOOK_URL (optional) receives a JSON summary of the alerts, retried 3 times with backoff.
Neo4j connection as for npm start (NEO4J_URI, NEO4J_PASSWORD, …).

Exit codes: 0 ran cleanly, no new alerts; ${D.alertExitCode} ran cleanly with new alerts (--alert-exit-code); 1 failed, or
another nightly run is already running; 2 bad usage; 130 / 143 stopped by SIGINT / SIGTERM (its locks freed; run it
again to finish the night).`;

const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'a real calendar date');

const Args = z.object({
  input: z.array(z.string().min(1)).default([]),
  'report-dir': z.string().min(1).default(D.reportDir),
  date: dateString.optional(),
  'alert-threshold': z.coerce.number().min(0).max(100).default(D.alertThreshold),
  'fp-growth-margin': z.coerce.number().min(0).max(10_000).default(D.fpGrowthPercent),
  'fp-growth-accounts': z.coerce.number().int().min(1).default(D.fpGrowthAccounts),
  'alert-exit-code': z.coerce
    .number()
    .int()
    .min(0)
    .max(125)
    .refine((n) => n !== 1 && n !== 2, '1 and 2 mean failure and bad usage; pick 0 or 3–125')
    .default(D.alertExitCode),
  'app-url': z.url({ protocol: /^https?$/ }).default(D.appUrl),
  'skip-invalid': z.boolean().default(false),
  'full-read': z.boolean().default(false),
  job: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'letters, digits, dots, dashes and underscores')
    .default(D.job),
  'lock-ttl': z.coerce.number().int().min(10).max(86_400).default(D.lockTtlSeconds),
  'detection-wait': z.coerce.number().int().min(0).max(86_400).default(D.detectionWaitSeconds),
  json: z.boolean().default(false),
});

const Env = z.object({
  ALERT_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).optional(),
  RINGLENS_TEST_PAUSE_AT: z.enum(NIGHTLY_PHASES).optional(),
});

function today(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function parse(argv: string[]) {
  const parsed = parseOptions(
    argv,
    {
      input: { type: 'string', multiple: true },
      'report-dir': { type: 'string' },
      date: { type: 'string' },
      'alert-threshold': { type: 'string' },
      'fp-growth-margin': { type: 'string' },
      'fp-growth-accounts': { type: 'string' },
      'alert-exit-code': { type: 'string' },
      'app-url': { type: 'string' },
      'skip-invalid': { type: 'boolean' },
      'full-read': { type: 'boolean' },
      job: { type: 'string' },
      'lock-ttl': { type: 'string' },
      'detection-wait': { type: 'string' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (parsed.values.help) return undefined;
  // `--input a.csv b.csv`: the extra paths arrive as positionals.
  const values = { ...parsed.values, input: [...(parsed.values.input ?? []), ...parsed.positionals] };
  const args = checkOptions(Args, values);
  const env = checkOptions(Env, Object.fromEntries(Object.entries(process.env).filter(([, v]) => v)), '');
  return { args, env };
}

type Logger = ((event: NightlyEvent) => void) & { close(): void };

/**
 * Structured logs: with --json every event is one JSON line on stdout (progress at most every 2 s per step);
 * otherwise phases and messages go to stderr with a live progress bar on a terminal.
 */
function createLogger(asJson: boolean): Logger {
  const lastProgress = new Map<string, number>();
  const bars = new Map<string, Progress>();
  const stopBars = () => {
    for (const bar of bars.values()) bar.stop();
    bars.clear();
  };
  const logger = (e: NightlyEvent) => {
    if (asJson) {
      if (e.event === 'progress') {
        const key = `${String(e.phase)}:${String(e.step)}`;
        const now = Date.now();
        if (now - (lastProgress.get(key) ?? 0) < 2000) return;
        lastProgress.set(key, now);
      }
      process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...e })}\n`);
      return;
    }
    if (e.event === 'progress') {
      const key = `${String(e.phase)} ${String(e.step)}`;
      let bar = bars.get(key);
      if (!bar) {
        stopBars();
        bar = progress(key.padEnd(18), e.phase === 'load' ? 'rows' : 'items');
        bars.set(key, bar);
      }
      bar.update(Number(e.done), e.total === undefined ? undefined : Number(e.total));
      return;
    }
    if (e.level === 'debug') return;
    stopBars();
    if (e.event === 'phase.start') process.stderr.write(`▸ ${String(e.phase)}\n`);
    else process.stderr.write(`${e.level === 'error' ? 'ERROR ' : e.level === 'warn' ? '! ' : '  '}${e.message}\n`);
  };
  return Object.assign(logger, { close: stopBars });
}

let json = process.argv.includes('--json');
let log = createLogger(json);

async function main(argv: string[]): Promise<number> {
  const parsed = parse(argv);
  if (!parsed) {
    console.log(HELP);
    return 0;
  }
  const { args, env } = parsed;
  json = args.json;
  log = createLogger(json);
  const config = loadConfig();
  const db = await connect(config, (line) => log({ level: 'info', event: 'neo4j', message: line }));
  stopOnSignals(db);
  const date = args.date ?? today();
  // Rejected rows (with --skip-invalid) and their reasons, beside the night's report; appended, so a re-run that
  // finishes a killed night adds to what the killed attempt wrote.
  const reportDir = reportDirFor(args['report-dir'], args.job, date, D.job);
  const rejectsPath = join(reportDir, 'rejects.ndjson');
  let rejects: WriteStream | undefined;
  try {
    const outcome = await runNightly(
      db,
      {
        job: args.job,
        date,
        inputs: args.input,
        reportDir: args['report-dir'],
        alertThreshold: args['alert-threshold'],
        fpGrowthPercent: args['fp-growth-margin'],
        fpGrowthAccounts: args['fp-growth-accounts'],
        alertExitCode: args['alert-exit-code'],
        appUrl: args['app-url'],
        skipInvalid: args['skip-invalid'],
        lockTtlSeconds: args['lock-ttl'],
        detectionWaitSeconds: args['detection-wait'],
        inputCache: { dir: join(config.RINGLENS_HOME, 'cache'), full: args['full-read'] },
        hashMemo: join(config.RINGLENS_HOME, 'cache', 'input-hashes.json'),
        ...(env.ALERT_WEBHOOK_URL ? { webhookUrl: env.ALERT_WEBHOOK_URL } : {}),
        ...(env.RINGLENS_TEST_PAUSE_AT ? { pauseAt: env.RINGLENS_TEST_PAUSE_AT } : {}),
        onReject: (issue, raw) => {
          if (!rejects) {
            mkdirSync(reportDir, { recursive: true });
            rejects = createWriteStream(rejectsPath, { flags: 'a', mode: 0o600 });
          }
          rejects.write(`${JSON.stringify({ ...issue, message: formatIssue(issue), raw })}\n`);
          log({
            level: 'warn',
            event: 'load.reject',
            message: `rejected ${issue.file}:${issue.line} (see ${rejectsPath})`,
            ...issue,
            rejects: rejectsPath,
          });
        },
      },
      log,
    );
    log.close();
    if (!json) {
      const c = outcome.report.counts;
      console.log(
        [
          `Nightly run ${outcome.report.runId}: ${c.alerts} alert(s)${c.suppressed ? `, ${c.suppressed} suppressed false positive(s)` : ''}.`,
          `  ${c.rings} rings and ${c.pairs} duplicate-account pairs (${c.flagged} flagged): ${c.new} new, ${c.grown} grown, ${c.shrunk} shrunk, ${c.changed} changed, ${c.unchanged} unchanged; ${c.merged} merged, ${c.split} split, ${c.dissolved} dissolved`,
          ...outcome.report.alerts
            .slice(0, 10)
            .map(
              (a) => `  ${a.kind.padEnd(5)} ${a.ringKind} ${a.ringId}  score ${a.score}  ${a.size} accounts  ${a.url}`,
            ),
          `  webhook: ${outcome.report.webhook.status}`,
          `  report: ${outcome.files.html}`,
        ].join('\n'),
      );
    }
    return outcome.exitCode;
  } finally {
    log.close();
    await new Promise<void>((r) => (rejects ? rejects.end(() => r()) : r()));
    await db.close();
  }
}

/**
 * SIGTERM (a scheduler's timeout) and SIGINT (Ctrl-C) stop the run between two writes: every step is idempotent, so
 * the next run finishes the night. Before exiting, the locks this process holds are freed, so that run need not
 * wait for them to expire (on another machine) or take them over.
 */
function stopOnSignals(db: Db): void {
  let stopping = false;
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const freed = Promise.race([
        releaseProcessLocks(db),
        new Promise<string[]>((r) => setTimeout(() => r([]), 5_000)),
      ]).catch(() => [] as string[]);
      void freed.then((locks) =>
        fail(
          code,
          `Nightly run stopped by ${signal}${locks.length ? `; freed the ${locks.join(' and ')} lock` : ''}. Run it again to finish the night.`,
          {
            signal,
            locks,
          },
        ),
      );
    });
  }
}

function fail(code: number, message: string, extra: Partial<NightlyEvent> = {}): never {
  log.close();
  if (json) log({ level: 'error', event: 'nightly.failed', message, exitCode: code, ...extra });
  console.error(message);
  process.exit(code);
}

runMain(() => main(process.argv.slice(2)), {
  failed: 'Nightly run failed',
  retryHint: 'run it again: a re-run finishes what this one started.',
  // 3 is --alert-exit-code's (a clean run with alerts): every failure is 1.
  exitCodes: [1, 2],
  explain: (err) => {
    if (err instanceof LockBusyError) {
      return err.lock === 'nightly'
        ? `A nightly run is already running (lock held by ${err.holder ?? 'another process'}); this run did nothing. ` +
            'If that process died on another machine, its lock expires after --lock-ttl.'
        : `Nightly run failed: a ${err.lock} run (${err.holder ?? '?'}) is still running after --detection-wait; run the nightly job again later.`;
    }
    if (err instanceof LoadValidationError) {
      return `Nightly run failed: ${err.message}\nFix the file(s), or run with --skip-invalid; nothing was loaded.`;
    }
    return undefined;
  },
  onFailure: (failure, err) => {
    log.close();
    if (!json) return;
    const lock = err instanceof LockBusyError ? { lock: err.lock, holder: err.holder } : {};
    log({ level: 'error', event: 'nightly.failed', message: failure.message, exitCode: failure.exitCode, ...lock });
  },
});
