language-name = English

layout-skip-to-content = Skip to content
layout-language-nav = Language
layout-footer = Accolade keeps the badges the certification program awards for its exams and certifications.

landing-title = Badges for your certifications
landing-heading = Your certifications, as badges in one wallet
landing-lead = Each exam and certification you pass earns a badge. We email you a link to claim it, and your wallet keeps it with every badge you earned before.
landing-how-heading = How it works
landing-step-earn-title = Earn
landing-step-earn-text = Pass an exam. When it earns a certification, your badge is for the certification. We send you an email with a link to claim it.
landing-step-claim-title = Claim
landing-step-claim-text = Open the link, sign in or create your account, and accept the badge. Badges wait for you for as long as it takes, even from years ago.
landing-step-keep-title = Keep
landing-step-keep-text = Your wallet holds the badges sent to every address you add. Accept them one by one or all at once, decline the ones you do not want, or have new ones accepted as they arrive.
landing-programs-heading = Programs
landing-programs-empty = No program has loaded its catalog yet.
landing-programs-badges = { $count ->
    [one] one badge to earn
   *[other] { $count } badges to earn
}
landing-rules-text = Retired exams and certifications keep their badges. A few older exams never had one.

error-404-heading = Page not found
error-404-text = There is nothing at this address. If someone gave you a link to a badge, it may have been made private or the link may be incomplete.
error-400-heading = This request could not be handled
error-400-text = Something in the request was not right. Go back and try again.
error-500-heading = Something went wrong on our side
error-500-text = The error has been logged. Please try again in a moment.
error-request-id = Request id: { $id } (quote it if you contact support)
error-home-link = Back to the home page

devmail-title = Development mailbox
devmail-explain = No SMTP server is configured, so every email Accolade sends is kept here instead.
devmail-empty = No email yet.
devmail-to = To
devmail-subject = Subject
devmail-date = Date
devmail-back = All emails
devmail-html-version = As HTML
devmail-text-version = As plain text

layout-account-nav = Account
error-403-heading = This form has expired
error-403-text = For your security, forms only work from a page of this site that is still fresh. Go back, reload the page and try again.
error-429-heading = Too many requests from your network
error-429-text = { $minutes ->
    [one] So many emails were asked for from your network lately that no more are sent for now. Try again in a minute.
   *[other] So many emails were asked for from your network lately that no more are sent for now. Try again in { $minutes } minutes.
}
error-503-heading = Too many people are signing in right now
error-503-text = Nothing was lost, but nothing was done either. Wait { $seconds } seconds, go back and send the form again.
error-422-heading = This form contains a character that cannot be stored
error-422-text = A field holds an invisible control character (such as U+0000). Go back, retype the text and send it again.
layout-menu = Menu
layout-menu-close = Close

# How a badge stands, on every page that shows one (a pill beside its title)
standing-valid = Valid
standing-expires-soon = Expires soon
standing-expired = Expired
standing-revoked = Revoked

# The checks of a verification (public badge page, /verify)
check-issuer-passed = Issued by { $issuer }, whose profile this site publishes
check-hosted-passed = The badge's record is published at its own address on this site
check-recipient-passed = Issued to the address you typed
check-recipient-failed = Not issued to the address you typed
check-recipient-skipped = Recipient: type an address to check it against the badge
check-not-expired-passed = Not expired
check-not-expired-failed = Expired on { $date }
check-not-revoked-passed = Not revoked
check-not-revoked-failed = Revoked by the issuer: { $reason }
