-- The storefront's products, keyed by SKU; tags in their own table for lookups by tag.
CREATE TABLE product (
  sku         VARCHAR(128) NOT NULL,
  name        VARCHAR(300) NULL,
  category    VARCHAR(128) NULL,
  price       BIGINT       NULL,
  currency    CHAR(3)      NULL,
  in_stock    BOOLEAN      NOT NULL,
  created_at  DATETIME(6)  NOT NULL,
  updated_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (sku),
  KEY product_category (category)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE product_tag (
  sku  VARCHAR(128) NOT NULL,
  tag  VARCHAR(64)  NOT NULL,
  PRIMARY KEY (sku, tag),
  KEY product_tag_tag (tag)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
