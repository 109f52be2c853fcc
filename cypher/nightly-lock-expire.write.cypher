// Expires a lock whose holder is known to be dead (a process of this host that no longer exists), so the next
// acquire takes it at once. Matches the exact holder: a lock someone else took meanwhile is left alone.
MATCH (l:Lock {name: $name, holder: $holder})
SET l.expiresAt = datetime() - duration({seconds: 1})
RETURN l.name AS name
