// Batched payment upsert: one PAID relationship per (payer, payee, currency). Each payment has an identity — the
// source's transaction id, else its time — kept in `keys` (with `ats`/`amounts` aligned), so replaying a row never
// double-counts count or total. The loader sends each relationship once per batch with its distinct events
// (`r.events`: [{key, at, amount}]), because rows of one UNWIND do not see each other's SETs.
UNWIND $rows AS r
MERGE (p:Account {id: r.payer})
  ON CREATE SET p.label = 'unknown'
MERGE (q:Account {id: r.payee})
  ON CREATE SET q.label = 'unknown'
MERGE (p)-[x:PAID {currency: r.currency}]->(q)
WITH x, r, coalesce(x.keys, []) AS keys, coalesce(x.ats, []) AS ats, coalesce(x.amounts, []) AS amounts
WITH x, keys, ats, amounts, [e IN r.events WHERE NOT e.key IN keys] AS fresh
WHERE size(fresh) > 0
WITH x, keys + [e IN fresh | e.key] AS allKeys, ats + [e IN fresh | toInteger(e.at)] AS allAts,
     amounts + [e IN fresh | toFloat(e.amount)] AS allAmounts
SET x.keys = allKeys,
    x.ats = allAts,
    x.amounts = allAmounts,
    x.count = size(allKeys),
    x.total = reduce(s = 0.0, v IN allAmounts | s + v),
    x.firstAt = datetime({epochMillis: reduce(m = allAts[0], v IN allAts | CASE WHEN v < m THEN v ELSE m END)}),
    x.lastAt = datetime({epochMillis: reduce(m = allAts[0], v IN allAts | CASE WHEN v > m THEN v ELSE m END)})
