/**
 * The domain vocabulary, defined once for the server, the web app and the scripts: what links accounts (identifier
 * kinds), what a graph node can be, account labels, ring changes and the disposition workflow. Pure data (no
 * node-only code): the client bundles it.
 */

/** What links accounts. `payment` is a payment instrument (a card, a bank account), not a transfer. */
export const IDENTIFIER_KINDS = ['device', 'payment', 'ip', 'email', 'phone', 'address'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** What a node of the graph view can be: an account or one of the identifier kinds. */
export const NODE_KINDS = ['account', ...IDENTIFIER_KINDS] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** The graph node label of each identifier kind (the loader's queries, neo4j-admin import and reads name them). */
export const IDENTIFIER_LABELS: Readonly<Record<IdentifierKind, string>> = {
  device: 'Device',
  payment: 'PaymentMethod',
  ip: 'IP',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
};

/** The identifier kind of a graph node label (`PaymentMethod` → `payment`); undefined for any other label. */
export function identifierKindOfLabel(label: string): IdentifierKind | undefined {
  return IDENTIFIER_KINDS.find((kind) => IDENTIFIER_LABELS[kind] === label);
}

export function isIdentifierKind(value: string): value is IdentifierKind {
  return (IDENTIFIER_KINDS as readonly string[]).includes(value);
}

export function isNodeKind(value: string): value is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(value);
}

export const ACCOUNT_LABELS = ['known_fraud', 'legit', 'unknown'] as const;
export type AccountLabel = (typeof ACCOUNT_LABELS)[number];

export const DISPOSITIONS = ['new', 'under_review', 'confirmed_fraud', 'false_positive', 'escalated'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * The disposition workflow: new → under_review → confirmed_fraud | false_positive | escalated; an escalated case
 * goes back to review or to a verdict; a verdict can be reopened for review. Anything else is refused.
 */
export const DISPOSITION_TRANSITIONS: Readonly<Record<Disposition, readonly Disposition[]>> = {
  new: ['under_review'],
  under_review: ['confirmed_fraud', 'false_positive', 'escalated'],
  escalated: ['under_review', 'confirmed_fraud', 'false_positive'],
  confirmed_fraud: ['under_review'],
  false_positive: ['under_review'],
};

/** How a disposition reads in the app and in reports ("Confirmed fraud", not `confirmed_fraud`). */
export const DISPOSITION_TEXT: Readonly<Record<Disposition, string>> = {
  new: 'New',
  under_review: 'Under review',
  confirmed_fraud: 'Confirmed fraud',
  false_positive: 'False positive',
  escalated: 'Escalated',
};

/** A ring's status is its latest disposition. */
export const RING_STATUSES = DISPOSITIONS;
export type RingStatus = Disposition;

/** How a ring changed since the previous detection run. */
export const RING_CHANGES = ['new', 'unchanged', 'grown', 'shrunk', 'changed'] as const;
export type RingChange = (typeof RING_CHANGES)[number];
