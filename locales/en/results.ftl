field-result-id = result_id
field-source = source
field-email = email
field-given-name = given_name
field-family-name = family_name
field-exam-code = exam_code
field-passed-on = passed_on
field-locale = locale

row-missing = { $field } is missing
row-too-long = { $field } is too long (200 characters at most)
row-control-character = { $field } contains a control character (such as U+0000), which cannot be stored
row-invalid-email = “{ $value }” is not a valid email address
row-unknown-exam = the exam code “{ $code }” is not in the catalog
row-invalid-date = “{ $value }” is not a real date (expected YYYY-MM-DD)
row-future-date = the date { $date } is in the future
row-implausible-date = the date { $date } is before { $year }, older than any certification exam
row-invalid-source = the source “{ $value }” may only hold lower-case letters, digits, dots, dashes and underscores
row-invalid-locale = “{ $value }” is not a language tag (such as en-US)
row-column-count = the row has { $found } columns instead of { $expected }
row-not-an-object = the item is not a JSON object with the result’s fields
row-not-utf8 = the row is not valid UTF-8 text

reason-excluded = this exam or certification is excluded from the badge program
reason-legacy = this exam or certification predates the badge program and has no badge
reason-already-awarded = the badge of this exam was already awarded
reason-already-held = the certification this exam earns is already held
