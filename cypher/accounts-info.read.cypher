// What scoring and the generic-identifier test need of the given accounts (ring candidates, sharers of popular
// devices): label, creation time, country, status (bans count as known fraud: settings.bannedStatuses), how many
// devices the account uses in all, and its address and phone keys (one place written two ways; consecutive numbers),
// when it was first seen on each of its devices (takeovers), when it was first and last seen on each identifier it
// shares with another account, and on anything at all (a banned account's successor: reentry.ts).
UNWIND $ids AS id
MATCH (a:Account {id: id})
CALL (a) {
  OPTIONAL MATCH (a)-[u:USES]->()
  RETURN toString(min(u.firstSeen)) AS activeFrom, toString(max(u.lastSeen)) AS activeTo
}
RETURN a.id AS id, a.label AS label, a.createdAt AS createdAt, a.country AS country, a.status AS status,
  COUNT { (a)-[:USES]->(:Device) } AS devices,
  [(a)-[:USES]->(x:Address) | x.key] AS addresses,
  [(a)-[:USES]->(x:Phone) | x.key] AS phones,
  [(a)-[u:USES]->(x:Device) WHERE u.firstSeen IS NOT NULL | [x.key, toString(u.firstSeen)]] AS deviceSeen,
  [(a)-[u:USES]->(x) WHERE u.firstSeen IS NOT NULL AND COUNT { (x)<-[:USES]-() } > 1 |
    [labels(x)[0], x.key, toString(u.firstSeen), toString(u.lastSeen)]] AS seen,
  activeFrom, activeTo
