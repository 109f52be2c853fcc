/**
 * `npm run generate -- [options]`: writes a synthetic marketplace with planted fraud rings and its ground truth.
 * Exit codes: 0 written, 1 failed (e.g. cannot write the output folder), 2 bad usage.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { generateDataset } from '../server/generate/dataset.ts';
import { checkOptions, parseOptions, runMain } from './lib/cli.ts';
import { progress } from './lib/progress.ts';

const HELP = `Usage: npm run generate -- [options]

Writes a synthetic, reproducible marketplace with planted fraud rings:
  accounts.csv, links.csv, payments.csv   RingLens input files (load them with npm run load)
  ground-truth.json                       the planted rings, households and crowds (never loaded; for scoring)

All identifiers are fictional: IPs from reserved ranges, 555 phone numbers, example/random mailboxes,
payment tokens instead of card numbers. The same --seed and --accounts always give byte-identical files.

Options:
  --accounts <n>   number of accounts, 1000 to 2000000 (default 10000)
  --seed <n>       random seed, 0 to 4294967295 (default 1)
  --out <dir>      output folder (default .ringlens/demo/<accounts>-<seed>/)
  -h, --help

Exit codes: 0 written, 1 failed, 2 bad usage.`;

const Args = z.object({
  accounts: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1_000, 'must be at least 1000 (smaller marketplaces cannot hold every ring pattern)')
    .max(2_000_000, 'must be at most 2000000')
    .default(10_000),
  seed: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(4_294_967_295, 'must fit in 32 bits (at most 4294967295)')
    .default(1),
  out: z.string().min(1).optional(),
});

async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, {
    accounts: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
  });
  if (parsed.values.help) {
    console.log(HELP);
    return 0;
  }
  const { accounts, seed, out } = checkOptions(Args, parsed.values);
  const outDir = resolve(out ?? `.ringlens/demo/${accounts}-${seed}`);

  const started = Date.now();
  const bar = progress('Generating', 'accounts');
  const summary = await generateDataset({ seed, accounts, outDir, onProgress: (done) => bar.update(done, accounts) });
  bar.stop();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const rings = Object.values(summary.rings).reduce((sum, count) => sum + count, 0);
  const patterns = Object.entries(summary.rings)
    .map(([pattern, count]) => `${pattern} ${count}`)
    .join(', ');
  console.log(
    [
      `Wrote ${outDir} in ${seconds} s (seed ${seed})`,
      `  accounts.csv   ${summary.accounts.toLocaleString('en-US')} accounts`,
      `  links.csv      ${summary.links.toLocaleString('en-US')} links`,
      `  payments.csv   ${summary.payments.toLocaleString('en-US')} payments`,
      `  ground truth   ${rings} rings (${patterns}), ${summary.ringMembers} ring members, ` +
        `${summary.households} households, ${summary.crowds} crowds`,
    ].join('\n'),
  );
  return 0;
}

runMain(() => main(process.argv.slice(2)), { failed: 'Generation failed', exitCodes: [1, 2] });
