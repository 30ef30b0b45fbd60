-- Per-reward limits on what one order may use; the program's own limits are settings.
ALTER TABLE reward
  ADD COLUMN max_points_per_order BIGINT NULL,
  ADD COLUMN max_share_percent    INT    NULL;
