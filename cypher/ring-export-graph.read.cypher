// Every identifier at least two of a ring's members use, with how many accounts in the whole graph use it (its
// rarity) and which members use it. The evidence export draws only those detection counted (contracts/ring-nodes.ts,
// as the web app does); this read names the rest, which the report lists apart.
MATCH (a:Account) WHERE a.id IN $members
MATCH (a)-[u:USES]->(i)
WITH i, collect({account: a.id, count: u.count, firstSeen: u.firstSeen, lastSeen: u.lastSeen}) AS uses
WHERE size(uses) >= 2
RETURN collect({
  kind: labels(i)[0], key: i.key, display: i.display,
  sharers: COUNT { (i)<-[:USES]-(:Account) }, uses: uses
}) AS identifiers
