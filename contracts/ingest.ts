/**
 * POST /api/ingest: records as JSON (`{ "kind": "links", "records": [ … ] }`) or NDJSON (`?kind=links`). Each record
 * is checked against the record schemas of server/ingest/schemas.ts (the file formats the CLI loads too).
 */
import { z } from 'zod';

/** The three kinds of record (and of input file) RingLens loads. */
export const RECORD_KINDS = ['accounts', 'links', 'payments'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const MAX_INGEST_RECORDS = 50_000;

export const IngestJsonBody = z.object({
  kind: z.enum(RECORD_KINDS),
  records: z.array(z.unknown()).min(1).max(MAX_INGEST_RECORDS),
});
export const IngestNdjsonQuery = z.object({ kind: z.enum(RECORD_KINDS) });

export const IngestResponse = z.object({
  kind: z.enum(RECORD_KINDS),
  rowsWritten: z.number().int(),
  nodesCreated: z.number().int(),
  relationshipsCreated: z.number().int(),
});
export type IngestResponse = z.infer<typeof IngestResponse>;
