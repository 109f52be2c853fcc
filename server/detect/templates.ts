/**
 * Templated identities, in a small way (entity resolution on normalised keys):
 *
 * - Near-duplicate mailboxes: sign-ups from one template — `mark.s01@…`, `mark.s02@…`, `mark.s03@…` — share a stem
 *   and domain and carry short numeric suffixes of one width that count up (consecutive values at most
 *   `TEMPLATE_GAP` apart). A run of at least `TEMPLATE_MIN_RUN` such mailboxes of different accounts becomes a derived
 *   email identifier keyed `~template:<stem>#@<domain>`: a strong tie like a shared mailbox. Ordinary mailboxes with
 *   counters (`garcia_948@…`) do not count up in runs of three.
 * - Sequential phone numbers (E.164 keys that differ by one, two, …) and one address written differently (street types
 *   abbreviated, punctuation, case) are compared inside a finding only (score.ts): numbers are dense, so neighbouring
 *   numbers alone link strangers, and an address spelled two ways is also how a family types it.
 */

import { joinGroups } from './join-groups.ts';

export const TEMPLATE_MIN_RUN = 3;
export const TEMPLATE_GAP = 2;
export const TEMPLATE_PREFIX = '~template:';

const SUFFIX = /^(.*[a-z._-])(\d{1,3})$/;

/** Collects mailbox keys and the accounts using them; yields derived template groups at the end. */
export class EmailTemplates {
  private readonly stems = new Map<string, Array<{ n: number; width: number; accounts: readonly string[] }>>();

  add(key: string, accounts: readonly string[]): void {
    const at = key.lastIndexOf('@');
    if (at <= 0) return;
    const match = SUFFIX.exec(key.slice(0, at));
    if (!match || match[1].replace(/[._-]/g, '').length < 3) return;
    const stem = `${match[1]}#@${key.slice(at + 1)}`;
    const list = this.stems.get(stem);
    const entry = { n: Number(match[2]), width: match[2].length, accounts };
    if (list) list.push(entry);
    else this.stems.set(stem, [entry]);
  }

  /** Derived groups: runs of counting-up suffixes of one width used by at least TEMPLATE_MIN_RUN accounts. */
  groups(): Array<{ key: string; accounts: string[] }> {
    const out: Array<{ key: string; accounts: string[] }> = [];
    for (const [stem, entries] of [...this.stems].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      if (entries.length < TEMPLATE_MIN_RUN) continue;
      const byWidth = new Map<number, typeof entries>();
      for (const e of entries) byWidth.set(e.width, [...(byWidth.get(e.width) ?? []), e]);
      for (const [width, list] of byWidth) {
        list.sort((a, b) => a.n - b.n);
        let run: typeof list = [];
        const flush = (): void => {
          const accounts = [...new Set(run.flatMap((e) => e.accounts))].sort();
          if (accounts.length >= TEMPLATE_MIN_RUN) {
            out.push({ key: `${TEMPLATE_PREFIX}${stem.replace('#', `#${width}:${run[0].n}`)}`, accounts });
          }
          run = [];
        };
        for (const e of list) {
          if (run.length > 0 && e.n - run[run.length - 1].n > TEMPLATE_GAP) flush();
          run.push(e);
        }
        flush();
      }
    }
    return out;
  }
}

const STREET_TYPES: Record<string, string> = {
  street: 'st',
  str: 'st',
  road: 'rd',
  avenue: 'ave',
  av: 'ave',
  boulevard: 'blvd',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  square: 'sq',
  terrace: 'ter',
  highway: 'hwy',
  parkway: 'pkwy',
  circle: 'cir',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
};

/** Words that introduce a unit inside a building; the unit is kept, the word is not (`Apt 9C`, `#9C`, `Unit 9C`). */
const UNIT_WORDS = new Set(['apt', 'apartment', 'unit', 'ste', 'suite', '#', 'flat', 'rm', 'room']);

/**
 * One spelling per place: lower case, punctuation dropped, street types and directions abbreviated, the unit read
 * wherever it is written and whatever introduces it (`Apt 9C, 405 Elm Rd` = `405 Elm Road #9c`), the ZIP code and its
 * +4 extension left out (one member writes them, another does not; number, street, unit and city still name the
 * place). The house number comes first, the unit last.
 */
export function canonicalAddress(key: string): string {
  const words = key
    .toLowerCase()
    .replace(/#/g, ' # ')
    .replace(/[.,;:'"()/\\-]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => STREET_TYPES[w] ?? w);
  let unit = '';
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (UNIT_WORDS.has(w) && i + 1 < words.length && !UNIT_WORDS.has(words[i + 1]!)) {
      unit = words[++i]!;
      continue;
    }
    if (!UNIT_WORDS.has(w)) rest.push(w);
  }
  if (rest.length >= 3 && /^\d{4}$/.test(rest[rest.length - 1]!) && /^\d{5}$/.test(rest[rest.length - 2]!)) rest.pop();
  if (rest.length >= 3 && /^\d{5}$/.test(rest[rest.length - 1]!)) rest.pop();
  const at = rest.findIndex((w) => /^\d+[a-z]?$/.test(w));
  const number = at >= 0 ? rest.splice(at, 1) : [];
  return [...number, ...rest, ...(unit ? [`#${unit}`] : [])].join(' ');
}

/** E.164 keys as numbers (digits only); NaN when not a phone number. */
export function phoneNumber(key: string): number {
  const digits = key.replace(/\D/g, '');
  return digits.length >= 6 && digits.length <= 15 ? Number(digits) : NaN;
}

/**
 * Members (indices into `phones`) whose numbers form a run of at least TEMPLATE_MIN_RUN consecutive numbers, each at
 * most TEMPLATE_GAP from the next, held by different members. `phones[i]` lists member i's numbers.
 */
export function sequentialPhoneMembers(phones: ReadonlyArray<readonly string[]>): number[] {
  const entries: Array<{ n: number; member: number }> = [];
  phones.forEach((list, member) => {
    for (const key of list) {
      const n = phoneNumber(key);
      if (Number.isFinite(n)) entries.push({ n, member });
    }
  });
  entries.sort((a, b) => a.n - b.n || a.member - b.member);
  const found = new Set<number>();
  let run: typeof entries = [];
  const flush = (): void => {
    const members = new Set(run.map((e) => e.member));
    if (members.size >= TEMPLATE_MIN_RUN) members.forEach((m) => found.add(m));
    run = [];
  };
  for (const e of entries) {
    if (run.length > 0 && (e.n - run[run.length - 1].n > TEMPLATE_GAP || e.n === run[run.length - 1].n)) flush();
    run.push(e);
  }
  flush();
  return [...found].sort((a, b) => a - b);
}

/** A name in a mailbox must be at least this many letters, and two mailboxes share it when they start alike as far. */
export const NAME_MIN_LETTERS = 8;

/**
 * The name a mailbox starts with: its local part without separators (`.`, `_`, `-`, `+`), up to the first non-letter.
 * A `+tag` stays part of it: `agency+lucasgarcia37@…` and `agency+yolandaallen34@…` are two clients' addresses at one
 * agency, not one name (a tag after digits, `johnsmith12+stay`, is past the name anyway).
 */
export function mailboxName(key: string): string {
  const at = key.lastIndexOf('@');
  const local = (at >= 0 ? key.slice(0, at) : key).toLowerCase();
  return /^[a-z]*/.exec(local.replace(/[._+-]/g, ''))![0];
}

/** Whether a mailbox (email key) carries a name sameNameMembers can compare. */
export function carriesName(key: string): boolean {
  return mailboxName(key).length >= NAME_MIN_LETTERS;
}

/** The mailboxes (email keys) that carry a name, sorted and distinct; detection keeps only these. */
export function namedMailboxes(keys: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const key of keys) if (carriesName(key)) out.add(key);
  return [...out].sort();
}

/**
 * One person's name in different mailboxes: members (indices into `emails`) with a mailbox whose name
 * (`mailboxName`, at least NAME_MIN_LETTERS letters) is, but for the last tenth of the shorter one, the name of a
 * *different* mailbox of another member of the same declared type (`types[i]`; unknown matches any) —
 * `kgonzalez3504@gmail.com` and `kgonzalezncm@proton.me`, `john.smith.77@…` and `johnsmith_uk@…`. A mailbox two
 * members share is a shared identifier, not this; nor are two tags of one mailbox (`agency+lucas…`,
 * `agency+yolanda…`). A family does not count: different first names (`jwright`, `mwright`), one surname first
 * (`phillips.noah`, `phillipsrandy`) and names shorter than NAME_MIN_LETTERS (`jsmith`) part early; nor does one
 * person's account on each side of a platform (a host's guest account: two types).
 * Returns the members and the mailboxes involved, sorted.
 */
export function sameNameMembers(
  emails: ReadonlyArray<readonly string[]>,
  types: ReadonlyArray<string | undefined> = [],
): { members: number[]; mailboxes: string[] } {
  const byName = new Map<string, Array<{ member: number; key: string; name: string }>>();
  emails.forEach((list, member) => {
    for (const key of list) {
      const name = mailboxName(key);
      if (name.length < NAME_MIN_LETTERS) continue;
      const head = name.slice(0, NAME_MIN_LETTERS);
      const group = byName.get(head);
      if (group) group.push({ member, key, name });
      else byName.set(head, [{ member, key, name }]);
    }
  });
  const typeOf = (member: number): string | undefined => types[member]?.trim().toLowerCase() || undefined;
  const sameType = (a: number, b: number): boolean => !typeOf(a) || !typeOf(b) || typeOf(a) === typeOf(b);
  const alike = (x: string, y: string): boolean => {
    let common = 0;
    while (common < x.length && common < y.length && x[common] === y[common]) common++;
    return common >= 0.9 * Math.min(x.length, y.length);
  };
  const found = new Set<number>();
  const mailboxes = new Set<string>();
  for (const head of [...byName.keys()].sort()) {
    const group = byName.get(head)!;
    for (const a of group)
      for (const b of group)
        if (a.member !== b.member && a.key !== b.key && sameType(a.member, b.member) && alike(a.name, b.name)) {
          found.add(a.member);
          mailboxes.add(a.key);
        }
  }
  return { members: [...found].sort((a, b) => a - b), mailboxes: [...mailboxes].sort() };
}

/** A family name in mailboxes (familyNameMembers) is at least this many letters; 0 in the settings turns it off. */
export const FAMILY_NAME_MIN_LETTERS = 5;

/** The name a mailbox starts with (mailboxName) and its words: the local part up to its first digit, split at separators. */
function nameWords(key: string): { name: string; words: string[] } {
  const at = key.lastIndexOf('@');
  const local = (at >= 0 ? key.slice(0, at) : key).toLowerCase();
  const words = /^[^0-9]*/
    .exec(local)![0]
    .split(/[._+-]+/)
    .filter((w) => /^[a-z]+$/.test(w));
  return { name: mailboxName(key), words };
}

/** What is left of a mailbox name outside [from, to): whole, and cut at its word boundaries (`real.cleo` → `cleo`). */
function leftOver(box: { name: string; words: string[] }, from: number, to: number): string[] {
  const out = [box.name.slice(0, from) + box.name.slice(to)];
  let at = 0;
  for (const word of box.words) {
    const piece =
      box.name.slice(at, Math.min(at + word.length, from)) + box.name.slice(Math.max(at, to), at + word.length);
    if (piece !== '' && piece !== out[0]) out.push(piece);
    at += word.length;
  }
  return out;
}

/**
 * Whether two mailbox names carry one family name and two different first names: the same ending of at least
 * `minLetters` letters (`ivodelacroix`, `zeno.delacroix`, `xdelacroix`), or the first word of one at the end of the
 * other (`fennimore.alba`, `quinn.fennimore`), and what is left differs — it is not empty, and no piece of it
 * starts another piece of the other: `c` and `real.cleo` (`cthibodeaux`, `real.cleothibodeaux`) may be one person,
 * as `john` and `john` are.
 */
function familyPair(
  a: { name: string; words: string[] },
  b: { name: string; words: string[] },
  minLetters: number,
): boolean {
  const x = a.name;
  const y = b.name;
  if (x === y) return false;
  const differ = (p: string[], q: string[]): boolean =>
    p[0] !== '' && q[0] !== '' && p.every((u) => q.every((v) => !u.startsWith(v) && !v.startsWith(u)));
  let k = 0;
  while (k < x.length && k < y.length && x[x.length - 1 - k] === y[y.length - 1 - k]) k++;
  if (k >= minLetters) return differ(leftOver(a, x.length - k, x.length), leftOver(b, y.length - k, y.length));
  for (const [first, other] of [
    [a, b],
    [b, a],
  ] as const) {
    const word = first.words[0];
    if (!word || word.length < minLetters || first.words.length < 2 || !first.name.startsWith(word)) continue;
    const o = other.name;
    if (o.length > word.length && o.endsWith(word))
      return differ(leftOver(first, 0, word.length), leftOver(other, o.length - word.length, o.length));
  }
  return false;
}

/**
 * A family among the members: members (indices into `emails`) whose mailboxes carry one family name with different
 * first names (familyPair) — `otto.eastwick2007@…` and `eastwick.ivo@…`, `ivodelacroix@…` and `zenodelacroix301@…`.
 * Members tied so form families (transitively); a family of more than `maxMembers` is not one (a farm that names its
 * accounts after one surname), and one person's mailboxes (sameNameMembers: one first name, or an initial and a first
 * name) are not a family. Returns the members and the mailboxes involved, sorted, and the families (sorted members).
 */
export function familyNameMembers(
  emails: ReadonlyArray<readonly string[]>,
  maxMembers: number,
  minLetters = FAMILY_NAME_MIN_LETTERS,
): { members: number[]; mailboxes: string[]; families: number[][] } {
  if (minLetters <= 0) return { members: [], mailboxes: [], families: [] };
  const boxes: Array<{ member: number; key: string; name: string; words: string[] }> = [];
  emails.forEach((list, member) => {
    for (const key of list) {
      const parts = nameWords(key);
      if (parts.name.length >= minLetters) boxes.push({ member, key, ...parts });
    }
  });
  const pairs: Array<[number, number]> = [];
  const tied = new Map<number, Set<string>>();
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.member === b.member || !familyPair(a, b, minLetters)) continue;
      pairs.push([a.member, b.member]);
      for (const box of [a, b]) {
        const keys = tied.get(box.member) ?? new Set<string>();
        keys.add(box.key);
        tied.set(box.member, keys);
      }
    }
  const families = [...new Set(joinGroups(pairs).values())].filter((f) => f.length <= maxMembers);
  const members = families.flat().sort((p, q) => p - q);
  const mailboxes = new Set<string>();
  for (const m of members) for (const key of tied.get(m)!) mailboxes.add(key);
  return { members, mailboxes: [...mailboxes].sort(), families };
}
