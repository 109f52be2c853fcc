// Ids for the API benchmark's requests: the top active rings and their members, and the number of accounts.
CALL () { MATCH (a:Account) RETURN count(a) AS accounts }
CALL () {
  MATCH (r:Ring) WHERE r.active
  WITH r ORDER BY r.score DESC LIMIT toInteger($limit)
  MATCH (a:Account)-[:IN_RING {run: r.lastSeenRun}]->(r)
  RETURN collect(DISTINCT r.id) AS rings, collect(DISTINCT a.id)[..toInteger($limit)] AS members
}
RETURN rings, members, accounts
