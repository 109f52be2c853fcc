// Detection input for templated identities without an input cache (server/detect/templates.ts): like
// identifier-singles-email.read, mailboxes used by one account whose local part ends in one to three digits, but only
// those whose stem (the local part without its digits, and the domain) is shared by at least $minRun such mailboxes,
// single-use or not: a template needs that many (templates.ts TEMPLATE_MIN_RUN). Most counters (`garcia_948@…`) have
// a stem of their own and are not sent. A run with an input cache reads every such mailbox instead (a later load can
// give a stem its third mailbox: runs/input-cache.ts).
MATCH (i:Email)
WHERE i.key =~ '.*[a-z._-][0-9]{1,3}@.*'
WITH i, last(split(i.key, '@')) AS domain
WITH i, domain, left(i.key, size(i.key) - size(domain) - 1) AS local
WITH i, domain, local,
  CASE WHEN local =~ '.*[0-9]{3}' THEN 3 WHEN local =~ '.*[0-9]{2}' THEN 2 ELSE 1 END AS digits
WITH left(local, size(local) - digits) + '@' + domain AS stem, collect(i) AS mailboxes
WHERE size(mailboxes) >= $minRun
UNWIND mailboxes AS i
WITH i
WHERE COUNT { (i)<-[:USES]-() } = 1
MATCH (a:Account)-[:USES]->(i)
RETURN i.key AS key, a.id AS account
