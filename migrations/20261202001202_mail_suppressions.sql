-- Addresses that mail about awards is no longer sent to: the SMTP server refused them for
-- good (a hard bounce). Verifying the address again, or support, deletes the row. The
-- outbox marks the mail it did not send for this reason 'suppressed'.
CREATE TABLE mail_suppressions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address     text NOT NULL UNIQUE
                CHECK (position('@' IN address) > 1 AND address = lower(address)),
    reason      text NOT NULL CHECK (reason IN ('hard_bounce')),
    -- what the server answered
    smtp_reply  text NOT NULL,
    outbox_id   bigint REFERENCES outbox (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE outbox DROP CONSTRAINT outbox_state_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_state_check
    CHECK (state IN ('queued', 'sent', 'failed', 'suppressed'));
