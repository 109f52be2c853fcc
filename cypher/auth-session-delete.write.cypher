// Ends one session (sign-out, expiry).
MATCH (s:Session {key: $key})
DETACH DELETE s
