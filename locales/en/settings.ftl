settings-title = Settings
settings-back = Back to settings
settings-save = Save
settings-profile = Profile and privacy
settings-no-public-pages = Accolade has no public pages yet: whatever you choose here, nobody else sees your profile or your badges for now.
settings-handle = Public handle
settings-handle-hint = 3 to 40 letters a–z, digits and dashes. Leave it empty for none.
settings-handle-invalid = Use 3 to 40 letters a–z, digits and dashes, not starting with a dash.
settings-handle-taken = This handle is taken: choose another one.
settings-bio = About you
settings-bio-too-long = Keep it under 1,000 characters.
settings-profile-visibility = Who can see your profile
settings-profile-public = Public (with your public badges only)
settings-profile-private = Only you
settings-auto-accept = Accept new badges automatically
settings-auto-accept-hint = New badges sent to your addresses go straight into your wallet, and the email says so.
settings-language = Language

settings-emails = Email addresses
settings-emails-intro = Badges sent to any of these addresses appear in your wallet. You sign in with any of them.
settings-primary = Primary
settings-address-pending = Waiting for confirmation
settings-address-badges = { $count ->
    [0] no badge sent to it
    [one] 1 badge sent to it
   *[other] { $count } badges sent to it
}
settings-address-resend = Send the link to { $email } again
settings-address-cancel = Cancel adding { $email }
settings-make-primary = Make { $email } primary
settings-remove-address = Remove { $email }
settings-remove-warning = { $count ->
    [0] No badge was sent to this address.
    [one] 1 badge was sent to this address. It will leave your wallet until the address is confirmed again.
   *[other] { $count } badges were sent to this address. They will leave your wallet until the address is confirmed again.
}
settings-remove-confirm = Remove the address
settings-remove-primary = This is your primary address. Make another address primary first.
settings-add-address = Add an address
settings-add-address-submit = Send a confirmation link

settings-providers = Sign-in providers
settings-provider-connected = Connected as { $who }
settings-provider-connected-subject = Connected (account ID at the provider: { $subject })
settings-provider-connect = Connect { $provider }
settings-provider-disconnect = Disconnect { $provider }

settings-password = Password
settings-password-submit = Change my password
settings-password-wrong = The current password is not right.

settings-data = Your data
settings-export = Download all my data (JSON)
settings-delete = Delete my account
settings-delete-what = Your name, profile, password, addresses and sign-in providers are erased, and you are signed out everywhere. The badges stay with the certification program as the record of your exam results, but become private and leave your wallet; they wait under their address if you ever come back.
settings-delete-badges = { $count ->
    [0] Your wallet is empty.
    [one] 1 badge will become private.
   *[other] { $count } badges will become private.
}
settings-delete-type = To confirm, type your primary address ({ $email })
settings-delete-mismatch = This is not your primary address.
settings-delete-submit = Delete my account for good
