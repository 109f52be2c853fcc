// A node and how many distinct neighbours it has, per kind (an account's identifiers and the accounts it paid or was
// paid by; an identifier's accounts). No row when the node does not exist; counts holds a null kind when it has none.
// Each lookup branch is an index seek; $kind picks the branch, so no label ever comes from input.
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
OPTIONAL MATCH (c)-[:USES|PAID]-(m)
WHERE m <> c
WITH DISTINCT c, m
WITH c, m, CASE WHEN m:Account THEN 'account' WHEN m:Device THEN 'device' WHEN m:PaymentMethod THEN 'payment'
            WHEN m:IP THEN 'ip' WHEN m:Email THEN 'email' WHEN m:Phone THEN 'phone' WHEN m:Address THEN 'address' END AS kind
WITH c, kind, count(m) AS n
RETURN {kind: $kind, key: coalesce(c.id, c.key), display: c.display, last4: c.last4, accountLabel: c.label,
        sharers: CASE WHEN c:Account THEN null ELSE COUNT { (c)<-[:USES]-() } END} AS center,
       collect({kind: kind, n: n}) AS counts
