-- The tier program: one row of settings. rules_version goes up whenever a change can move
-- customers between tiers, so the evaluation job knows which standings are stale.
CREATE TABLE tier_program (
  id                 TINYINT      NOT NULL,
  basis              VARCHAR(16)  NOT NULL,
  window_kind        VARCHAR(16)  NOT NULL,
  window_months      INT          NOT NULL,
  grace_days         INT          NOT NULL,
  time_zone          VARCHAR(64)  NOT NULL,
  rules_version      BIGINT       NOT NULL,
  updated_at         DATETIME(6)  NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO tier_program (id, basis, window_kind, window_months, grace_days, time_zone, rules_version, updated_at)
VALUES (1, 'SPEND', 'ROLLING', 12, 30, 'UTC', 1, CURRENT_TIMESTAMP(6));

-- Tiers; a customer holds the highest tier whose threshold the qualifying amount reaches.
CREATE TABLE tier (
  id                 VARCHAR(64)   NOT NULL,
  name               VARCHAR(200)  NOT NULL,
  threshold          BIGINT        NOT NULL,
  points_multiplier  DECIMAL(8,4)  NOT NULL,
  free_shipping      BOOLEAN       NOT NULL,
  perks              TEXT          NOT NULL,
  created_at         DATETIME(6)   NOT NULL,
  updated_at         DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY tier_threshold (threshold)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Append-only qualifying activity, one row per order or refund (source_id makes replays no-ops).
-- occurred_at is the order's placedAt, also for refunds, so a refund reduces the order's window.
CREATE TABLE tier_activity (
  id                 BIGINT        NOT NULL AUTO_INCREMENT,
  customer_id        VARCHAR(64)   NOT NULL,
  source_id          VARCHAR(255)  NOT NULL,
  occurred_at        DATETIME(6)   NOT NULL,
  spend_delta        BIGINT        NOT NULL,
  points_delta       BIGINT        NOT NULL,
  recorded_at        DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY tier_activity_source (source_id),
  KEY tier_activity_customer_time (customer_id, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each customer's standing, and the row the evaluation job leases (FOR UPDATE SKIP LOCKED).
-- last_activity_id is the newest tier_activity row of the customer, written under this row's lock:
-- an evaluation whose snapshot misses it knows to read the activity again with a lock.
CREATE TABLE tier_state (
  customer_id        VARCHAR(64)   NOT NULL,
  tier_id            VARCHAR(64)   NULL,
  qualifying_amount  BIGINT        NOT NULL,
  grace_ends_at      DATETIME(6)   NULL,
  next_evaluation_at DATETIME(6)   NULL,
  rules_version      BIGINT        NOT NULL,
  last_activity_id   BIGINT        NOT NULL,
  evaluated_at       DATETIME(6)   NOT NULL,
  PRIMARY KEY (customer_id),
  KEY tier_state_due (next_evaluation_at),
  KEY tier_state_rules (rules_version),
  KEY tier_state_tier (tier_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Tier history; from/to hold the tier as it was then (JSON), so renamed or deleted tiers read true.
CREATE TABLE tier_change (
  id                 BIGINT        NOT NULL AUTO_INCREMENT,
  customer_id        VARCHAR(64)   NOT NULL,
  from_tier          TEXT          NULL,
  to_tier            TEXT          NULL,
  changed_at         DATETIME(6)   NOT NULL,
  reason             VARCHAR(32)   NOT NULL,
  qualifying_amount  BIGINT        NOT NULL,
  PRIMARY KEY (id),
  KEY tier_change_customer (customer_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
