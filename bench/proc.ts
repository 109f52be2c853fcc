/**
 * Memory and process-tree readings from /proc (Linux), for the benchmarks that sample their children.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** A memory field of /proc/PID/status (VmRSS: resident now; VmHWM: peak resident), in MiB; 0 when the process is gone. */
export function procMemMiB(pid: number | string, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Every running process's parent pid (processes that end during the scan are left out). */
export function processParents(): Map<number, number> {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // The command name (in parentheses) may hold spaces: the fields after its closing one are state, then ppid.
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  return parent;
}
