-- A workload query's vector, as float32 (little-endian), when it was sent as a plain array of
-- numbers: the runner reads it without parsing decimal text again (body then holds the rest of
-- the query). NULL for other queries (by id, or values the runner must reject as sent).
ALTER TABLE workload_queries ADD COLUMN vector BLOB;
