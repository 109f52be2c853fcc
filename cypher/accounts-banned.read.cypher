// Ids of the accounts whose status is one of $statuses (lower-cased; compared case-insensitively): the banned
// accounts whose successors the re-entry test looks for (server/detect/reentry.ts). One scan of the accounts.
MATCH (a:Account)
WHERE a.status IS NOT NULL AND toLower(a.status) IN $statuses
RETURN a.id AS id
