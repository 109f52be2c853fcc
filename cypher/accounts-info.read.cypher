// What scoring and the generic-identifier test need of the given accounts (ring candidates, sharers of popular
// devices): label, creation time, country, status (bans count as known fraud: settings.bannedStatuses), declared
// type (organisations: settings.organisationTypes), and, from the identifiers it uses: its devices (how many in all,
// and when it was first seen on each: takeovers), its address and phone keys (one place written two ways;
// consecutive numbers), its email keys (one name in different mailboxes) and how it wrote its email addresses where
// that differs from their keys (one mailbox written two ways).
// One pass over the account's USES relationships, each neighbour's kind told once (`uses`: [kind, key, extra] with
// kind d/a/p/e and extra the email's spelling or the device's first sighting); six pattern comprehensions, one per
// kind, walked the relationships six times and read every neighbour's labels in each (the lookup of a million-account
// run took 17.6 s that way, cold). The caller splits `uses` by kind, in the order Neo4j walked them.
UNWIND $ids AS id
MATCH (a:Account {id: id})
CALL (a) {
  MATCH (a)-[u:USES]->(x)
  WITH u, x,
    CASE WHEN x:Device THEN 'd' WHEN x:Address THEN 'a' WHEN x:Phone THEN 'p' WHEN x:Email THEN 'e' END AS kind
  WHERE kind IS NOT NULL
  RETURN collect([kind, x.key,
    CASE kind WHEN 'e' THEN u.spelling WHEN 'd' THEN toString(u.firstSeen) END]) AS uses
}
RETURN a.id AS id, a.label AS label, a.createdAt AS createdAt, a.country AS country, a.status AS status,
  a.type AS type, uses
