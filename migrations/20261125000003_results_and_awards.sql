-- Exam results exactly as the certification system reported them, and the awards they gave.

CREATE TABLE results (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source           text NOT NULL CHECK (source ~ '^[a-z0-9][a-z0-9_.-]*$' AND length(source) <= 63),
    result_id        text NOT NULL CHECK (length(result_id) BETWEEN 1 AND 200),
    email            text NOT NULL,             -- as reported
    email_normalized text NOT NULL CHECK (email_normalized !~ '[A-Z]'),  -- lower-cased by the app
    given_name       text NOT NULL,
    family_name      text NOT NULL,
    exam_code        text NOT NULL,             -- as reported
    exam_id          bigint NOT NULL,
    exam_kind        text NOT NULL DEFAULT 'exam' CHECK (exam_kind = 'exam'),
    passed_on        date NOT NULL,
    locale           text,
    received_at      timestamptz NOT NULL DEFAULT now(),
    -- what the program's rules made of it
    outcome          text NOT NULL CHECK (outcome IN ('awarded', 'no_badge')),
    no_badge_reason  text CHECK (no_badge_reason IN ('excluded', 'legacy', 'already_awarded', 'already_held')),
    UNIQUE (source, result_id),
    CHECK ((outcome = 'no_badge') = (no_badge_reason IS NOT NULL)),
    FOREIGN KEY (exam_id, exam_kind) REFERENCES badge_classes (id, kind)
);
CREATE INDEX results_email_idx ON results (email_normalized);

CREATE TABLE awards (
    -- at least 128 random bits, URL-safe base64: never sequential, never guessable
    id                 text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]+$' AND length(id) BETWEEN 22 AND 64),
    badge_class_id     bigint NOT NULL REFERENCES badge_classes (id),
    recipient_email    text NOT NULL CHECK (recipient_email !~ '[A-Z]'),
    -- salt of the Open Badges recipient identity hash (sha256 of email + salt)
    recipient_salt     text NOT NULL CHECK (length(recipient_salt) >= 16),
    result_id          bigint NOT NULL REFERENCES results (id),
    candidate_id       bigint REFERENCES candidates (id) ON DELETE SET NULL,
    state              text NOT NULL DEFAULT 'pending'
                       CHECK (state IN ('pending', 'accepted', 'declined', 'revoked')),
    state_changed_at   timestamptz NOT NULL DEFAULT now(),
    state_reason       text,
    visibility         text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private')),
    issued_on          date NOT NULL,
    expires_on         date CHECK (expires_on > issued_on),
    created_at         timestamptz NOT NULL DEFAULT now(),
    -- a revocation always says why
    CHECK (state <> 'revoked' OR state_reason IS NOT NULL),
    UNIQUE (badge_class_id, recipient_email)
);
CREATE INDEX awards_recipient_idx ON awards (recipient_email);
CREATE INDEX awards_candidate_idx ON awards (candidate_id) WHERE candidate_id IS NOT NULL;
CREATE INDEX awards_result_idx ON awards (result_id);

-- The links in notification emails. Only the SHA-256 of a token is kept.
CREATE TABLE claim_tokens (
    token_hash  text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]+$' AND length(token_hash) = 64),
    award_id    text NOT NULL REFERENCES awards (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    used_at     timestamptz
);
CREATE INDEX claim_tokens_award_idx ON claim_tokens (award_id);
