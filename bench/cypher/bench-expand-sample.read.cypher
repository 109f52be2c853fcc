// Nodes for the neighbour-expansion benchmark: random accounts, random identifiers, and the most shared identifiers
// (super-nodes: more accounts than the expansion threshold), each identifier with its kind and number of accounts.
// Uniform samples: each node kept with a probability that yields about twice the number asked for, then a random
// subset of those (LIMIT alone would favour the nodes stored first).
CALL () {
  MATCH (a:Account)
  WITH count(a) AS n
  MATCH (a:Account) WHERE rand() < 2.0 * $accounts / n
  WITH a ORDER BY rand() LIMIT toInteger($accounts)
  RETURN collect(a.id) AS accounts
}
CALL () {
  MATCH (i) WHERE i:Device OR i:PaymentMethod OR i:IP OR i:Email OR i:Phone OR i:Address
  WITH count(i) AS n
  MATCH (i) WHERE (i:Device OR i:PaymentMethod OR i:IP OR i:Email OR i:Phone OR i:Address)
    AND rand() < 2.0 * $identifiers / n
  WITH i ORDER BY rand() LIMIT toInteger($identifiers)
  RETURN collect({key: i.key, kind: CASE WHEN i:Device THEN 'device' WHEN i:PaymentMethod THEN 'payment'
                  WHEN i:IP THEN 'ip' WHEN i:Email THEN 'email' WHEN i:Phone THEN 'phone' ELSE 'address' END,
                  sharers: COUNT { (i)<-[:USES]-() }}) AS identifiers
}
CALL () {
  MATCH (i) WHERE i:Device OR i:PaymentMethod OR i:IP OR i:Email OR i:Phone OR i:Address
  WITH i, COUNT { (i)<-[:USES]-() } AS sharers
  WHERE sharers > $threshold
  WITH i, sharers ORDER BY rand() LIMIT toInteger($superNodes)
  RETURN collect({key: i.key, kind: CASE WHEN i:Device THEN 'device' WHEN i:PaymentMethod THEN 'payment'
                  WHEN i:IP THEN 'ip' WHEN i:Email THEN 'email' WHEN i:Phone THEN 'phone' ELSE 'address' END,
                  sharers: sharers}) AS superNodes
}
CALL () { MATCH (a:Account) RETURN count(a) AS total }
RETURN accounts, identifiers, superNodes, total
