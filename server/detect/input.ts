/**
 * The plain-data contract between the database layer and ring detection. Everything in `detect/` consumes these
 * shapes; nothing here knows about Neo4j.
 */

import type { AccountLabel, IdentifierKind } from '../../contracts/vocabulary.ts';

/** The identifier kinds and account labels of the domain vocabulary (contracts/vocabulary.ts). */
export { IDENTIFIER_KINDS, type AccountLabel, type IdentifierKind } from '../../contracts/vocabulary.ts';

export interface AccountInfo {
  id: string;
  label: AccountLabel;
  /** ISO 8601. */
  createdAt?: string;
  /** ISO 3166 alpha-2, when known (generic identifiers are shared across many countries). */
  country?: string;
  /** The platform's account status (`active`, `closed`, `banned`, …), when known; see settings.bannedStatuses. */
  status?: string;
  /** The account's declared type (`personal`, `business`, `agency`, …), when known; see settings.organisationTypes. */
  type?: string;
  /**
   * How many distinct devices the account uses in all (shared or not), when known: an account whose only device is
   * one it shares with others is operated from that device (generic.ts, score.ts).
   */
  devices?: number;
  /** Normalised address keys the account gave, when known: one place written two ways still means living together. */
  addresses?: string[];
  /**
   * How the account wrote each email address whose key differs from what it typed (first sighting), when known:
   * email key → the address as written (`john.smith12@gmail.com` for the key `johnsmith12@gmail.com`). Members that
   * wrote one mailbox in different ways are one person's accounts (score.ts, settings spelledApartFactor).
   */
  emailSpellings?: Record<string, string>;
  /**
   * The account's email keys, when known: one person's name in two members' different mailboxes is one person's
   * accounts (templates.ts sameNameMembers).
   */
  emails?: string[];
  /** Normalised (E.164) phone keys, when known: consecutive numbers across members are a template (templates.ts). */
  phones?: string[];
  /**
   * When the account was first seen on each of its devices (device key → ISO 8601), when known: a device that turns
   * up on several long-standing accounts within days is an intruder's (takeover.ts), a family tablet is picked up over
   * months.
   */
  deviceFirstSeen?: Record<string, string>;
  /**
   * The first and last sighting (ISO 8601) of the account on each identifier it shares with another account, keyed
   * by reentry.ts `seenKey` (kind and key), when known: a banned account's successor takes its home IP or phone over,
   * a household uses them side by side (reentry.ts).
   */
  identifierSeen?: Record<string, [string, string]>;
  /** The first and last sighting (ISO 8601) of the account on any identifier, when known (reentry.ts). */
  activity?: [string, string];
  /**
   * When the account started afresh (ISO 8601, ascending), when known: each a first sighting on a device or IP after
   * the last sighting on every device and IP it had used before (takeover.ts freshStarts) — an account that changed
   * hands (sold, rented out, taken over whole) does; networks.ts handovers.
   */
  freshStarts?: string[];
}

/** One identifier and the distinct accounts that used it; streamed one group at a time. */
export interface IdentifierGroup {
  kind: IdentifierKind;
  key: string;
  accounts: string[];
  /**
   * Distinct accounts using the identifier when the source did not list them all: a database can send a crowd as
   * `{ sharers: 4200, accounts: [] }` instead of streaming 4 200 ids. Defaults to the number of distinct `accounts`.
   */
  sharers?: number;
  firstSeen?: string;
  lastSeen?: string;
}

/** Money sent from `payer` to `payee`, aggregated over the analysed period (one record per direction). */
export interface PaymentEdge {
  payer: string;
  payee: string;
  count: number;
  total: number;
}

/** An identifier shared by more accounts than its kind's `maxSharers`: not projected, listed in the run report. */
export interface Crowd {
  kind: IdentifierKind;
  key: string;
  sharers: number;
}

/**
 * An identifier left out of rings although it is not a crowd: a known `placeholder` value (placeholders.ts), a
 * `generic` one whose sharers have nothing else in common (generic.ts) or an `organisation`'s, used by an account
 * that declares itself one (organisations.ts), or one `handed-on` from one holder to the next (a second-hand phone, a
 * reassigned number: handed-on.ts). Listed in the run report like crowds.
 */
export interface ExcludedIdentifier extends Crowd {
  reason: 'placeholder' | 'generic' | 'organisation' | 'handed-on';
}
