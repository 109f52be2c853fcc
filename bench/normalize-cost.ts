/**
 * What checking a link row costs, per identifier kind: `validateRecord` (the loader's and the bulk converter's check:
 * schema fast path, normalisation) on the first N rows of a links file, and for phone rows libphonenumber alone
 * (`parsePhone`) against `normalizePhone` with its North American shortcut.
 *
 *   npx tsx bench/normalize-cost.ts [--links FILE] [--rows 300000] [--repeat 3]
 *
 * FILE defaults to the generated 1M set's links.csv (`npm run generate -- --accounts 1000000 --seed 1`, generated on
 * first use). Each kind is timed `repeat` times after one warm-up pass; the best pass counts (least disturbed by
 * other work on the machine).
 */
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { normalizePhone, parsePhone } from '../server/ingest/normalize.ts';
import { readRecordBatches } from '../server/ingest/readers.ts';
import { validateRecord } from '../server/ingest/validate.ts';
import { generatedDataset } from './datasets.ts';
import { recordResults } from './record.ts';

const { values } = parseArgs({
  options: {
    links: { type: 'string' },
    rows: { type: 'string', default: '300000' },
    repeat: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('Usage: npx tsx bench/normalize-cost.ts [--links FILE] [--rows 300000] [--repeat 3]');
  process.exit(0);
}

async function main(): Promise<void> {
  const file =
    values.links ?? join(await generatedDataset(resolve('.ringlens/bench/gen-1000000-1'), 1_000_000, 1), 'links.csv');
  const limit = Number(values.rows);
  const repeat = Math.max(1, Number(values.repeat));
  const byKind = new Map<string, Array<{ line: number; raw: Record<string, unknown> }>>();
  let read = 0;
  outer: for await (const batch of readRecordBatches(file)) {
    for (const r of batch) {
      if (read++ >= limit) break outer;
      if (!r.raw) continue;
      const kind = String(r.raw.kind);
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind)!.push({ line: r.line, raw: r.raw });
    }
  }
  const best = (rows: number, work: () => void): number => {
    work();
    let min = Infinity;
    for (let i = 0; i < repeat; i++) {
      const t = performance.now();
      work();
      min = Math.min(min, performance.now() - t);
    }
    return (min * 1000) / rows;
  };
  const lines: string[] = ['| kind | rows | µs a row (validateRecord) |', '| --- | ---: | ---: |'];
  let total = 0;
  let rows = 0;
  for (const [kind, list] of [...byKind].sort()) {
    const us = best(list.length, () => {
      for (const r of list) validateRecord('links', r.raw, { file: 'links', line: r.line });
    });
    total += us * list.length;
    rows += list.length;
    lines.push(`| ${kind} | ${list.length} | ${us.toFixed(2)} |`);
    console.log(`${kind}: ${list.length} rows, ${us.toFixed(2)} µs a row`);
  }
  lines.push(`| **all** | ${rows} | ${(total / rows).toFixed(2)} |`);
  const phones = (byKind.get('phone') ?? []).map((r) => String(r.raw.value ?? r.raw.key ?? '').trim());
  const slow = best(phones.length, () => phones.forEach((p) => parsePhone(p, 'US')));
  const fast = best(phones.length, () => phones.forEach((p) => normalizePhone(p)));
  console.log(`phones: libphonenumber ${slow.toFixed(2)} µs, normalizePhone ${fast.toFixed(2)} µs`);
  const body = [
    `Input: the first ${limit} rows of \`${file.replace(`${resolve('.')}/`, '')}\`; best of ${repeat} passes after a warm-up.`,
    '',
    ...lines,
    '',
    `Phone values alone (${phones.length}): libphonenumber's parse (\`parsePhone\`) ${slow.toFixed(2)} µs a value, \`normalizePhone\` (North American shortcut, else the parse) ${fast.toFixed(2)} µs.`,
    `Load average when done: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min) on ${cpus().length} cores.`,
  ].join('\n');
  recordResults(
    'normalize-cost',
    'Checking a link row, per identifier kind',
    `npx tsx bench/normalize-cost.ts${values.links ? ` --links ${values.links}` : ''} --rows ${limit} --repeat ${repeat}`,
    body,
  );
}

await main();
