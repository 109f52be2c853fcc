// Incremental detection input for :Device identifiers (server/runs/input-cache.ts): every identifier a load stamped
// with `seq` >= $since (a new link to it), with its sharer count and — up to $maxSharers — all its accounts, so the
// cached group is replaced whole. Single-use ones come too: the caller keeps them only as template mailboxes.
MATCH (i:Device)
WHERE i.seq >= $since
WITH i, COUNT { (i)<-[:USES]-() } AS sharers
CALL (i, sharers) {
  OPTIONAL MATCH (a:Account)-[:USES]->(i)
  WHERE sharers <= $maxSharers
  RETURN collect(a.id) AS accounts
}
RETURN i.key AS key, sharers, accounts
