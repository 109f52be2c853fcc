// Batched link upsert for :Address identifiers (one file per label: labels cannot be parameters).
// One USES relationship per account–identifier pair. A sighting is identified by its time: `seen` holds the
// distinct sighting times (epoch ms), so a replayed row — the same file loaded twice, or a load re-run after a
// crash — changes nothing, and count/firstSeen/lastSeen never double-count. The loader sends each pair once per
// batch with its distinct times (`r.times`), because rows of one UNWIND do not see each other's SETs.
UNWIND $rows AS r
MERGE (a:Account {id: r.account})
  ON CREATE SET a.label = 'unknown'
MERGE (i:Address {key: r.key})
  ON CREATE SET i.display = r.display, i.bin = r.bin, i.last4 = r.last4, i.issuerCountry = r.issuerCountry
MERGE (a)-[u:USES]->(i)
WITH u, r, coalesce(u.seen, []) AS seen
WITH u, seen, [t IN r.times WHERE NOT toInteger(t) IN seen | toInteger(t)] AS fresh
WHERE size(fresh) > 0
WITH u, seen + fresh AS times
SET u.seen = times,
    u.count = size(times),
    u.firstSeen = datetime({epochMillis: reduce(m = times[0], x IN times | CASE WHEN x < m THEN x ELSE m END)}),
    u.lastSeen = datetime({epochMillis: reduce(m = times[0], x IN times | CASE WHEN x > m THEN x ELSE m END)})
