// Test only: every ring any of the given accounts was ever in.
MATCH (a:Account)-[:IN_RING]->(r:Ring) WHERE a.id IN $ids
RETURN DISTINCT r.id AS id
