// What one batch of a load touched, in the batch's own transaction and as its last statement: the keys of the
// identifiers it linked (per kind), the accounts whose row or links it wrote, the payers whose payments it wrote,
// numbered by the graph's IngestState. Incremental detection (server/runs/input-cache.ts) reads the records numbered
// after its last read and re-reads just what they name. The number is taken under the IngestState's write lock, held
// until commit: a detection that reads `seq` (committed values only) either sees a batch's number and its data, or
// neither — then the batch's number is higher and the next detection reads it. Records are written only once an
// incremental detection asked for them (`recording`, set under the same lock, so no batch can slip between); until
// then a load pays for the counter alone. `store` names this graph: a cache of another store's input is never used
// on it.
MERGE (s:IngestState {id: 'graph'})
  ON CREATE SET s.store = randomUUID(), s.seq = 0
SET s.seq = s.seq + 1
WITH s
WHERE s.recording = true
CREATE (:IngestChange {
  seq: s.seq, device: $device, payment: $payment, ip: $ip, email: $email, phone: $phone, address: $address,
  accounts: $accounts, payers: $payers, at: datetime()
})
