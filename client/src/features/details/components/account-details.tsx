import type { AccountDetails as Account } from '@contracts/investigate.ts';
import { formatCount, formatDate, formatMoney, plural } from '../../../lib/format.ts';
import { KindSwatch } from '../../../components/kind-swatch.tsx';
import { KIND_STYLES } from '@contracts/kind-styles.ts';
import { PairBadge } from '../../../components/pair-badge.tsx';
import { StatusBadge } from '../../../components/ring-badges.tsx';

/** An account: properties, sightings, identifiers with how many accounts share each, rings, payments. */
/** "1,250.00 USD + 300.00 INR": one amount per currency, never one sum across them. */
function money(side: { total: number; totals: Array<{ currency: string | null; total: number }> }): string {
  if (side.totals.length === 0) return formatMoney(side.total);
  return side.totals.map((t) => formatMoney(t.total, t.currency)).join(' + ');
}

export function AccountDetails({
  account,
  onOpenNode,
  onOpenRing,
}: {
  account: Account;
  onOpenNode(id: string): void;
  onOpenRing(id: string): void;
}) {
  const p = account.properties;
  return (
    <>
      <dl className="props">
        <dt>Label</dt>
        <dd className={p.label === 'known_fraud' ? 'fraud-text' : undefined}>
          {p.label === 'known_fraud' ? '⚠ known fraud' : (p.label ?? 'unknown')}
        </dd>
        <dt>Type</dt>
        <dd>{p.type ?? '—'}</dd>
        <dt>Country</dt>
        <dd>{p.country ?? '—'}</dd>
        <dt>Status</dt>
        <dd>{p.status ?? '—'}</dd>
        <dt>Created</dt>
        <dd>{formatDate(p.createdAt)}</dd>
        <dt>First seen</dt>
        <dd>{formatDate(account.firstSeen)}</dd>
        <dt>Last seen</dt>
        <dd>{formatDate(account.lastSeen)}</dd>
        <dt>Payments</dt>
        <dd>
          sent {money(account.payments.sent)} to {plural(account.payments.sent.counterparties, 'account')}; received{' '}
          {money(account.payments.received)} from {plural(account.payments.received.counterparties, 'account')}
        </dd>
      </dl>
      <h3>Identifiers ({account.identifiers.length})</h3>
      <table className="identifiers" data-testid="account-identifiers">
        <thead>
          <tr>
            <th scope="col">Identifier</th>
            <th scope="col" className="num" title="Accounts using it">
              Shared by
            </th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {account.identifiers.map((i) => (
            <tr key={i.id}>
              <td>
                <button
                  type="button"
                  className="link ident"
                  onClick={() => onOpenNode(i.id)}
                  title={`${KIND_STYLES[i.kind].name}: ${i.key}`}
                >
                  <KindSwatch kind={i.kind} size={12} /> {i.label}
                </button>
              </td>
              <td className={`num ${i.sharers > 1 ? 'shared' : ''}`}>{formatCount(i.sharers)}</td>
              <td className="small">{formatDate(i.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Rings and pairs ({account.rings.length})</h3>
      {account.rings.length === 0 ? (
        <p className="muted small">Not in any active ring.</p>
      ) : (
        <ul className="member-list">
          {account.rings.map((r) => (
            <li key={r.id}>
              <button type="button" className="link" onClick={() => onOpenRing(r.id)}>
                {r.id}
              </button>{' '}
              <PairBadge kind={r.kind} />{' '}
              <span className="muted small">
                score {r.score ?? '—'} · {plural(r.size ?? 0, 'member')}
              </span>{' '}
              {r.status && <StatusBadge status={r.status} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
