-- A merged customer points at its survivor; its id resolves to the survivor from then on.
ALTER TABLE customer ADD COLUMN merged_into VARCHAR(64) NULL;
ALTER TABLE customer ADD COLUMN merged_at DATETIME(6) NULL;
