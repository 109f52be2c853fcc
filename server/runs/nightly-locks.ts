/**
 * The nightly job's use of the Neo4j locks (server/runs/lock.ts). Its holder names say host and pid, so a run that
 * finds a lock held by a process of this machine that no longer exists (killed, OOM, power cut) takes it over at once
 * instead of waiting for the TTL; a lock held by a live process or another machine is respected.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import { acquireLock, LockBusyError, type HeldLock } from '../runs/lock.ts';

const HOLDER = /^(?<tag>[\w.-]+)@(?<host>[^:]+):(?<pid>\d+):[0-9a-f]+$/;

export function holderName(tag: string, host = hostname(), pid = process.pid): string {
  return `${tag}@${host}:${pid}:${randomBytes(3).toString('hex')}`;
}

/** Frees every lock this process (or `pid` on `host`) holds; returns the names of the locks it freed. */
export async function releaseProcessLocks(db: Db, host = hostname(), pid = process.pid): Promise<string[]> {
  const rows = await db.write<{ name: string }>('nightly-locks-release-process.write', { marker: `@${host}:${pid}:` });
  return rows.map((r) => r.name);
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when `holder` names a process on this host that is gone. */
export function isDeadLocalHolder(
  holder: string | undefined,
  host = hostname(),
  alive: (pid: number) => boolean = pidAlive,
): boolean {
  const m = holder ? HOLDER.exec(holder) : null;
  if (!m?.groups) return false;
  return m.groups.host === host && !alive(Number(m.groups.pid));
}

export interface AcquireOptions {
  holder: string;
  ttlSeconds: number;
  /** How long to wait for a live holder to finish; 0 fails at once with LockBusyError. */
  waitSeconds: number;
  onTakeover?: (staleHolder: string) => void;
  onWait?: (holder: string | undefined) => void;
  sleep?: (ms: number) => Promise<void>;
}

export async function acquireOrTakeOver(db: Db, name: string, o: AcquireOptions): Promise<HeldLock> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + o.waitSeconds * 1000;
  let waited = false;
  for (;;) {
    try {
      return await acquireLock(db, name, { holder: o.holder, ttlSeconds: o.ttlSeconds });
    } catch (err) {
      if (!(err instanceof LockBusyError)) throw err;
      if (err.holder && isDeadLocalHolder(err.holder)) {
        await db.write('nightly-lock-expire.write', { name, holder: err.holder });
        o.onTakeover?.(err.holder);
        continue;
      }
      if (Date.now() >= deadline) throw err;
      if (!waited) o.onWait?.(err.holder);
      waited = true;
      await sleep(Math.min(2000, Math.max(100, deadline - Date.now())));
    }
  }
}
