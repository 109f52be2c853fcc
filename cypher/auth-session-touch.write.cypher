// Records activity on a session (for the idle timeout).
MATCH (s:Session {key: $key})
SET s.lastSeenAt = $now
