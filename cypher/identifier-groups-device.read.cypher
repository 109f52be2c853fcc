// Detection input for :Device identifiers: every identifier used by at least two accounts, with its sharer count.
// The account list is only collected up to $maxSharers: a bigger group is a crowd, reported by its count alone.
// Streamed (not paged): the degree check (COUNT {}) reads the node's relationship degree, so single-use identifiers
// — most of them — are skipped without expanding anything. It names no label at the far end on purpose: only accounts
// USE identifiers, and a label check would make Neo4j visit every neighbour (5× slower on a million accounts).
MATCH (i:Device)
WITH i, COUNT { (i)<-[:USES]-() } AS sharers
WHERE sharers >= 2
CALL (i, sharers) {
  OPTIONAL MATCH (a:Account)-[:USES]->(i)
  WHERE sharers <= $maxSharers
  RETURN collect(a.id) AS accounts
}
RETURN i.key AS key, sharers, accounts
