/**
 * Ring-detection settings: one interface, one `DEFAULT_SETTINGS`, one `validateSettings()` that throws a sentence
 * naming the bad field (the sigma.js pattern). Callers pass a partial object to `resolveSettings()`.
 */
import { SETTING_BOUNDS, withinBounds, type TunableSetting } from '../../contracts/detection-settings.ts';
import { IDENTIFIER_KINDS, type IdentifierKind } from './input.ts';
import type { FunnelSettings } from './funnels.ts';

/**
 * Points of the ring risk score.
 *
 *   score = min(100, identifiers + knownFraud + burst + payments + cycle + size), each term capped on its own:
 *
 *   identifiers = min(identifierCap, Σ_{identifiers i shared by ≥ 2 members} identifierPoints[kind(i)] · r_i/k_i · c_i)
 *                 where r_i = members using i and k_i = all accounts using i (an IP that 40 outsiders also use counts
 *                 for a tenth of one only the ring uses), and the crowding factor
 *                 c_i = min(crowdingCap, 1 + crowdingStep · (r_i − 2)) for the crowdedKinds (device, card, email,
 *                 phone), 1 for the others: two accounts on one device may be a couple, eight on one device are a farm,
 *                 whereas many accounts behind one IP or at one address are normal (NAT, apartment buildings); an
 *                 email address its members wrote in different ways counts spelledApartFactor times (see there);
 *   knownFraud  = min(knownFraudCap, knownFraudPoints · members labelled known_fraud);
 *   burst       = burstPoints · b / n when b ≥ minRingSize members were created within burstWindowDays of each other,
 *                 else 0 (n = ring size, b = the largest such group);
 *   payments    = min(paymentCap, paymentPoints · distinct payer→payee pairs inside the ring);
 *   cycle       = cyclePoints when money goes round a loop of members (a pays b, b pays c, c pays a);
 *   crossing    = cyclePoints when it goes round between two sides instead, each tied by its own identifiers (a pays
 *                 b, b's partner pays a's: crossed-transfers.ts), not discounted for living together;
 *   size        = min(sizeCap, sizePoints · (n − minRingSize)).
 *
 * A mailbox or a phone number stands for one person, so it is worth more than a device, which families share (the
 * living-room tablet); a card is worth most. With the defaults:
 * - a household of 5 on one tablet and one home IP, even opened in the same week: 10·1.75 + 2 + 20 + 4 = 43.5 (< 50);
 * - 8 accounts on one device behind one proxy IP, opened within days: 10·2.5 + 2 + 20 + 10 = 57;
 * - 3 accounts on one mailbox and one phone number, opened within days: 2 · 15·1.25 + 20 = 57.5;
 * - 3 colluders, two on one device, paying each other round a loop, opened within days: 10 + 15 + 15 + 20 = 60.
 */
export interface ScoreWeights {
  identifierPoints: Record<IdentifierKind, number>;
  /** Kinds whose points grow with the members on one identifier (see the formula above). */
  crowdedKinds: IdentifierKind[];
  crowdingStep: number;
  crowdingCap: number;
  identifierCap: number;
  knownFraudPoints: number;
  knownFraudCap: number;
  burstPoints: number;
  burstWindowDays: number;
  paymentPoints: number;
  paymentCap: number;
  cyclePoints: number;
  sizePoints: number;
  sizeCap: number;
  /**
   * Guilt by association: a member that is not known fraud but shares a strong identifier i (see strongKinds) with an
   * account labelled known_fraud (inside or outside the finding) adds associationPoints · 1/(k_i − 1) (k_i = accounts
   * using i: a card shared by two binds fully, one shared by eleven a tenth), at most associationCap in all.
   */
  associationPoints: number;
  associationCap: number;
  /**
   * Co-residence: members that share an address with another member live together (so do relatives:
   * familyNameLetters), and a family shares a tablet, a card and a phone line, may open accounts the same week and pay
   * each other. The association, burst, proximity, operated, takeover and money (payments, relay, loop) terms are
   * multiplied by 1 − coResidentDiscount · (share of members living together); so is a coResidentKinds identifier
   * that reaches outside the household, whereas one used inside one household only is multiplied by
   * 1 − coResidentDiscount, and one used in two households or more is not discounted. Not applied to one operator's
   * accounts (score.ts) nor to a finding with two members or more refunded most of what they paid (refund abuse).
   */
  coResidentKinds: IdentifierKind[];
  coResidentDiscount: number;
  /**
   * A place (one address, however written: templates.ts canonicalAddress) shared by more members than this does not
   * count as living together: families are small, whereas ten accounts opened at one flat are a farm's drop address.
   */
  coResidentMaxMembers: number;
  /**
   * A finding of several households: the coResidentKinds identifiers used inside one household only count in full
   * (after the co-residence discount) for the household whose own identifiers weigh most, and × otherHouseholdsFactor
   * for every other one — each family on its own family card is no more one operator than one family is.
   */
  otherHouseholdsFactor: number;
  /**
   * Relatives live together too, wherever each of them gave as address: members whose mailboxes carry one family name
   * of at least this many letters with different first names (`otto.eastwick@…`, `eastwick.ivo@…`, `zenodelacroix@…`,
   * `xdelacroix@…`: templates.ts familyNameMembers) count as co-resident, in families of at most coResidentMaxMembers.
   * 0 turns it off.
   */
  familyNameLetters: number;
  /**
   * One person in two roles: a pair whose accounts declare two different roles of DetectionSettings.roleTypes (host
   * and guest, driver and rider) and that pays neither way, with no known-fraud or banned member, no tie to known
   * fraud, no successor and no takeover, is someone using the platform from both sides (a host who also travels),
   * not a duplicate account. Its identifier, association, burst, proximity and operated terms are multiplied by
   * 1 − twoRolesDiscount. Two roles that trade with each other (a driver's own rider account paying it for trips) do
   * not qualify. 0 turns it off; it applies only where roleTypes lists roles (none by default).
   */
  twoRolesDiscount: number;
  /**
   * One mailbox written several ways: an email address whose members spelled it differently — dots or a `+tag` the
   * mailbox provider ignores, so the addresses share one key (server/ingest/normalize.ts) — counts
   * spelledApartFactor times. Someone who opens a second account under a "new" address written another way (the
   * promo-abuse trick) does that; a family sharing one mailbox writes it the same way. 1 turns it off.
   */
  spelledApartFactor: number;
  /** proximityPoints · b / n when b ≥ min(minRingSize, n) members were created within proximityWindowDays. */
  proximityPoints: number;
  proximityWindowDays: number;
  /**
   * Pass-through: relayPoints per member that both receives from and pays to other members, at least twice each
   * way (a mule forwarding funds, a colluder passing money round), at most relayCap (soft).
   */
  relayPoints: number;
  relayCap: number;
  /**
   * operatedPoints per member whose every device is one it shares with other members (an account run from the
   * controller's laptop or the farm's phones; people have devices of their own), at most operatedCap (soft).
   */
  operatedPoints: number;
  operatedCap: number;
  /** sequencePoints · m / n for m members whose phone numbers run consecutively (templates.ts). */
  sequencePoints: number;
  /**
   * namePoints · m / n for m members with one person's name in different mailboxes (`kgonzalez3504@…` and
   * `kgonzalezncm@…`: templates.ts sameNameMembers), multiplied like the other personal terms by the co-residence and
   * two-roles factors: a second account under a "new" mailbox with the same name is how one person opens a duplicate.
   */
  namePoints: number;
  /**
   * funnelPoints · m / (n − 1) for m members that feed one other member of the finding (funnels.ts), halved for two
   * (coincidence), multiplied by the co-residence factor like the other money terms.
   */
  funnelPoints: number;
  /**
   * Refund abuse: refundPoints · m / n when m ≥ 2 members each made at least refundMinPayments payments and got at
   * least refundMinShare of them refunded by the merchant they paid (reversals.ts; `triangle` mode). Ordinary buyers
   * get a refund now and then; two linked accounts that both get most orders refunded are one abuser's.
   */
  refundPoints: number;
  refundMinShare: number;
  refundMinPayments: number;
  /**
   * A welcome offer taken twice: welcomePoints when a pair's two accounts each made exactly one payment
   * (reversals.ts's refunds left out; `triangle` mode), multiplied by the co-residence factor. A new customer's
   * discount is used once per account, so a person's second account for it pays once, as the first did; two people
   * tied by a card or a device who each paid once in all are rare (a couple that books one trip each is the risk).
   * 0 turns it off.
   */
  welcomePoints: number;
  /** takeoverPoints · m / n for m members on a device that turned up on them within days (takeover.ts). */
  takeoverPoints: number;
  /**
   * Re-entry (reentry.ts): reentryPoints · m / (n − f) for m members that took an identifier over from a banned member
   * (f: the known-fraud members; a banned user's new account on the old one's home IP, phone or address).
   */
  reentryPoints: number;
}

export type PaymentEdgeMode = 'reinforce' | 'triangle' | 'link';

export interface DetectionSettings {
  /**
   * Edge weight of the account projection.
   *
   * Two accounts a and b are joined by an edge of weight
   *
   *   w(a, b) = Σ_{identifiers i used by both} kindWeight[kind(i)] / (k_i − 1)^rarityExponent
   *           + Σ_{payment records between a and b, either direction} paymentWeight · log2(1 + count)
   *
   * where k_i is the number of distinct accounts using identifier i (2 ≤ k_i ≤ the kind's maxSharers; bigger groups
   * are crowds and add nothing). With rarityExponent = 1 (Newman 2001's collaboration weighting) an account receives
   * exactly kindWeight in total from each identifier it shares, however many others share it: a card used by 2
   * accounts ties them with 1.0, a card used by 11 ties each pair with 0.1. Rare identifiers bind tightly, popular
   * ones loosely, and no identifier dominates modularity through the k² edges of its clique. rarityExponent = 0
   * turns rarity off; values above 1 punish popular identifiers harder.
   *
   * Kind weights (defaults): device 1.0 and payment 1.0 — a device fingerprint or a card is rarely shared by accident
   * and many accounts on one of them is the classic farm; email 0.7 and phone 0.7 — personal, but numbers get recycled
   * and families share a mailbox; address 0.4 — households and apartment buildings share it legitimately; ip 0.15 —
   * NAT, carrier-grade NAT, VPNs, offices and cafés make sharing common and cheap.
   */
  kindWeights: Record<IdentifierKind, number>;
  rarityExponent: number;
  paymentWeight: number;
  /**
   * How transfers enter the projection. Ordinary buyer→seller payments must not glue the marketplace into one
   * component, yet colluders often share nothing but money. `triangle` (default): a transfer between accounts that
   * share an identifier adds weight; a transfer also creates an edge when another transfer joins one of its accounts
   * to an account tied to the other by an identifier worth at least triangleMinWeight (money going a → x → b between
   * linked a and b: transfer-triangles.ts). `reinforce`: only the first. `link`: every transfer creates an edge.
   * Transfers between members of a ring always count towards its score.
   */
  paymentEdges: PaymentEdgeMode;
  /** `triangle` mode: the identifier tie (edge weight) that can close a triangle; crowd-sized IPs tie far less. */
  triangleMinWeight: number;
  /**
   * `triangle` mode: an account paid by at least this many distinct accounts is a merchant (a seller, a creator, a
   * landlord), and its payments back to accounts that paid it are reversals — refunds — which count as no transfer
   * (reversals.ts). Colluders and mules are paid by a handful of accounts. 0 turns it off.
   */
  merchantMinPayers: number;
  /**
   * `triangle` mode: x paying y at least this many times while an account tied to y pays an account tied to x as
   * often is a crossing between two pairs (crossed-transfers.ts: self-dealing through second accounts); both legs link
   * their ends. 0 turns it off.
   */
  crossMinPayments: number;
  /** The identifier tie (edge weight) that makes two accounts one side of a crossing: a device or card of a few. */
  crossMinWeight: number;
  /** Super-node guard: a group with more accounts than this is a crowd, never expanded into a clique. */
  maxSharers: number;
  maxSharersByKind: Partial<Record<IdentifierKind, number>>;
  /**
   * Louvain resolution γ; higher gives smaller communities. Below 1 on purpose: components and refined communities
   * are each partitioned against their own null model, where γ = 1 splits any group that is not perfectly uniform
   * (the unsplit group scores Q = 0). γ = 0.5 gives the unsplit group a head start of 1 − γ, so groups tied only by a
   * carrier IP come apart while a ring whose halves share two devices stays whole. Chains of dense groups (a farm's
   * devices, a gang's cards) are split at any γ and put back together by the pivot merge; on the generator's planted
   * rings the results are the same for γ between 0.25 and 0.5, while γ = 1 cuts some rings finer than pivots can mend.
   */
  resolution: number;
  seed: number;
  /** Rounds of re-running Louvain inside each community (resolution-limit refinement); 0 disables it. */
  refineDepth: number;
  /**
   * Pivot merge (ring-repair.ts): two communities are merged when an account shares one identifier of a pivotKinds
   * kind with at least pivotMinPeers members of its own community and one with at least pivotMinPeers members of the
   * other — the operator's account on two of the farm's devices, or paying with two of the gang's cards. 2 peers on
   * each side: three accounts on one device or card is a crowd already, two is a couple. 0 disables the merge.
   */
  pivotKinds: IdentifierKind[];
  pivotMinPeers: number;
  /**
   * Ring members tied to the rest of their ring by less than this leave it (0 disables): 0.2 is more than one IP can
   * give (ip kindWeight 0.15), so an account that only shares a home IP with a member is not a member.
   */
  trimMinWeight: number;
  /** Components (and refined communities) up to this many accounts are partitioned exactly, not by Louvain (≤ 8). */
  exactPartitionMaxSize: number;
  minRingSize: number;
  /** A ring scoring at least this is flagged for investigation. */
  alertThreshold: number;
  /**
   * Rings scoring below this are counted but not returned: households, mostly — five accounts on a family tablet at
   * one address and home IP score 17.5 + 4 + 2 + 4 = 27.5 — unless something else (a burst, a known fraudster, money
   * going round) adds to it.
   */
  reportThreshold: number;
  /** Jaccard similarity at which a new ring keeps a previous ring's id; also the merge/split coverage threshold. */
  matchThreshold: number;
  maxEvidencePerRing: number;
  scoreWeights: ScoreWeights;
  /**
   * Partition (partition.ts): the account graph is split into parts, the connected components of the strong-tie
   * graph — accounts joined by an identifier of a strongKinds kind (device, card, email, phone) that is neither a
   * crowd nor generic nor a placeholder, or by a transfer that closes a relay between linked accounts. Weak ties
   * (IPs, addresses, ordinary payments) never join parts, so a ring is split only where its ties are weak.
   */
  strongKinds: IdentifierKind[];
  /**
   * A part of at most this many accounts is one finding however sparse (a chain A–B–C–… through different identifier
   * kinds stays whole); a bigger part is cut into communities by Louvain with the repairs of communities.ts.
   */
  wholePartMaxSize: number;
  /** Report two accounts joined by a strong identifier (and nothing else) as a pair finding. */
  pairs: boolean;
  /**
   * Generic identifiers (generic.ts): an identifier of a genericKinds kind used by at least genericMinSharers accounts is generic
   * — the default fingerprint of a popular phone, an office PC or a library kiosk — when its sharers have nothing else
   * in common (cohesion through their other strong identifiers, rare IPs and addresses — used by at most
   * genericTieMaxSharers accounts — and transfers below genericMaxCohesion) and are not operated from it (fewer than
   * a quarter use no other device, or fewer than half and they were not opened within genericWindowDays of each
   * other). Generic identifiers are left out of the partition and the scores, and listed in the run like crowds.
   */
  /**
   * Kinds tested for being generic: devices (a popular build's default fingerprint, a kiosk). A card, mailbox or phone
   * number shared by many strangers is no accident; their fillers are caught by the placeholder list instead.
   */
  genericKinds: IdentifierKind[];
  genericMinSharers: number;
  genericTieMaxSharers: number;
  genericWindowDays: number;
  genericMaxCohesion: number;
  /**
   * Takeovers (takeover.ts): a device first seen on at least takeover.minAccounts accounts — and takeover.minShare of
   * its sharers — within takeover.windowDays, most of them open for takeover.establishedDays already, is an intruder's:
   * never generic, and worth scoreWeights.takeoverPoints to a finding of those accounts.
   *
   * takeover.sittingHours: at least takeover.minAccounts members of a finding that each took one shared device and
   * one shared address or phone number within that many hours of each other, takeover.establishedDays or more after
   * they were opened, were taken over in one sitting each (an intruder writing its drop address or its own phone
   * into every victim's account), however many days lie between the victims: the takeover term counts them, and
   * that address does not make them a household (score-terms.ts sittingTakeovers). 0 turns it off.
   */
  takeover: {
    windowDays: number;
    establishedDays: number;
    minShare: number;
    minAccounts: number;
    sittingHours: number;
  };
  /**
   * Intruders' networks (networks.ts): an IP first seen on at least networkTakeover.minAccounts accounts — and
   * networkTakeover.minShare of its sharers (1: every one) — within networkTakeover.windowDays, that share of them
   * open for takeover.establishedDays already, one of them known fraud, is a strong tie among them and scores as a
   * takeover. minAccounts 0 turns it off. Or, however far apart those first sightings, when at least
   * networkTakeover.handoverMinAccounts of them (and minShare of the sharers) each changed hands onto it: a fresh start
   * (AccountInfo.freshStarts: none of the devices and networks used before, ever again) at or before the first
   * sighting, takeover.establishedDays or more after opening. handoverMinAccounts 0 turns that off.
   */
  networkTakeover: { windowDays: number; minAccounts: number; minShare: number; handoverMinAccounts: number };
  /**
   * Money passed on (forwarding.ts): a member that receives from and pays other members repeatedly passes money on
   * only when it forwards what it receives: a payment to another member is forwarded when it follows within
   * forwarding.windowDays a payment it received from another member (not the one it pays), of forwarding.minRatio
   * to forwarding.maxRatio times that amount, and the flows to members of which at least forwarding.minShare of the
   * payments are forwarded hold at least 2 of them. A parent passing pay on as pocket money
   * on a schedule, or a flatmate collecting the rent, pays out at other times and in other sums than it is paid.
   * Needs the payments' times (DetectRingsInput.paymentEvents); without them, or with windowDays 0, the repeated flows
   * alone count, as before.
   */
  forwarding: { windowDays: number; minShare: number; minRatio: number; maxRatio: number };
  /**
   * Handed-on identifiers (handed-on.ts): an identifier of a handedOn.kinds kind used by exactly two accounts that
   * share nothing else is a second-hand phone or a reassigned number, and left out like a generic one, when the later
   * account started using it at least handedOn.gapDays after the earlier one stopped, one of them used it over a day
   * or more, and neither is known fraud or banned. `kinds: []` turns the test off.
   */
  handedOn: { kinds: IdentifierKind[]; gapDays: number };
  /**
   * Funnels (funnels.ts): at least funnel.minPayers accounts, opened within funnel.windowDays of each other, that each
   * pay one account and nobody else, at least funnel.minTransfers times, never paid back, and are at least
   * funnel.minShare of that account's payers, are its feeders (chip dumpers, a collector's farm): their transfers tie
   * them to it like a relay's legs (`triangle` mode), worth scoreWeights.funnelPoints. minPayers 0 turns it off.
   * At least funnel.minPayers payers of the same one or two accounts and of nobody else, never paid back, that paid
   * them at least funnel.regularTransfers times in all are their feeders too, opened whenever and however many others
   * pay them (funnels.ts regularLegs: straw customers laundering through one or two drivers, fake riders a driver
   * books over months); 0 turns that off. A payer whose payments to one of those accounts come about every
   * funnel.scheduleDays days (a month: rent, a subscription, a service's fee; funnels.ts onSchedule, on the payments'
   * times) is its customer and no regular; 0 turns that test off.
   * Payers opened at any time that the account pays back for at least funnel.paidBackMinShare of their payments (by
   * count), and that pay nobody who does not pay them back likewise, are feeders too (funnels.ts paybackLegs:
   * made-up custom, bought reviews or ratings); 0 turns that off. Payers opened at any time that send one account at
   * least half of all the money they pay, at least funnel.minTransfers times, never paid back, are its feeders when at
   * least funnel.knownFraudFeederShare of them (and at least one) are known fraud (funnels.ts fedLegs: money mules and
   * their collector); 0 turns that off.
   */
  funnel: FunnelSettings;
  /**
   * Known-fraud attachment (attach.ts): a known-fraud account in no finding that shares an identifier used by at most
   * this many accounts (a household's address or IP) with members of a flagged finding is shown with it, unscored.
   * 0 turns it off.
   */
  attachMaxSharers: number;
  /**
   * Re-entry (reentry.ts): a banned account in no reported finding and another account that share an identifier
   * used by at most reentryMaxSharers accounts are scored as a pair when the other one took the identifier over (its
   * use began after the banned account's, at most reentryOverlapDays before the banned account's last use of it: a
   * changeover, not months side by side). 0 turns the rule off, in pairs and in the scores of other findings alike.
   */
  reentryMaxSharers: number;
  reentryOverlapDays: number;
  /**
   * Pieces of one operation (merge-pieces.ts): a flagged finding and another reported one that share an address
   * used by at most this many accounts outside the findings, through members opened within the burst window of each
   * other, are scored again as one finding and replaced by it when it is flagged. −1 turns it off.
   */
  pieceMaxOutsiders: number;
  /**
   * The same for an IP, which a home or a café also shares: only when at least 3 accounts of the findings use it and,
   * in every finding it joins, at least this share of the members does (a crew's own proxy or VPN exit, not one
   * member's visit to another's Wi-Fi); the outsider and opening-date conditions are those of addresses. −1 turns IPs
   * off.
   */
  pieceIpMinShare: number;
  /**
   * Known placeholder values (placeholders.ts), per kind, as normalised keys, on top of the built-in list
   * (000-000-0000 and other one-digit or counting numbers, test@test.com, n/a, unknown, none, …). They link nothing
   * and are listed in the run.
   */
  placeholders: Partial<Record<IdentifierKind, string[]>>;
  /**
   * Account statuses that mean the person may not hold an account any more (case-insensitive): the platform threw
   * them out (`banned`), or they asked it to keep them out (`self_excluded`, regulated gambling: a self-excluded
   * player's new account is a re-registration the operator must catch). Such an account counts as known fraud
   * wherever labels count (members, guilt by association, attachment): a new account on a banned user's card or
   * device is the classic re-entry. Voluntary or technical statuses (closed, locked, dormant) are not bans. Empty:
   * statuses are ignored. RINGLENS_BANNED_STATUSES sets the platform's own list (server/config.ts).
   */
  bannedStatuses: string[];
  /**
   * Account types that declare an organisation — a company, an agency, a fleet operator, a merchant (a restaurant or
   * a store selling through the platform) (case-insensitive; the accounts file's `type`). What such an account uses itself (the corporate card, the office network and address,
   * the front-desk PC) is the organisation's, lent to its people: employees on the company card, clients booked by an
   * agency, drivers paid by a fleet share it because they belong to it, not because one actor runs them. Those
   * identifiers are left out of rings (organisations.ts) and listed in the run, unless the organisation account is
   * itself known fraud or banned, or at least two of the identifier's sharers each paid the organisation
   * funnel.regularTransfers times or more (its made-up custom, not its people). Empty: types are ignored.
   * RINGLENS_ORGANISATION_TYPES sets the platform's own list (server/config.ts).
   */
  organisationTypes: string[];
  /**
   * Account types that are roles one person may hold side by side on this platform, each in an account of its own
   * (case-insensitive; the accounts file's `type`): `host` and `guest` where hosts travel too, `driver` and `rider`.
   * A pair of two of these roles that pays neither way is one person on both sides, not a duplicate account
   * (ScoreWeights.twoRolesDiscount). A platform policy, so empty by default: on a marketplace with one account per
   * person, a buyer who opens a seller account under another name is a duplicate like any other.
   */
  roleTypes: string[];
  /** Templated identities (templates.ts): near-duplicate emails, sequential phone numbers, one address spelled differently. */
  templates: boolean;
}

export const DEFAULT_SETTINGS: Readonly<DetectionSettings> = Object.freeze({
  kindWeights: { device: 1, payment: 1, email: 0.7, phone: 0.7, address: 0.4, ip: 0.15 },
  rarityExponent: 1,
  paymentWeight: 0.5,
  paymentEdges: 'triangle',
  triangleMinWeight: 0.1,
  merchantMinPayers: 20,
  crossMinPayments: 5,
  crossMinWeight: 0.7,
  maxSharers: 50,
  maxSharersByKind: {},
  resolution: 0.5,
  seed: 42,
  refineDepth: 3,
  pivotKinds: ['device', 'payment', 'email', 'phone'],
  pivotMinPeers: 2,
  trimMinWeight: 0.2,
  exactPartitionMaxSize: 6,
  minRingSize: 3,
  alertThreshold: 50,
  reportThreshold: 30,
  matchThreshold: 0.5,
  maxEvidencePerRing: 200,
  scoreWeights: {
    identifierPoints: { device: 30, payment: 40, email: 25, phone: 25, address: 4, ip: 2 },
    crowdedKinds: ['device', 'payment', 'email', 'phone'],
    crowdingStep: 0.25,
    crowdingCap: 3,
    identifierCap: 70,
    knownFraudPoints: 15,
    knownFraudCap: 30,
    burstPoints: 20,
    burstWindowDays: 14,
    paymentPoints: 5,
    paymentCap: 20,
    cyclePoints: 15,
    sizePoints: 2,
    sizeCap: 10,
    associationPoints: 15,
    associationCap: 30,
    coResidentKinds: ['device', 'payment', 'phone'],
    coResidentDiscount: 0.8,
    coResidentMaxMembers: 6,
    otherHouseholdsFactor: 0,
    familyNameLetters: 5,
    twoRolesDiscount: 0.8,
    spelledApartFactor: 2.5,
    proximityPoints: 10,
    proximityWindowDays: 90,
    relayPoints: 20,
    relayCap: 60,
    operatedPoints: 5,
    operatedCap: 20,
    sequencePoints: 20,
    namePoints: 15,
    takeoverPoints: 20,
    funnelPoints: 40,
    refundPoints: 20,
    refundMinShare: 0.4,
    refundMinPayments: 2,
    welcomePoints: 10,
    reentryPoints: 35,
  },
  strongKinds: ['device', 'payment', 'email', 'phone'],
  wholePartMaxSize: 100,
  pairs: true,
  genericKinds: ['device'],
  genericMinSharers: 4,
  genericTieMaxSharers: 3,
  genericWindowDays: 90,
  genericMaxCohesion: 0.5,
  takeover: { windowDays: 7, establishedDays: 30, minShare: 0.75, minAccounts: 3, sittingHours: 6 },
  networkTakeover: { windowDays: 21, minAccounts: 3, minShare: 1, handoverMinAccounts: 2 },
  forwarding: { windowDays: 7, minShare: 0.5, minRatio: 0.3, maxRatio: 1.1 },
  handedOn: { kinds: ['device', 'phone', 'payment'], gapDays: 14 },
  funnel: {
    minPayers: 3,
    minTransfers: 2,
    windowDays: 14,
    minShare: 0.1,
    regularTransfers: 8,
    scheduleDays: 30,
    paidBackMinShare: 0.5,
    knownFraudFeederShare: 0.1,
  },
  attachMaxSharers: 6,
  reentryMaxSharers: 3,
  reentryOverlapDays: 30,
  pieceMaxOutsiders: 2,
  pieceIpMinShare: 0.5,
  placeholders: {},
  bannedStatuses: ['banned', 'self_excluded', 'self-excluded'],
  roleTypes: [],
  organisationTypes: [
    'business',
    'company',
    'corporate',
    'enterprise',
    'organisation',
    'organization',
    'agency',
    'fleet',
    'merchant',
  ],
  templates: true,
} satisfies DetectionSettings);

export type DetectionSettingsInput = Partial<
  Omit<DetectionSettings, 'kindWeights' | 'scoreWeights'> & {
    kindWeights: Partial<Record<IdentifierKind, number>>;
    scoreWeights: Partial<Omit<ScoreWeights, 'identifierPoints' | 'crowdedKinds' | 'coResidentKinds'>> & {
      crowdedKinds?: IdentifierKind[];
      coResidentKinds?: IdentifierKind[];
      identifierPoints?: Partial<Record<IdentifierKind, number>>;
    };
  }
>;

export class InvalidSettingsError extends Error {
  readonly exitCode = 2;
  readonly retriable = false;
  readonly usage = true;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidSettingsError';
  }
}

/** Fills a partial settings object from the defaults (one level deep for the per-kind maps) and validates it. */
export function resolveSettings(input: DetectionSettingsInput = {}): DetectionSettings {
  const base = DEFAULT_SETTINGS;
  const score = input.scoreWeights ?? {};
  const settings: DetectionSettings = {
    ...base,
    ...input,
    kindWeights: { ...base.kindWeights, ...input.kindWeights },
    maxSharersByKind: { ...base.maxSharersByKind, ...input.maxSharersByKind },
    placeholders: { ...base.placeholders, ...input.placeholders },
    takeover: { ...base.takeover, ...input.takeover },
    networkTakeover: { ...base.networkTakeover, ...input.networkTakeover },
    forwarding: { ...base.forwarding, ...input.forwarding },
    handedOn: { ...base.handedOn, ...input.handedOn },
    funnel: { ...base.funnel, ...input.funnel },
    scoreWeights: {
      ...base.scoreWeights,
      ...score,
      identifierPoints: { ...base.scoreWeights.identifierPoints, ...score.identifierPoints },
    },
  };
  validateSettings(settings);
  return settings;
}

/** The largest group of `kind` that is still expanded into pairs. */
export function maxSharersFor(settings: DetectionSettings, kind: IdentifierKind): number {
  return settings.maxSharersByKind[kind] ?? settings.maxSharers;
}

function fail(field: string, expectation: string, value: unknown): never {
  throw new InvalidSettingsError(
    field,
    `Detection setting "${field}" must be ${expectation}; got ${JSON.stringify(value) ?? String(value)}.`,
  );
}

function checkNumber(field: string, value: unknown, min: number, max = Infinity, integer = false): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (ok) return;
  const kind = integer ? 'an integer' : 'a number';
  const range = max === Infinity ? `≥ ${min}` : `between ${min} and ${max}`;
  fail(field, `${kind} ${range}`, value);
}

/** A setting people tune on a run: its bounds are the API's and the CLI's (contracts/detection-settings.ts). */
function checkTunable(setting: TunableSetting, value: unknown, field: string = setting): void {
  if (withinBounds(setting, value)) return;
  const b = SETTING_BOUNDS[setting];
  const range = b.minExclusive ? `> ${b.min} and ≤ ${b.max}` : `between ${b.min} and ${b.max}`;
  fail(field, `${b.integer ? 'an integer' : 'a number'} ${range}`, value);
}

function checkKinds(field: string, value: unknown): void {
  if (!Array.isArray(value) || value.some((k) => !(IDENTIFIER_KINDS as readonly unknown[]).includes(k))) {
    fail(field, `a list of identifier kinds (${IDENTIFIER_KINDS.join(', ')})`, value);
  }
}

export function validateSettings(settings: DetectionSettings): void {
  for (const kind of IDENTIFIER_KINDS) checkNumber(`kindWeights.${kind}`, settings.kindWeights[kind], 0);
  checkNumber('rarityExponent', settings.rarityExponent, 0, 4);
  checkNumber('paymentWeight', settings.paymentWeight, 0);
  if (!(['reinforce', 'triangle', 'link'] as const).includes(settings.paymentEdges)) {
    fail('paymentEdges', '"reinforce", "triangle" or "link"', settings.paymentEdges);
  }
  checkTunable('maxSharers', settings.maxSharers);
  for (const [kind, value] of Object.entries(settings.maxSharersByKind)) {
    if (!(IDENTIFIER_KINDS as readonly string[]).includes(kind)) {
      fail(`maxSharersByKind.${kind}`, `one of the identifier kinds (${IDENTIFIER_KINDS.join(', ')})`, kind);
    }
    checkTunable('maxSharers', value, `maxSharersByKind.${kind}`);
  }
  checkTunable('resolution', settings.resolution);
  checkTunable('seed', settings.seed);
  checkNumber('refineDepth', settings.refineDepth, 0, 10, true);
  checkNumber('triangleMinWeight', settings.triangleMinWeight, 0);
  checkNumber('merchantMinPayers', settings.merchantMinPayers, 0, Infinity, true);
  checkNumber('crossMinPayments', settings.crossMinPayments, 0, Infinity, true);
  checkNumber('crossMinWeight', settings.crossMinWeight, 0);
  checkKinds('pivotKinds', settings.pivotKinds);
  checkNumber('pivotMinPeers', settings.pivotMinPeers, 0, Infinity, true);
  checkNumber('trimMinWeight', settings.trimMinWeight, 0);
  checkNumber('exactPartitionMaxSize', settings.exactPartitionMaxSize, 0, 8, true);
  checkNumber('minRingSize', settings.minRingSize, 2, Infinity, true);
  checkTunable('alertThreshold', settings.alertThreshold);
  checkNumber('reportThreshold', settings.reportThreshold, 0, settings.alertThreshold);
  checkNumber('matchThreshold', settings.matchThreshold, Number.MIN_VALUE, 1);
  checkNumber('maxEvidencePerRing', settings.maxEvidencePerRing, 0, Infinity, true);
  checkKinds('strongKinds', settings.strongKinds);
  checkNumber('wholePartMaxSize', settings.wholePartMaxSize, 2, Infinity, true);
  if (typeof settings.pairs !== 'boolean') fail('pairs', 'true or false', settings.pairs);
  if (typeof settings.templates !== 'boolean') fail('templates', 'true or false', settings.templates);
  if (!Array.isArray(settings.bannedStatuses) || settings.bannedStatuses.some((s) => typeof s !== 'string'))
    fail('bannedStatuses', 'a list of strings', settings.bannedStatuses);
  if (!Array.isArray(settings.organisationTypes) || settings.organisationTypes.some((s) => typeof s !== 'string'))
    fail('organisationTypes', 'a list of strings', settings.organisationTypes);
  if (!Array.isArray(settings.roleTypes) || settings.roleTypes.some((s) => typeof s !== 'string'))
    fail('roleTypes', 'a list of strings', settings.roleTypes);
  checkKinds('genericKinds', settings.genericKinds);
  checkNumber('genericMinSharers', settings.genericMinSharers, 3, Infinity, true);
  checkNumber('genericTieMaxSharers', settings.genericTieMaxSharers, 2, Infinity, true);
  checkNumber('genericMaxCohesion', settings.genericMaxCohesion, 0, 1);
  checkNumber('pieceMaxOutsiders', settings.pieceMaxOutsiders, -1, Infinity, true);
  checkNumber('pieceIpMinShare', settings.pieceIpMinShare, -1, 1);
  checkNumber('takeover.windowDays', settings.takeover?.windowDays, 0);
  checkKinds('handedOn.kinds', settings.handedOn?.kinds);
  checkNumber('handedOn.gapDays', settings.handedOn?.gapDays, 0);
  checkNumber('takeover.establishedDays', settings.takeover?.establishedDays, 0);
  checkNumber('takeover.minShare', settings.takeover?.minShare, 0, 1);
  checkNumber('takeover.minAccounts', settings.takeover?.minAccounts, 2, Infinity, true);
  checkNumber('takeover.sittingHours', settings.takeover?.sittingHours, 0);
  checkNumber('networkTakeover.windowDays', settings.networkTakeover?.windowDays, 0);
  checkNumber('networkTakeover.minShare', settings.networkTakeover?.minShare, 0, 1);
  checkNumber('networkTakeover.minAccounts', settings.networkTakeover?.minAccounts, 0, Infinity, true);
  if (settings.networkTakeover?.minAccounts === 1) fail('networkTakeover.minAccounts', '0 (off) or at least 2', 1);
  checkNumber('networkTakeover.handoverMinAccounts', settings.networkTakeover?.handoverMinAccounts, 0, Infinity, true);
  if (settings.networkTakeover?.handoverMinAccounts === 1)
    fail('networkTakeover.handoverMinAccounts', '0 (off) or at least 2', 1);
  checkNumber('forwarding.windowDays', settings.forwarding?.windowDays, 0);
  checkNumber('forwarding.minShare', settings.forwarding?.minShare, 0, 1);
  checkNumber('forwarding.minRatio', settings.forwarding?.minRatio, 0);
  checkNumber('forwarding.maxRatio', settings.forwarding?.maxRatio, 0);
  if (settings.forwarding && !(settings.forwarding.maxRatio >= settings.forwarding.minRatio))
    fail('forwarding.maxRatio', 'at least forwarding.minRatio', settings.forwarding.maxRatio);
  checkNumber('funnel.minPayers', settings.funnel?.minPayers, 0, Infinity, true);
  if (settings.funnel?.minPayers === 1) fail('funnel.minPayers', '0 (off) or at least 2', 1);
  checkNumber('funnel.minTransfers', settings.funnel?.minTransfers, 1, Infinity, true);
  checkNumber('funnel.windowDays', settings.funnel?.windowDays, 0);
  checkNumber('funnel.minShare', settings.funnel?.minShare, 0, 1);
  checkNumber('funnel.regularTransfers', settings.funnel?.regularTransfers, 0, Infinity, true);
  checkNumber('funnel.scheduleDays', settings.funnel?.scheduleDays, 0);
  checkNumber('funnel.paidBackMinShare', settings.funnel?.paidBackMinShare, 0, Infinity);
  checkNumber('funnel.knownFraudFeederShare', settings.funnel?.knownFraudFeederShare, 0, 1);
  checkNumber('genericWindowDays', settings.genericWindowDays, 0);
  checkNumber('attachMaxSharers', settings.attachMaxSharers, 0, Infinity, true);
  checkNumber('reentryMaxSharers', settings.reentryMaxSharers, 0, Infinity, true);
  checkNumber('reentryOverlapDays', settings.reentryOverlapDays, 0);
  for (const [kind, values] of Object.entries(settings.placeholders)) {
    if (!(IDENTIFIER_KINDS as readonly string[]).includes(kind)) {
      fail(`placeholders.${kind}`, `one of the identifier kinds (${IDENTIFIER_KINDS.join(', ')})`, kind);
    }
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      fail(`placeholders.${kind}`, 'a list of strings', values);
    }
  }
  const score = settings.scoreWeights;
  for (const kind of IDENTIFIER_KINDS) {
    checkNumber(`scoreWeights.identifierPoints.${kind}`, score.identifierPoints[kind], 0);
  }
  if (!Array.isArray(score.crowdedKinds) || score.crowdedKinds.some((k) => !IDENTIFIER_KINDS.includes(k))) {
    fail(
      'scoreWeights.crowdedKinds',
      `a list of identifier kinds (${IDENTIFIER_KINDS.join(', ')})`,
      score.crowdedKinds,
    );
  }
  checkNumber('scoreWeights.crowdingStep', score.crowdingStep, 0);
  checkNumber('scoreWeights.crowdingCap', score.crowdingCap, 1);
  for (const field of [
    'identifierCap',
    'knownFraudPoints',
    'knownFraudCap',
    'burstPoints',
    'paymentPoints',
    'paymentCap',
    'cyclePoints',
    'sizePoints',
    'sizeCap',
    'associationPoints',
    'associationCap',
    'proximityPoints',
    'relayPoints',
    'relayCap',
    'operatedPoints',
    'operatedCap',
    'sequencePoints',
    'namePoints',
    'takeoverPoints',
    'funnelPoints',
    'refundPoints',
    'welcomePoints',
    'reentryPoints',
  ] as const) {
    checkNumber(`scoreWeights.${field}`, score[field], 0, 100);
  }
  checkNumber('scoreWeights.burstWindowDays', score.burstWindowDays, 0);
  checkNumber('scoreWeights.proximityWindowDays', score.proximityWindowDays, 0);
  checkNumber('scoreWeights.coResidentDiscount', score.coResidentDiscount, 0, 1);
  checkNumber('scoreWeights.coResidentMaxMembers', score.coResidentMaxMembers, 2, Infinity, true);
  checkNumber('scoreWeights.otherHouseholdsFactor', score.otherHouseholdsFactor, 0, 1);
  checkNumber('scoreWeights.familyNameLetters', score.familyNameLetters, 0, 50, true);
  checkNumber('scoreWeights.twoRolesDiscount', score.twoRolesDiscount, 0, 1);
  checkNumber('scoreWeights.spelledApartFactor', score.spelledApartFactor, 1, 10);
  checkNumber('scoreWeights.refundMinShare', score.refundMinShare, 0, 1);
  checkNumber('scoreWeights.refundMinPayments', score.refundMinPayments, 1, Infinity, true);
  checkKinds('scoreWeights.coResidentKinds', score.coResidentKinds);
}
