import type { IdentifierDetails as Identifier } from '@contracts/investigate.ts';
import { formatCount, formatDate, plural } from '../../../lib/format.ts';
import { StatusBadge } from '../../../components/ring-badges.tsx';

/** An identifier: its attributes, sightings, and how many accounts (and which labels) share it. */
export function IdentifierDetails({
  identifier,
  onOpenRing,
}: {
  identifier: Identifier;
  onOpenRing(id: string): void;
}) {
  const p = identifier.properties;
  const s = identifier.sharersByLabel;
  const pairs = identifier.rings.filter((r) => r.kind === 'pair').length;
  return (
    <>
      <dl className="props">
        <dt>Key</dt>
        <dd className="mono">{identifier.key}</dd>
        {p.display && p.display !== identifier.key && (
          <>
            <dt>As written</dt>
            <dd>{p.display}</dd>
          </>
        )}
        {(p.bin || p.last4) && (
          <>
            <dt>Card</dt>
            <dd>
              {p.bin ?? '••••••'} … {p.last4 ?? '••••'}
              {p.issuerCountry ? ` (${p.issuerCountry})` : ''}
            </dd>
          </>
        )}
        <dt>Shared by</dt>
        <dd>
          <strong>{formatCount(identifier.sharers)}</strong> {identifier.sharers === 1 ? 'account' : 'accounts'}
          {s.known_fraud > 0 && <span className="fraud-text"> · ⚠ {formatCount(s.known_fraud)} known fraud</span>}
          {s.legit > 0 && <span> · {formatCount(s.legit)} legit</span>}
        </dd>
        <dt>First seen</dt>
        <dd>{formatDate(identifier.firstSeen)}</dd>
        <dt>Last seen</dt>
        <dd>{formatDate(identifier.lastSeen)}</dd>
      </dl>
      <h3>
        Rings{pairs > 0 ? ' and pairs' : ''} of its accounts ({identifier.rings.length})
      </h3>
      {identifier.rings.length === 0 ? (
        <p className="muted small">None of its accounts is in an active ring.</p>
      ) : (
        <ul className="member-list" data-testid="identifier-rings">
          {identifier.rings.map((r) => (
            <li key={r.id}>
              <button type="button" className="link" onClick={() => onOpenRing(r.id)}>
                {r.id}
              </button>{' '}
              <span className="muted small">
                {r.kind === 'pair' ? 'pair · ' : ''}score {r.score ?? '—'} · {plural(r.size ?? 0, 'member')}
              </span>{' '}
              {r.status && <StatusBadge status={r.status} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
