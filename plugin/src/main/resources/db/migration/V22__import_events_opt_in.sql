-- An import records past data without webhook events unless its upload asked for them
-- (POST /imports?events=true), so years of history do not flood the storefront's receivers. Jobs
-- accepted before this change were accepted with events and keep them if resumed; new jobs state
-- their choice, and default to none.
ALTER TABLE import_job ADD COLUMN emits_events BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE import_job ALTER COLUMN emits_events SET DEFAULT FALSE;
