-- A person holds a badge once. Two addresses that join one account, or two accounts merged,
-- can bring two awards of the same badge class into one wallet: at most one of them is
-- accepted. Checked at the end of the transaction, so a merge moves both awards first and
-- then declines the duplicate (`support::merge::keep_one_of_each`).
UPDATE awards a SET state = 'declined', accepted_at = NULL, state_changed_at = now()
  FROM (SELECT id, row_number() OVER (PARTITION BY candidate_id, badge_class_id
                                          ORDER BY accepted_at, issued_on, id) AS n
          FROM awards WHERE state = 'accepted' AND candidate_id IS NOT NULL) d
 WHERE a.id = d.id AND d.n > 1;

ALTER TABLE awards ADD CONSTRAINT awards_one_accepted_per_wallet
    EXCLUDE USING btree (candidate_id WITH =, badge_class_id WITH =) WHERE (state = 'accepted')
    DEFERRABLE INITIALLY DEFERRED;
