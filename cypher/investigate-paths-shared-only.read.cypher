// Like investigate-paths.read, through shared identifiers only (payments ignored): a separate file because
// relationship types cannot be parameters, and a path predicate could force an exhaustive search.
MATCH (a:Account {id: $from}), (b:Account {id: $to})
MATCH p = allShortestPaths((a)-[:USES*..6]-(b))
WITH p WHERE length(p) <= $maxHops
WITH p LIMIT toInteger($limit)
RETURN [n IN nodes(p) | {
         kind: CASE WHEN n:Account THEN 'account' WHEN n:Device THEN 'device' WHEN n:PaymentMethod THEN 'payment'
                    WHEN n:IP THEN 'ip' WHEN n:Email THEN 'email' WHEN n:Phone THEN 'phone' WHEN n:Address THEN 'address' END,
         key: coalesce(n.id, n.key), display: n.display, last4: n.last4, accountLabel: n.label,
         sharers: CASE WHEN n:Account THEN null ELSE COUNT { (n)<-[:USES]-() } END
       }] AS nodes,
       [i IN range(0, length(p) - 1) | {
         type: type(relationships(p)[i]), forward: startNode(relationships(p)[i]) = nodes(p)[i],
         count: relationships(p)[i].count,
         firstSeen: coalesce(relationships(p)[i].firstSeen, relationships(p)[i].firstAt),
         lastSeen: coalesce(relationships(p)[i].lastSeen, relationships(p)[i].lastAt),
         currency: relationships(p)[i].currency, total: relationships(p)[i].total
       }] AS rels
