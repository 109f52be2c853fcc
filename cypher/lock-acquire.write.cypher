// Takes a named lock unless someone else holds one that has not expired. The SET first takes the node's write lock,
// so two concurrent callers are serialised and only one sees the lock free.
MERGE (l:Lock {name: $name})
SET l.touchedAt = datetime()
WITH l
WHERE l.holder IS NULL OR l.holder = $holder OR l.expiresAt < datetime()
SET l.holder = $holder, l.expiresAt = datetime() + duration({seconds: $ttlSeconds}), l.acquiredAt = datetime()
RETURN l.holder AS holder
