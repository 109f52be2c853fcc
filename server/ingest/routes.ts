/**
 * POST /api/ingest: records as JSON (`{ "kind": "links", "records": [ … ] }`) or NDJSON
 * (`Content-Type: application/x-ndjson`, `?kind=links`). The body is size-limited; every record is validated
 * before anything is written, exactly like the CLI, and invalid input gets a 400 naming line and field.
 */
import express, { Router } from 'express';
import { createHash } from 'node:crypto';
import { audit, type AuditLog } from '../audit/service.ts';
import {
  IngestJsonBody,
  IngestNdjsonQuery,
  MAX_INGEST_RECORDS,
  type IngestResponse,
  type RecordKind,
} from '../../contracts/ingest.ts';
import type { Db } from '../db/database.ts';
import { parseInput, ValidationError } from '../errors.ts';
import { loadSources, LoadValidationError } from './loader.ts';
import { memorySource } from './sources.ts';

export const INGEST_BODY_LIMIT = '10mb';

export function ingestRoutes(db: Db, auditLog: AuditLog): Router {
  const router = Router();
  router.post(
    '/ingest',
    express.json({ limit: INGEST_BODY_LIMIT }),
    express.text({ type: ['application/x-ndjson', 'application/jsonl'], limit: INGEST_BODY_LIMIT }),
    async (req, res) => {
      let kind: RecordKind;
      let records: unknown[];
      let bodyText: string;
      if (typeof req.body === 'string') {
        ({ kind } = parseInput(IngestNdjsonQuery, req.query, 'query'));
        bodyText = req.body;
        records = [];
        const lines = req.body.split('\n');
        for (const [i, text] of lines.entries()) {
          if (text.trim() === '') continue;
          try {
            records.push(JSON.parse(text));
          } catch {
            throw new ValidationError(`Line ${i + 1} of the body is not valid JSON.`, [
              { path: `line ${i + 1}`, message: 'not valid JSON' },
            ]);
          }
        }
        if (records.length > MAX_INGEST_RECORDS)
          throw new ValidationError(`At most ${MAX_INGEST_RECORDS} records per request.`);
      } else {
        ({ kind, records } = parseInput(IngestJsonBody, req.body, 'body'));
        bodyText = JSON.stringify(req.body);
      }
      const sha256 = createHash('sha256').update(bodyText).digest('hex');
      try {
        const summary = await loadSources(db, [memorySource('request', kind, records, sha256)]);
        await audit(auditLog, req, {
          action: 'ingest',
          objectType: 'records',
          objectId: sha256,
          details: { kind, records: records.length, rowsWritten: summary.rowsWritten },
        });
        const response: IngestResponse = {
          kind,
          rowsWritten: summary.rowsWritten,
          nodesCreated: summary.stats.nodesCreated,
          relationshipsCreated: summary.stats.relationshipsCreated,
        };
        res.json(response);
      } catch (err) {
        if (err instanceof LoadValidationError) {
          await audit(auditLog, req, {
            action: 'ingest',
            objectType: 'records',
            objectId: sha256,
            outcome: 'failure',
            details: { kind, records: records.length, invalid: err.total },
          });
          throw new ValidationError(
            `${err.total} invalid record(s); nothing was written.`,
            err.issues.map((i) => ({
              path: `records[${i.line - 1}]${i.field ? `.${i.field}` : ''}`,
              message: i.reason,
            })),
          );
        }
        throw err;
      }
    },
  );
  return router;
}
