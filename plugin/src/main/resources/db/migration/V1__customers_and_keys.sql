-- Customers as the storefront sends them; the id is the storefront's own.
CREATE TABLE customer (
  id          VARCHAR(64)  NOT NULL,
  email       VARCHAR(320) NULL,
  first_name  VARCHAR(200) NULL,
  last_name   VARCHAR(200) NULL,
  time_zone   VARCHAR(64)  NOT NULL DEFAULT 'UTC',
  created_at  DATETIME(6)  NOT NULL,
  updated_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  KEY customer_email (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- API keys, stored as SHA-256 of the key; the key itself is shown once.
CREATE TABLE api_key (
  id          CHAR(36)     NOT NULL,
  name        VARCHAR(200) NOT NULL,
  key_hash    CHAR(64)     NOT NULL,
  role        VARCHAR(16)  NOT NULL,
  scopes      VARCHAR(1000) NOT NULL DEFAULT '',
  created_at  DATETIME(6)  NOT NULL,
  revoked_at  DATETIME(6)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY api_key_hash (key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
