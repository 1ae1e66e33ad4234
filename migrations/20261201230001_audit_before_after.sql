-- What an audited action changed: the value before and after (NULL when nothing changed a
-- value, or the value before is not known).
ALTER TABLE audit_log ADD COLUMN before jsonb, ADD COLUMN after jsonb;
