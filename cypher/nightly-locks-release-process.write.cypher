// Frees every lock one process holds (holder names read <tag>@<host>:<pid>:<random>, server/nightly/locks.ts): what a
// nightly run stopped by SIGTERM or SIGINT does before it exits, so the next run need not wait or take over.
MATCH (l:Lock)
WHERE l.holder CONTAINS $marker
REMOVE l.holder, l.expiresAt
RETURN l.name AS name
