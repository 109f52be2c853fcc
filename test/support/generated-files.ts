// Reading what a synthetic-data generator wrote, as the loader would: shared by the tests of both generators.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../server/db/database.ts';
import { loadSources } from '../../server/ingest/loader.ts';
import { readRecords } from '../../server/ingest/readers.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import type { RecordKind } from '../../server/ingest/schemas.ts';
import { validateRecord, type Issue, type ValidRecord } from '../../server/ingest/validate.ts';

/** SHA-256 of each file, to compare two generated datasets byte for byte. */
export function digests(dir: string, files: readonly string[]): Promise<string[]> {
  return Promise.all(
    files.map(async (file) =>
      createHash('sha256')
        .update(await readFile(join(dir, file)))
        .digest('hex'),
    ),
  );
}

/** Every record of a generated `<kind>.csv`, validated and normalised exactly as the loader would. */
export async function loadGenerated<K extends RecordKind>(
  dir: string,
  kind: K,
): Promise<{ records: ValidRecord<K>[]; issues: Issue[] }> {
  const records: ValidRecord<K>[] = [];
  const issues: Issue[] = [];
  const file = `${kind}.csv`;
  for await (const row of readRecords(join(dir, file))) {
    if (!row.raw) {
      issues.push({ file, line: row.line, reason: row.error });
      continue;
    }
    const verdict = validateRecord(kind, row.raw, { file, line: row.line });
    if (verdict.ok) records.push(verdict.record);
    else issues.push(verdict.error);
  }
  return { records, issues };
}

/** Loads a generated dataset's three files into the test database; returns its account ids (for the clean-up). */
export async function loadGeneratedDataset(
  db: Db,
  files: { accounts: string; links: string; payments: string },
): Promise<string[]> {
  await loadSources(db, [
    await fileSource(files.accounts),
    await fileSource(files.links),
    await fileSource(files.payments),
  ]);
  return (await readFile(files.accounts, 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]!);
}
