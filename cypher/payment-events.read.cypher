// The payments of the given payer → payee pairs, every currency: times (epoch milliseconds) and amounts, aligned.
// Asked only for the transfers into and out of findings' members that receive from and pay other members repeatedly
// (server/detect/forwarding.ts), so the detection input itself stays per pair (payment-edges.read).
UNWIND $pairs AS pair
MATCH (p:Account {id: pair[0]})-[x:PAID]->(q:Account {id: pair[1]})
RETURN pair[0] AS payer, pair[1] AS payee, x.ats AS ats, x.amounts AS amounts
