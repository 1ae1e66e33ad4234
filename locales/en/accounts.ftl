sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-forgot = Forgot your password?
sign-in-failed = The email address or the password is not right.
sign-in-throttled = { $minutes ->
    [one] Too many attempts. Try again in a minute.
   *[other] Too many attempts. Try again in { $minutes } minutes.
}
sign-in-providers = Or sign in with
sign-in-with = Sign in with { $provider }
sign-in-no-account = No account yet?
sign-out = Sign out

sign-up-title = Create an account
sign-up-intro = Your badges wait for you under the email address they were sent to: sign up with that address to find them in your wallet.
sign-up-submit = Create my account
sign-up-have-account = Already have an account?
sign-up-sent-heading = Check your email
sign-up-sent-text = We sent a message to { $email }. Open the link in it to confirm your address and finish creating your account.
check-email-spam = The message can take a few minutes. Look in your spam folder too.

confirm-title = Confirm your address
confirm-sign-up-text = Confirm { $email } to finish creating your account.
confirm-add-text = Confirm { $email } to add it to your account. The badges sent to it will appear in your wallet.
confirm-submit = Confirm

forgot-title = Forgot your password?
forgot-intro = Enter the address you sign in with. We will send you a link to choose a new password.
forgot-submit = Send me a link
forgot-sent-heading = Check your email
forgot-sent-text = If { $email } has an account, a link to choose a new password is on its way. It works once, for one hour.

reset-title = Choose a new password
reset-submit = Save my new password

link-used-heading = This link has already been used
link-used-text = Each link works once. If your address is confirmed, just sign in.
link-expired-heading = This link has expired
link-expired-text = Ask for a new one: sign in, or use “Forgot your password?”.
link-unknown-heading = This link is not valid
link-unknown-text = It may be incomplete: copy the whole address from the email into your browser.

form-error-summary = Please correct the following:
form-email = Email address
form-email-invalid = Enter an email address like name@example.com.
form-email-missing = Enter your email address.
form-display-name = Your name, as it appears on your profile
form-display-name-invalid = Enter your name (up to 100 characters).
form-password = Password
form-current-password = Current password
form-new-password = New password
form-choose-one = Choose one of the options.
password-rules = At least 10 characters. Common passwords are refused.
password-too-short = The password must be at least 10 characters long.
password-too-long = The password must be at most 256 characters long.
password-too-common = This password is too common and easy to guess: choose another one.

flash-signed-in = You are signed in.
flash-signed-out = You are signed out.
flash-account-confirmed = Your address is confirmed and your account is ready.
flash-address-has-account = This address already has an account: sign in.
flash-address-added = The address is confirmed and added to your account; its badges are in your wallet.
flash-address-taken = This address belongs to another account, so it was not added.
flash-address-link-sent = We sent a confirmation link to that address. Open it to add the address to your account.
flash-address-already-yours = This address is already in your account.
flash-address-link-resent = We sent a new confirmation link to that address; the earlier one no longer works.
flash-address-cancelled = The address is no longer waiting for confirmation, and the link sent to it no longer works.
flash-address-not-pending = This address is no longer waiting for confirmation.
flash-address-removed = The address is removed from your account.
flash-address-is-primary = Make another address primary before removing this one.
flash-primary-changed = Your primary address has changed.
flash-password-reset = Your new password is saved and you are signed in.
flash-password-changed = Your password has changed. Other sessions are signed out.
flash-settings-saved = Your settings are saved.
flash-account-deleted = Your account is deleted.
flash-badge-accepted = The badge is in your wallet.
flash-badge-declined = The badge is declined. You can still accept it later from your wallet.
flash-badges-accepted = Your pending badges are accepted.
flash-badge-public = The badge is public.
flash-badge-private = The badge is private: nobody else can see it.
flash-badge-revoked = This badge has been revoked by its issuer.
flash-badge-already-held = You already hold this badge: another award of it is accepted in your wallet (it came to you under another address).
flash-claim-not-yours = This badge was sent to an address that is not in your account yet.

oidc-failed-heading = Signing in with this provider did not work
oidc-unavailable = The provider could not be reached or answered something we could not use. Try again in a moment, or sign in with your email address.
oidc-expired = This sign-in attempt is no longer valid (it may have been started in another tab or too long ago). Start again.
oidc-refused = The provider’s answer could not be verified, so you are not signed in. Start again.
oidc-no-verified-email = The provider did not confirm an email address for this account, so we cannot tell which badges are yours. Sign in with your email address, then connect the provider in your settings.
oidc-other-provider-account = The Accolade account of this address already has another account of this provider connected, so this one cannot sign in to it. Sign in with the connected one or with your email address (without a password, choose “Forgot your password?”), then, in your settings, disconnect the old one and connect this one.
flash-oidc-cancelled = Signing in with the provider was cancelled.
flash-provider-connected = The provider is connected: you can sign in with it.
flash-provider-other-account = This provider account is already connected to another Accolade account.
flash-provider-already-connected = Another account of this provider is already connected. Disconnect it first.
flash-provider-disconnected = The provider is disconnected.
flash-provider-last-way-in = This is your only way to sign in: set a password or connect another provider first.
