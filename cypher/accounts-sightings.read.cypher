// When each of the given accounts was first and last seen on each identifier it shares with another account, and on
// anything at all: what the re-entry test needs (server/detect/reentry.ts), asked only for findings with a banned
// member and for a banned account's possible successors, so the common lookup (accounts-info.read) stays light.
// `moves`: the first and last sighting (epoch ms) on each of its devices and IPs, shared or not, and whether it is a
// device, from which the caller tells when the account started afresh (takeover.ts freshStarts: an account that
// changed hands).
UNWIND $ids AS id
MATCH (a:Account {id: id})
CALL (a) {
  MATCH (a)-[u:USES]->(x)
  WHERE u.firstSeen IS NOT NULL
  WITH u, x, COUNT { (x)<-[:USES]-() } AS sharers
  RETURN toString(min(u.firstSeen)) AS activeFrom, toString(max(u.lastSeen)) AS activeTo,
    collect(CASE WHEN sharers > 1 THEN [labels(x)[0], x.key, toString(u.firstSeen), toString(u.lastSeen)] END) AS seen,
    collect(CASE WHEN x:Device OR x:IP THEN [u.firstSeen.epochMillis, u.lastSeen.epochMillis, x:Device] END) AS moves
}
RETURN a.id AS id, seen, activeFrom, activeTo, moves
