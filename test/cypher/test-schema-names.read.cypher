// Every constraint and index by name and type (not the token lookup indexes), for schema tests.
SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name, type
