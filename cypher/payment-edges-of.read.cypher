// Incremental detection input (server/runs/input-cache.ts): all the payments of the given payers — those a load wrote
// payments for since the cached read — one row per payer, [payee, count, total] each as payment-edges.read, so the
// cached row is replaced whole.
UNWIND $ids AS id
MATCH (p:Account {id: id})
CALL (p) {
  MATCH (p)-[x:PAID]->(q:Account)
  WITH q, sum(x.count) AS count, sum(x.total) AS total
  RETURN collect([q.id, count, total]) AS paid
}
RETURN p.id AS payer, paid
