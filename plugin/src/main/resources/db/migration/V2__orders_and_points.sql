-- Earning rules are versioned: a change inserts a new version, and receipts name the version used.
CREATE TABLE earning_rules (
  version                  INT          NOT NULL,
  base_currency            CHAR(3)      NOT NULL,
  points_per_step          BIGINT       NOT NULL,
  step_amount              BIGINT       NOT NULL,
  pending_days             INT          NOT NULL,
  expiry_days              INT          NULL,
  expiry_warning_days      INT          NOT NULL,
  negative_balance_policy  VARCHAR(16)  NOT NULL,
  created_at               DATETIME(6)  NOT NULL,
  PRIMARY KEY (version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE earning_multiplier (
  version     INT            NOT NULL,
  target      VARCHAR(8)     NOT NULL,
  value       VARCHAR(128)   NOT NULL,
  multiplier  DECIMAL(12, 4) NOT NULL,
  PRIMARY KEY (version, target, value)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Orders as the storefront recorded them; content_hash makes a replay recognisable.
CREATE TABLE customer_order (
  id             VARCHAR(64)     NOT NULL,
  customer_id    VARCHAR(64)     NOT NULL,
  placed_at      DATETIME(6)     NOT NULL,
  currency       CHAR(3)         NOT NULL,
  exchange_rate  DECIMAL(24, 10) NULL,
  subtotal       BIGINT          NOT NULL,
  base_subtotal  BIGINT          NOT NULL,
  rule_version   INT             NOT NULL,
  points_earned  BIGINT          NOT NULL,
  lot_id         BIGINT          NULL,
  content_hash   CHAR(64)        NOT NULL,
  recorded_at    DATETIME(6)     NOT NULL,
  PRIMARY KEY (id),
  KEY customer_order_customer (customer_id, placed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each line carries its earning receipt: base, multiplier, points, and how much refunds took back.
CREATE TABLE order_line (
  order_id           VARCHAR(64)    NOT NULL,
  line_no            INT            NOT NULL,
  line_id            VARCHAR(64)    NOT NULL,
  sku                VARCHAR(128)   NOT NULL,
  category           VARCHAR(128)   NULL,
  quantity           INT            NOT NULL,
  unit_price         BIGINT         NOT NULL,
  discount           BIGINT         NOT NULL,
  paid               BIGINT         NOT NULL,
  base_amount        BIGINT         NOT NULL,
  multiplier         DECIMAL(12, 4) NOT NULL,
  points             BIGINT         NOT NULL,
  refunded_quantity  INT            NOT NULL DEFAULT 0,
  refunded_amount    BIGINT         NOT NULL DEFAULT 0,
  reversed_points    BIGINT         NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, line_id),
  KEY order_line_sku (sku)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE order_refund (
  id               VARCHAR(64)  NOT NULL,
  order_id         VARCHAR(64)  NOT NULL,
  customer_id      VARCHAR(64)  NOT NULL,
  refunded_at      DATETIME(6)  NOT NULL,
  amount           BIGINT       NOT NULL,
  points_reversed  BIGINT       NOT NULL,
  points_canceled  BIGINT       NOT NULL,
  points_expired   BIGINT       NOT NULL,
  shortfall        BIGINT       NOT NULL,
  content_hash     CHAR(64)     NOT NULL,
  recorded_at      DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  KEY order_refund_order (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE order_refund_line (
  refund_id  VARCHAR(64) NOT NULL,
  line_id    VARCHAR(64) NOT NULL,
  quantity   INT         NOT NULL,
  amount     BIGINT      NOT NULL,
  points     BIGINT      NOT NULL,
  PRIMARY KEY (refund_id, line_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The balance row is a cache of the ledger, updated in the same transaction, and the lock that
-- serialises every points change of one customer.
CREATE TABLE points_account (
  customer_id      VARCHAR(64) NOT NULL,
  available        BIGINT      NOT NULL DEFAULT 0,
  pending          BIGINT      NOT NULL DEFAULT 0,
  lifetime_earned  BIGINT      NOT NULL DEFAULT 0,
  updated_at       DATETIME(6) NOT NULL,
  PRIMARY KEY (customer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Points live in lots; remaining is what is left to spend. A DEBT lot (negative remaining) holds
-- a negative balance under the ALLOW_NEGATIVE policy.
CREATE TABLE points_lot (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  customer_id   VARCHAR(64)  NOT NULL,
  source_type   VARCHAR(16)  NOT NULL,
  source_id     VARCHAR(128) NOT NULL,
  earned        BIGINT       NOT NULL,
  remaining     BIGINT       NOT NULL,
  -- points that expired and that no refund has offset yet: a refund never takes them back twice
  expired_unreversed BIGINT  NOT NULL DEFAULT 0,
  status        VARCHAR(10)  NOT NULL,
  available_at  DATETIME(6)  NOT NULL,
  expires_at    DATETIME(6)  NULL,
  created_at    DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY points_lot_source (source_type, source_id),
  KEY points_lot_customer (customer_id, status, expires_at),
  KEY points_lot_due_pending (status, available_at),
  KEY points_lot_due_expiry (status, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The ledger: append-only, one row per change of one lot's available points.
CREATE TABLE points_entry (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  customer_id  VARCHAR(64)  NOT NULL,
  lot_id       BIGINT       NOT NULL,
  type         VARCHAR(8)   NOT NULL,
  points       BIGINT       NOT NULL,
  cause_type   VARCHAR(16)  NOT NULL,
  cause_id     VARCHAR(128) NOT NULL,
  reason       VARCHAR(500) NULL,
  created_at   DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  KEY points_entry_customer (customer_id, id),
  KEY points_entry_lot (lot_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE points_adjustment (
  customer_id      VARCHAR(64)  NOT NULL,
  idempotency_key  VARCHAR(128) NOT NULL,
  points           BIGINT       NOT NULL,
  reason           VARCHAR(500) NOT NULL,
  actor            VARCHAR(320) NOT NULL,
  created_at       DATETIME(6)  NOT NULL,
  PRIMARY KEY (customer_id, idempotency_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE reward (
  id           VARCHAR(64)   NOT NULL,
  name         VARCHAR(200)  NOT NULL,
  description  VARCHAR(2000) NULL,
  cost_points  BIGINT        NOT NULL,
  type         VARCHAR(16)   NOT NULL,
  amount_off   BIGINT        NULL,
  currency     CHAR(3)       NULL,
  percent_off  INT           NULL,
  active       BOOLEAN       NOT NULL,
  created_at   DATETIME(6)   NOT NULL,
  updated_at   DATETIME(6)   NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE redemption (
  id               CHAR(36)     NOT NULL,
  customer_id      VARCHAR(64)  NOT NULL,
  idempotency_key  VARCHAR(128) NOT NULL,
  reward_id        VARCHAR(64)  NOT NULL,
  cost_points      BIGINT       NOT NULL,
  code             VARCHAR(32)  NOT NULL,
  created_at       DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY redemption_idempotency (customer_id, idempotency_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE discount_code (
  code               VARCHAR(32)  NOT NULL,
  customer_id        VARCHAR(64)  NOT NULL,
  redemption_id      CHAR(36)     NOT NULL,
  reward_id          VARCHAR(64)  NOT NULL,
  status             VARCHAR(10)  NOT NULL,
  issued_at          DATETIME(6)  NOT NULL,
  consumed_at        DATETIME(6)  NULL,
  consumed_order_id  VARCHAR(64)  NULL,
  PRIMARY KEY (code),
  KEY discount_code_customer (customer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
