// The batch loader: validated, normalised rows in, batched `UNWIND … MERGE` writes out.
//
// - By default every source is validated completely before the first write: one bad row stops the load with a
//   report naming file, line, field and reason, and nothing is written. `skipInvalid` writes the valid rows and
//   hands the rejected ones (with reasons) to `onReject`.
// - Writes are idempotent at the row level (see cypher/links-upsert-*.write.cypher): loading a file twice, or
//   re-running a load that was killed half-way, ends in exactly the state of one clean load.
// - Each batch is one `executeWrite` transaction, retried by the driver on transient errors (Neo4j restarting). A
//   restart can outlast the driver's retry window (30 s), so a batch that still finds Neo4j unavailable is written
//   again, a few times, after a pause — safe because every batch is idempotent.
// - Query shapes are fixed (one per record kind and identifier label) so Neo4j caches their plans.
import { isUnavailable, type Db, type WriteStats } from '../db/database.ts';
import type { NormalizeOptions } from './normalize.ts';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../contracts/vocabulary.ts';
import type { RecordKind } from './schemas.ts';
import type { Source, SourceRow } from './sources.ts';
import { contentHash } from './sources.ts';
import { formatIssue, validateRecord, type Issue, type NormalizedLink } from './validate.ts';
import type { AccountRecord, PaymentRecord } from './schemas.ts';

export const LOAD_DEFAULTS = {
  batchSize: 10_000,
  maxReportedErrors: 20,
  skipInvalid: false,
  /** Skip sources whose content hash was recorded as completely loaded before. */
  skipLoadedFiles: false,
  /** Times a batch is written when Neo4j stays unavailable past the driver's own retries, and the pause between. */
  unavailableAttempts: 4,
  unavailablePauseMs: 5_000,
};

/** Writes a batch, again when Neo4j is still unavailable after the driver's retries (a restart in progress). */
async function writeBatch(db: Db, batch: Batch): Promise<WriteStats> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await batch.write(db);
    } catch (err) {
      if (!isUnavailable(err) || attempt >= LOAD_DEFAULTS.unavailableAttempts) throw err;
      await new Promise((r) => setTimeout(r, LOAD_DEFAULTS.unavailablePauseMs));
    }
  }
}

/** Identifier label per link kind: the whitelist that keeps labels out of user input. */
const LINK_QUERY: Record<IdentifierKind, string> = {
  device: 'links-upsert-device.write',
  payment: 'links-upsert-payment.write',
  ip: 'links-upsert-ip.write',
  email: 'links-upsert-email.write',
  phone: 'links-upsert-phone.write',
  address: 'links-upsert-address.write',
};

export interface LoadOptions {
  batchSize?: number;
  skipInvalid?: boolean;
  maxReportedErrors?: number;
  skipLoadedFiles?: boolean;
  normalize?: NormalizeOptions;
  onReject?: (issue: Issue, raw: Record<string, unknown> | undefined) => void;
  /**
   * Every 5,000 rows and at the end of each source: `rows` read so far from `source`, `allRows` from all sources so
   * far in this phase (validation reads them all first, then writing reads them again).
   */
  onProgress?: (p: { phase: 'validate' | 'write'; source: string; rows: number; allRows: number }) => void;
}

export interface LoadSummary {
  sources: Array<{ name: string; sha256: string; skipped: boolean; rows: number }>;
  rowsRead: number;
  rowsWritten: number;
  rowsRejected: number;
  byKind: Record<RecordKind, number>;
  stats: WriteStats;
  batches: number;
  durationMs: number;
}

/** The input has invalid rows and nothing was written. */
export class LoadValidationError extends Error {
  override name = 'LoadValidationError';
  readonly exitCode = 3;
  readonly retriable = false;
  constructor(
    readonly issues: Issue[],
    readonly total: number,
  ) {
    const shown = issues.map((i) => `  ${formatIssue(i)}`).join('\n');
    const more = total > issues.length ? `\n  … and ${total - issues.length} more` : '';
    super(`${total} invalid row(s); nothing was written (use --skip-invalid to load the valid rows):\n${shown}${more}`);
  }
}

export type Validated =
  | { ok: true; kind: 'accounts'; record: AccountRecord }
  | { ok: true; kind: 'links'; record: NormalizedLink }
  | { ok: true; kind: 'payments'; record: PaymentRecord }
  | { ok: false; issue: Issue; raw?: Record<string, unknown> };

/** One source row through the loader's validation and normalisation (also used by the bulk converter). */
export function checkRow(row: SourceRow, normalize?: NormalizeOptions): Validated {
  if (!row.raw) return { ok: false, issue: { file: row.file, line: row.line, reason: row.error } };
  const r = validateRecord(row.kind, row.raw, { file: row.file, line: row.line, normalize });
  if (!r.ok) return { ok: false, issue: r.error, raw: row.raw };
  return { ok: true, kind: row.kind, record: r.record } as Validated;
}

/** Validates every row of every source without writing; returns the issues (first `max`) and their count. */
export async function validateSources(
  sources: Source[],
  opts: Pick<LoadOptions, 'normalize' | 'onProgress' | 'maxReportedErrors'> = {},
): Promise<{ issues: Issue[]; total: number; rows: number }> {
  const max = opts.maxReportedErrors ?? LOAD_DEFAULTS.maxReportedErrors;
  const issues: Issue[] = [];
  let total = 0;
  let rows = 0;
  for (const source of sources) {
    let own = 0;
    for await (const row of source.rows()) {
      rows++;
      own++;
      const v = checkRow(row, opts.normalize);
      if (!v.ok) {
        total++;
        if (issues.length < max) issues.push(v.issue);
      }
      if (own % 5000 === 0) opts.onProgress?.({ phase: 'validate', source: source.name, rows: own, allRows: rows });
    }
    opts.onProgress?.({ phase: 'validate', source: source.name, rows: own, allRows: rows });
  }
  return { issues, total, rows };
}

const emptyStats = (): WriteStats => ({
  nodesCreated: 0,
  nodesDeleted: 0,
  relationshipsCreated: 0,
  relationshipsDeleted: 0,
  propertiesSet: 0,
});

function addStats(into: WriteStats, s: WriteStats): void {
  into.nodesCreated += s.nodesCreated;
  into.nodesDeleted += s.nodesDeleted;
  into.relationshipsCreated += s.relationshipsCreated;
  into.relationshipsDeleted += s.relationshipsDeleted;
  into.propertiesSet += s.propertiesSet;
}

/**
 * Parameters of the batched queries, in the shape the Cypher expects. Rows for the same relationship are merged
 * here (distinct sighting / payment times), because rows of one UNWIND do not see each other's SETs.
 */
class Batch {
  accounts = new Map<string, Record<string, unknown>>();
  links = new Map<
    IdentifierKind,
    Map<string, { account: string; key: string; times: Set<number> } & Record<string, unknown>>
  >();
  payments = new Map<
    string,
    { payer: string; payee: string; currency: string; events: Map<string, { at: number; amount: number }> }
  >();
  size = 0;

  add(v: Extract<Validated, { ok: true }>): void {
    this.size++;
    if (v.kind === 'accounts') {
      const a = v.record;
      // A second row for the account in the same batch merges as the upsert's SET would across batches (label
      // replaced, absent fields kept), so the result does not depend on where batch boundaries fall.
      const prev = this.accounts.get(a.id);
      this.accounts.set(a.id, {
        id: a.id,
        label: a.label,
        createdAt: a.created_at ?? prev?.createdAt ?? null,
        type: a.type ?? prev?.type ?? null,
        country: a.country ?? prev?.country ?? null,
        status: a.status ?? prev?.status ?? null,
      });
    } else if (v.kind === 'links') {
      const l = v.record;
      let rows = this.links.get(l.kind);
      if (!rows) this.links.set(l.kind, (rows = new Map()));
      const id = `${l.account_id}\u0000${l.key}`;
      let row = rows.get(id);
      if (!row) {
        row = {
          account: l.account_id,
          key: l.key,
          times: new Set(),
          display: l.display ?? null,
          bin: l.bin ?? null,
          last4: l.last4 ?? null,
          issuerCountry: l.issuer_country ?? null,
        };
        rows.set(id, row);
      }
      row.times.add(Date.parse(l.seen_at));
    } else {
      const p = v.record;
      const id = `${p.payer}\u0000${p.payee}\u0000${p.currency}`;
      let row = this.payments.get(id);
      if (!row)
        this.payments.set(id, (row = { payer: p.payer, payee: p.payee, currency: p.currency, events: new Map() }));
      // A payment's identity is its source id, else its time: a repeated identity is a replay and adds nothing.
      const at = Date.parse(p.at);
      const key = p.id !== undefined ? `id:${p.id}` : `t:${at}`;
      if (!row.events.has(key)) row.events.set(key, { at, amount: p.amount });
    }
  }

  async write(db: Db): Promise<WriteStats> {
    const accounts = [...this.accounts.values()];
    const links = [...this.links].map(([kind, rows]) => ({
      query: LINK_QUERY[kind],
      rows: [...rows.values()].map((r) => ({ ...r, times: [...r.times] })),
    }));
    const payments = [...this.payments.values()].map((p) => ({
      payer: p.payer,
      payee: p.payee,
      currency: p.currency,
      events: [...p.events].map(([key, e]) => ({ key, at: e.at, amount: e.amount })),
    }));
    // What the batch touched, for incremental detection (server/runs/input-cache.ts): written in the same
    // transaction, so a committed batch always has its record and a rolled-back one has none.
    const change: Record<string, unknown> = {};
    const touched = new Set<string>(this.accounts.keys());
    for (const kind of IDENTIFIER_KINDS) {
      const rows = this.links.get(kind);
      change[kind] = rows ? [...new Set([...rows.values()].map((r) => r.key))] : [];
      for (const r of rows?.values() ?? []) touched.add(r.account);
    }
    change.accounts = [...touched];
    change.payers = [...new Set([...this.payments.values()].map((p) => p.payer))];
    return db.writeTx(async (tx) => {
      const stats = emptyStats();
      if (accounts.length) addStats(stats, (await tx.runWithStats('accounts-upsert.write', { rows: accounts })).stats);
      for (const l of links) addStats(stats, (await tx.runWithStats(l.query, { rows: l.rows })).stats);
      if (payments.length) addStats(stats, (await tx.runWithStats('payments-upsert.write', { rows: payments })).stats);
      await tx.run('ingest-change-record.write', change);
      return stats;
    });
  }
}

/**
 * Loads the sources. Throws LoadValidationError (nothing written) when a row is invalid and `skipInvalid` is off.
 */
export async function loadSources(db: Db, sources: Source[], opts: LoadOptions = {}): Promise<LoadSummary> {
  const started = Date.now();
  const batchSize = opts.batchSize ?? LOAD_DEFAULTS.batchSize;
  const skipInvalid = opts.skipInvalid ?? LOAD_DEFAULTS.skipInvalid;
  if (!skipInvalid) {
    const v = await validateSources(sources, opts);
    if (v.total > 0) throw new LoadValidationError(v.issues, v.total);
  }

  const summary: LoadSummary = {
    sources: [],
    rowsRead: 0,
    rowsWritten: 0,
    rowsRejected: 0,
    byKind: { accounts: 0, links: 0, payments: 0 },
    stats: emptyStats(),
    batches: 0,
    durationMs: 0,
  };

  for (const source of sources) {
    const sha256 = await contentHash(source);
    if (opts.skipLoadedFiles ?? LOAD_DEFAULTS.skipLoadedFiles) {
      const [done] = await db.read('ingest-file-loaded.read', { sha256 });
      if (done) {
        summary.sources.push({ name: source.name, sha256, skipped: true, rows: 0 });
        continue;
      }
    }
    let rows = 0;
    let rejected = 0;
    let batch = new Batch();
    // Writing batch N overlaps with reading and validating batch N+1.
    let pending: Promise<void> | undefined;
    const flush = async () => {
      if (batch.size === 0) return;
      const b = batch;
      batch = new Batch();
      await pending;
      pending = writeBatch(db, b).then((s) => {
        addStats(summary.stats, s);
        summary.rowsWritten += b.size;
        summary.batches++;
      });
      // Observed at the next flush; this only stops Node from calling the rejection unhandled in the meantime.
      pending.catch(() => {});
    };
    for await (const row of source.rows()) {
      rows++;
      summary.rowsRead++;
      const v = checkRow(row, opts.normalize);
      if (!v.ok) {
        rejected++;
        summary.rowsRejected++;
        opts.onReject?.(v.issue, v.raw);
        continue;
      }
      summary.byKind[v.kind]++;
      batch.add(v);
      if (batch.size >= batchSize) await flush();
      if (rows % 5000 === 0)
        opts.onProgress?.({ phase: 'write', source: source.name, rows, allRows: summary.rowsRead });
    }
    await flush();
    await pending;
    opts.onProgress?.({ phase: 'write', source: source.name, rows, allRows: summary.rowsRead });
    // Recorded only after the last batch committed: a killed load leaves no record and is simply run again.
    await db.write('ingest-file-record.write', { sha256, name: source.name, rows, rejected });
    summary.sources.push({ name: source.name, sha256, skipped: false, rows });
  }
  summary.durationMs = Date.now() - started;
  return summary;
}
