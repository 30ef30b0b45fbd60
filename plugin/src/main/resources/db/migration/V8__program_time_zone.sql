-- Points expire at midnight in the program's time zone, so the instant is stated and the same for
-- every customer wherever they are.
ALTER TABLE earning_rules ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC';
