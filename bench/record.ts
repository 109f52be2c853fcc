/**
 * Writes a benchmark's figures into bench/RESULTS.md, in a section of its own between
 * `<!-- bench:ID -->` markers, stamped with the command, the date and the machine. Re-running a benchmark
 * replaces its section; other sections stay.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  let java = '';
  try {
    java = execSync('java -version 2>&1', { encoding: 'utf8' }).split('\n')[0] ?? '';
  } catch {
    java = 'no java';
  }
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${java}`;
}

export function recordResults(id: string, title: string, command: string, body: string): void {
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const section = [
    `<!-- bench:${id} -->`,
    `## ${title}`,
    '',
    `Command: \`${command}\`  `,
    `Measured: ${stamp} on ${machine()}`,
    '',
    body.trim(),
    `<!-- /bench:${id} -->`,
  ].join('\n');
  let text = existsSync(RESULTS)
    ? readFileSync(RESULTS, 'utf8')
    : '# Benchmark results\n\nEach section is written by the benchmark named in it; re-run the command to refresh it.\n';
  const re = new RegExp(`<!-- bench:${id} -->[\\s\\S]*?<!-- /bench:${id} -->`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(RESULTS, text);
  console.log(`\nRecorded in ${RESULTS} (section ${id}).`);
}
