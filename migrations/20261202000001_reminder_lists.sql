-- One reminder email lists every due pending badge of a person. Each badge's claim link is a
-- claim token as before; reminder_hash is the hash of the email's own secret (the address of
-- its one-click unsubscribe, RFC 8058), shared by the claim tokens of every badge it lists, so
-- that one click stops the reminders of all of them.
ALTER TABLE claim_tokens
    ADD COLUMN reminder_hash text CHECK (reminder_hash ~ '^[0-9a-f]+$' AND length(reminder_hash) = 64);
CREATE INDEX claim_tokens_reminder_idx ON claim_tokens (reminder_hash) WHERE reminder_hash IS NOT NULL;
