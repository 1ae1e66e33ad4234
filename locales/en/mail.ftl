mail-badge-earned-subject = You earned a badge: { $badge }
mail-badge-earned-from = From { $issuer }
mail-badge-earned-heading = Congratulations, you earned a badge!
mail-badge-earned-body = { $issuer } awards you the badge “{ $badge }”. Claim it to add it to your wallet, or decline it.
mail-badge-earned-action = Claim your badge
mail-badge-earned-wait = There is no deadline: the badge waits for you until you claim or decline it.
mail-link-fallback = If the button does not work, copy this address into your browser:
mail-footer = Sent by Accolade, the badge service of the certification program.
# A link in a plain-text email: its label, then the address on the next line.
mail-text-link = { $label }:
mail-greeting = Hello { $name },

mail-not-you = If you did not ask for this, you can ignore this email: nothing changes.
mail-sign-in-action = Sign in
mail-sign-up-action = Create an account
mail-forgot-action = Choose a new password

mail-sign-up-confirm-subject = Confirm your email address
mail-sign-up-confirm-heading = One step left: confirm your address
mail-sign-up-confirm-body = You are creating an Accolade account with this address. Confirm it to finish: your badges sent to this address will appear in your wallet.
mail-sign-up-confirm-action = Confirm my address

mail-sign-up-existing-subject = Someone tried to create an account with your address
mail-sign-up-existing-heading = You already have an account
mail-sign-up-existing-body = Someone tried to create an Accolade account with this email address, which already has one. If it was you, sign in instead, or choose a new password if you forgot it.

mail-password-reset-subject = Choose a new password
mail-password-reset-heading = Choose a new password
mail-password-reset-body = We received a request to choose a new password for the Accolade account of this address.
mail-password-reset-action = Choose a new password
mail-password-reset-note = The link works once, for one hour. If you did not ask for it, ignore this email: your password stays as it is.

mail-password-reset-unknown-subject = About your password request
mail-password-reset-unknown-heading = No account uses this address
mail-password-reset-unknown-body = Someone asked to reset the password of an Accolade account with this email address, but no account uses it. If it was you, perhaps you signed up with another address; or create an account with this one.

mail-email-verify-subject = Confirm the address you added
mail-email-verify-heading = Confirm this address
mail-email-verify-body = You asked to add this address to your Accolade account. Once you confirm it, the badges sent to it appear in your wallet.
mail-email-verify-action = Confirm this address

mail-email-taken-subject = Someone tried to add your address to their account
mail-email-taken-heading = This address already has an account
mail-email-taken-body = Someone signed in to Accolade asked to add this email address to their account, but it already belongs to yours, so nothing changed. If you have two accounts, contact support to merge them.

mail-badge-added-subject = Added to your wallet: { $badge }
mail-badge-added-heading = A new badge is in your wallet
mail-badge-added-body = { $issuer } awards you the badge “{ $badge }”. Auto-accept is on, so it has been added to your wallet.
mail-badge-added-action = See the badge
mail-badge-added-note = You can turn auto-accept off, or make the badge private, in your wallet and settings.

mail-reminder-subject = Your badge is waiting: { $badge }
mail-reminder-heading = Your badge is still waiting for you
mail-reminder-body = { $issuer } awarded you the badge “{ $badge }”, and it is not in your wallet yet. Claim it to add it to your wallet, or decline it.
mail-reminder-stop = Stop reminding me about this badge
mail-reminder-subject-many = { $count } badges are waiting for you
mail-reminder-heading-many = Your badges are still waiting for you
mail-reminder-body-many = These badges are not in your wallet yet. Claim each one to add it to your wallet, or decline it.
mail-reminder-item = “{ $badge }”, awarded by { $issuer }
mail-reminder-wait-many = There is no deadline: the badges wait for you until you claim or decline them.

mail-badge-revoked-subject = Your badge was revoked: { $badge }
mail-badge-revoked-heading = Your badge has been revoked
mail-badge-revoked-body = { $issuer } has revoked your badge “{ $badge }”. It no longer counts as a credential: anyone who checks it sees that it was revoked, and it can no longer be claimed or shared.
# Followed by the reason, as the issuer wrote it (on the next line in plain text).
mail-badge-revoked-reason = Reason given by { $issuer }:
mail-badge-revoked-action = See it in your wallet
mail-badge-revoked-note = If you have a question about this decision, contact { $issuer }.

mail-address-attached-subject = An address was added to your Accolade account
mail-address-attached-heading = Support added an address to your account
mail-address-attached-body = At your request, our support team added { $address } to your account. The badges sent to that address are now in your wallet.
mail-address-attached-action = Open your wallet
mail-address-attached-note = If you did not ask for this, reply to this email or contact support: the address can be removed in your settings.
