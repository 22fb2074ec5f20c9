-- Organisation: the district's streets (镇/街道), their communities (社区/村) and the departments (区职能部门).
CREATE TABLE streets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('street', 'town'))
);

CREATE TABLE communities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  street_id TEXT NOT NULL REFERENCES streets(id),
  kind TEXT NOT NULL CHECK (kind IN ('community', 'village')),
  UNIQUE (street_id, name)
);

CREATE TABLE departments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

-- People, one role each; reviewers are bound to a street, community users to a community.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('department', 'street-reviewer', 'community', 'admin')),
  department_id TEXT REFERENCES departments(id),
  street_id TEXT REFERENCES streets(id),
  community_id TEXT REFERENCES communities(id),
  created_at TEXT NOT NULL,
  CHECK ((role = 'department') = (department_id IS NOT NULL)),
  CHECK ((role = 'street-reviewer') = (street_id IS NOT NULL)),
  CHECK ((role = 'community') = (community_id IS NOT NULL))
);

-- API tokens, stored only as SHA-256 hashes.
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  label TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

-- Requests a department submits. The row holds the current state; versions hold every submitted text.
CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  department_id TEXT NOT NULL REFERENCES departments(id),
  created_by TEXT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('pending-review', 'admitted', 'rejected', 'refused', 'returned', 'withdrawn', 'exited')),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('allow', 'needs-review', 'reject')),
  rules_version TEXT NOT NULL,
  reason_codes TEXT NOT NULL DEFAULT '[]',  -- JSON array of the current decision's reason codes, for reports
  deadline TEXT,
  review_due TEXT,
  idempotency_key TEXT,
  idempotency_hash TEXT,
  last_op TEXT NOT NULL,        -- id of the operation that last changed the row: guards the rest of its batch
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (created_by, idempotency_key)
);
CREATE INDEX requests_by_status ON requests (status, created_at);
CREATE INDEX requests_by_department ON requests (department_id, created_at);

CREATE TABLE request_versions (
  request_id TEXT NOT NULL REFERENCES requests(id),
  version INTEGER NOT NULL,
  body TEXT NOT NULL,            -- the evaluate request as submitted (JSON)
  decision TEXT NOT NULL,
  result TEXT NOT NULL,          -- the engine's full decision (JSON): reasons, facts, warnings
  rules_version TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (request_id, version)
);

CREATE TABLE request_targets (
  request_id TEXT NOT NULL REFERENCES requests(id),
  community_id TEXT NOT NULL REFERENCES communities(id),
  PRIMARY KEY (request_id, community_id)
);
CREATE INDEX targets_by_community ON request_targets (community_id);

-- Street reviews (审核把关), one row per review action on a version.
CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES requests(id),
  version INTEGER NOT NULL,
  reviewer_id TEXT NOT NULL REFERENCES users(id),
  action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'return', 'exit')),
  comment TEXT NOT NULL,
  funding_confirmed INTEGER NOT NULL DEFAULT 0,
  result TEXT,                   -- the engine's decision with the review recorded (JSON), for approvals
  created_at TEXT NOT NULL
);
CREATE INDEX reviews_by_request ON reviews (request_id, created_at);

-- Append-only audit trail: written in the same batch as the change it records.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  request_id TEXT,
  action TEXT NOT NULL,
  before_state TEXT,
  after_state TEXT,
  rules_version TEXT
);
CREATE INDEX audit_by_request ON audit_log (request_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER requests_no_delete BEFORE DELETE ON requests BEGIN SELECT RAISE(ABORT, 'requests are never deleted'); END;
CREATE TRIGGER versions_no_delete BEFORE DELETE ON request_versions BEGIN SELECT RAISE(ABORT, 'versions are never deleted'); END;

-- Every rule set that ever made a recorded decision, so each decision names a rule set that can be fetched.
CREATE TABLE rule_sets (
  version TEXT PRIMARY KEY,
  content TEXT NOT NULL,
  first_used_at TEXT NOT NULL
);
