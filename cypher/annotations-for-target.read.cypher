// The timeline of a ring or an account, oldest first. A ring also shows the annotations of the rings it came
// from (split or merge, up to 5 generations back), marked with where they came from.
CALL {
  MATCH (x:Account {id: $targetId}) WHERE $targetType = 'account'
  MATCH (x)-[:ANNOTATED_WITH]->(a:Annotation)
  RETURN a, null AS inheritedFrom, null AS via
  UNION
  MATCH (r:Ring {id: $targetId}) WHERE $targetType = 'ring'
  MATCH p = (r)-[:INHERITS_ANNOTATIONS_FROM*0..5]->(src:Ring)
  MATCH (src)-[:ANNOTATED_WITH]->(a:Annotation)
  RETURN a, CASE WHEN src = r THEN null ELSE src.id END AS inheritedFrom,
         CASE WHEN src = r THEN null ELSE [rel IN relationships(p) | rel.reason] END AS via
}
OPTIONAL MATCH (newer:Annotation)-[:SUPERSEDES]->(a)
RETURN a {.*} AS annotation, inheritedFrom, via, newer IS NOT NULL AS superseded
ORDER BY a.at, a.version
