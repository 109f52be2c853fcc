// Saves a view of the canvas with its case: a (:SavedView) linked from the ring or account it belongs to. The canvas
// itself ($state) is JSON text, decoded in server/views/service.ts; nothing is ever updated in place.
OPTIONAL MATCH (r:Ring {id: $targetId}) WHERE $targetType = 'ring'
OPTIONAL MATCH (x:Account {id: $targetId}) WHERE $targetType = 'account'
WITH coalesce(r, x) AS target
WHERE target IS NOT NULL
CREATE (v:SavedView {
  id: $id, targetType: $targetType, targetId: $targetId, name: $name, author: $author, at: datetime(),
  nodeCount: $nodeCount, state: $state
})
CREATE (target)-[:HAS_VIEW]->(v)
RETURN v {.id, .targetType, .targetId, .name, .author, .at, .nodeCount} AS view
