MATCH (a:Account) WHERE a.id STARTS WITH $prefix
OPTIONAL MATCH (a)-[u:USES]->()
RETURN count(DISTINCT a) AS accounts, count(u) AS uses
