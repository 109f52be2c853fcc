MATCH (l:Lock {name: $name})
WHERE l.holder IS NOT NULL AND l.expiresAt >= datetime()
RETURN l.holder AS holder, l.acquiredAt AS acquiredAt, l.expiresAt AS expiresAt
