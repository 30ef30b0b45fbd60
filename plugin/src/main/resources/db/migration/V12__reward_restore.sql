-- What a full refund of an order does to the rewards used on it (their codes name the order).
ALTER TABLE earning_rules ADD COLUMN reward_restore_policy VARCHAR(16) NOT NULL DEFAULT 'RESTORE_POINTS';
ALTER TABLE discount_code ADD KEY discount_code_order (consumed_order_id);
