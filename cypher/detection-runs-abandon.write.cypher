// Called by a run that holds the detection lock, before it starts: no other run can be alive, so any other run still
// marked running died part-way (killed, crashed, power cut) and is recorded as abandoned.
MATCH (r:DetectionRun {status: 'running'})
WHERE r.id <> $id
SET r.status = 'abandoned', r.finishedAt = datetime(),
    r.error = 'Its process stopped part-way: the detection lock expired and run ' + $id + ' took it over.'
RETURN r.id AS id
