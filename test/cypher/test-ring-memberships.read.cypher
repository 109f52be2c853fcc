// Test only: the memberships of the given rings, one row per ring and run.
MATCH (a:Account)-[m:IN_RING]->(r:Ring) WHERE r.id IN $ids
RETURN r.id AS ring, m.run AS run, count(a) AS members, r.firstSeenRun AS firstSeenRun, r.lastSeenRun AS lastSeenRun
ORDER BY ring, run
