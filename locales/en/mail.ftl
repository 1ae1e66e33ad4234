mail-badge-earned-subject = You earned a badge: { $badge }
mail-badge-earned-from = From { $issuer }
mail-badge-earned-heading = Congratulations, you earned a badge!
mail-badge-earned-body = { $issuer } awards you the badge “{ $badge }”. Claim it to add it to your wallet, then share it or keep it private.
mail-badge-earned-action = Claim your badge
mail-badge-earned-wait = There is no deadline: the badge waits for you until you claim or decline it.
mail-link-fallback = If the button does not work, copy this address into your browser:
mail-footer = Sent by Accolade, the badge service of the certification program.
