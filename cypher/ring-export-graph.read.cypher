// The evidence graph of a ring for export: its members, the identifiers that link at least two of them (with how
// many accounts in the whole graph use each: its rarity), the USES edges between them, and payments between members.
MATCH (a:Account) WHERE a.id IN $members
MATCH (a)-[u:USES]->(i)
WITH i, collect({account: a.id, count: u.count, firstSeen: u.firstSeen, lastSeen: u.lastSeen}) AS uses
WHERE size(uses) >= 2
WITH collect({
  kind: labels(i)[0], key: i.key, display: i.display,
  sharers: COUNT { (i)<-[:USES]-(:Account) }, uses: uses
}) AS identifiers
CALL {
  MATCH (p:Account)-[x:PAID]->(q:Account) WHERE p.id IN $members AND q.id IN $members
  RETURN collect({payer: p.id, payee: q.id, currency: x.currency, count: x.count, total: x.total,
                  firstAt: x.firstAt, lastAt: x.lastAt}) AS payments
}
RETURN identifiers, payments
