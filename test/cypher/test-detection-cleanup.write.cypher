// Removes the detection runs a test made and every ring left without members.
CALL {
  UNWIND $runIds AS id
  MATCH (r:DetectionRun {id: id})
  DETACH DELETE r
}
CALL {
  MATCH (g:Ring) WHERE NOT (g)<-[:IN_RING]-()
  DETACH DELETE g
}
