-- What points are earned on: order discounts spread over lines, shipping, tax and gift cards
-- (excluded by default), and a minimum order base.
ALTER TABLE earning_rules
  ADD COLUMN minimum_subtotal   BIGINT  NOT NULL DEFAULT 0,
  ADD COLUMN earn_on_shipping   BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN earn_on_tax        BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN earn_on_gift_cards BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE customer_order
  ADD COLUMN order_discount BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN shipping       BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN tax            BIGINT NOT NULL DEFAULT 0;

ALTER TABLE order_line
  ADD COLUMN order_discount BIGINT  NOT NULL DEFAULT 0,
  ADD COLUMN gift_card      BOOLEAN NOT NULL DEFAULT FALSE;
