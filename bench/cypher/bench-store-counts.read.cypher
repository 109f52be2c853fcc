// Nodes and relationships in the store (bench/admin-id-types.ts: do two imports hold as many?). Count store, no scan.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
