-- The transactional outbox: one row per event, written in the transaction of the change that
-- caused it (one INSERT), so an event exists exactly when its change committed. Rows are kept after
-- delivery, for replays. `seq` orders the dispatcher's work; `id` is the id receivers see.
CREATE TABLE outbox_event (
  seq           BIGINT       NOT NULL AUTO_INCREMENT,
  id            CHAR(36)     NOT NULL,
  type          VARCHAR(32)  NOT NULL,
  customer_id   VARCHAR(64)  NULL,
  occurred_at   DATETIME(6)  NOT NULL,
  -- the event's data as JSON text (TEXT, not JSON: MySQL would reorder a JSON column's keys)
  payload       TEXT         NOT NULL,
  -- what makes the event unique where its cause can repeat (e.g. an expiry warning per customer and
  -- expiry); NULL for events whose cause happens once by construction
  dedup_key     VARCHAR(255) NULL,
  -- set when the event has been fanned out into deliveries
  dispatched_at DATETIME(6)  NULL,
  PRIMARY KEY (seq),
  UNIQUE KEY outbox_event_id (id),
  UNIQUE KEY outbox_event_dedup (dedup_key),
  KEY outbox_event_undispatched (dispatched_at, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Receivers configured by admins. The secret is kept as is: signing needs it (it is shown once).
CREATE TABLE webhook_endpoint (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  url          VARCHAR(2000) NOT NULL,
  -- the subscribed event types, space-separated, e.g. `points.earned tier.changed`
  event_types  VARCHAR(500)  NOT NULL,
  secret       VARCHAR(100)  NOT NULL,
  created_by   VARCHAR(320)  NOT NULL,
  created_at   DATETIME(6)   NOT NULL,
  disabled_at  DATETIME(6)   NULL,
  -- an endpoint that did not answer (timeout, refused connection) gets nothing until then
  paused_until DATETIME(6)   NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per (event, endpoint) to deliver, and one more per replay. The worker leases due rows
-- endpoint by endpoint with FOR UPDATE SKIP LOCKED, moving next_attempt_at past the request's time
-- while it sends.
CREATE TABLE webhook_delivery (
  id                 BIGINT       NOT NULL AUTO_INCREMENT,
  event_id           CHAR(36)     NOT NULL,
  endpoint_id        BIGINT       NOT NULL,
  status             VARCHAR(10)  NOT NULL,
  attempts           INT          NOT NULL DEFAULT 0,
  next_attempt_at    DATETIME(6)  NOT NULL,
  last_attempt_at    DATETIME(6)  NULL,
  last_response_code INT          NULL,
  last_error         VARCHAR(500) NULL,
  delivered_at       DATETIME(6)  NULL,
  created_at         DATETIME(6)  NOT NULL,
  -- the admin's idempotency key of a replay; NULL for the first delivery of an event
  replay_key         VARCHAR(128) NULL,
  PRIMARY KEY (id),
  KEY webhook_delivery_due (endpoint_id, status, next_attempt_at),
  KEY webhook_delivery_endpoint (endpoint_id, id),
  KEY webhook_delivery_event (event_id),
  KEY webhook_delivery_replay (replay_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Replays keyed by the admin's idempotency key: a repeated replay queues nothing new.
CREATE TABLE webhook_replay (
  idempotency_key VARCHAR(128) NOT NULL,
  event_id        CHAR(36)     NOT NULL,
  endpoint_id     BIGINT       NULL,
  created_at      DATETIME(6)  NOT NULL,
  PRIMARY KEY (idempotency_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
