// Ids of the accounts labelled known fraud (by the account_label index): the known-fraud sharers around which
// intruders' networks are looked for (server/detect/networks.ts); the banned ones come from accounts-banned.read.
MATCH (a:Account)
WHERE a.label = 'known_fraud'
RETURN a.id AS id
