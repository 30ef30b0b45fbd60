-- One opening balance per customer, carried over from the shop's previous loyalty system.
CREATE TABLE opening_balance (
  customer_id        VARCHAR(64) NOT NULL,
  content_hash       CHAR(64)    NOT NULL,
  points             BIGINT      NOT NULL,
  qualifying_amount  BIGINT      NOT NULL,
  imported_at        DATETIME(6) NOT NULL,
  PRIMARY KEY (customer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
