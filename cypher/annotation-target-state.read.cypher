// The current disposition of a ring or an account, and whether it exists.
OPTIONAL MATCH (r:Ring {id: $targetId}) WHERE $targetType = 'ring'
OPTIONAL MATCH (x:Account {id: $targetId}) WHERE $targetType = 'account'
RETURN coalesce(r, x) IS NOT NULL AS exists,
       coalesce(r.status, x.disposition, 'new') AS disposition
