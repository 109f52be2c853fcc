// Incremental detection input for :IP identifiers (server/runs/input-cache.ts): the given identifiers — those a
// load touched since the cached read — with their sharer count and, up to $maxSharers, all their accounts, so the
// cached group is replaced whole. Single-use ones come too: the caller keeps them only as template mailboxes.
UNWIND $keys AS key
MATCH (i:IP {key: key})
WITH i, COUNT { (i)<-[:USES]-() } AS sharers
CALL (i, sharers) {
  OPTIONAL MATCH (a:Account)-[:USES]->(i)
  WHERE sharers <= $maxSharers
  RETURN collect(a.id) AS accounts
}
RETURN i.key AS key, sharers, accounts
