// Node and relationship counts of what a load wrote for the given account ids.
UNWIND $ids AS id
MATCH (a:Account {id: id})
OPTIONAL MATCH (a)-[u:USES]->(i)
WITH collect(DISTINCT a) AS accounts, collect(u) AS uses, collect(DISTINCT i) AS identifiers
UNWIND accounts AS a
OPTIONAL MATCH (a)-[p:PAID]->(:Account)
WITH accounts, uses, identifiers, collect(p) AS paid
RETURN size(accounts) AS accounts,
       size([a IN accounts WHERE a.label = 'known_fraud']) AS knownFraud,
       {
         Email: size([u IN uses WHERE endNode(u):Email]), Phone: size([u IN uses WHERE endNode(u):Phone]),
         Address: size([u IN uses WHERE endNode(u):Address]), PaymentMethod: size([u IN uses WHERE endNode(u):PaymentMethod])
       } AS uses,
       {
         Email: size([i IN identifiers WHERE i:Email]), Phone: size([i IN identifiers WHERE i:Phone]),
         Address: size([i IN identifiers WHERE i:Address]), PaymentMethod: size([i IN identifiers WHERE i:PaymentMethod])
       } AS identifiers,
       size(paid) AS paidRelationships,
       reduce(s = 0, p IN paid | s + p.count) AS payments
