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
