/**
 * Cypher lives in cypher/*.cypher, one query per file named by intent. They are read once at start-up; callers
 * refer to them by file name (without `.cypher`), so no query text is ever built from input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');

let cache: Map<string, string> | undefined;

function load(): Map<string, string> {
  if (cache) return cache;
  const map = new Map<string, string>();
  for (const file of readdirSync(CYPHER_DIR)) {
    if (!file.endsWith('.cypher')) continue;
    map.set(file.slice(0, -'.cypher'.length), stripComments(readFileSync(join(CYPHER_DIR, file), 'utf8')).trim());
  }
  cache = map;
  return map;
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
  if (text === undefined) throw new Error(`No query named '${name}' in ${CYPHER_DIR}.`);
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
