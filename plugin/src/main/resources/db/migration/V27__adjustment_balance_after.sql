-- A replayed pointsAdjust answers the balance the first call left (see V26).
ALTER TABLE points_adjustment ADD COLUMN available_after BIGINT NULL;
