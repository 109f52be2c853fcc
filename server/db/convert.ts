/**
 * The one boundary where Neo4j values become plain JS: integers → numbers (strings when outside the safe range),
 * temporals → ISO strings, nodes and relationships → their properties, lists and maps recursively.
 */
import neo4j, {
  isDate,
  isDateTime,
  isDuration,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isRelationship,
  isTime,
} from 'neo4j-driver';
import type { Record as Neo4jRecord } from 'neo4j-driver';

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export function toPlain(value: unknown): Plain {
  // Strings and numbers first: they are most of what detection streams (ids, keys, counts), and the driver's type
  // tests below cost more than the rest of the conversion together (a million-account run spent 3 s in them).
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value as Plain;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (
    isDateTime(value) ||
    isLocalDateTime(value) ||
    isDate(value) ||
    isTime(value) ||
    isLocalTime(value) ||
    isDuration(value)
  ) {
    return toIso(value);
  }
  if (isNode(value)) return { ...(toPlain(value.properties) as Record<string, Plain>) };
  if (isRelationship(value)) return { type: value.type, ...(toPlain(value.properties) as Record<string, Plain>) };
  if (isPath(value)) {
    return value.segments.map((s) => ({ start: toPlain(s.start), rel: toPlain(s.relationship), end: toPlain(s.end) }));
  }
  if (type === 'object') {
    const out: Record<string, Plain> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
    return out;
  }
  return String(value);
}

function toIso(value: { toString(): string } & Partial<{ year: unknown }>): string {
  // DateTime.toString() already is ISO-8601 (with offset or zone id); use the standard Date form for UTC values.
  if (isDateTime(value) && value.timeZoneOffsetSeconds !== undefined && Number(value.timeZoneOffsetSeconds) === 0) {
    return value.toStandardDate().toISOString();
  }
  return value.toString();
}

export function recordToPlain<T>(record: Neo4jRecord): T {
  const out: Record<string, Plain> = {};
  for (const key of record.keys) out[String(key)] = toPlain(record.get(key));
  return out as T;
}

/** A property Neo4j holds as JSON text (evidence, counts, params…), decoded; text that is not JSON comes back as is. */
export function decodeJsonProperty(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
