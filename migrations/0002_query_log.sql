-- The bounded query log layouts are learnt from (engine/query-log.ts): one row
-- per distinct filter of a collection, with how often and when it was seen.
CREATE TABLE query_log (
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  filter        TEXT    NOT NULL,          -- canonical JSON of the raw filter (sorted keys); '' for no filter
  template      TEXT    NOT NULL,          -- the predicate shape without values, e.g. "genre:eq & year:range"
  atoms         TEXT    NOT NULL,          -- JSON [{key, negated, set}], for inspection
  count         INTEGER NOT NULL,
  first_seen    INTEGER NOT NULL,          -- ms since the epoch
  last_seen     INTEGER NOT NULL,          -- ms since the epoch
  PRIMARY KEY (collection_id, filter)
);
-- Trimming drops the least recently seen rows first.
CREATE INDEX query_log_by_last_seen ON query_log (collection_id, last_seen);
