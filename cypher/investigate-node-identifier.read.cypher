// One identifier for the details panel, looked up by kind and normalised key (each branch is an index seek on the
// label's key constraint; $kind picks the branch, so no label ever comes from input): its properties, first/last
// sighting, how many accounts share it and how they are labelled, and the active rings (and pairs) its accounts are in.
CALL () {
  MATCH (n:Device {key: $key}) WHERE $kind = 'device' RETURN n
  UNION
  MATCH (n:PaymentMethod {key: $key}) WHERE $kind = 'payment' RETURN n
  UNION
  MATCH (n:IP {key: $key}) WHERE $kind = 'ip' RETURN n
  UNION
  MATCH (n:Email {key: $key}) WHERE $kind = 'email' RETURN n
  UNION
  MATCH (n:Phone {key: $key}) WHERE $kind = 'phone' RETURN n
  UNION
  MATCH (n:Address {key: $key}) WHERE $kind = 'address' RETURN n
}
WITH n, COLLECT {
  MATCH (n)<-[:USES]-(:Account)-[m:IN_RING]->(r:Ring)
  WHERE r.active AND m.run = r.lastSeenRun
  WITH DISTINCT r
  RETURN r {.id, .score, .size, .status, .change, .flagged, .lastSeenRun, .kind} AS ring
  ORDER BY ring.score DESC
  LIMIT 50
} AS rings
OPTIONAL MATCH (n)<-[u:USES]-(a:Account)
WITH n, rings, min(u.firstSeen) AS firstSeen, max(u.lastSeen) AS lastSeen, count(a) AS sharers,
     count(CASE WHEN a.label = 'known_fraud' THEN 1 END) AS knownFraud,
     count(CASE WHEN a.label = 'legit' THEN 1 END) AS legit
RETURN n.key AS key, n.display AS display, n.bin AS bin, n.last4 AS last4, n.issuerCountry AS issuerCountry,
       firstSeen, lastSeen, sharers, knownFraud, legit, rings
