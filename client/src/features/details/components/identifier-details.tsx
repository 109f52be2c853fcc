import type { IdentifierDetails as Identifier } from '@contracts/investigate.ts';
import { formatCount, formatDate } from '../../../lib/format.ts';

/** An identifier: its attributes, sightings, and how many accounts (and which labels) share it. */
export function IdentifierDetails({ identifier }: { identifier: Identifier }) {
  const p = identifier.properties;
  const s = identifier.sharersByLabel;
  return (
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
        <strong>{formatCount(identifier.sharers)}</strong> accounts
        {s.known_fraud > 0 && <span className="fraud-text"> · ⚠ {formatCount(s.known_fraud)} known fraud</span>}
        {s.legit > 0 && <span> · {formatCount(s.legit)} legit</span>}
      </dd>
      <dt>First seen</dt>
      <dd>{formatDate(identifier.firstSeen)}</dd>
      <dt>Last seen</dt>
      <dd>{formatDate(identifier.lastSeen)}</dd>
    </dl>
  );
}
