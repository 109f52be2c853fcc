// Partition job (engine/spark): the number of links, which the Neo4j Connector for Apache Spark divides into pages
// when the job reads with several partitions.
MATCH (:Account)-[u:USES]->()
RETURN count(u) AS count
