-- Catalog, points and payload index definitions.
CREATE TABLE collections (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  config      TEXT    NOT NULL,            -- JSON CollectionConfig
  next_label  INTEGER NOT NULL DEFAULT 0,  -- dense internal labels are never reused
  seq         INTEGER NOT NULL DEFAULT 0,  -- last write sequence number
  created_at  TEXT    NOT NULL
);

CREATE TABLE points (
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  pid           TEXT    NOT NULL,          -- sortable external id key (see core/point-id.ts)
  label         INTEGER NOT NULL,          -- dense internal label used by in-memory indexes
  vector        BLOB    NOT NULL,          -- float32 little-endian
  payload       TEXT,                      -- JSON object, NULL when empty
  seq           INTEGER NOT NULL,          -- write that last touched the row
  vseq          INTEGER NOT NULL,          -- write that last set the vector
  PRIMARY KEY (collection_id, pid)
);
CREATE UNIQUE INDEX points_by_label ON points (collection_id, label);

CREATE TABLE payload_indexes (
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  field_name    TEXT    NOT NULL,
  field_schema  TEXT    NOT NULL,          -- JSON
  created_seq   INTEGER NOT NULL,
  PRIMARY KEY (collection_id, field_name)
);
