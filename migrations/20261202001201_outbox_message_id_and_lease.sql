-- Each message's Message-ID is `<id.nonce@domain>`: the nonce is random, so that two
-- databases (a restored backup, a test) never give two messages one id, and stored, so that
-- a retry of the row carries the same id and receivers can drop the duplicate.
-- The worker claims a row for `claimed_until` before sending it and records it as sent as
-- soon as the server accepts it; a row whose lease ran out (its worker died) is taken over.
ALTER TABLE outbox
    ADD COLUMN message_nonce text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', '')
        CHECK (message_nonce ~ '^[0-9a-f]+$' AND length(message_nonce) = 32),
    ADD COLUMN claimed_until timestamptz;
