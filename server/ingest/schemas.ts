// Input record schemas for the three kinds of file RingLens loads. They are the contract shared by the CSV/NDJSON
// readers, the foreign-export mapper, the synthetic generator and the loader. CSV only has strings, so numbers are
// coerced and an empty cell means "absent"; every error message is a phrase that reads after "field 'x': ".
import { z } from 'zod';
import { RECORD_KINDS, type RecordKind } from '../../contracts/ingest.ts';
import { ACCOUNT_LABELS, IDENTIFIER_KINDS } from '../../contracts/vocabulary.ts';

/** The record kinds of the ingest API (contracts/ingest.ts). */
export { RECORD_KINDS, type RecordKind } from '../../contracts/ingest.ts';

type IssueLike = { input?: unknown };
const requiredOr = (message: string) => (issue: IssueLike) => (issue.input === undefined ? 'is required.' : message);

// An empty CSV cell or a JSON null is the same as a missing field, so optional fields stay optional and defaults apply.
function dropEmpty(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    out[key] = value;
  }
  return out;
}

// NDJSON producers often write numeric ids; they are still identifiers, not quantities.
const numberToString = (value: unknown) => (typeof value === 'number' ? String(value) : value);
const lowerCased = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/**
 * Longest text a field may hold, in characters. Every field is bounded: Neo4j refuses index keys above ~8 KB, so one
 * oversized value would otherwise pass validation and fail the write (and every later load). 4 bytes per character
 * (the most UTF-8 takes) times each limit stays well below that.
 */
export const FIELD_LIMITS = {
  /** Account ids, payers, payees, a payment's source id. */
  id: 200,
  /** A link's identifier value (device, payment token, address, …). */
  value: 1000,
  /** Free text such as a user agent. */
  text: 1000,
  /** Short descriptive fields: account type and status, card bin and last4. */
  short: 100,
} as const;

const tooLong = (max: number) => (issue: IssueLike) =>
  `must be at most ${max} characters (this one has ${typeof issue.input === 'string' ? issue.input.length : '?'}).`;

const text = (max: number) =>
  z.preprocess(
    numberToString,
    z
      .string({ error: requiredOr('must be text.') })
      .trim()
      .max(max, { error: tooLong(max) }),
  );

const dateTime = () =>
  z
    .string({ error: requiredOr('must be text.') })
    .trim()
    .pipe(
      z.iso.datetime({
        offset: true,
        error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z.',
      }),
    )
    // One spelling downstream: UTC with milliseconds, so timestamps compare as strings.
    .transform((value) => new Date(value).toISOString());

const dateOrDateTime = () =>
  z
    .string({ error: requiredOr('must be text.') })
    .trim()
    .pipe(
      z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
        error: 'must be an ISO 8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z.',
      }),
    )
    .transform((value) => new Date(value).toISOString());

const countryCode = () =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code such as US.');

const accountShape = {
  id: text(FIELD_LIMITS.id),
  created_at: dateOrDateTime().optional(),
  type: text(FIELD_LIMITS.short).optional(),
  country: countryCode().optional(),
  status: text(FIELD_LIMITS.short).optional(),
  label: z
    .preprocess(lowerCased, z.enum(ACCOUNT_LABELS, { error: `must be one of ${ACCOUNT_LABELS.join(', ')}.` }))
    .default('unknown'),
};

const linkShape = {
  account_id: text(FIELD_LIMITS.id),
  kind: z.preprocess(
    lowerCased,
    z.enum(IDENTIFIER_KINDS, { error: requiredOr(`must be one of ${IDENTIFIER_KINDS.join(', ')}.`) }),
  ),
  value: text(FIELD_LIMITS.value),
  seen_at: dateTime(),
  // Display attributes of payment methods; their format is checked by the payment normaliser, which knows the rules.
  bin: text(FIELD_LIMITS.short).optional(),
  last4: text(FIELD_LIMITS.short).optional(),
  issuer_country: countryCode().optional(),
  user_agent: text(FIELD_LIMITS.text).optional(),
};

const paymentShape = {
  payer: text(FIELD_LIMITS.id),
  payee: text(FIELD_LIMITS.id),
  amount: z.preprocess(
    (value) => (typeof value === 'string' ? Number(value.trim()) : value),
    z
      .number({ error: requiredOr('must be a number such as 12.50.') })
      .positive('must be greater than 0.')
      .finite('must be a finite number.'),
  ),
  currency: z
    .string({ error: requiredOr('must be text.') })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code such as USD.'),
  at: dateTime(),
  // The source's own transaction id, when it has one: then it, not the time, identifies the payment (two transfers
  // at the same second, or on the same day in day-granular exports, stay two payments; a replayed row stays one).
  id: text(FIELD_LIMITS.id).optional(),
};

export const accountRecordSchema = z.preprocess(dropEmpty, z.object(accountShape));
export const linkRecordSchema = z.preprocess(dropEmpty, z.object(linkShape));
export const paymentRecordSchema = z.preprocess(
  dropEmpty,
  z.object(paymentShape).refine((p) => p.payer !== p.payee, {
    path: ['payee'],
    message: 'must differ from payer: a payment to oneself links nothing.',
  }),
);

export type AccountRecord = z.output<typeof accountRecordSchema>;
export type LinkRecord = z.output<typeof linkRecordSchema>;
export type PaymentRecord = z.output<typeof paymentRecordSchema>;

const SCHEMAS = { accounts: accountRecordSchema, links: linkRecordSchema, payments: paymentRecordSchema } as const;
export type RecordSchema<K extends RecordKind> = (typeof SCHEMAS)[K];
export type RecordOf<K extends RecordKind> = z.output<RecordSchema<K>>;

export function schemaFor<K extends RecordKind>(kind: K): RecordSchema<K> {
  return SCHEMAS[kind];
}

const SHAPES = { accounts: accountShape, links: linkShape, payments: paymentShape } as const;

/** Column names of a kind, in the order RingLens writes them. */
export function recordColumns(kind: RecordKind): readonly string[] {
  return Object.keys(SHAPES[kind]);
}

/** Columns without which a record of this kind is rejected. */
export function requiredColumns(kind: RecordKind): readonly string[] {
  const shape: Record<string, z.ZodType> = SHAPES[kind];
  return Object.keys(shape).filter((column) => !shape[column]!.safeParse(undefined).success);
}

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && (RECORD_KINDS as readonly string[]).includes(value);
}
