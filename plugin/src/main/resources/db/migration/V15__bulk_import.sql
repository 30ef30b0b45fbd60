-- Bulk imports of past customers, orders and opening balances. The file lives in the database, so
-- any instance can process it; a job is leased (lease_owner, lease_until) and resumes from
-- next_record, which is committed with the counters and the row errors after every batch.
CREATE TABLE import_job (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  kind             VARCHAR(16)   NOT NULL,
  format           VARCHAR(8)    NOT NULL,
  status           VARCHAR(10)   NOT NULL,
  -- the Idempotency-Key header, or the content hash when none was sent
  idempotency_key  VARCHAR(160)  NOT NULL,
  content_hash     CHAR(64)      NOT NULL,
  size_bytes       BIGINT        NOT NULL,
  created_by       VARCHAR(320)  NOT NULL,
  rows_total       INT           NOT NULL,
  next_record      INT           NOT NULL DEFAULT 0,
  rows_imported    INT           NOT NULL DEFAULT 0,
  rows_skipped     INT           NOT NULL DEFAULT 0,
  rows_failed      INT           NOT NULL DEFAULT 0,
  -- leases taken without a batch committed since: the job fails after a few
  attempts          INT          NOT NULL DEFAULT 0,
  lease_owner      VARCHAR(64)   NULL,
  lease_until      DATETIME(6)   NULL,
  created_at       DATETIME(6)   NOT NULL,
  started_at       DATETIME(6)   NULL,
  finished_at      DATETIME(6)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY import_job_idempotency (idempotency_key),
  KEY import_job_due (status, lease_until)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The uploaded file in chunks of at most 1 MiB, below any server's max_allowed_packet.
CREATE TABLE import_file_chunk (
  job_id    BIGINT      NOT NULL,
  chunk_no  INT         NOT NULL,
  content   LONGBLOB    NOT NULL,
  PRIMARY KEY (job_id, chunk_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One line per refused record (or per fault of it), with the code the matching mutation gives.
CREATE TABLE import_error (
  id          BIGINT         NOT NULL AUTO_INCREMENT,
  job_id      BIGINT         NOT NULL,
  line_no     INT            NOT NULL,
  record_key  VARCHAR(128)   NULL,
  field       VARCHAR(255)   NULL,
  code        VARCHAR(64)    NOT NULL,
  message     VARCHAR(1000)  NOT NULL,
  PRIMARY KEY (id),
  KEY import_error_job (job_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
