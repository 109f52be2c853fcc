// Everything the loader writes, for the whole database, in a canonical order and with value types, so two stores
// built from the same files (batched loader, bulk import) can be compared for equality.
MATCH (a:Account)
OPTIONAL MATCH (a)-[u:USES]->(i)
WITH a, u, i ORDER BY labels(i)[0], i.key
WITH a, collect(CASE WHEN u IS NULL THEN null ELSE [
  labels(i)[0], i.key, i.display, i.bin, i.last4, i.issuerCountry, size(keys(i)),
  u.count, u.seen, toString(u.firstSeen), toString(u.lastSeen), valueType(u.seen), valueType(u.firstSeen), size(keys(u)),
  u.spelling
] END) AS uses
OPTIONAL MATCH (a)-[p:PAID]->(b:Account)
WITH a, uses, p, b ORDER BY b.id, p.currency
WITH a, uses, collect(CASE WHEN p IS NULL THEN null ELSE [
  b.id, p.currency, p.count, p.total, p.keys, p.ats, p.amounts, toString(p.firstAt), toString(p.lastAt),
  valueType(p.total), valueType(p.ats), valueType(p.amounts), valueType(p.keys), size(keys(p))
] END) AS paid
RETURN a.id AS id,
       [a.label, toString(a.createdAt), valueType(a.createdAt), a.type, a.country, a.status, size(keys(a))] AS props,
       uses, paid
ORDER BY id
