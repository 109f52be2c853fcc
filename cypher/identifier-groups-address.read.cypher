// Detection input for :Address identifiers: every identifier used by at least two accounts, with its sharer count.
// The account list is only collected up to $maxSharers: a bigger group is a crowd, reported by its count alone.
// Streamed (not paged): the degree check (COUNT {}) reads the relationship count store, so single-use identifiers
// — most of them — are skipped without expanding anything.
MATCH (i:Address)
WITH i, COUNT { (i)<-[:USES]-(:Account) } AS sharers
WHERE sharers >= 2
CALL (i, sharers) {
  OPTIONAL MATCH (a:Account)-[u:USES]->(i)
  WHERE sharers <= $maxSharers
  RETURN collect(a.id) AS accounts, min(u.firstSeen) AS firstSeen, max(u.lastSeen) AS lastSeen
}
RETURN i.key AS key, sharers, accounts, firstSeen, lastSeen
