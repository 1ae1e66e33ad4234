-- What a public badge shows and an Open Badges document says, from the catalog; and when an
-- award was accepted and revoked, which decides who may see it.

-- A numeric LinkedIn organization id: "Add to profile" then shows the issuer's logo.
ALTER TABLE issuers
    ADD COLUMN linkedin_organization_id text CHECK (linkedin_organization_id ~ '^[0-9]{1,20}$');

ALTER TABLE badge_classes
    -- the level as the catalog states it or the title names it (the art's colour)
    ADD COLUMN level        text CHECK (level IN ('fundamentals', 'associate', 'expert', 'specialty')),
    -- a short label for the art, when the code is too long to be one
    ADD COLUMN label        text CHECK (length(label) BETWEEN 1 AND 24),
    ADD COLUMN description  text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    ADD COLUMN criteria_url text CHECK (criteria_url ~ '^https?://'),
    -- how long a badge of it is valid (certifications that must be renewed)
    ADD COLUMN valid_months integer CHECK (valid_months BETWEEN 1 AND 240),
    -- Open Badges alignments: [{"name", "url", "description"?, "framework"?, "code"?}]
    ADD COLUMN alignments   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(alignments) = 'array');

ALTER TABLE awards
    ADD COLUMN accepted_at timestamptz,
    ADD COLUMN revoked_at  timestamptz;

UPDATE awards SET accepted_at = state_changed_at WHERE state = 'accepted';
UPDATE awards SET revoked_at = state_changed_at WHERE state = 'revoked';

-- An accepted award says since when; a pending or declined one has no acceptance (a revoked
-- one keeps it: it was public before and its URLs now answer 410, not 404).
ALTER TABLE awards ADD CONSTRAINT awards_accepted_at_check
    CHECK (CASE state WHEN 'accepted' THEN accepted_at IS NOT NULL
                      WHEN 'revoked' THEN true
                      ELSE accepted_at IS NULL END);
ALTER TABLE awards ADD CONSTRAINT awards_revoked_at_check
    CHECK ((state = 'revoked') = (revoked_at IS NOT NULL));

-- The issuer's revocation list reads the revoked awards.
CREATE INDEX awards_revoked_idx ON awards (badge_class_id) WHERE state = 'revoked';

-- The email that tells an earner their badge was revoked.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'badge_earned', 'badge_added', 'badge_reminder', 'sign_up_confirm', 'sign_up_existing',
    'password_reset', 'password_reset_unknown', 'email_verify', 'email_taken',
    'badge_revoked'       -- an award revoked by the program, with the reason
));
