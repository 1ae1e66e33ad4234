-- One retry of an email for both consoles: `mail.retried`, about what the email was for (its
-- award, else the account of its address, else the message), naming the message in its data.
-- Rows of the support console's own retry, and the admin's rows about the message, follow.
UPDATE audit_log SET action = 'mail.retried' WHERE action = 'support.mail_retried';

UPDATE audit_log l
   SET subject = coalesce('award:' || o.award_id,
                          'candidate:' || (SELECT e.candidate_id FROM candidate_emails e
                                            WHERE e.email = o.recipient),
                          l.subject),
       data = coalesce(l.data, '{}'::jsonb)
              || jsonb_build_object('outbox_id', o.id, 'kind', o.kind)
  FROM outbox o
 WHERE l.action = 'mail.retried' AND l.subject = 'outbox:' || o.id;
