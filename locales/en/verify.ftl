## The verification tool (/verify)

layout-verify = Verify a badge

verify-title = Verify a badge
verify-lead = Check that a badge from this site is genuine, still valid, and was issued to the person who shows it.
verify-form-heading = Check a badge
verify-again-heading = Check another badge
verify-url-label = Badge link
verify-url-hint = The address of the badge’s page, of its image, or of its Open Badges record on this site.
verify-or = or
verify-file-label = Badge image
verify-file-hint = A PNG or SVG image downloaded from a badge page, { $megabytes } MB at most.
verify-email-label = Recipient’s email address (optional)
verify-email-hint = It is compared with the badge’s hashed recipient, and not kept.
verify-submit = Verify
verify-about-heading = How verification works
verify-about-hosted = Every badge of this site has its record at its own address here (Open Badges 2.0 hosted verification). The tool reads the badge’s id from the link or the image and checks it against that record, which is what counts.
verify-about-privacy = A badge names its recipient by a hashed email address: type an address to check whether the badge was issued to it. The earner’s address is never shown.
verify-about-others = This tool checks badges of this site only, and never opens the links you give it. For badges of other issuers, use
verify-validator-link = the 1EdTech Open Badges validator.
verify-validator-open = Check it with the 1EdTech Open Badges validator

verify-verdict-valid = This badge is genuine and valid
verify-verdict-valid-recipient = This badge is genuine, valid, and was issued to { $email }
verify-verdict-not-recipient = This badge is genuine, but it was not issued to { $email }
verify-verdict-expired = This badge is genuine, but it expired on { $date }
verify-verdict-revoked = This badge was revoked by its issuer
verify-source-link = Checked from the link you gave.
verify-source-png = Checked from the PNG image you uploaded.
verify-source-svg = Checked from the SVG image you uploaded.
verify-image-alt = Badge: { $badge }
verify-earner = Earned by
verify-issuer = Issued by
verify-issued = Issued on
verify-expires = Valid until
verify-checks-heading = What was checked
verify-check-passed = Passed:
verify-check-failed = Failed:
verify-check-skipped = Not checked:
verify-open-page = Open the badge page
verify-open-assertion = Open Badges record (JSON)

verify-other-site-heading = This badge is not hosted here
verify-not-found-heading = No such badge
verify-altered-heading = This image has been altered
verify-open-genuine = Open the genuine badge page

verify-problem-nothing = Paste a badge link or choose a badge image.
verify-problem-both = Give a badge link or a badge image, not both.
verify-problem-not-a-url = This is not a web address. Paste the whole link, starting with https://.
verify-problem-other-site = This link is on { $host }, not on this site. The tool checks only badges issued here, and does not open links to other sites.
verify-problem-not-hosted = The badge in this image is not hosted by this site: it is another issuer’s, or a signed badge. The tool checks only badges issued here.
verify-problem-not-a-badge-address = This link is on this site, but it is not the address of a badge. A badge link ends with /badges/ and the badge’s id.
verify-problem-not-found = No badge of this site has this address. It may never have existed, or its earner keeps it private. Ask them for the link to their public badge page.
verify-problem-too-large = The file is larger than { $megabytes } MB. A badge image is much smaller: download it again from the badge page.
verify-problem-not-an-image = This file is neither a PNG nor an SVG image. Badges are baked into PNG or SVG images: download the image from the badge page.
verify-problem-busy = So many images are being checked right now that yours was not read. Nothing is kept: wait a few seconds and send it again.
verify-problem-unreadable-image = This PNG image is damaged and cannot be read.
verify-problem-not-baked = This image carries no badge. Download the image from the badge page: that one carries the badge inside it.
verify-problem-several-badges = This image carries more than one badge, which a genuine badge image never does.
verify-problem-malformed = The badge inside this image cannot be read, or does not name its record on this site.
verify-problem-inconsistent = This image names two different badges, which a genuine badge image never does.
verify-problem-altered = This image names a badge of this site, but not the person it was issued to: it was changed after it was downloaded. Only the badge’s page can be trusted.
