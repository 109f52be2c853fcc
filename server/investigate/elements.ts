/**
 * Rows from the investigate queries (plain objects, see server/db/convert.ts) → Cytoscape-ready elements with stable
 * ids. Pure, so the shapes are unit-tested without a database.
 */
import type { EdgeElement, GraphEdgeData, GraphNodeData, NodeElement } from '../../contracts/investigate.ts';
import { ACCOUNT_LABELS, type AccountLabel } from '../../contracts/vocabulary.ts';
import { nodeId, paidEdgeId, usesEdgeId } from '../../contracts/element-ids.ts';
import { type IdentifierKind, type NodeKind } from '../../contracts/vocabulary.ts';

/** A node as every investigate query returns it. */
export interface NodeRow {
  kind: NodeKind;
  key: string;
  display?: string | null;
  last4?: string | null;
  accountLabel?: string | null;
  sharers?: number | null;
  sharedIdentifiers?: number | null;
}

/** A USES or PAID relationship's properties (PAID's firstAt/lastAt arrive as firstSeen/lastSeen). */
export interface RelRow {
  count?: number | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  currency?: string | null;
  total?: number | null;
}

/**
 * The text shown for a node: the phone in international format, the address as written, a card's last four (the
 * graph view shortens long ones itself).
 */
export function nodeLabel(row: Pick<NodeRow, 'kind' | 'key' | 'display' | 'last4'>): string {
  switch (row.kind) {
    case 'payment':
      return row.last4 ? `•••• ${row.last4} · ${row.key}` : row.key;
    case 'phone':
    case 'address':
      return row.display ?? row.key;
    default:
      return row.key;
  }
}

function accountLabel(value: string | null | undefined): AccountLabel | null {
  return (ACCOUNT_LABELS as readonly string[]).includes(value ?? '') ? (value as AccountLabel) : null;
}

export function toNodeData(row: NodeRow): GraphNodeData {
  const data: GraphNodeData = {
    id: nodeId(row.kind, row.key),
    kind: row.kind,
    key: row.key,
    label: nodeLabel(row),
    accountLabel: row.kind === 'account' ? (accountLabel(row.accountLabel) ?? 'unknown') : null,
    sharers: row.kind === 'account' ? null : (row.sharers ?? null),
  };
  if (row.sharedIdentifiers !== undefined) data.sharedIdentifiers = row.sharedIdentifiers;
  return data;
}

export function toNodeElement(row: NodeRow): NodeElement {
  return { data: toNodeData(row) };
}

/** What an account → identifier link is called on the graph. */
export const USES_LABEL: Record<IdentifierKind, string> = {
  device: 'uses device',
  payment: 'uses card',
  ip: 'uses IP',
  email: 'uses email',
  phone: 'uses phone',
  address: 'uses address',
};

/** "1,250" or "75.50": whole amounts without decimals. Always of one currency: amounts are never summed across. */
export function formatAmount(amount: number): string {
  const whole = Number.isInteger(amount);
  return amount.toLocaleString('en-US', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
}

/** "paid 3× 1,250 USD" (the total of this payer → payee edge, which is one currency). */
export function paidLabel(count: number | null, total: number | null, currency: string): string {
  const times = count === null ? '' : `${count}× `;
  return total === null ? `paid ${times}${currency}` : `paid ${times}${formatAmount(total)} ${currency}`;
}

/** Account → identifier. */
export function usesEdge(accountKey: string, identifier: Pick<NodeRow, 'kind' | 'key'>, rel: RelRow): EdgeElement {
  const source = nodeId('account', accountKey);
  const target = nodeId(identifier.kind, identifier.key);
  const data: GraphEdgeData = {
    id: usesEdgeId(source, target),
    source,
    target,
    kind: 'uses',
    label: identifier.kind === 'account' ? 'uses' : USES_LABEL[identifier.kind],
    count: rel.count ?? null,
    firstSeen: rel.firstSeen ?? null,
    lastSeen: rel.lastSeen ?? null,
  };
  return { data };
}

/** Payer → payee, one per currency. */
export function paidEdge(payerKey: string, payeeKey: string, rel: RelRow): EdgeElement {
  const source = nodeId('account', payerKey);
  const target = nodeId('account', payeeKey);
  const currency = rel.currency ?? '?';
  const count = rel.count ?? null;
  const data: GraphEdgeData = {
    id: paidEdgeId(source, target, currency),
    source,
    target,
    kind: 'paid',
    label: paidLabel(count, rel.total ?? null, currency),
    count,
    firstSeen: rel.firstSeen ?? null,
    lastSeen: rel.lastSeen ?? null,
    currency,
    total: rel.total ?? null,
  };
  return { data };
}

/** An edge between `a` and `b` (in either direction) from its relationship type and whether it leaves `a`. */
export function edgeBetween(a: NodeRow, b: NodeRow, rel: RelRow & { type: string; outgoing: boolean }): EdgeElement {
  const [from, to] = rel.outgoing ? [a, b] : [b, a];
  return rel.type === 'PAID' ? paidEdge(from.key, to.key, rel) : usesEdge(from.key, to, rel);
}
