-- What the loyalty reward codes named by the order took off it (lines and shipping), in the
-- order's currency; the lines' order_discount shares include the part taken off the lines.
ALTER TABLE customer_order ADD COLUMN reward_discount BIGINT NOT NULL DEFAULT 0;
