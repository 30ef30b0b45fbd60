-- Each evaluation keeps when the oldest activity of the customer's window rolls out, and the time
-- of the evaluation that summed it, so the next order adds its own activity to the stored
-- qualifying amount instead of reading the whole window. The summary holds only while
-- window_summed_at equals evaluated_at: rows from before (and rows saved by an older version of
-- the service during a rolling upgrade) read their window at their next evaluation.
ALTER TABLE tier_state
  ADD COLUMN window_rolls_at DATETIME(6) NULL,
  ADD COLUMN window_summed_at DATETIME(6) NULL;
