/**
 * Organisation identifiers: what a company lends its people. A corporate travel desk's card pays for a dozen
 * employees' trips, an agency books stays for its clients from its own office network, a fleet operator pays its
 * drivers from one account. Their accounts share a card, an IP, an address or a front-desk PC, were often opened in
 * the same week, and read exactly like a ring — but the platform knows them: the organisation has an account of its
 * own whose declared type says what it is (settings.organisationTypes). Every identifier that account uses is the
 * organisation's, and sharing it says that the sharers belong to it, not that one actor runs them: it is left out of
 * the partition and the scores (as generic identifiers are) and listed in the run with reason `organisation`.
 *
 * Not when the organisation account is itself known fraud or banned (withBans gives banned accounts that label): a
 * shell company set up for a scheme ties its accounts as any ring member does. Ties other than the organisation's own
 * identifiers still count, so a ring inside a company (members sharing their own devices or cards) is still found.
 *
 * Nor is an identifier the organisation's to lend when at least two of its other sharers each paid the organisation
 * `customerTransfers` times or more (settings.funnel.regularTransfers): people who buy from their own employer on its
 * tablet or its Wi-Fi now and then are its staff; accounts that pay it again and again from its own device are made-up
 * custom — a restaurant ordering from itself through accounts it runs. 0 turns that test off.
 */
import type { AccountInfo } from './input.ts';
import type { Projection } from './projection-graph.ts';
import type { DetectionSettings } from './settings.ts';

/** The declared organisation types, lower-cased. */
export function organisationTypeSet(settings: Pick<DetectionSettings, 'organisationTypes'>): ReadonlySet<string> {
  return new Set(settings.organisationTypes.map((t) => t.toLowerCase()));
}

export function isOrganisation(info: AccountInfo | undefined, types: ReadonlySet<string>): boolean {
  return info?.type !== undefined && types.has(info.type.toLowerCase());
}

/**
 * Marks every projected identifier used by one of `organisations` (accounts of an organisation type) as left out,
 * unless that account is known fraud; lists each in `projection.excluded`. Returns how many were marked.
 */
export function markOrganisationIdentifiers(
  projection: Projection,
  organisations: Iterable<AccountInfo>,
  customerTransfers = 0,
): number {
  let marked = 0;
  const ordered = [...organisations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const org of ordered) {
    if (org.label === 'known_fraud') continue;
    const node = projection.indexOf(org.id);
    if (node < 0) continue;
    const paid = customerTransfers > 0 ? paymentsInto(projection, node) : new Map<number, number>();
    for (const identifier of projection.identifiersOf(node)) {
      if (projection.isGeneric(identifier)) continue;
      if (customerTransfers > 0) {
        let customers = 0;
        for (const m of projection.membersOf(identifier))
          if (m !== node && (paid.get(m) ?? 0) >= customerTransfers) customers++;
        if (customers >= 2) continue;
      }
      projection.generic[identifier] = 1;
      projection.excluded.push({
        kind: projection.identifierKind(identifier),
        key: projection.identifierKey(identifier),
        sharers: projection.identifierSharers(identifier),
        reason: 'organisation',
      });
      marked++;
    }
  }
  return marked;
}

/** Per payer, how many payments it made to `node` (the projection's transfers into it). */
function paymentsInto(projection: Projection, node: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of projection.transfersOf(node)) {
    if (projection.transferPayee(t) !== node) continue;
    const payer = projection.transferPayer(t);
    out.set(payer, (out.get(payer) ?? 0) + projection.transferCount(t));
  }
  return out;
}
