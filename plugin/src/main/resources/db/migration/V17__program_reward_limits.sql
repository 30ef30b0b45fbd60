-- The program's redemption limits become part of the versioned earning rules (they were
-- settings): NULL means no limit.
ALTER TABLE earning_rules
  ADD COLUMN max_points_per_order BIGINT NULL,
  ADD COLUMN max_reward_share_percent INT NULL;
