// Partition job (engine/spark): every account–identifier link as (account, kind, key), read by the Neo4j Connector
// for Apache Spark. The kind is the ingest kind of the identifier's label (server/ingest LINK_KINDS).
MATCH (a:Account)-[:USES]->(i)
RETURN a.id AS account,
       CASE
         WHEN i:Device THEN 'device'
         WHEN i:PaymentMethod THEN 'payment'
         WHEN i:IP THEN 'ip'
         WHEN i:Email THEN 'email'
         WHEN i:Phone THEN 'phone'
         ELSE 'address'
       END AS kind,
       i.key AS key
