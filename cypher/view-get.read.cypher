// One saved view with its canvas (JSON text), to reopen it.
MATCH (v:SavedView {id: $id})
RETURN v {.id, .targetType, .targetId, .name, .author, .at, .nodeCount, .state} AS view
