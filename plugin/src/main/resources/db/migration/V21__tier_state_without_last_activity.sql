-- last_activity_id told an evaluation whose snapshot missed the customer's newest activity to read
-- it again with a lock; evaluations now always read the window with a locking read under the
-- state's lock, so nothing reads the column any more.
ALTER TABLE tier_state DROP COLUMN last_activity_id;
