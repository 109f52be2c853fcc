// Everything a load wrote for the accounts with this id prefix, in a canonical order (ids with the prefix removed),
// so two loads can be compared for equality.
MATCH (a:Account)
WHERE a.id STARTS WITH $prefix
OPTIONAL MATCH (a)-[u:USES]->(i)
WITH a, u, i ORDER BY labels(i)[0], i.key
WITH a, collect(CASE WHEN u IS NULL THEN null ELSE {
  kind: labels(i)[0], key: replace(i.key, $prefix, ''), display: i.display, count: u.count, seen: u.seen,
  firstSeen: toString(u.firstSeen), lastSeen: toString(u.lastSeen)
} END) AS uses
OPTIONAL MATCH (a)-[p:PAID]->(b:Account)
WITH a, uses, p, b ORDER BY b.id, p.currency
WITH a, uses, collect(CASE WHEN p IS NULL THEN null ELSE {
  to: replace(b.id, $prefix, ''), currency: p.currency, count: p.count, total: p.total, ats: p.ats,
  firstAt: toString(p.firstAt), lastAt: toString(p.lastAt)
} END) AS paid
RETURN replace(a.id, $prefix, '') AS id, a.label AS label, toString(a.createdAt) AS createdAt, a.country AS country,
       uses, paid
ORDER BY id
