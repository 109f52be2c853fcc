/**
 * `npx tsx scripts/load-hog.ts [--workers N] [--repeat K] -- <command> [args…]`: runs a command (K times, one after
 * the other) while N worker threads spin on the CPU, so the tests can be checked on a loaded machine the same way
 * every time (README, "Two commands": a loaded double run). The workers start before the first run and stop when the
 * last one ends; each run's exit code and the load averages seen during it are printed. Exit code: 0 when every run
 * exited 0, else the first failing run's code (1 when it was killed by a signal), 2 for bad usage.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { checkOptions, parseOptions, runMain } from './lib/cli.ts';

const HELP = `Usage: npx tsx scripts/load-hog.ts [--workers N] [--repeat K] -- <command> [args…]

Runs <command> K times in a row while N threads keep the CPU busy.
  --workers N   busy threads (default: 2 × the CPUs, ${2 * availableParallelism()} here), 1–64
  --repeat K    how many times to run the command, one after the other (default 1), 1–10
Example: npx tsx scripts/load-hog.ts --workers 4 --repeat 2 -- npm test
Exit codes: 0 every run passed, otherwise the first failing run's code; 2 bad usage.`;

const Args = z.object({
  workers: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(2 * availableParallelism()),
  repeat: z.coerce.number().int().min(1).max(10).default(1),
  command: z.array(z.string().min(1)).min(1, 'name the command to run after --'),
});

/** A thread that does nothing but arithmetic until it is terminated. */
const SPIN = 'let x = 1; for (;;) x = (Math.imul(x, 48271) + 11) | 0;';

export interface RunReport {
  /** The command's exit code (1 when a signal ended it). */
  code: number;
  /** The 1-minute load average, lowest and highest of the samples taken during the run. */
  load: { min: number; max: number };
}

/** Runs `command` `repeat` times with `workers` spinning threads; `onRun` hears of each run as it ends. */
export async function runLoaded(
  o: { workers: number; repeat: number; command: string[]; sampleMs?: number },
  onRun: (index: number, report: RunReport) => void = () => {},
): Promise<RunReport[]> {
  const spinners = Array.from({ length: o.workers }, () => new Worker(SPIN, { eval: true }));
  const reports: RunReport[] = [];
  try {
    for (let i = 0; i < o.repeat; i++) {
      const samples = [loadavg()[0]!];
      const sampler = setInterval(() => samples.push(loadavg()[0]!), o.sampleMs ?? 5000);
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(o.command[0]!, o.command.slice(1), { stdio: 'inherit' });
        child.on('error', reject);
        child.on('exit', (exitCode) => resolve(exitCode ?? 1));
      }).finally(() => clearInterval(sampler));
      samples.push(loadavg()[0]!);
      const report = { code, load: { min: Math.min(...samples), max: Math.max(...samples) } };
      reports.push(report);
      onRun(i, report);
    }
  } finally {
    await Promise.all(spinners.map((w) => w.terminate()));
  }
  return reports;
}

async function main(argv: string[]): Promise<number> {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const parsed = parseOptions(own, { workers: { type: 'string' }, repeat: { type: 'string' } });
  if (parsed.values.help) {
    console.log(HELP);
    return 0;
  }
  const args = checkOptions(Args, { ...parsed.values, command: dash < 0 ? [] : argv.slice(dash + 1) });
  const what = args.command.join(' ');
  console.error(
    `load-hog: ${args.workers} busy threads on ${availableParallelism()} CPUs; running ${args.repeat}× ${what}`,
  );
  const reports = await runLoaded(args, (i, r) =>
    console.error(
      `load-hog: run ${i + 1}/${args.repeat} of ${what} exited ${r.code}; 1-min load average ${r.load.min.toFixed(1)}–${r.load.max.toFixed(1)}`,
    ),
  );
  return reports.find((r) => r.code !== 0)?.code ?? 0;
}

if (import.meta.url === `file://${process.argv[1]}`) runMain(() => main(process.argv.slice(2)));
