-- A replayed pointsRedeem or pointsAdjust answers the first call's result, the balance it left
-- included, not the balance at the time of the replay. Rows written before this have none (NULL):
-- their replays answer the current balance, as before.
ALTER TABLE redemption ADD COLUMN available_after BIGINT NULL;
ALTER TABLE points_adjustment ADD COLUMN available_after BIGINT NULL;
