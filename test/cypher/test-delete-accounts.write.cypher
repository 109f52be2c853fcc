// Removes the given accounts, then identifiers left without any account.
CALL {
  UNWIND $ids AS id
  MATCH (a:Account {id: id})
  DETACH DELETE a
}
CALL {
  MATCH (i) WHERE (i:IP OR i:Email OR i:Phone OR i:Device OR i:PaymentMethod OR i:Address) AND NOT (i)--()
  DELETE i
}
