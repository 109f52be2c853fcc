// Search by part of a value, where the exact/prefix search (investigate-search) cannot: emails containing the
// query (a name part or `@domain`; the email_key_text text index serves CONTAINS), IPs starting with a partial
// address or inside a CIDR range's leading octets ($ipPrefix; the service filters the range itself), and cards by
// their last four digits and optionally their BIN (payment_last4 index). Card numbers are never stored: only the
// token key, BIN and last four. A null parameter skips its branch.
CALL () {
  MATCH (n:Email) WHERE $emailPart IS NOT NULL AND n.key CONTAINS $emailPart
  RETURN n, 'email' AS kind ORDER BY n.key LIMIT toInteger($limit)
  UNION
  MATCH (n:IP) WHERE $ipPrefix IS NOT NULL AND n.key STARTS WITH $ipPrefix
  RETURN n, 'ip' AS kind ORDER BY n.key LIMIT toInteger($scan)
  UNION
  MATCH (n:PaymentMethod) WHERE $last4 IS NOT NULL AND n.last4 = $last4 AND ($bin IS NULL OR n.bin = $bin)
  RETURN n, 'payment' AS kind ORDER BY n.key LIMIT toInteger($limit)
}
RETURN {kind: kind, key: n.key, display: n.display, last4: n.last4, accountLabel: null,
        sharers: COUNT { (n)<-[:USES]-() }} AS node
