-- Clearing a suppressed address is audited about 'mail_suppression:N' (never the address).
ALTER TABLE audit_log DROP CONSTRAINT audit_log_subject_form;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_subject_form
    CHECK (subject IS NULL OR subject = 'catalog' OR subject ~ '^candidate:[0-9]+$'
           OR subject LIKE 'award:_%' OR subject LIKE 'api_token:_%'
           OR subject ~ '^mail_suppression:[0-9]+$');
