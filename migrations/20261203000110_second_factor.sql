-- The staff's second factor (src/auth/second_factor.rs). A TOTP secret per account: at most
-- one in use ('active') and one being set up ('pending', until a code from it is typed).
-- `last_step` is the time step of the last code accepted: a code of that step or an earlier
-- one is refused, so a code seen over a shoulder cannot be used again.
CREATE TABLE staff_totp (
    candidate_id  bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    state         text NOT NULL CHECK (state IN ('pending', 'active')),
    secret        bytea NOT NULL CHECK (octet_length(secret) = 20),
    last_step     bigint CHECK (last_step IS NULL OR (state = 'active' AND last_step >= 0)),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (candidate_id, state)
);

-- One-time recovery codes: only their SHA-256 (with the account's id) is kept; a used code
-- keeps its row with the time it was used, and never works again.
CREATE TABLE staff_recovery_codes (
    candidate_id  bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    code_hash     text NOT NULL CHECK (code_hash ~ '^[0-9a-f]+$' AND length(code_hash) = 64),
    created_at    timestamptz NOT NULL DEFAULT now(),
    used_at       timestamptz,
    PRIMARY KEY (candidate_id, code_hash)
);
