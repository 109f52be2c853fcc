/**
 * scripts/load-hog.ts: the command runs the asked number of times, one after the other, with its exit codes
 * reported, while the hog's threads really burn CPU (a child waits until its parent has used half a CPU-second).
 */
import { describe, expect, it } from 'vitest';
import { runLoaded } from '../../../scripts/load-hog.ts';

const node = (code: string) => [process.execPath, '-e', code];

/**
 * Exits 0 once the parent process (the hog) has used 0.5 s of CPU since the child started, 1 if that has not happened
 * within two minutes (a guard: an idle parent never gets there). Linux: reads utime + stime from /proc/<ppid>/stat.
 */
const WAIT_FOR_PARENT_CPU = `
const fs = require('node:fs');
const ticks = () => {
  const f = fs.readFileSync('/proc/' + process.ppid + '/stat', 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
};
const start = ticks();
const giveUp = Date.now() + 120000;
setInterval(() => {
  if (ticks() - start >= 50) process.exit(0);
  if (Date.now() > giveUp) process.exit(1);
}, 100);
`;

describe('load-hog', () => {
  it('runs the command the asked number of times and reports each exit code', async () => {
    const seen: number[] = [];
    const reports = await runLoaded({ workers: 1, repeat: 2, command: node('process.exit(3)') }, (i) => seen.push(i));
    expect(reports.map((r) => r.code)).toEqual([3, 3]);
    expect(seen).toEqual([0, 1]);
    for (const r of reports) expect(r.load.max).toBeGreaterThanOrEqual(r.load.min);
  });

  it('keeps the CPU busy while the command runs', async () => {
    const [report] = await runLoaded({ workers: 1, repeat: 1, command: node(WAIT_FOR_PARENT_CPU) });
    expect(report?.code).toBe(0);
  });
});
