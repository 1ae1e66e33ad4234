# Job postings in: `accolade jobs import` and POST /api/v1/jobs (src/insights/jobs/).
# { $field } is the JSON property of schema.org JobPosting, as the feed wrote it.
jobs-not-an-object = the item is not a JSON object (a schema.org JobPosting)
jobs-not-json = the line is not JSON ({ $detail })
jobs-not-utf8 = the line is not valid UTF-8 text
jobs-item-too-large = the item is larger than { $max } bytes
jobs-not-a-job-posting = the item’s @type is “{ $type }”, not JobPosting
jobs-missing = { $field } is missing
jobs-too-long = { $field } is too long ({ $max } characters at most)
jobs-too-many = { $field } lists too many values ({ $max } at most)
jobs-control-character = { $field } contains a control character (such as U+0000), which cannot be stored
jobs-wrong-type = { $field } is not of a type this feed reads (see the accepted shape)
jobs-not-https = { $field }: “{ $url }” is not an absolute https URL
jobs-invalid-date = { $field }: “{ $value }” is not a date (YYYY-MM-DD) or a date and time (such as 2026-11-20T09:00:00Z)
jobs-future-date = datePosted { $date } is in the future
jobs-ends-before-posted = validThrough is before datePosted
jobs-no-location = the posting names no place (jobLocation) and is not remote (jobLocationType TELECOMMUTE)
jobs-invalid-country = “{ $value }” is not a country (use an ISO 3166 code such as US)
jobs-invalid-state = “{ $value }” is not a state of the United States (use its name or its postal code, such as WA)
jobs-invalid-currency = the salary’s currency “{ $value }” is not an ISO 4217 code (such as USD)
jobs-invalid-salary-unit = the salary’s unitText “{ $value }” is not HOUR, DAY, WEEK, MONTH or YEAR
jobs-invalid-salary-amount = the salary “{ $value }” is not a plausible amount
jobs-salary-range = the salary’s minValue is larger than its maxValue

jobs-warning-unknown-certification = the certification “{ $code }” is not in the catalog: the posting is stored without it
jobs-warning-not-an-occupation = occupationalCategory “{ $value }” is not a SOC code (such as 15-1244): left out
jobs-warning-skill-too-long = the skill “{ $value }…” is longer than { $max } characters: left out
jobs-warning-organization-url = the organization’s address “{ $url }” is not an https URL: left out
jobs-warning-description-shortened = the description was shortened to { $max } characters

cli-jobs-rejected-line = line { $line }: { $reasons }
cli-jobs-rejected-item = item { $index }: { $reasons }
cli-jobs-warning-line = line { $line }, stored with a warning: { $reasons }
cli-jobs-warning-item = item { $index }, stored with a warning: { $reasons }
cli-jobs-summary = { $received } postings: { $created } new, { $updated } updated, { $unchanged } unchanged, { $expired } already expired (not stored), { $rejected } rejected, { $warned } stored with warnings
cli-jobs-purged = { $count ->
    [one] One posting expired more than 30 days ago was deleted.
   *[other] { $count } postings expired more than 30 days ago were deleted.
}
cli-jobs-unreadable = the file is not a JSON array of postings: { $error }
cli-jobs-empty = the file holds no postings
cli-jobs-stopped = the import stopped: { $error }
cli-jobs-unsaved = { $count ->
    [0] Every valid posting read before was saved: the summary above says what was done.
    [one] One valid posting (of the batch that failed) was not saved.
   *[other] { $count } valid postings (of the batch that failed) were not saved.
}
cli-jobs-rerun = Importing the same file again is safe: postings already stored are recognised and change nothing.
