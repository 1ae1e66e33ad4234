wallet-title = Wallet
wallet-open = Open my wallet
wallet-empty = No badges yet. When you pass an exam, its badge appears here, sent to any address of your account.
wallet-pending = { $count ->
    [one] Waiting for you (1)
   *[other] Waiting for you ({ $count })
}
wallet-earned = { $count ->
    [one] Earned (1)
   *[other] Earned ({ $count })
}
wallet-declined = { $count ->
    [one] Declined (1)
   *[other] Declined ({ $count })
}
wallet-revoked = { $count ->
    [one] Revoked (1)
   *[other] Revoked ({ $count })
}
wallet-waiting = { $count ->
    [one] One badge is waiting for you: accept it to add it to your wallet and share it.
   *[other] { $count } badges are waiting for you: accept them to add them to your wallet and share them.
}
wallet-filters = Show
wallet-show-all = All
wallet-show-pending = Pending
wallet-show-earned = Earned
wallet-show-private = Private
wallet-none-pending = No badge is waiting for you.
wallet-none-earned = No earned badge yet. Accept a pending badge to add it here.
wallet-none-private = None of your badges is private.
wallet-pill-pending = Pending
wallet-pill-declined = Declined
wallet-accept-all = Accept all

badge-accept = Accept
badge-decline = Decline
badge-issued-on = Issued { $date }
badge-expires-on = Expires { $date }
badge-image-alt = Badge: { $badge }
badge-private = Private
badge-expired-on = Expired { $date }
badge-revoked-because = Reason: { $reason }
badge-share = Share
badge-download = Download
badge-issued-by = Issued by { $issuer }
badge-expired = Expired on
badge-manage = Manage this badge
badge-state = Status
badge-state-pending = Waiting for you
badge-state-accepted = In your wallet
badge-state-declined = Declined
badge-state-revoked = Revoked by the issuer
badge-code = Code
badge-issued = Issued on
badge-expires = Expires on
badge-retired = Retired on (the badge stays valid)
badge-sent-to = Sent to
badge-exposure-shown = Public: anyone with its link can see it
badge-exposure-once-accepted = Public once you accept it; until then only you can see it
badge-exposure-only-you = Private: only you can see it
badge-exposure-profile-private = Only you, while your profile is private (you can change that in Settings)
badge-exposure-declined = Only you can see it, as declined
badge-exposure-revoked = Revoked: it is no longer shown as earned
badge-visibility = Visibility
badge-skills = Skills
badge-make-private = Make private
badge-make-public = Make public

claim-title = Claim your badge: { $badge }
claim-from = From { $issuer }
claim-sent-to = This badge was sent to { $email }.
claim-sign-in-first = Sign in, or create your account with that address, to accept it. You will come back here.
claim-sign-in = Sign in to claim
claim-sign-up = Create an account
claim-decide = Accept the badge to add it to your wallet, or decline it.
claim-already-accepted = This badge is already in your wallet.
claim-see-in-wallet = See it in my wallet
claim-not-your-address = This badge was sent to { $email }, which is not an address of your account. Add the address to your account first: we will send a confirmation link to it.
claim-add-address = Add { $email } to my account
claim-unknown-heading = This claim link is not valid
claim-unknown-text = It may be incomplete: copy the whole address from the email. Your badges are also all in your wallet once you sign in.
claim-used-heading = This claim link has already been used
claim-used-text = The badge was accepted or declined already. It stays in your wallet, where you can change your mind.
claim-expired-heading = This claim link has expired
claim-expired-text = The badge is still yours: sign in and find it in your wallet.
claim-revoked-heading = This badge has been revoked
claim-revoked-text = The issuer revoked this badge, so it can no longer be claimed.

reminders-stop-title = Stop the reminders
reminders-stop-text = The button below stops the reminder emails about the badge “{ $badge }”. The badge stays: you can still claim or decline it from its link.
reminders-stop-submit = Stop the reminders for this badge
reminders-stopped = Done: no more reminders about this badge.
reminders-still-claim = Claim the badge anyway
