# Loading the wage data (`accolade insights load FILE`).
cli-insights-rejected-line = line { $line }: { $reason }
cli-insights-summary = wage data “{ $source }”, { $release }: occupations { $occupations }; areas { $areas }; figure rows { $figures }; { $rejected } lines rejected
cli-insights-counts = { $added } added, { $updated } updated, { $unchanged } unchanged
cli-insights-refused = { $file } is not a wage data file: { $reason }

wages-file-missing-header = the file has no “{ $header }” line: a wage data file names its source and its release
wages-file-no-rows = the file has no figure row
wages-line-unknown-record = “{ $value }” is not a record of a wage data file (source, release, url, data, package, licence, occupation, area, or a figure row that starts with a SOC code)
wages-line-column-count = a { $record } line has { $expected } columns, this one { $found }
wages-line-repeated-header = the file already has a “{ $header }” line
wages-line-bad-text = the { $field } is empty, longer than the database takes, or holds a control character
wages-line-bad-url = “{ $value }” is not an https:// address
wages-line-bad-soc = “{ $value }” is not a SOC code (two digits, a dash and four digits, such as 15-1244)
wages-line-bad-area-code = “{ $value }” is not an area code (seven digits)
wages-line-bad-area-kind = “{ $value }” is not a kind of area (national, state or metro)
wages-line-bad-states = “{ $value }” is not a list of US postal codes (such as PA,NJ)
wages-line-states-of-kind = the nation lists no state, and every other area at least one
wages-line-bad-number = { $column }: “{ $value }” is not a number of the data (digits, above zero for a wage, 239200+ for a floor)
wages-line-not-increasing = the percentiles do not go up from the 10th to the 90th
wages-line-duplicate = line { $line } already gave this
wages-line-unknown-occupation = the file defines no occupation { $soc } (add an “occupation” line)
wages-line-unknown-area = the file defines no area { $code } (add an “area” line)
wages-line-no-figure = the row gives no figure at all
