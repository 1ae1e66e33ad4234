cli-import-rejected-line = line { $line }: { $reasons }
cli-import-summary = { $received } rows: { $imported } imported, { $known } already known, { $awarded } badges awarded, { $nobadge } without a badge by the rules, { $rejected } rejected
cli-import-stopped = the import stopped at line { $line }: the database refused a batch ({ $error })
cli-import-stopped-read = the import stopped at line { $line }: the file could not be read further ({ $error })
cli-import-unsaved = { $count ->
    [0] Every valid row before that line was saved: the summary above says what was done.
    [one] One valid row (of the batch that failed) was not saved: the summary above counts only what was.
   *[other] { $count } valid rows (of the batch that failed) were not saved: the summary above counts only what was.
}
cli-import-rerun = Importing the same file again is safe: the rows already imported are recognised and change nothing.
cli-catalog-summary = catalog: { $added } added, { $updated } updated, { $unchanged } unchanged
cli-serve-ready = Accolade is ready: open { $url }/
cli-serve-dev-mailbox = No SMTP server is set: mail is kept in the development mailbox, { $url }/dev/mail
cli-serve-demo-account = Demo candidate: sign in as { $email } with the password { $password }
cli-token-created = API token for “{ $name }” (shown once, keep it safe):
cli-token-exists = a live token named “{ $name }” exists: revoke it first
cli-token-bad-name = a token name is letters, digits, dots, dashes and underscores (at most 63)
cli-token-none = No API tokens yet: make one with `accolade token create NAME`.
cli-token-line = { $name }	created { $created }	{ $used }	{ $state }
cli-token-never-used = never used
cli-token-last-used = last used { $date }
cli-token-live = live
cli-token-revoked-on = revoked { $date }
cli-token-not-found = no live token named “{ $name }”
cli-token-revoked = revoked { $name }
cli-award-revoked = award { $award } revoked: it now shows as revoked everywhere, its claim links no longer work, and its earner will get an email
cli-award-already-revoked = the award { $award } was already revoked: nothing changed (the first reason stays, and no second email is sent)
cli-award-not-found = no award has the id { $award }
cli-award-bad-id = “{ $award }” is not an award id: it is 22 to 64 letters, digits, dashes and underscores, as in the badge’s address /badges/AWARD_ID
cli-award-bad-reason = give the reason in one line, of at most { $max } characters, without control characters: anyone who checks the badge reads it
cli-user-granted = { $email } now has the role { $role }
cli-user-already-granted = { $email } already had the role { $role }: nothing changed
cli-user-revoked = { $email } no longer has the role { $role }
cli-user-already-revoked = { $email } did not have the role { $role }: nothing changed
cli-user-no-account = no account has the address { $email }
