# The CLDR locale whose conventions this language's dates and numbers follow (src/i18n/format.rs):
# international English, so dates read "15 January 2020".
format-locale = en-001

# An amount of money: { $amount } is the number, already written with this language's separators.
money-usd = US${ $amount }
money-eur = €{ $amount }
