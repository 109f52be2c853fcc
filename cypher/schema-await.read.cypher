// Waits until every index (and constraint index) is online: after a bulk import the schema is created on a full
// store, and lookups by key only become fast once population has finished.
CALL db.awaitIndexes(3600)
