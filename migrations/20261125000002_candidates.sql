-- Candidates (earners) and their email addresses.

CREATE TABLE candidates (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    locale        text NOT NULL DEFAULT 'en' CHECK (locale ~ '^[a-z]+$' AND length(locale) = 2),
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE candidate_emails (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id  bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    -- stored lower-case: addresses are compared without regard to letter case
    email         text NOT NULL CHECK (email !~ '[A-Z]' AND position('@' IN email) > 1),
    verified_at   timestamptz,
    is_primary    boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (email)
);
CREATE INDEX candidate_emails_candidate_idx ON candidate_emails (candidate_id);
-- At most one primary address per candidate, and it must be verified.
CREATE UNIQUE INDEX candidate_emails_one_primary ON candidate_emails (candidate_id) WHERE is_primary;
ALTER TABLE candidate_emails ADD CHECK (NOT is_primary OR verified_at IS NOT NULL);
