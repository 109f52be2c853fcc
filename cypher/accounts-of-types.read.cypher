// Ids of the accounts whose declared type is one of $types (lower-cased; compared case-insensitively): the
// organisations whose own identifiers are left out of rings (server/detect/organisations.ts). One scan of the accounts.
MATCH (a:Account)
WHERE a.type IS NOT NULL AND toLower(a.type) IN $types
RETURN a.id AS id
