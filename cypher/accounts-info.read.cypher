// What scoring and the generic-identifier test need of the given accounts (ring candidates, sharers of popular
// devices): label, creation time, country, status (bans count as known fraud: settings.bannedStatuses), declared
// type (organisations: settings.organisationTypes), how many
// devices the account uses in all, and its address and phone keys (one place written two ways; consecutive numbers),
// how it wrote its email addresses where that differs from their keys (one mailbox written two ways), its email
// keys (one name in different mailboxes), and when it was first seen on each of its devices (takeovers).
UNWIND $ids AS id
MATCH (a:Account {id: id})
RETURN a.id AS id, a.label AS label, a.createdAt AS createdAt, a.country AS country, a.status AS status,
  a.type AS type,
  COUNT { (a)-[:USES]->(:Device) } AS devices,
  [(a)-[:USES]->(x:Address) | x.key] AS addresses,
  [(a)-[:USES]->(x:Phone) | x.key] AS phones,
  [(a)-[:USES]->(x:Email) | x.key] AS emails,
  [(a)-[u:USES]->(x:Email) WHERE u.spelling IS NOT NULL | [x.key, u.spelling]] AS emailSpellings,
  [(a)-[u:USES]->(x:Device) WHERE u.firstSeen IS NOT NULL | [x.key, toString(u.firstSeen)]] AS deviceSeen
