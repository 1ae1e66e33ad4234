## The admin console (/admin)

admin-title = Admin console
admin-nav = Admin console
admin-home = Overview
admin-catalog = Catalog
admin-catalog-what = Exams and certifications: retire one with a date, change a badge policy, load a catalog file.
admin-results = Import results
admin-results-what = Upload a results file: the same checks and report as the command line.
admin-awards = Revoke an award
admin-awards-what = Find an award by its id and revoke it, with a reason its earner and verifiers read.
admin-tokens = API tokens
admin-tokens-what = Tokens of the results feed: create one, see when each was last used, revoke one.
admin-outbox = Outbox
admin-outbox-what = Mail queued, failing and sent; retry a message that failed.
admin-audit = Audit log
admin-audit-what = Who did what, when and why: filter by actor, action, subject and date.

admin-col-code = Code
admin-col-title = Title
admin-col-kind = Kind
admin-col-issuer = Issuer
admin-col-status = Status
admin-col-policy = Badge policy
admin-col-line = Line
admin-col-reasons = Reasons
admin-col-created = Created
admin-col-last-used = Last used
admin-col-actions = Actions
admin-col-id = Id
admin-col-recipient = Recipient
admin-col-attempts = Attempts
admin-col-error = Last error
admin-col-when = When
admin-col-change = Change

admin-file-missing = Choose a file to upload.
admin-date-invalid = Enter a date as YYYY-MM-DD, from 1990 on.
admin-unchanged = Nothing changed: it was so already.
admin-pages = Pages
admin-page-newest = Newest
admin-page-older = Older

admin-kind-exam = Exam
admin-kind-certification = Certification
admin-status-active = Active
admin-status-retired = Retired
admin-status-retired-on = Retired on { $date }
admin-policy-eligible = Eligible: a badge is issued
admin-policy-excluded = Excluded: never a badge
admin-policy-legacy = Legacy: older than the badges
admin-catalog-load = Load a catalog file
admin-catalog-load-hint = { $kilobytes ->
    [one] A TOML catalog file, as `accolade catalog load` takes, { $kilobytes } KB at most. Entries missing from the file are left as they are.
   *[other] A TOML catalog file, as `accolade catalog load` takes, { $kilobytes } KB at most. Entries missing from the file are left as they are.
}
admin-catalog-file = Catalog file (TOML)
admin-catalog-load-submit = Load the catalog
admin-catalog-loaded = Catalog loaded: { $added } added, { $updated } updated, { $unchanged } unchanged.
admin-catalog-too-large = { $kilobytes ->
    [one] The file is larger than { $kilobytes } KB.
   *[other] The file is larger than { $kilobytes } KB.
}
admin-catalog-not-utf8 = The file is not UTF-8 text.
admin-catalog-invalid = This file is not a valid catalog: { $detail }
admin-catalog-entries = Exams and certifications
admin-catalog-entries-hint = Open an entry to retire it or change its badge policy.
admin-catalog-file-wins = The next catalog file loaded sets each entry it lists as the file says: make the same change in the file too.
admin-catalog-back = Back to the catalog
admin-retire = Retire
admin-retire-hint = Its badges stay claimable and shareable after it is retired; an eligible exam still gives its badge.
admin-retired-on = Retired on
admin-retire-submit = Retire
admin-retired = Retired.
admin-policy = Badge policy
admin-policy-hint = It decides the badges of results imported from now on; badges awarded before stay as they are.
admin-policy-submit = Change the policy
admin-policy-invalid = Choose one of the policies.
admin-policy-changed = Badge policy changed.

admin-import-upload = Upload a results file
admin-import-hint = { $megabytes ->
    [one] A CSV file with a header line and these columns (locale is optional), { $megabytes } MB at most. Larger files: `accolade import` on the server.
   *[other] A CSV file with a header line and these columns (locale is optional), { $megabytes } MB at most. Larger files: `accolade import` on the server.
}
admin-import-file = Results file (CSV)
admin-import-submit = Import
admin-import-too-large = { $megabytes ->
    [one] The file is larger than { $megabytes } MB. Import it with `accolade import` on the server.
   *[other] The file is larger than { $megabytes } MB. Import it with `accolade import` on the server.
}
admin-import-no-catalog = The catalog is empty: load a catalog file first.
admin-import-running = Your previous import is still running: wait for its report.
admin-import-busy = Another import is running on this server. Try again when it is over.
admin-import-of = Import of { $file }
admin-import-started = Started { $date }
admin-import-progress = { $percent } % read: { $lines } lines, { $rejected } refused so far.
admin-import-progress-label = Import progress
admin-import-refresh = Refresh
admin-import-done = Import finished.
admin-import-rerun = What was saved stays saved. Importing the same file again is safe: results already imported change nothing.
admin-import-stopped-unreadable = The import stopped at line { $line }: the file cannot be read past it. { $unsaved } valid rows read were not saved.
admin-import-stopped-database = The import stopped at line { $line }: the database refused a batch (see the server’s log). { $unsaved } valid rows read were not saved.
admin-import-empty = The file is empty: it needs a header line and a line per result.
admin-import-missing-columns = The header lacks the column(s) { $columns }; expected { $expected }.
admin-import-failed = The import broke off (see the server’s log). What was saved stays saved.
admin-import-received = Rows read
admin-import-imported = Results imported
admin-import-known = Already known
admin-import-awarded = Badges awarded
admin-import-no-badge = No badge by the rules
admin-import-rejected = Refused
admin-import-refused-lines = Refused lines
admin-import-unlisted = { $count ->
    [one] and { $count } more refused line not listed.
   *[other] and { $count } more refused lines not listed.
}

admin-award-id = Award id
admin-award-find = Find
admin-award-not-found = No award has this id.
admin-award-recipient = Sent to
admin-award-issued = Issued
admin-award-reason = Reason
admin-award-revoked-at = Revoked
admin-award-pending = Pending
admin-award-accepted = Accepted
admin-award-declined = Declined
admin-award-revoked = Revoked
admin-revoke = Revoke this award
admin-revoke-hint = Its earner is emailed the reason; its page, its assertion and the issuer’s revocation list say it is revoked, with the reason. This cannot be undone.
admin-reason-hint = One line, { $max } characters at most, shown to anyone who checks the badge.
admin-reason-invalid = Give a reason: one line, { $max } characters at most.
admin-revoke-submit = Revoke
admin-award-revoked-now = The award is revoked and its earner is told.
admin-award-already-revoked = The award was revoked before: its first reason stays.

admin-token-create = Create a token
admin-token-name = Name
admin-token-name-hint = Letters, digits, “_”, “.” and “-”, starting with a letter or a digit, 63 characters at most: the feed that uses it.
admin-token-create-submit = Create the token
admin-token-name-taken = A live token has this name already.
admin-token-name-invalid = Use letters, digits, “_”, “.” and “-”, starting with a letter or a digit, 63 characters at most.
admin-token-created = Token { $name } created
admin-token-once = Copy it now: it is shown this once, and only its hash is kept.
admin-token-secret = Token
admin-token-list = Tokens
admin-token-none = No token yet.
admin-token-never-used = Never
admin-token-live = Live
admin-token-revoked-on = Revoked { $date }
admin-token-revoke = Revoke
admin-token-revoked = The token is revoked: the feed that used it is refused from now on.
admin-token-not-live = No live token has this name.

admin-outbox-tabs = Messages
admin-outbox-queued = Queued
admin-outbox-failing = Failing
admin-outbox-sent = Sent
admin-outbox-empty = No message here.
admin-mail-queued = Queued
admin-mail-retrying = Retrying
admin-mail-failed = Failed
admin-mail-suppressed = Suppressed
admin-mail-sent = Sent
admin-mail-retry = Retry
admin-mail-retried = The message is queued to be sent now.
admin-mail-not-failing = This message is not failing: nothing to retry.
admin-mail-link-gone = The link in this message was erased when it failed: the person asks for a new one.

admin-audit-filter = Filter
admin-audit-actor = Actor
admin-audit-action = Action
admin-audit-any-action = Any action
admin-audit-subject = Subject
admin-audit-from = From
admin-audit-to = To
admin-audit-hint = Actor and subject as stored: staff:12, cli, api_token:feed; award:ID, candidate:12, badge_class:AZ-900, catalog.
admin-audit-apply = Apply
admin-audit-clear = Clear the filter
admin-audit-action-invalid = Choose one of the actions.
admin-audit-rows = Entries
admin-audit-none = No entry matches.
