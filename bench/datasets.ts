/**
 * The generated marketplaces the benchmarks run on: `npm run generate -- --accounts N --seed S --out <dir>`, run
 * once per folder and reused afterwards (the generator is deterministic for N and S).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Generates the dataset into `dir` unless it already holds one; returns `dir`. */
export async function generatedDataset(
  dir: string,
  accounts: number,
  seed: number,
  log: (line: string) => void = (l) => console.error(l),
): Promise<string> {
  if (existsSync(join(dir, 'links.csv'))) return dir;
  log(`Generating ${accounts} accounts (seed ${seed}) …`);
  await new Promise<void>((done, fail) => {
    const args = ['--import', 'tsx', 'scripts/generate.ts', '--accounts', String(accounts), '--seed', String(seed)];
    const child = spawn(process.execPath, [...args, '--out', dir], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CI: 'true' },
    });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`npm run generate exited with ${code}.`))));
  });
  return dir;
}
