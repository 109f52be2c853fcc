// Incremental detection input (server/runs/input-cache.ts): the payments of every payer a load stamped with
// `seq` >= $since, all of them (one row per payer, [payee, count, total] each, as payment-edges.read), so the cached
// row is replaced whole.
MATCH (p:Account)
WHERE p.seq >= $since AND EXISTS { (p)-[:PAID]->() }
CALL (p) {
  MATCH (p)-[x:PAID]->(q:Account)
  WITH q, sum(x.count) AS count, sum(x.total) AS total
  RETURN collect([q.id, count, total]) AS paid
}
RETURN p.id AS payer, paid
