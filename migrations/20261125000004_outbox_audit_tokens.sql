-- Emails waiting to be sent, written in the same transaction as what they announce.
CREATE TABLE outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient        text NOT NULL CHECK (position('@' IN recipient) > 1),
    kind             text NOT NULL CHECK (kind IN ('badge_earned')),
    locale           text NOT NULL CHECK (locale ~ '^[a-z]+$' AND length(locale) = 2),
    -- what the template needs; secrets in it (a claim token) are erased once sent
    data             jsonb NOT NULL DEFAULT '{}',
    award_id         text REFERENCES awards (id) ON DELETE CASCADE,
    state            text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    sent_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX outbox_award_idx ON outbox (award_id) WHERE award_id IS NOT NULL;

-- Development mailbox: where mail goes when no SMTP server is configured (shown at /dev/mail).
CREATE TABLE dev_mailbox (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outbox_id   bigint REFERENCES outbox (id) ON DELETE SET NULL,
    recipient   text NOT NULL,
    subject     text NOT NULL,
    text_body   text NOT NULL,
    html_body   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Tokens of the results API. Only the SHA-256 of a token is kept.
CREATE TABLE api_tokens (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$' AND length(name) <= 63),
    token_hash    text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]+$' AND length(token_hash) = 64),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
-- One live token per name; revoked ones stay for the record.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;

-- Who did what, when and why.
CREATE TABLE audit_log (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    actor    text NOT NULL,
    action   text NOT NULL,
    subject  text,
    reason   text,
    data     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject);
