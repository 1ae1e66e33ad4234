-- The support console (src/support/): indexed searches with keyset paging, the near misses of
-- the missing-badge view, and the email that tells an account's owner support attached an
-- address to it.
--
-- Searches compare and order text byte-wise (COLLATE "C"), whatever the database's
-- collation, so that one btree index answers both a prefix (`LIKE 'ada%'`) and the key of
-- the next page (`> last`).

CREATE INDEX candidate_emails_search_idx ON candidate_emails (email COLLATE "C");
CREATE INDEX results_email_search_idx ON results (email_normalized COLLATE "C");
CREATE INDEX results_result_id_idx ON results (result_id);
CREATE INDEX results_name_search_idx
    ON results ((lower(given_name || ' ' || family_name) COLLATE "C"), (email_normalized COLLATE "C"));
CREATE INDEX candidates_name_search_idx ON candidates ((lower(display_name) COLLATE "C"), id);

-- The near misses of an address: the same mailbox written with dots or a "+tag" in its local
-- part (letter case is already folded: addresses are stored lower-case).
CREATE FUNCTION support_mailbox_key(email text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT replace(split_part(split_part(lower(email), '@', 1), '+', 1), '.', '')
                 || '@' || split_part(lower(email), '@', 2) $$;
CREATE INDEX results_mailbox_key_idx ON results (support_mailbox_key(email_normalized));
CREATE INDEX candidate_emails_mailbox_key_idx ON candidate_emails (support_mailbox_key(email));

-- The emails of a person (the profile lists them, newest first) and the addresses waiting
-- for their owner to open the link (an award pending under an address nobody verified).
CREATE INDEX outbox_recipient_idx ON outbox (recipient, id);
CREATE INDEX email_links_email_idx ON email_links (email) WHERE purpose = 'add_email';

-- Support attached an address to an account: its owner is told.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (
    'badge_earned', 'badge_added', 'badge_reminder', 'sign_up_confirm', 'sign_up_existing',
    'password_reset', 'password_reset_unknown', 'email_verify', 'email_taken',
    'badge_revoked',
    'address_attached'    -- support attached an address (and its badges) to the account
));
