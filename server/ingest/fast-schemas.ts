// A fast path in front of the zod schemas (schemas.ts) for the rows that make up almost every file: every field
// absent or a plain string that passes. It gives exactly the record zod gives, or undefined — for anything it is not
// sure of (a number where text is expected, a value zod would refuse, any other doubt) — and then the caller asks zod,
// which gives the record or the issue with its wording. Zod's own date-time patterns are used (z.regexes), and
// test/unit/ingest/fast-schemas.test.ts compares both on generated rows and on seeded random ones.
import { z } from 'zod';
import { ACCOUNT_LABELS, IDENTIFIER_KINDS } from '../../contracts/vocabulary.ts';
import { FIELD_LIMITS, type RecordKind, type RecordOf } from './schemas.ts';

// The patterns z.iso.datetime({ offset: true }) and z.iso.date() test with.
const DATETIME = z.regexes.datetime({ offset: true });
const DATE = z.regexes.date;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const LABELS = new Set<string>(ACCOUNT_LABELS);
const KINDS = new Set<string>(IDENTIFIER_KINDS);

/** Thrown at the first doubt; never leaves this file. */
const DOUBT = Symbol('doubt');

type Raw = Record<string, unknown>;

/** The value of a field after dropEmpty: undefined when absent, null, or blank text. */
function present(raw: Raw, field: string): unknown {
  const v = raw[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && v.trim() === '') return undefined;
  return v;
}

/** The value of a field the record cannot do without. */
function required(raw: Raw, field: string): unknown {
  const v = present(raw, field);
  if (v === undefined) throw DOUBT;
  return v;
}

/** text(max): trimmed text of at most `max` characters. */
function text(v: unknown, max: number): string {
  if (typeof v !== 'string') throw DOUBT;
  const t = v.trim();
  if (t.length > max) throw DOUBT;
  return t;
}

function isoDateTime(v: unknown, dateAlone: boolean): string {
  if (typeof v !== 'string') throw DOUBT;
  const t = v.trim();
  if (!DATETIME.test(t) && !(dateAlone && DATE.test(t))) throw DOUBT;
  return isoString(t);
}

/**
 * `new Date(t).toISOString()` for a date-time zod accepted. Its usual UTC spellings need no Date: to the second
 * (`…T12:00:00Z`) or to the millisecond (`…T12:00:00.123Z`), a valid date in years 0000–9999 is written back as it
 * is, with `.000` added to the first.
 */
export function isoString(t: string): string {
  if (t.length === 20 && t.charCodeAt(19) === 90 && t.charCodeAt(10) === 84) return `${t.slice(0, 19)}.000Z`;
  if (t.length === 24 && t.charCodeAt(23) === 90 && t.charCodeAt(19) === 46 && t.charCodeAt(10) === 84) return t;
  return new Date(t).toISOString();
}

function upper(v: unknown, pattern: RegExp): string {
  if (typeof v !== 'string') throw DOUBT;
  const t = v.trim().toUpperCase();
  if (!pattern.test(t)) throw DOUBT;
  return t;
}

function lowerIn(v: unknown, allowed: Set<string>): string {
  if (typeof v !== 'string') throw DOUBT;
  const t = v.trim().toLowerCase();
  if (!allowed.has(t)) throw DOUBT;
  return t;
}

function account(raw: Raw): RecordOf<'accounts'> {
  const out: Record<string, unknown> = {};
  out.id = text(required(raw, 'id'), FIELD_LIMITS.id);
  let v = present(raw, 'created_at');
  if (v !== undefined) out.created_at = isoDateTime(v, true);
  if ((v = present(raw, 'type')) !== undefined) out.type = text(v, FIELD_LIMITS.short);
  if ((v = present(raw, 'country')) !== undefined) out.country = upper(v, COUNTRY);
  if ((v = present(raw, 'status')) !== undefined) out.status = text(v, FIELD_LIMITS.short);
  v = present(raw, 'label');
  out.label = v === undefined ? 'unknown' : lowerIn(v, LABELS);
  return out as RecordOf<'accounts'>;
}

function link(raw: Raw): RecordOf<'links'> {
  const out: Record<string, unknown> = {};
  out.account_id = text(required(raw, 'account_id'), FIELD_LIMITS.id);
  out.kind = lowerIn(required(raw, 'kind'), KINDS);
  out.value = text(required(raw, 'value'), FIELD_LIMITS.value);
  out.seen_at = isoDateTime(required(raw, 'seen_at'), false);
  let v = present(raw, 'bin');
  if (v !== undefined) out.bin = text(v, FIELD_LIMITS.short);
  if ((v = present(raw, 'last4')) !== undefined) out.last4 = text(v, FIELD_LIMITS.short);
  if ((v = present(raw, 'issuer_country')) !== undefined) out.issuer_country = upper(v, COUNTRY);
  if ((v = present(raw, 'user_agent')) !== undefined) out.user_agent = text(v, FIELD_LIMITS.text);
  return out as RecordOf<'links'>;
}

function payment(raw: Raw): RecordOf<'payments'> {
  const out: Record<string, unknown> = {};
  out.payer = text(required(raw, 'payer'), FIELD_LIMITS.id);
  out.payee = text(required(raw, 'payee'), FIELD_LIMITS.id);
  const amount = required(raw, 'amount');
  const x = typeof amount === 'string' ? Number(amount.trim()) : amount;
  if (typeof x !== 'number' || !(x > 0) || !Number.isFinite(x)) throw DOUBT;
  out.amount = x;
  out.currency = upper(required(raw, 'currency'), CURRENCY);
  out.at = isoDateTime(required(raw, 'at'), false);
  const id = present(raw, 'id');
  if (id !== undefined) out.id = text(id, FIELD_LIMITS.id);
  if (out.payer === out.payee) throw DOUBT;
  return out as RecordOf<'payments'>;
}

const PARSERS = { accounts: account, links: link, payments: payment } as const;

/** The record zod would give for `raw`, or undefined when only zod can tell (then ask it). */
export function fastParse<K extends RecordKind>(kind: K, raw: unknown): RecordOf<K> | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  try {
    return PARSERS[kind](raw as Raw) as RecordOf<K>;
  } catch (err) {
    if (err === DOUBT) return undefined;
    throw err;
  }
}
