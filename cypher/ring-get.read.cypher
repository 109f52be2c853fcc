// One ring with its current members (and each member's own disposition) and its membership history across runs.
MATCH (r:Ring {id: $id})
CALL (r) {
  MATCH (a:Account)-[:IN_RING {run: r.lastSeenRun}]->(r)
  RETURN collect(a {.id, .label, .createdAt, .type, .country, .status, .disposition}) AS members
}
CALL (r) {
  MATCH (:Account)-[m:IN_RING]->(r)
  WITH m.run AS runId, count(*) AS size
  ORDER BY runId
  RETURN collect({runId: runId, size: size}) AS history
}
RETURN r {.*} AS ring, members, history
