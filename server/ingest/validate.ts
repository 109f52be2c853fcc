// One record in, one verdict out: schema-parsed and normalised, or an issue that names file, line and field. The
// loader writes issues to a rejects file and keeps going, so a single bad row never blocks a load.
import {
  NormalizeError,
  normalizeIdentifier,
  type NormalizeOptions,
  type NormalizedIdentifier,
  type PaymentAttributes,
} from './normalize.ts';
import { fastParse } from './fast-schemas.ts';
import { schemaFor, type LinkRecord, type RecordKind, type RecordOf } from './schemas.ts';

/** Largest merge key (an indexed property) in bytes; Neo4j refuses index keys above ~8 KB. */
const MAX_KEY_BYTES = 4000;

export interface ValidationContext {
  file: string;
  line: number;
  normalize?: NormalizeOptions;
}

export interface Issue {
  file: string;
  line: number;
  /** The offending column, when the problem is in one column. */
  field?: string;
  /** A phrase that reads after "field 'x': ", e.g. "must be a number such as 12.50.". */
  reason: string;
}

/** A link whose value has been normalised: `key` is what identifiers merge on; card attributes only on payments. */
export type NormalizedLink = Omit<LinkRecord, 'bin' | 'last4' | 'issuer_country'> &
  PaymentAttributes & { key: string; display?: string };

export type ValidRecord<K extends RecordKind> = K extends 'links' ? NormalizedLink : RecordOf<K>;

export type ValidationResult<K extends RecordKind> = { ok: true; record: ValidRecord<K> } | { ok: false; error: Issue };

export function validateRecord<K extends RecordKind>(
  kind: K,
  raw: unknown,
  ctx: ValidationContext,
): ValidationResult<K> {
  // The fast path gives zod's record for plain rows; anything else goes to zod, which also words the issue.
  let data: RecordOf<K> | undefined = fastParse(kind, raw);
  if (data === undefined) {
    const parsed = schemaFor(kind).safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const field = first && first.path.length > 0 ? first.path.map(String).join('.') : undefined;
      const reason = field ? (first?.message ?? 'is invalid.') : 'must be a record of named fields.';
      return { ok: false, error: { file: ctx.file, line: ctx.line, field, reason } };
    }
    data = parsed.data as RecordOf<K>;
  }
  if (kind !== 'links') return { ok: true, record: data as ValidRecord<K> };

  const link = data as LinkRecord;
  let normalized: NormalizedIdentifier;
  try {
    normalized = normalizeIdentifier(link.kind, link.value, link, ctx.normalize);
  } catch (err) {
    if (!(err instanceof NormalizeError)) throw err;
    return { ok: false, error: { file: ctx.file, line: ctx.line, field: err.field, reason: err.reason } };
  }
  // Case folding can lengthen some characters: the merge key itself must stay far below Neo4j's index key limit.
  if (Buffer.byteLength(normalized.key) > MAX_KEY_BYTES) {
    const reason = `is too long once normalised (at most ${MAX_KEY_BYTES} bytes of UTF-8).`;
    return { ok: false, error: { file: ctx.file, line: ctx.line, field: 'value', reason } };
  }
  // Card attributes mean nothing on an email or an IP: dropping them keeps them off unrelated identifier nodes.
  // (Written out field by field: object rest and spread are several times slower, on every link row of a load.)
  const record = {
    account_id: link.account_id,
    kind: link.kind,
    value: link.value,
    seen_at: link.seen_at,
  } as NormalizedLink;
  if (link.user_agent !== undefined) record.user_agent = link.user_agent;
  const attributes = normalized.attributes;
  if (attributes !== undefined) {
    if (attributes.bin !== undefined) record.bin = attributes.bin;
    if (attributes.last4 !== undefined) record.last4 = attributes.last4;
    if (attributes.issuer_country !== undefined) record.issuer_country = attributes.issuer_country;
  }
  record.key = normalized.key;
  if (normalized.display !== undefined) record.display = normalized.display;
  return { ok: true, record: record as ValidRecord<K> };
}

/** `links.csv:17: field 'value': raw card numbers are never stored — …` */
export function formatIssue(issue: Issue): string {
  const where = `${issue.file}:${issue.line}`;
  return issue.field ? `${where}: field '${issue.field}': ${issue.reason}` : `${where}: ${issue.reason}`;
}
