-- One convention for every actor and subject (src/audit.rs): actors 'candidate:N',
-- 'staff:N', 'cli' or 'api_token:NAME'; subjects 'candidate:N', 'award:ID',
-- 'api_token:NAME' or 'catalog'. Earlier rows are rewritten to it, so that one reader reads
-- them all: awards and tokens were named bare, a catalog load had no subject, and the
-- catalog's loaders named themselves ('demo', 'tests'), kept in data.recorded_actor.
UPDATE audit_log SET subject = 'award:' || subject
 WHERE action LIKE 'award.%' AND subject IS NOT NULL AND subject NOT LIKE 'award:%';
UPDATE audit_log SET subject = 'api_token:' || subject
 WHERE action LIKE 'token.%' AND subject IS NOT NULL AND subject NOT LIKE 'api_token:%';
UPDATE audit_log SET subject = 'catalog' WHERE action = 'catalog.load' AND subject IS NULL;
UPDATE audit_log SET data = data || jsonb_build_object('recorded_actor', actor), actor = 'cli'
 WHERE NOT (actor = 'cli' OR actor ~ '^(candidate|staff):[0-9]+$' OR actor LIKE 'api_token:_%');

ALTER TABLE audit_log
  ADD CONSTRAINT audit_log_actor_form
      CHECK (actor = 'cli' OR actor ~ '^(candidate|staff):[0-9]+$' OR actor LIKE 'api_token:_%'),
  ADD CONSTRAINT audit_log_subject_form
      CHECK (subject IS NULL OR subject = 'catalog' OR subject ~ '^candidate:[0-9]+$'
             OR subject LIKE 'award:_%' OR subject LIKE 'api_token:_%');
