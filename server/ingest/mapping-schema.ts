// The declarative mapping file that turns a foreign CSV export (one file per node label and per relationship type,
// as Neo4j and most graph tools export) into RingLens accounts, links and payments. Validated with zod plus the
// cross-field checks zod cannot express, so that every mistake is reported as "<path>: <sentence>".
//
// Format, version 1 (example: examples/neo4j-demo-fraud.map.json):
//   { "version": 1, "comment"?, "normalize"?: { "defaultCountry"?, "phoneValidation"? },
//     "defaults"?: { <RingLens column>: text },        applied to every source whose kind has that column
//     "sources": [ { "file", "emits": "accounts" | "links" | "payments", "comment"?,
//                    "join"?: [ { "as", "file", "key", "on", "required"?: true, "comment"? } ],
//                    "columns": { <RingLens column>: <value> }, "defaults"? } ] }
//   <value> = "column" | "alias.column" | { "from": ref, "map"?: { raw: text }, "default"?: text }
//           | { "const": text } | { "concat": [refs], "separator"?: " " }   (empty parts are left out)
// `alias.column` reads a column of the row a join found; any other reference is a column of the source file. Joins
// are many-to-one lookups evaluated in order, so a join's `on` may use an earlier join. When a required join finds no
// row the source row is skipped (reported, not an error): that is how a mapping says "only transfers between
// customers". Values missing from a `map` pass through unchanged and are then validated like any input.
import { z } from 'zod';
import { RECORD_KINDS, recordColumns, requiredColumns, type RecordKind } from './schemas.ts';

/** A bad mapping file. `path` is the JSON path of the offending entry, e.g. `sources[2].join[0].key`. */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  readonly exitCode = 1;
  readonly retriable = false;
  constructor(
    readonly file: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${file}: ${path}: ${reason}` : `${file}: ${reason}`);
  }
}

const VALUE_SPEC_HELP =
  'must be a column name, {"from": column, "map"?: {...}, "default"?: text}, {"const": text} ' +
  'or {"concat": [columns], "separator"?: text}.';

// A reference is a column of the source row, or `alias.column` for a column of a joined row.
const columnRef = z.string().min(1, 'must name a column.');

const fromSpec = z.strictObject({
  from: columnRef,
  map: z.record(z.string(), z.string()).optional(),
  default: z.string().optional(),
});
const constSpec = z.strictObject({ const: z.string() });
const concatSpec = z.strictObject({
  concat: z.array(columnRef).min(1, 'must list at least one column.'),
  separator: z.string().default(' '),
});
const valueSpec = z.union([columnRef, fromSpec, constSpec, concatSpec], { error: VALUE_SPEC_HELP });

const joinSpec = z.strictObject({
  comment: z.string().optional(),
  as: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a simple name (letters, digits, underscore).'),
  file: z.string().min(1, 'must name a CSV file next to the mapping.'),
  key: z.string().min(1, 'must name the column of the joined file to match on.'),
  on: columnRef,
  required: z.boolean().default(true),
});

const defaultsSpec = z.record(z.string(), z.string());

const sourceSpec = z.strictObject({
  comment: z.string().optional(),
  file: z.string().min(1, 'must name a CSV file next to the mapping.'),
  emits: z.enum(RECORD_KINDS, { error: `must be one of ${RECORD_KINDS.join(', ')}.` }),
  join: z.array(joinSpec).default([]),
  columns: z.record(z.string(), valueSpec),
  defaults: defaultsSpec.optional(),
});

export const mappingSchema = z.strictObject({
  comment: z.string().optional(),
  version: z.literal(1, { error: 'must be 1, the only mapping version this RingLens understands.' }),
  normalize: z
    .strictObject({
      defaultCountry: z
        .string()
        .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code such as US.')
        .optional(),
      phoneValidation: z.enum(['possible', 'parseable']).optional(),
    })
    .optional(),
  defaults: defaultsSpec.optional(),
  sources: z.array(sourceSpec).min(1, 'must list at least one source file.'),
});

export type Mapping = z.output<typeof mappingSchema>;
export type MappingSource = Mapping['sources'][number];
export type MappingJoin = MappingSource['join'][number];
export type ValueSpec = MappingSource['columns'][string];

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

/** Parse and check a mapping already read as JSON. `file` names it in error messages. */
export function parseMapping(json: unknown, file: string): Mapping {
  const parsed = mappingSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    // A misspelt key also makes the real key "missing"; naming the misspelling is the more useful message.
    const issues = parsed.error.issues;
    const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
    let reason = issue.message;
    if (issue.code === 'unrecognized_keys') {
      reason = `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}.`;
    } else if (issue.path.length === 0) {
      reason = 'must be a JSON object with "version" and "sources".';
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      reason = 'is required.';
    }
    throw new MappingError(file, formatPath(issue.path), reason);
  }
  checkSemantics(parsed.data, file);
  return parsed.data;
}

/** Every column reference in a value, both source columns and `alias.column` references. */
export function referencedColumns(spec: ValueSpec): string[] {
  if (typeof spec === 'string') return [spec];
  if ('from' in spec) return [spec.from];
  if ('concat' in spec) return spec.concat;
  return [];
}

function checkSemantics(mapping: Mapping, file: string): void {
  const allColumns = new Set(RECORD_KINDS.flatMap((kind) => recordColumns(kind)));
  for (const column of Object.keys(mapping.defaults ?? {})) {
    if (!allColumns.has(column)) {
      throw new MappingError(file, `defaults.${column}`, `'${column}' is not a column of any RingLens record kind.`);
    }
  }
  mapping.sources.forEach((source, i) => checkSource(mapping, source, `sources[${i}]`, file));
}

function checkSource(mapping: Mapping, source: MappingSource, at: string, file: string): void {
  const kind: RecordKind = source.emits;
  const columns = recordColumns(kind);
  const expected = `expected one of ${columns.join(', ')}`;
  for (const column of Object.keys(source.columns)) {
    if (!columns.includes(column)) {
      throw new MappingError(file, `${at}.columns.${column}`, `'${column}' is not a ${kind} column (${expected}).`);
    }
  }
  for (const column of Object.keys(source.defaults ?? {})) {
    if (!columns.includes(column)) {
      throw new MappingError(file, `${at}.defaults.${column}`, `'${column}' is not a ${kind} column (${expected}).`);
    }
  }
  for (const column of requiredColumns(kind)) {
    const mapped = column in source.columns || column in (source.defaults ?? {}) || column in (mapping.defaults ?? {});
    if (!mapped) {
      throw new MappingError(
        file,
        `${at}.columns`,
        `does not map '${column}', which every ${kind} record needs: map it from a column or give it a default.`,
      );
    }
  }
  const aliases = new Set<string>();
  source.join.forEach((join, j) => {
    const refAlias = aliasOf(join.on, aliases);
    if (join.on.includes('.') && refAlias === undefined && aliasOf(join.on, aliasesOf(source)) !== undefined) {
      throw new MappingError(
        file,
        `${at}.join[${j}].on`,
        `'${join.on}' refers to join '${join.on.split('.')[0]}', which is only defined later.`,
      );
    }
    if (aliases.has(join.as)) {
      throw new MappingError(file, `${at}.join[${j}].as`, `'${join.as}' is used by two joins of this source.`);
    }
    aliases.add(join.as);
  });
}

function aliasesOf(source: MappingSource): Set<string> {
  return new Set(source.join.map((join) => join.as));
}

/** The join alias a reference points into, if `ref` is `alias.column` for one of `aliases`. */
export function aliasOf(ref: string, aliases: ReadonlySet<string>): string | undefined {
  const dot = ref.indexOf('.');
  if (dot <= 0) return undefined;
  const alias = ref.slice(0, dot);
  return aliases.has(alias) ? alias : undefined;
}
