-- A replayed pointsRedeem answers the first call's result, the balance it left included, not the
-- balance at the time of the replay. Rows written before this have none (NULL): their replays
-- answer the current balance, as before. One statement per migration: MySQL cannot roll DDL back.
ALTER TABLE redemption ADD COLUMN available_after BIGINT NULL;
