import { describe, expect, it } from 'vitest';
import { nodeId, paidEdgeId, parseNodeId, usesEdgeId } from '../../../contracts/element-ids.ts';
import { edgeBetween, nodeLabel, toNodeData } from '../../../server/investigate/elements.ts';
import { ringNodeIds } from '../../../contracts/ring-nodes.ts';

describe('element ids', () => {
  it('are stable and split at the first colon, so IPv6 keys survive', () => {
    expect(nodeId('ip', '2001:db8::1')).toBe('ip:2001:db8::1');
    expect(parseNodeId('ip:2001:db8::1')).toEqual({ kind: 'ip', key: '2001:db8::1' });
    expect(parseNodeId('ring:x')).toBeNull();
    expect(parseNodeId('account:')).toBeNull();
    expect(usesEdgeId('account:a', 'device:d')).toBe('uses:account:a->device:d');
    expect(paidEdgeId('account:a', 'account:b', 'USD')).toBe('paid:account:a->account:b:USD');
  });
});

describe('rows to elements', () => {
  it('labels nodes for people: card last four, phone as written, canonical email', () => {
    expect(nodeLabel({ kind: 'payment', key: 'pm_1', last4: '4242' })).toBe('•••• 4242 · pm_1');
    expect(nodeLabel({ kind: 'phone', key: '+12025550143', display: '+1 202 555 0143' })).toBe('+1 202 555 0143');
    expect(nodeLabel({ kind: 'email', key: 'jdoe@gmail.com', display: 'J.Doe+x@gmail.com' })).toBe('jdoe@gmail.com');
  });

  it('keeps account labels to the known values and sharers to identifiers', () => {
    expect(toNodeData({ kind: 'account', key: 'a', accountLabel: 'weird', sharers: 4 })).toMatchObject({
      accountLabel: 'unknown',
      sharers: null,
    });
    expect(toNodeData({ kind: 'device', key: 'd', accountLabel: 'known_fraud', sharers: 4 })).toMatchObject({
      accountLabel: null,
      sharers: 4,
    });
  });

  it('orients edges from the relationship direction', () => {
    const a = { kind: 'account' as const, key: 'a' };
    const b = { kind: 'account' as const, key: 'b' };
    const d = { kind: 'device' as const, key: 'd' };
    expect(
      edgeBetween(b, a, { type: 'PAID', outgoing: false, currency: 'EUR', count: 2, total: 10 }).data,
    ).toMatchObject({
      id: 'paid:account:a->account:b:EUR',
      source: 'account:a',
      label: 'paid 2× 10 EUR',
    });
    expect(edgeBetween(d, a, { type: 'USES', outgoing: false, count: 3 }).data).toMatchObject({
      id: 'uses:account:a->device:d',
      label: 'uses device',
      count: 3,
      firstSeen: null,
    });
  });
});

describe('ring graph', () => {
  it('draws members and the identifiers in the evidence, not transfers', () => {
    const ids = ringNodeIds({
      members: [
        { id: 'a', disposition: 'new' },
        { id: 'b', disposition: 'new' },
      ],
      evidence: {
        edges: [
          { a: 'a', b: 'b', kind: 'device', key: 'fp-1' },
          { a: 'a', b: 'c', kind: 'email', key: 'x@example.com' },
          { a: 'a', b: 'b', kind: 'transfer', key: 'a->b', count: 1, total: 5 },
        ],
        truncated: false,
      },
    });
    expect(ids).toEqual(['account:a', 'account:b', 'device:fp-1', 'account:c', 'email:x@example.com']);
  });
});
