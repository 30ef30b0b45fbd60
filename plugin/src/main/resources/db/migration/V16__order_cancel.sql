-- An order the storefront canceled: whatever was left unrefunded is refunded by one refund (its id
-- in refund_id, NULL when nothing was left), and rewards used on the order are restored per the
-- rules' policy. One row per order: a cancel is idempotent on the order id.
CREATE TABLE order_cancellation (
  order_id      VARCHAR(64)  NOT NULL,
  canceled_at   DATETIME(6)  NOT NULL,
  reason        VARCHAR(255) NULL,
  refund_id     VARCHAR(64)  NULL,
  content_hash  CHAR(64)     NOT NULL,
  recorded_at   DATETIME(6)  NOT NULL,
  PRIMARY KEY (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
