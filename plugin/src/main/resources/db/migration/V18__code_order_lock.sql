-- One row per order that consumed a discount code: consuming a code locks its order's row first,
-- so codes for one order are checked against the order's redemption limits one at a time (two
-- codes at the same instant cannot both pass a limit that only one of them fits).
CREATE TABLE discount_code_order (
  order_id    VARCHAR(64)  NOT NULL,
  created_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
