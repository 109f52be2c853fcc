// A sample of accounts as the graph holds them (bench/admin-id-types.ts: do two imports hold the same graph?): each
// account's identifiers (label, key, sightings) and payees (id, payments). One label scan; no index needed (a store
// straight out of neo4j-admin import has none yet).
MATCH (a:Account)
WHERE a.id IN $ids
RETURN a.id AS id,
       COLLECT { MATCH (a)-[u:USES]->(i) RETURN labels(i)[0] + ':' + i.key + ':' + toString(u.count) } AS uses,
       COLLECT { MATCH (a)-[p:PAID]->(b:Account) RETURN b.id + ':' + p.currency + ':' + toString(p.count) } AS paid
