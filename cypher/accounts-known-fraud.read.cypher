// Ids of the accounts labelled known fraud or whose status is one of $statuses (lower-cased; compared
// case-insensitively): the known-fraud sharers around which intruders' networks are looked for
// (server/detect/networks.ts). One scan of the accounts.
MATCH (a:Account)
WHERE a.label = 'known_fraud' OR (a.status IS NOT NULL AND toLower(a.status) IN $statuses)
RETURN a.id AS id
