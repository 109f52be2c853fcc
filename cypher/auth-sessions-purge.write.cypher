// Deletes sessions that expired without a sign-out (idle or past their absolute lifetime), a bounded number at a time.
MATCH (s:Session)
WHERE s.lastSeenAt < $idleBefore OR s.createdAt < $createdBefore
WITH s LIMIT 1000
DETACH DELETE s
