MATCH (l:Lock {name: $name, holder: $holder})
REMOVE l.holder, l.expiresAt
RETURN l.name AS name
