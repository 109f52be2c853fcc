MATCH (l:Lock {name: $name, holder: $holder})
SET l.expiresAt = datetime() + duration({seconds: $ttlSeconds})
RETURN l.holder AS holder
