// Applies a mapping file (see mapping-schema.ts) to a foreign export: streams each source file, resolves its joins
// against lookup tables and yields raw records in RingLens column names, which then go through validateRecord like
// any other input. Lookup files (node tables such as Email.csv) are held in memory, reduced to the columns the mapping
// uses; the source files, usually the big relationship tables, are streamed.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { peekColumns, readRecords } from './readers.ts';
import { recordColumns, type RecordKind } from './schemas.ts';
import {
  MappingError,
  aliasOf,
  parseMapping,
  referencedColumns,
  type Mapping,
  type MappingJoin,
  type MappingSource,
  type ValueSpec,
} from './mapping-schema.ts';

export { MappingError, parseMapping, type Mapping } from './mapping-schema.ts';

export type MappedRow =
  | { kind: RecordKind; file: string; line: number; raw: Record<string, unknown>; error?: undefined }
  | { kind: RecordKind; file: string; line: number; raw?: undefined; error: string };

/** A source row dropped on purpose because a required join found no match (e.g. a transfer to an external account). */
export interface SkippedRow {
  file: string;
  line: number;
  reason: string;
}

export interface MapOptions {
  onSkip?: (row: SkippedRow) => void;
  /** How errors name the mapping file; default 'mapping'. */
  mappingName?: string;
}

export async function loadMapping(path: string): Promise<Mapping> {
  const name = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new MappingError(name, '', `cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new MappingError(name, '', `is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseMapping(json, name);
}

type Row = Record<string, unknown>;
type Lookup = Map<string, Row>;

interface Scope {
  row: Row;
  joined: Map<string, Row | undefined>;
  aliases: ReadonlySet<string>;
}

function lookupId(join: MappingJoin): string {
  return `${join.file}\u0000${join.key}`;
}

function cell(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

function resolveRef(ref: string, scope: Scope): string | undefined {
  const alias = aliasOf(ref, scope.aliases);
  if (alias === undefined) return cell(scope.row[ref]);
  return cell(scope.joined.get(alias)?.[ref.slice(alias.length + 1)]);
}

function evaluate(spec: ValueSpec, scope: Scope): string | undefined {
  if (typeof spec === 'string') return resolveRef(spec, scope);
  if ('const' in spec) return spec.const;
  if ('concat' in spec) {
    const parts = spec.concat.map((ref) => resolveRef(ref, scope)).filter((part) => part !== undefined);
    return parts.length > 0 ? parts.join(spec.separator) : undefined;
  }
  const value = resolveRef(spec.from, scope);
  if (value === undefined) return spec.default;
  return spec.map?.[value] ?? value;
}

/** For every lookup table (file + key), the columns some source reads from it. */
function lookupColumns(mapping: Mapping): Map<string, Set<string>> {
  const needed = new Map<string, Set<string>>();
  for (const source of mapping.sources) {
    const aliases = new Set(source.join.map((join) => join.as));
    const byAlias = new Map(source.join.map((join) => [join.as, join]));
    const refs = [...Object.values(source.columns).flatMap(referencedColumns), ...source.join.map((join) => join.on)];
    for (const join of source.join) needed.set(lookupId(join), needed.get(lookupId(join)) ?? new Set());
    for (const ref of refs) {
      const alias = aliasOf(ref, aliases);
      if (alias === undefined) continue;
      needed.get(lookupId(byAlias.get(alias)!))!.add(ref.slice(alias.length + 1));
    }
  }
  return needed;
}

async function assertColumns(path: string, wanted: Iterable<string>, where: string, mappingName: string) {
  const present = new Set(await peekColumns(path, { format: 'csv' }));
  for (const column of wanted) {
    if (!present.has(column)) {
      throw new MappingError(
        mappingName,
        where,
        `column '${column}' is not in ${basename(path)} (its columns: ${[...present].join(', ')}).`,
      );
    }
  }
}

async function loadLookup(
  join: MappingJoin,
  columns: ReadonlySet<string>,
  baseDir: string,
  where: string,
  mappingName: string,
): Promise<Lookup> {
  const path = resolve(baseDir, join.file);
  await assertColumns(path, [join.key, ...columns], where, mappingName);
  const table: Lookup = new Map();
  const firstLine = new Map<string, number>();
  for await (const row of readRecords(path, { format: 'csv' })) {
    if (!row.raw) throw new MappingError(mappingName, where, `${join.file}:${row.line}: ${row.error}`);
    const key = cell(row.raw[join.key]);
    if (key === undefined) continue;
    if (table.has(key)) {
      throw new MappingError(
        mappingName,
        where,
        `key column '${join.key}' of ${join.file} is not unique: '${key}' is on lines ${firstLine.get(key)} and ` +
          `${row.line}; a join must match at most one row.`,
      );
    }
    const kept: Row = {};
    for (const column of columns) kept[column] = row.raw[column];
    table.set(key, kept);
    firstLine.set(key, row.line);
  }
  return table;
}

/**
 * Yield every record the mapping produces, source by source, in RingLens column names. Unreadable rows are yielded
 * with an `error`; rows whose required join finds nothing are reported to `onSkip` and not yielded.
 */
export async function* mapRecords(
  mapping: Mapping,
  baseDir: string,
  options: MapOptions = {},
): AsyncGenerator<MappedRow> {
  const mappingName = options.mappingName ?? 'mapping';
  const needed = lookupColumns(mapping);
  const lookups = new Map<string, Lookup>();
  for (const [i, source] of mapping.sources.entries()) {
    const at = `sources[${i}]`;
    const tables: Lookup[] = [];
    for (const [j, join] of source.join.entries()) {
      const id = lookupId(join);
      let table = lookups.get(id);
      if (!table) {
        table = await loadLookup(join, needed.get(id)!, baseDir, `${at}.join[${j}]`, mappingName);
        lookups.set(id, table);
      }
      tables.push(table);
    }
    yield* mapSource(mapping, source, tables, baseDir, at, mappingName, options);
  }
}

async function* mapSource(
  mapping: Mapping,
  source: MappingSource,
  tables: Lookup[],
  baseDir: string,
  at: string,
  mappingName: string,
  options: MapOptions,
): AsyncGenerator<MappedRow> {
  const kind = source.emits;
  const path = resolve(baseDir, source.file);
  const aliases = new Set(source.join.map((join) => join.as));
  const ownRefs = [...Object.values(source.columns).flatMap(referencedColumns), ...source.join.map((j) => j.on)];
  await assertColumns(
    path,
    ownRefs.filter((ref) => aliasOf(ref, aliases) === undefined),
    at,
    mappingName,
  );
  const defaults = defaultsFor(mapping, source);

  for await (const row of readRecords(path, { format: 'csv' })) {
    if (!row.raw) {
      yield { kind, file: source.file, line: row.line, error: row.error };
      continue;
    }
    const scope: Scope = { row: row.raw, joined: new Map(), aliases };
    const missing = resolveJoins(source.join, tables, scope);
    if (missing) {
      options.onSkip?.({ file: source.file, line: row.line, reason: missing });
      continue;
    }
    const raw: Row = {};
    for (const [column, spec] of Object.entries(source.columns)) {
      const value = evaluate(spec, scope);
      if (value !== undefined) raw[column] = value;
    }
    for (const [column, value] of Object.entries(defaults)) if (raw[column] === undefined) raw[column] = value;
    yield { kind, file: source.file, line: row.line, raw };
  }
}

/** Fill `scope.joined`; returns why the row must be skipped, or undefined. */
function resolveJoins(joins: MappingJoin[], tables: Lookup[], scope: Scope): string | undefined {
  for (const [j, join] of joins.entries()) {
    const key = resolveRef(join.on, scope);
    const match = key === undefined ? undefined : tables[j]!.get(key);
    if (match === undefined && join.required) {
      return key === undefined
        ? `join '${join.as}': '${join.on}' is empty.`
        : `join '${join.as}': no row of ${join.file} has ${join.key} = '${key}'.`;
    }
    scope.joined.set(join.as, match);
  }
  return undefined;
}

// Mapping-level defaults apply to every source whose kind has that column (seen_at only to links, and so on).
function defaultsFor(mapping: Mapping, source: MappingSource): Record<string, string> {
  const columns = recordColumns(source.emits);
  const inherited = Object.entries(mapping.defaults ?? {}).filter(([column]) => columns.includes(column));
  return { ...Object.fromEntries(inherited), ...source.defaults };
}
