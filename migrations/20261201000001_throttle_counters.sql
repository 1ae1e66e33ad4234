-- Throttling that holds under concurrency: one counter row per key (a sign-in's address and
-- client together, an address from every client, a client over every address, a known
-- device, a client asking for mail). Each attempt upserts its rows in one statement, which
-- locks them, so two attempts at once are counted one after the other.
-- sign_in_failures is no longer read or written: its rows (which name addresses) go now,
-- the table in a later migration (expand, then contract).
DELETE FROM sign_in_failures;

CREATE TABLE throttle_counters (
    key        text PRIMARY KEY CHECK (key ~ '^[a-z-]+:' AND length(key) <= 400),
    -- the address a counter is about, so that deleting an account erases its counters
    email      text CHECK (email !~ '[A-Z]'),
    count      integer NOT NULL CHECK (count >= 0),
    resets_at  timestamptz NOT NULL
);
CREATE INDEX throttle_counters_resets_idx ON throttle_counters (resets_at);
CREATE INDEX throttle_counters_email_idx ON throttle_counters (email) WHERE email IS NOT NULL;

-- Browsers an account signed in from with its password. Such a browser keeps its own guess
-- limit, so a stranger's failed guesses at the address do not lock its owner out.
CREATE TABLE known_devices (
    token_hash    text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]+$' AND length(token_hash) = 64),
    candidate_id  bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX known_devices_candidate_idx ON known_devices (candidate_id);
CREATE INDEX known_devices_last_used_idx ON known_devices (last_used_at);
