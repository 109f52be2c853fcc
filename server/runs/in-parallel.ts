/** Bounded concurrency for database batches (detection's account lookups and ring writes). */

const DB_CONCURRENCY = 2;

/**
 * Runs `task(0 … count − 1)` with at most DB_CONCURRENCY at a time. Two transactions keep both of a small server's
 * cores busy (one Cypher query runs on one core) while the driver decodes; batches are independent (lookups read,
 * ring writes MERGE distinct rings), so their order does not matter.
 */
export async function inParallel(count: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(DB_CONCURRENCY, count) }, worker));
}
