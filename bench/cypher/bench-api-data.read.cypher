// What the API benchmark's instance holds: accounts and finished detection runs.
CALL () { MATCH (a:Account) RETURN count(a) AS accounts }
CALL () { MATCH (r:DetectionRun {status: 'finished'}) RETURN count(r) AS runs }
RETURN accounts, runs
