import { useEffect, useState } from 'react';

interface Health {
  status: string;
  ringlens: string;
  neo4j: { connected: boolean; version?: string; edition?: string; error?: string };
}

/** Placeholder shell until the investigator UI lands: shows whether the API and Neo4j are up. */
export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch('/api/health')
      .then((r) => r.json() as Promise<Health>)
      .then(setHealth, (e: Error) => setError(e.message));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem' }}>
      <h1>RingLens</h1>
      {error && <p role="alert">The API did not answer: {error}</p>}
      {health && (
        <p data-testid="health">
          API {health.ringlens} ·{' '}
          {health.neo4j.connected
            ? `Neo4j ${health.neo4j.version} (${health.neo4j.edition}) connected`
            : `Neo4j unavailable: ${health.neo4j.error}`}
        </p>
      )}
    </main>
  );
}
