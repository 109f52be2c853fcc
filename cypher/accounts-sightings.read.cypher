// When each of the given accounts was first and last seen on each identifier it shares with another account, and on
// anything at all: what the re-entry test needs (server/detect/reentry.ts), asked only for findings with a banned
// member and for a banned account's possible successors, so the common lookup (accounts-info.read) stays light.
UNWIND $ids AS id
MATCH (a:Account {id: id})
CALL (a) {
  MATCH (a)-[u:USES]->(x)
  WHERE u.firstSeen IS NOT NULL
  WITH u, x, COUNT { (x)<-[:USES]-() } AS sharers
  RETURN toString(min(u.firstSeen)) AS activeFrom, toString(max(u.lastSeen)) AS activeTo,
    collect(CASE WHEN sharers > 1 THEN [labels(x)[0], x.key, toString(u.firstSeen), toString(u.lastSeen)] END) AS seen
}
RETURN a.id AS id, seen, activeFrom, activeTo
