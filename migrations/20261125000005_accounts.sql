-- Candidate accounts: local passwords, sign-in providers, sessions, single-use email links,
-- sign-in throttling, and the settings of the wallet.

ALTER TABLE candidates
    -- NULL when the account signs in only through providers
    ADD COLUMN password_hash text CHECK (password_hash LIKE '$argon2id$%'),
    -- the public profile lives at /u/{handle}
    ADD COLUMN handle text CHECK (handle ~ '^[a-z0-9][a-z0-9-]*$' AND length(handle) BETWEEN 3 AND 40),
    ADD COLUMN bio text NOT NULL DEFAULT '' CHECK (length(bio) <= 1000),
    ADD COLUMN profile_visibility text NOT NULL DEFAULT 'private'
        CHECK (profile_visibility IN ('public', 'private')),
    ADD COLUMN auto_accept boolean NOT NULL DEFAULT false,
    ADD COLUMN password_changed_at timestamptz;
CREATE UNIQUE INDEX candidates_handle_key ON candidates (handle);

-- Every address of candidate_emails is verified: an address waits in email_links until its
-- owner opens the link.
UPDATE candidate_emails SET verified_at = created_at WHERE verified_at IS NULL;
ALTER TABLE candidate_emails ALTER COLUMN verified_at SET NOT NULL;

-- Accounts of an OpenID Connect provider linked to a candidate.
CREATE TABLE identities (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id  bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    provider      text NOT NULL CHECK (provider ~ '^[a-z0-9][a-z0-9_-]*$' AND length(provider) <= 40),
    subject       text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    email         text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    UNIQUE (provider, subject),
    -- one account of each provider per candidate
    UNIQUE (candidate_id, provider)
);

-- Single-use links sent by email: confirming a sign-up, resetting a password, verifying an
-- added address. Only the SHA-256 of a token is kept.
CREATE TABLE email_links (
    token_hash    text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]+$' AND length(token_hash) = 64),
    purpose       text NOT NULL CHECK (purpose IN ('sign_up', 'reset_password', 'add_email')),
    email         text NOT NULL CHECK (email !~ '[A-Z]' AND position('@' IN email) > 1),
    -- who asked: nobody yet for a sign-up, the account otherwise
    candidate_id  bigint REFERENCES candidates (id) ON DELETE CASCADE,
    -- a sign-up's display name, password hash, language and where to go next
    data          jsonb NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz,
    CHECK ((purpose = 'sign_up') = (candidate_id IS NULL)),
    CHECK (expires_at > created_at)
);
CREATE INDEX email_links_candidate_idx ON email_links (candidate_id) WHERE candidate_id IS NOT NULL;

-- Browser sessions (actix-session's store). Only the SHA-256 of the session key is kept.
CREATE TABLE sessions (
    key_hash      text PRIMARY KEY CHECK (key_hash ~ '^[0-9a-f]+$' AND length(key_hash) = 64),
    state         jsonb NOT NULL,
    candidate_id  bigint REFERENCES candidates (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);
CREATE INDEX sessions_candidate_idx ON sessions (candidate_id) WHERE candidate_id IS NOT NULL;
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Failed sign-ins, counted per address and per client to slow guessing down.
CREATE TABLE sign_in_failures (
    key  text NOT NULL CHECK (key ~ '^(email|client):'),
    at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_key_idx ON sign_in_failures (key, at);

-- Reminders about pending awards.
ALTER TABLE awards
    ADD COLUMN reminders_sent smallint NOT NULL DEFAULT 0 CHECK (reminders_sent >= 0),
    -- the earner followed "stop reminding me" in a reminder
    ADD COLUMN reminders_stopped_at timestamptz;
CREATE INDEX awards_pending_idx ON awards (created_at) WHERE state = 'pending' AND reminders_stopped_at IS NULL;

-- The emails of accounts and reminders.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'badge_earned',       -- an award to claim
    'badge_added',        -- an award accepted by auto-accept
    'badge_reminder',     -- an award still pending
    'sign_up_confirm',    -- confirm the address of a new account
    'sign_up_existing',   -- someone signed up with an address that has an account
    'password_reset',     -- a link to choose a new password
    'password_reset_unknown', -- a reset asked for an address without an account
    'email_verify',       -- confirm an address added in settings
    'email_taken'         -- an address added in settings belongs to another account
));
