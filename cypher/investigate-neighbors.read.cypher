// One page of a node's neighbours (optionally only some kinds), each with the relationships that link it to the
// centre, together with the centre itself and its neighbour counts per kind (one query, one round trip). No row when
// the node does not exist. $order 'kind' sorts by kind then key; 'shared' puts the most shared first: identifiers by
// how many accounts use them, accounts by how many of their identifiers other accounts use too. Ties break on kind
// and key, so pages are stable and the offset cursor never repeats or skips a neighbour.
CALL () {
  MATCH (n:Account {id: $key}) WHERE $kind = 'account' RETURN n
  UNION
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
WITH n AS c
CALL (c) {
  OPTIONAL MATCH (c)-[:USES|PAID]-(m)
  WHERE m <> c
  WITH DISTINCT m
  WITH m, CASE WHEN m:Account THEN 'account' WHEN m:Device THEN 'device' WHEN m:PaymentMethod THEN 'payment'
            WHEN m:IP THEN 'ip' WHEN m:Email THEN 'email' WHEN m:Phone THEN 'phone' WHEN m:Address THEN 'address' END AS kind
  WITH kind, count(m) AS n
  RETURN collect({kind: kind, n: n}) AS counts
}
CALL (c) {
  MATCH (c)-[:USES|PAID]-(m)
  WHERE m <> c
  WITH DISTINCT c, m
  WITH c, m, CASE WHEN m:Account THEN 'account' WHEN m:Device THEN 'device' WHEN m:PaymentMethod THEN 'payment'
              WHEN m:IP THEN 'ip' WHEN m:Email THEN 'email' WHEN m:Phone THEN 'phone' WHEN m:Address THEN 'address' END AS kind
  WHERE $kinds IS NULL OR kind IN $kinds
  WITH c, m, kind, coalesce(m.id, m.key) AS key,
       CASE WHEN m:Account THEN null ELSE COUNT { (m)<-[:USES]-() } END AS sharers
  WITH c, m, kind, key, sharers,
       CASE WHEN $order = 'shared'
            THEN coalesce(sharers, COUNT { (m)-[:USES]->(j) WHERE COUNT { (j)<-[:USES]-() } > 1 }) END AS rank
  ORDER BY rank DESC, kind, key
  SKIP toInteger($skip) LIMIT toInteger($limit)
  WITH {kind: kind, key: key, display: m.display, last4: m.last4, accountLabel: m.label, sharers: sharers,
        sharedIdentifiers: CASE WHEN m:Account
                                THEN COUNT { (m)-[:USES]->(j) WHERE COUNT { (j)<-[:USES]-() } > 1 } END} AS node,
       COLLECT {
         MATCH (c)-[r:USES|PAID]-(m)
         RETURN {type: type(r), outgoing: startNode(r) = c, count: r.count,
                 firstSeen: coalesce(r.firstSeen, r.firstAt), lastSeen: coalesce(r.lastSeen, r.lastAt),
                 currency: r.currency, total: r.total} AS rel
       } AS rels
  RETURN collect({node: node, rels: rels}) AS page
}
RETURN {kind: $kind, key: coalesce(c.id, c.key), display: c.display, last4: c.last4, accountLabel: c.label,
        sharers: CASE WHEN c:Account THEN null ELSE COUNT { (c)<-[:USES]-() } END} AS center,
       counts, page
