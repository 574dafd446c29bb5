-- Workload jobs (engine/workloads.ts): a submitted batch of queries, the
-- queries themselves, and one result line per query, served back in input order.
CREATE TABLE workload_jobs (
  id            TEXT    PRIMARY KEY,       -- UUID
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  -- 'receiving' while the body is uploaded (never shown; removed on restart),
  -- then queued -> running -> done | failed, or cancelled.
  status        TEXT    NOT NULL CHECK (status IN ('receiving', 'queued', 'running', 'done', 'failed', 'cancelled')),
  options       TEXT    NOT NULL,          -- JSON {layout, limit, with_payload}
  total         INTEGER NOT NULL DEFAULT 0, -- lines received
  done          INTEGER NOT NULL DEFAULT 0, -- lines answered: results exist for lines [0, done)
  failed        INTEGER NOT NULL DEFAULT 0, -- of those, lines answered with an error
  error         TEXT,                      -- why the job failed
  stats         TEXT    NOT NULL DEFAULT '{}', -- JSON statistics of the executor
  running_ms    REAL    NOT NULL DEFAULT 0, -- time spent answering chunks (for queries per second)
  created_at    TEXT    NOT NULL,
  queued_at     TEXT,                      -- when the upload ended; jobs run in this order
  started_at    TEXT,
  finished_at   TEXT
);
CREATE INDEX workload_jobs_by_collection ON workload_jobs (collection_id, created_at);

CREATE TABLE workload_queries (
  job_id    TEXT    NOT NULL REFERENCES workload_jobs(id) ON DELETE CASCADE,
  line      INTEGER NOT NULL,              -- 0-based number of the query in the workload
  client_id TEXT,                          -- JSON of the client's "id"; NULL when it sent none
  body      TEXT,                          -- the query as received (JSON); NULL when it could not be read
  filter    TEXT,                          -- canonical JSON of its filter (layout source, statistics); NULL for none
  error     TEXT,                          -- JSON {code, message} when the line was rejected on arrival
  PRIMARY KEY (job_id, line)
);

CREATE TABLE workload_results (
  job_id TEXT    NOT NULL REFERENCES workload_jobs(id) ON DELETE CASCADE,
  line   INTEGER NOT NULL,
  result TEXT    NOT NULL,                 -- the exact NDJSON line served for this query
  PRIMARY KEY (job_id, line)
);
