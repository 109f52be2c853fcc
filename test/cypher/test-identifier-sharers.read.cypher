// Which accounts (with this prefix) use the identifier nodes of one label keyed by $key.
MATCH (a:Account)-[u:USES]->(i {key: $key})
WHERE a.id STARTS WITH $prefix
RETURN labels(i)[0] AS label, a.id AS account, u.count AS count
ORDER BY account
