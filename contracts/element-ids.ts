/**
 * Stable element ids for the graph view, shared by the API and the client: `account:acc_1`, `device:fp-9a1c`,
 * `uses:account:acc_1->device:fp-9a1c`, `paid:account:a->account:b:USD`. The same node or relationship always gets the
 * same id, which is what lets the client merge expansions without duplicates. Keys may themselves contain `:` (IPv6,
 * addresses), so a node id is split at its first `:` only.
 */
import { isNodeKind, type NodeKind } from './vocabulary.ts';

export function nodeId(kind: NodeKind, key: string): string {
  return `${kind}:${key}`;
}

/** The kind and key of a node id, or null when it is not one (unknown kind, empty key). */
export function parseNodeId(id: string): { kind: NodeKind; key: string } | null {
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const kind = id.slice(0, colon);
  const key = id.slice(colon + 1);
  if (!isNodeKind(kind) || key === '') return null;
  return { kind, key };
}

export function usesEdgeId(accountNodeId: string, identifierNodeId: string): string {
  return `uses:${accountNodeId}->${identifierNodeId}`;
}

export function paidEdgeId(payerNodeId: string, payeeNodeId: string, currency: string): string {
  return `paid:${payerNodeId}->${payeeNodeId}:${currency}`;
}
