// Detection input for templated identities (server/detect/templates.ts): mailboxes used by one account whose local
// part ends in one to three digits (mark.s01@…), with that account. Shared mailboxes come with identifier-groups-email.
MATCH (i:Email)
WHERE i.key =~ '.*[a-z._-][0-9]{1,3}@.*' AND COUNT { (i)<-[:USES]-() } = 1
MATCH (a:Account)-[:USES]->(i)
RETURN i.key AS key, a.id AS account
