// The graph among a set of nodes: the accounts (by id), the USES relationships from them to identifiers whose key is
// in $keys (the caller keeps those of the right kind), and the payments between them. Used to draw a ring from its
// members and evidence, and to add the links between new neighbours and what is already on screen.
UNWIND $accounts AS id
MATCH (a:Account {id: id})
WITH collect(a) AS accounts
CALL (accounts) {
  UNWIND accounts AS a
  MATCH (a)-[u:USES]->(i)
  WHERE i.key IN $keys
  RETURN collect({
    account: a.id,
    node: {kind: CASE WHEN i:Device THEN 'device' WHEN i:PaymentMethod THEN 'payment' WHEN i:IP THEN 'ip'
                      WHEN i:Email THEN 'email' WHEN i:Phone THEN 'phone' WHEN i:Address THEN 'address' END,
           key: i.key, display: i.display, last4: i.last4, accountLabel: null, sharers: COUNT { (i)<-[:USES]-() }},
    count: u.count, firstSeen: u.firstSeen, lastSeen: u.lastSeen
  }) AS uses
}
CALL (accounts) {
  UNWIND accounts AS a
  MATCH (a)-[p:PAID]->(b:Account)
  WHERE b.id IN $accounts AND b <> a
  RETURN collect({payer: a.id, payee: b.id, currency: p.currency, count: p.count, total: p.total,
                  firstSeen: p.firstAt, lastSeen: p.lastAt}) AS paid
}
RETURN [a IN accounts | {kind: 'account', key: a.id, display: null, last4: null, accountLabel: a.label,
                         sharers: null}] AS accounts,
       uses, paid
