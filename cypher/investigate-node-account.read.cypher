// One account for the details panel: properties, first/last sighting over its identifiers, each identifier with how
// many accounts share it, the rings it is a member of in each ring's latest run, and its payments in and out.
MATCH (a:Account {id: $id})
WITH a,
  COLLECT {
    MATCH (a)-[u:USES]->(i)
    RETURN {
      kind: CASE WHEN i:Device THEN 'device' WHEN i:PaymentMethod THEN 'payment' WHEN i:IP THEN 'ip'
                 WHEN i:Email THEN 'email' WHEN i:Phone THEN 'phone' WHEN i:Address THEN 'address' END,
      key: i.key, display: i.display, last4: i.last4, sharers: COUNT { (i)<-[:USES]-() },
      count: u.count, firstSeen: u.firstSeen, lastSeen: u.lastSeen
    } AS x
    ORDER BY x.sharers DESC, x.kind, x.key
    LIMIT toInteger($maxIdentifiers)
  } AS identifiers,
  COLLECT {
    MATCH (a)-[m:IN_RING]->(r:Ring)
    WHERE r.active AND m.run = r.lastSeenRun
    RETURN r {.id, kind: coalesce(r.kind, 'ring'), .score, .size, .status, .change, .flagged, .lastSeenRun} AS ring
    ORDER BY ring.score DESC
  } AS rings
OPTIONAL MATCH (a)-[u:USES]->()
WITH a, identifiers, rings, min(u.firstSeen) AS firstSeen, max(u.lastSeen) AS lastSeen, count(u) AS uses
OPTIONAL MATCH (a)-[s:PAID]->(payee:Account)
WITH a, identifiers, rings, firstSeen, lastSeen, uses,
     count(DISTINCT payee) AS sentTo, sum(s.count) AS sentCount, sum(s.total) AS sentTotal
OPTIONAL MATCH (a)<-[p:PAID]-(payer:Account)
WITH a, identifiers, rings, firstSeen, lastSeen, uses, sentTo, sentCount, sentTotal,
     count(DISTINCT payer) AS receivedFrom, sum(p.count) AS receivedCount, sum(p.total) AS receivedTotal
// Amounts in different currencies are never added together: one total per currency (PAID is one per currency).
WITH a, identifiers, rings, firstSeen, lastSeen, uses, sentTo, sentCount, sentTotal, receivedFrom, receivedCount,
     receivedTotal,
     COLLECT {
       MATCH (a)-[x:PAID]->(:Account)
       WITH x.currency AS currency, sum(x.total) AS total
       RETURN {currency: currency, total: total} AS t ORDER BY currency
     } AS sentTotals,
     COLLECT {
       MATCH (a)<-[x:PAID]-(:Account)
       WITH x.currency AS currency, sum(x.total) AS total
       RETURN {currency: currency, total: total} AS t ORDER BY currency
     } AS receivedTotals
RETURN a.id AS id, a.createdAt AS createdAt, a.type AS type, a.country AS country, a.status AS status,
       a.label AS label, firstSeen, lastSeen, identifiers, rings,
       {counterparties: sentTo, count: sentCount, total: sentTotal, totals: sentTotals} AS sent,
       {counterparties: receivedFrom, count: receivedCount, total: receivedTotal, totals: receivedTotals} AS received
