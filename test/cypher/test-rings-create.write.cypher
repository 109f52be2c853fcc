// Test only: rings in the shape detection writes (see rings-write.write.cypher), with IN_RING memberships in their
// lastSeenRun, so web-app tests do not depend on a detection run. Idempotent (MERGE).
UNWIND $rings AS x
MERGE (r:Ring {id: x.id})
SET r += x.props, r.firstSeenAt = datetime('2026-07-01T00:00:00Z'), r.lastSeenAt = datetime('2026-07-01T00:00:00Z')
WITH r, x
UNWIND x.members AS m
MATCH (a:Account {id: m})
MERGE (a)-[:IN_RING {run: r.lastSeenRun}]->(r)
