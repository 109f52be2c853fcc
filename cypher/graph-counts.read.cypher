// What the graph holds, from Neo4j's count store (no scan): incremental detection reads the whole graph again when
// any of these went down since its cached read, because only a deletion (which no load stamps) can do that.
CALL () { MATCH (a:Account) RETURN count(a) AS accounts }
CALL () { MATCH ()-[u:USES]->() RETURN count(u) AS uses }
CALL () { MATCH ()-[x:PAID]->() RETURN count(x) AS paid }
RETURN accounts, uses, paid
