import { useHealth } from '../api/get-health.ts';

/** API and Neo4j status in the header. */
export function HealthBadge() {
  const { data, error } = useHealth();
  if (error) {
    return (
      <span className="health health--down" role="alert">
        API unreachable: {error.message}
      </span>
    );
  }
  if (!data) return <span className="health">Connecting…</span>;
  const ok = data.neo4j.connected;
  return (
    <span
      className={`health ${ok ? 'health--ok' : 'health--down'}`}
      data-testid="health"
      title={`RingLens ${data.ringlens}`}
    >
      <span className="health__dot" aria-hidden="true" />
      {ok ? `Neo4j ${data.neo4j.version} (${data.neo4j.edition}) connected` : `Neo4j unavailable: ${data.neo4j.error}`}
    </span>
  );
}
