// The saved views of a ring or an account, newest first, without their canvas (the case file lists them).
MATCH (v:SavedView {targetType: $targetType, targetId: $targetId})
RETURN v {.id, .targetType, .targetId, .name, .author, .at, .nodeCount} AS view
ORDER BY v.at DESC, v.id
LIMIT 200
