// The newest version of a note (the only one that may be superseded next).
MATCH (a:Annotation {noteId: $noteId, targetType: $targetType, targetId: $targetId})
WHERE NOT EXISTS { (:Annotation)-[:SUPERSEDES]->(a) }
RETURN a.id AS id, a.version AS version
