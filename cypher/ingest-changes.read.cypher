// Incremental detection (server/runs/input-cache.ts): what the loads numbered $since or later touched, batch by batch.
MATCH (c:IngestChange)
WHERE c.seq >= $since
RETURN c.device AS device, c.payment AS payment, c.ip AS ip, c.email AS email, c.phone AS phone,
       c.address AS address, c.accounts AS accounts, c.payers AS payers
