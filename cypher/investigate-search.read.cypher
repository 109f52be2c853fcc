// Search: accounts whose id starts with $account, identifiers whose normalised key starts with the query normalised
// for their kind ($device … $address; null when the query is not a valid value of that kind). Exact matches first.
// Each branch is a range seek on the label's key constraint.
CALL () {
  MATCH (n:Account) WHERE n.id STARTS WITH $account RETURN n, 'account' AS kind ORDER BY n.id LIMIT toInteger($limit)
  UNION
  MATCH (n:Device) WHERE n.key STARTS WITH $device RETURN n, 'device' AS kind ORDER BY n.key LIMIT toInteger($limit)
  UNION
  MATCH (n:PaymentMethod) WHERE n.key STARTS WITH $payment RETURN n, 'payment' AS kind ORDER BY n.key LIMIT toInteger($limit)
  UNION
  MATCH (n:IP) WHERE n.key STARTS WITH $ip RETURN n, 'ip' AS kind ORDER BY n.key LIMIT toInteger($limit)
  UNION
  MATCH (n:Email) WHERE n.key STARTS WITH $email RETURN n, 'email' AS kind ORDER BY n.key LIMIT toInteger($limit)
  UNION
  MATCH (n:Phone) WHERE n.key STARTS WITH $phone RETURN n, 'phone' AS kind ORDER BY n.key LIMIT toInteger($limit)
  UNION
  MATCH (n:Address) WHERE n.key STARTS WITH $address RETURN n, 'address' AS kind ORDER BY n.key LIMIT toInteger($limit)
}
WITH n, kind, coalesce(n.id, n.key) AS key,
     {account: $account, device: $device, payment: $payment, ip: $ip, email: $email, phone: $phone,
      address: $address} AS terms
WITH n, kind, key, CASE WHEN key = terms[kind] THEN 'exact' ELSE 'prefix' END AS match
ORDER BY match, kind, key
LIMIT toInteger($limit)
RETURN {kind: kind, key: key, display: n.display, last4: n.last4, accountLabel: n.label,
        sharers: CASE WHEN n:Account THEN null ELSE COUNT { (n)<-[:USES]-() } END} AS node,
       match
