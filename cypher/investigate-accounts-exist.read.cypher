// Which of the given account ids exist.
UNWIND $ids AS id
OPTIONAL MATCH (a:Account {id: id})
RETURN id, a IS NOT NULL AS found
