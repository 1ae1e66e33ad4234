-- The admin console (src/web/admin): what its actions are audited about, and the indexes
-- that keep its lists fast with a million rows (keyset paging, never a count of a table).

-- Subjects of the console's actions: an exam or certification by its code
-- ('badge_class:AZ-900': retired, its policy changed), an outbox message ('outbox:N':
-- retried) and the results feed as a whole ('results': a file imported from the console).
ALTER TABLE audit_log DROP CONSTRAINT audit_log_subject_form;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_subject_form
    CHECK (subject IS NULL OR subject IN ('catalog', 'results') OR subject ~ '^candidate:[0-9]+$'
           OR subject LIKE 'award:_%' OR subject LIKE 'api_token:_%'
           OR subject ~ '^mail_suppression:[0-9]+$' OR subject ~ '^outbox:[0-9]+$'
           OR subject LIKE 'badge_class:_%');

-- The audit log, newest first, filtered by one of actor, action or subject, or by date
-- alone; pages follow (at, id). The old index on subject alone is covered by the new one.
CREATE INDEX audit_log_at_idx ON audit_log (at, id);
CREATE INDEX audit_log_actor_at_idx ON audit_log (actor, at, id);
CREATE INDEX audit_log_action_at_idx ON audit_log (action, at, id);
CREATE INDEX audit_log_subject_at_idx ON audit_log (subject, at, id);
DROP INDEX audit_log_subject_idx;

-- The outbox by tab, newest first: queued, failing (failed, suppressed, or queued after a
-- failed attempt) and sent.
CREATE INDEX outbox_state_id_idx ON outbox (state, id);
CREATE INDEX outbox_failing_idx ON outbox (id)
    WHERE state IN ('failed', 'suppressed') OR (state = 'queued' AND attempts > 0);
