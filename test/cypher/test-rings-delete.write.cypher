// Test only: removes the given rings and their memberships.
UNWIND $ids AS id
MATCH (r:Ring {id: id})
DETACH DELETE r
