// Investigators' dispositions (Ring.status: new, under_review, confirmed_fraud, false_positive, escalated).
UNWIND $ids AS id
MATCH (r:Ring {id: id})
RETURN r.id AS id, r.status AS disposition
