# The Career page (/career), the career section of a wallet badge page and of the public
# badge page (web::career, insights).
career-title = Career
career-intro = Where your accepted badges can take you: the occupations they lead to, what those jobs pay, and open positions that ask for what you hold.
career-private = Only your own accepted badges are used, and nothing about you leaves this site.
career-no-badge = No accepted badge yet.
career-no-badge-hint = Accept a badge in your wallet: its occupations, their wages and the open positions that match it then show here.
career-open-wallet = Open your wallet
career-area-heading = Your area
career-area-label = Area for wages and job postings
career-area-hint = The wages of this area are shown beside the national ones, and the job postings are narrowed to it.
career-area-save = Save area
career-states = States
career-metros = Metropolitan areas
career-nation = United States
career-occupations = Occupations your badges lead to
career-no-occupation = The catalog does not map your badges to an occupation yet.
career-soc = SOC { $code }
career-from-badges = from { $badges }
career-no-wages = No wage figures are published for this occupation.
career-table-caption = Annual wages, { $occupation }
career-percentile-heading = Percentile
career-median = Median
career-percentile = { $n }th percentile
career-at-least = { $amount } or more
career-not-published = not published
career-chart-bar = { $area }: median { $median }
career-chart-area = { $area }: 10th percentile { $p10 }, 25th { $p25 }, median { $median }, 75th { $p75 }, 90th { $p90 }.
career-chart-label = Annual wages of { $occupation }. { $figures }
career-source = Source: { $source }, { $release }
career-release = { $month } { $year }
career-month-1 = January
career-month-2 = February
career-month-3 = March
career-month-4 = April
career-month-5 = May
career-month-6 = June
career-month-7 = July
career-month-8 = August
career-month-9 = September
career-month-10 = October
career-month-11 = November
career-month-12 = December
career-postings = Open positions that match your badges
career-filters = Filter the open positions
career-filter-area = Area
career-filter-salary = Yearly salary
career-filter-salary-any = Any salary
career-filter-salary-at-least = { $amount } or more
career-filter-remote = Remote only
career-filter-apply = Show positions
career-filter-clear = Clear the filters
career-for-badge = Positions that match { $badge }.
career-all-badges = Show positions for all your badges
career-no-posting = No open position matches your badges right now. Come back later: employers send new postings every day.
career-no-posting-filtered = No open position matches these filters. Try a wider area, any salary, or positions that are not remote.
career-demo = Demo data
career-demo-notice = Some of these positions are generated demo data, not real job offers.
career-showing = Positions { $from } to { $to } of { $total }, best match first
career-where = Where
career-remote = Remote
career-posted = Posted
career-salary = Salary
career-why = Why it matches
career-apply = Apply
career-leaves-site = opens the employer’s site in a new tab
career-pages = Pages of positions
career-previous = Previous page
career-next = Next page
career-salary-range = { $min } to { $max }
career-per-hour = { $amount } an hour
career-per-day = { $amount } a day
career-per-week = { $amount } a week
career-per-month = { $amount } a month
career-per-year = { $amount } a year
career-asks-for = Asks for { $badge }
career-same-occupation = { $count ->
    [one] Your occupation
   *[other] { $count } of your occupations
}
career-shares-skills = { $count ->
    [one] Shares one skill
   *[other] Shares { $count } skills
}
career-employers = Employers hiring for your skills
career-no-employer = No employer is hiring for your skills right now.
career-employer-postings = { $count ->
    [one] one open position
   *[other] { $count } open positions
}
flash-career-area-saved = Your area is saved.
career-badge-heading = Where this badge leads
career-no-occupation-badge = The catalog does not map this badge to an occupation yet.
career-badge-postings = { $count ->
    [0] No open position matches this badge right now
    [one] One open position matches this badge
   *[other] { $count } open positions match this badge
}
career-public-heading = Relevant occupations
career-public-postings = { $count ->
    [0] No open job posting asks for this certification right now.
    [one] One open job posting asks for this certification.
   *[other] { $count } open job postings ask for this certification.
}
