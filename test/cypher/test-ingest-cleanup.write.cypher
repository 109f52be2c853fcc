// Removes a test's accounts and prefixed identifiers, then identifiers (such as IPs, which cannot carry a prefix)
// left without any account.
CALL {
  MATCH (n) WHERE n.id STARTS WITH $prefix OR n.key STARTS WITH $prefix
  DETACH DELETE n
}
CALL {
  MATCH (i) WHERE (i:IP OR i:Email OR i:Phone OR i:Device OR i:PaymentMethod OR i:Address) AND NOT (i)--()
  DELETE i
}
