// Detection input: money between accounts, aggregated per direction over all currencies.
MATCH (p:Account)-[x:PAID]->(q:Account)
RETURN p.id AS payer, q.id AS payee, sum(x.count) AS count, sum(x.total) AS total
