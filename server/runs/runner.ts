/**
 * Runs detection in the background for the API: one at a time per process (and across processes, through the
 * lock in Neo4j), with its progress kept in memory so GET /api/runs/:id can show it while it runs.
 */
import type { Db } from '../db/database.ts';
import type { DetectionSettingsInput } from '../detect/settings.ts';
import { newRunId, runDetection, type RunProgress } from './detection-service.ts';
import { acquireLock, LockBusyError } from './lock.ts';

export class DetectionRunner {
  private current?: { id: string; progress: RunProgress; done: Promise<void> };

  constructor(private readonly db: Db) {}

  /** Starts a run and returns its id once it holds the lock; throws LockBusyError when one is running. */
  async start(settings: DetectionSettingsInput = {}): Promise<string> {
    if (this.current) throw new LockBusyError('detection', this.current.id);
    // Take the shared lock here, so a run held by another process is refused now (409), not in the background.
    const id = newRunId();
    const lock = await acquireLock(this.db, 'detection', { holder: id });
    const entry = { id, progress: { phase: 'project', done: 0 } as RunProgress, done: Promise.resolve() };
    this.current = entry;
    entry.done = runDetection(this.db, { settings, runId: id, lock, onProgress: (p) => (entry.progress = p) })
      .then(
        () => undefined,
        (err: unknown) => {
          console.error(`Detection run ${id} failed: ${(err as Error).message}`);
        },
      )
      .finally(() => {
        this.current = undefined;
      });
    return id;
  }

  progressOf(id: string): RunProgress | undefined {
    return this.current?.id === id ? this.current.progress : undefined;
  }

  /** Resolves when the running detection (if any) has finished. */
  async idle(): Promise<void> {
    await this.current?.done;
  }
}
