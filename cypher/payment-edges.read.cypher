// Detection input: money between accounts, aggregated per direction over all currencies, one row per payer with its
// payees ([payee, count, total] each). Per-payer aggregation streams (a global aggregation would hold every pair in
// the heap before the first row) and one row per payer halves the records the driver has to decode.
MATCH (p:Account)
WHERE EXISTS { (p)-[:PAID]->() }
CALL (p) {
  MATCH (p)-[x:PAID]->(q:Account)
  WITH q, sum(x.count) AS count, sum(x.total) AS total
  RETURN collect([q.id, count, total]) AS paid
}
RETURN p.id AS payer, paid
