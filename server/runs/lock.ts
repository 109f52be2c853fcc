/**
 * A named lock in Neo4j, so that two detection (or nightly) runs never overlap — even from different processes or
 * machines. It expires: a holder that died without releasing it blocks others only until its TTL runs out; a live
 * holder renews it on a heartbeat.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';

export class LockBusyError extends Error {
  override name = 'LockBusyError';
  readonly exitCode = 4;
  readonly retriable = true;
  constructor(
    readonly lock: string,
    readonly holder: string | undefined,
  ) {
    super(`Another ${lock} run is already in progress${holder ? ` (held by ${holder})` : ''}.`);
  }
}

export interface HeldLock {
  holder: string;
  release(): Promise<void>;
}

export async function acquireLock(
  db: Db,
  name: string,
  opts: { ttlSeconds?: number; holder?: string } = {},
): Promise<HeldLock> {
  const ttlSeconds = opts.ttlSeconds ?? 120;
  const holder = opts.holder ?? `${process.pid}@${randomUUID().slice(0, 8)}`;
  const got = await db.write<{ holder: string }>('lock-acquire.write', { name, holder, ttlSeconds });
  if (got.length === 0) {
    const [current] = await db.read<{ holder: string }>('lock-holder.read', { name });
    throw new LockBusyError(name, current?.holder);
  }
  const timer = setInterval(
    () => {
      db.write('lock-renew.write', { name, holder, ttlSeconds }).catch(() => {
        // A missed heartbeat is retried at the next tick; the TTL leaves room for several.
      });
    },
    Math.max(1000, (ttlSeconds * 1000) / 4),
  );
  timer.unref();
  let released = false;
  return {
    holder,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await db.write('lock-release.write', { name, holder });
    },
  };
}
