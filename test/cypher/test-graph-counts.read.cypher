// Nodes (in total and per label) and relationships in the whole database, leaving out what requests themselves
// write (audit events, sessions) and the batched loader's change records for incremental detection (IngestState,
// IngestChange; a bulk import has none):
// equal results before and after a test mean the requests changed no data.
CALL () {
  MATCH (n) WHERE NOT n:AuditEvent AND NOT n:Session AND NOT n:IngestState AND NOT n:IngestChange
  RETURN count(n) AS nodes
}
CALL () {
  MATCH (n) WHERE NOT n:AuditEvent AND NOT n:Session AND NOT n:IngestState AND NOT n:IngestChange
  WITH labels(n)[0] AS label, count(*) AS n ORDER BY label
  RETURN collect(label + ':' + n) AS byLabel
}
CALL () {
  MATCH ()-[r]->() WHERE NOT r:HAS_SESSION
  RETURN count(r) AS relationships
}
RETURN nodes, relationships, byLabel
