# Staff: the console links of the header, the second factor, the staff session.
staff-nav-support = Support
staff-nav-admin = Admin

# /sign-in/second-factor
second-factor-title = Second factor
second-factor-intro = The consoles need your second factor too: the code your authenticator app shows now, or one of your recovery codes.
second-factor-code = Code
second-factor-code-hint = 6 digits from your authenticator app, or a recovery code such as abcde-fghij (each recovery code works once).
second-factor-submit = Continue
second-factor-providers = Or sign in again with
second-factor-not-now = Not now: go to your wallet
second-factor-code-missing = Enter the code your authenticator app shows, or a recovery code.
second-factor-wrong = This code is not right. Check that your phone's clock is on time, and type the code it shows now.
second-factor-replayed = This code has been used already. Wait for the next one, then type it.
second-factor-throttled = { $minutes ->
    [one] Too many wrong codes. Try again in a minute.
   *[other] Too many wrong codes. Try again in { $minutes } minutes.
}
flash-second-factor-given = Your second factor is checked: the consoles are open.
flash-recovery-code-used = You used a recovery code: it will not work again.
flash-recovery-codes-low = You used a recovery code, and few are left: make new ones in settings.

# The staff session, /staff
staff-session-title = Staff session
staff-session-left = { $minutes ->
    [one] The consoles ask for your second factor again in a minute.
   *[other] The consoles ask for your second factor again in { $minutes } minutes.
}
staff-open-support = Open the support console
staff-open-admin = Open the admin console
staff-session-end = End the staff session
staff-session-end-hint = You stay signed in to your wallet; the consoles will ask for your second factor again.
flash-staff-session-ended = Your staff session has ended. You are still signed in to your wallet.

# Settings: the second factor section (staff only)
second-factor-settings = Second factor
second-factor-required = Staff open the consoles with a second factor: an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis) that shows a new code every 30 seconds.
second-factor-in-use = An authenticator app is set up.
second-factor-codes-left = { $count ->
    [0] You have no recovery code left.
    [one] You have 1 recovery code left.
   *[other] You have { $count } recovery codes left.
}
second-factor-setup-heading = Set up your authenticator app
second-factor-setup-again-heading = Set up another authenticator app
second-factor-scan = Scan this QR code with the app.
second-factor-qr-label = QR code to scan with an authenticator app
second-factor-type-secret = Or type this key into the app (letters and digits; the spaces do not matter):
second-factor-open-app = Or open it in an authenticator app on this device
second-factor-setup-code = The 6-digit code the app shows now
second-factor-confirm = Confirm
second-factor-cancel = Keep the app I have
second-factor-codes-heading = Recovery codes
second-factor-codes-hint = If you lose your phone, a recovery code opens the consoles once. Making new codes replaces all the old ones.
second-factor-current-code = Code from your app, or a recovery code
second-factor-codes-submit = Make new recovery codes
second-factor-again-heading = Another phone or app
second-factor-again-hint = The app you have keeps working until the new one is confirmed.
second-factor-again-submit = Set up another app
flash-second-factor-scan = Scan the new QR code, then type the code the new app shows.
flash-second-factor-setup-gone = This setup is not waiting any more (done or cancelled in another tab).
flash-second-factor-setup-cancelled = Nothing changed: your authenticator app stays the one in use.

# The recovery codes, shown once
recovery-codes-title = Your recovery codes
recovery-codes-enrolled = Your authenticator app is set up.
recovery-codes-intro = Keep these codes somewhere safe, away from your phone (a password manager, or printed). If you lose your phone, each one opens the consoles once.
recovery-codes-once = They are shown only now: Accolade keeps only a fingerprint of each.
recovery-codes-done = I have kept them

## The names of audited actions, as the consoles show them
audit-action-account-created = Account created
audit-action-account-address-added = Address added
audit-action-account-address-removed = Address removed
audit-action-account-primary-changed = Primary address changed
audit-action-account-password-changed = Password changed
audit-action-account-settings-changed = Settings changed
audit-action-account-provider-connected = Sign-in provider connected
audit-action-account-provider-disconnected = Sign-in provider disconnected
audit-action-account-deleted = Account deleted
audit-action-award-pending = Badge awaiting acceptance
audit-action-award-accepted = Badge accepted
audit-action-award-declined = Badge declined
audit-action-award-revoked = Badge revoked
audit-action-catalog-load = Catalog loaded
audit-action-catalog-retired = Exam or certification retired
audit-action-catalog-policy-changed = Badge policy changed
audit-action-results-import = Results imported
audit-action-mail-retried = Email retried
audit-action-mail-suppression-cleared = Address taken off the suppression list
audit-action-token-create = API token created
audit-action-token-revoke = API token revoked
audit-action-staff-role-granted = Staff role granted
audit-action-staff-role-revoked = Staff role revoked
audit-action-second-factor-enrolled = Second factor enrolled
audit-action-second-factor-recovery-codes-renewed = Recovery codes renewed
audit-action-second-factor-recovery-code-used = Recovery code used
audit-action-support-profile-viewed = Profile viewed by support
audit-action-support-notification-resent = Badge notification resent
audit-action-support-address-attached = Address attached by support
audit-action-support-accounts-merged = Accounts merged
