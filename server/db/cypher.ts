/**
 * Cypher lives in cypher/*.cypher, one query per file named by intent. They are read once at start-up; callers
 * refer to them by file name (without `.cypher`), so no query text is ever built from input. cypher/ holds the
 * production queries only: tests and benchmarks add their own folders (test/cypher, bench/cypher) with
 * addCypherDir, so the server never loads them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');

let cache: Map<string, string> | undefined;
const extraDirs: string[] = [];

function readDir(dir: string, into: Map<string, string>): void {
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.cypher')) continue;
    const name = file.slice(0, -'.cypher'.length);
    if (into.has(name)) throw new Error(`Query '${name}' in ${dir} is already defined by another cypher folder.`);
    into.set(name, stripComments(readFileSync(join(dir, file), 'utf8')).trim());
  }
}

function load(): Map<string, string> {
  if (cache) return cache;
  const map = new Map<string, string>();
  for (const dir of [CYPHER_DIR, ...extraDirs]) readDir(dir, map);
  cache = map;
  return map;
}

/**
 * Adds the queries of another folder (test/cypher, bench/cypher) for this process. Their names may not repeat a
 * production query's. Adding the same folder twice is a no-op.
 */
export function addCypherDir(dir: string): void {
  const abs = resolve(dir);
  if (abs === CYPHER_DIR || extraDirs.includes(abs)) return;
  const next = new Map(load());
  readDir(abs, next);
  cache = next;
  extraDirs.push(abs);
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('//'))
    .join('\n');
}

/**
 * A named query, or a named query with `{{slot}}` placeholders filled in: for what Cypher cannot take as a parameter
 * (a sort key, a direction). Slot values must come from a fixed map in code, never from input; they are checked to
 * be plain identifiers or keywords all the same.
 */
export type QueryRef = string | { name: string; slots: Record<string, string> };

const SLOT_VALUE = /^[A-Za-z_][A-Za-z0-9_.]*(?: (?:ASC|DESC))?$/;

/** The text of a named query; throws for an unknown name or an unfilled slot (programming errors, not user input). */
export function cypher(ref: QueryRef): string {
  const name = typeof ref === 'string' ? ref : ref.name;
  const text = load().get(name);
  if (text === undefined) throw new Error(`No query named '${name}' in ${[CYPHER_DIR, ...extraDirs].join(' or ')}.`);
  if (typeof ref === 'string') return text;
  return text.replace(/\{\{(\w+)\}\}/g, (_, slot: string) => {
    const value = ref.slots[slot];
    if (value === undefined) throw new Error(`Query '${name}' needs a value for {{${slot}}}.`);
    if (!SLOT_VALUE.test(value)) throw new Error(`Query '${name}': '${value}' is not allowed in {{${slot}}}.`);
    return value;
  });
}

/** The statements of a multi-statement file such as schema.cypher, split on `;` at line ends. */
export function statements(name: string): string[] {
  return cypher(name)
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
