# The public badge page (/badges/{id}), the public profile (/u/{handle}) and the share panel

public-kind-exam = Exam
public-kind-certification = Certification
public-level-fundamentals = Fundamentals
public-level-associate = Associate
public-level-expert = Expert
public-level-specialty = Specialty
public-image-alt = Badge: { $badge }
public-issued-by = Issued by { $issuer }
public-revoked-notice = The issuer revoked this badge: { $reason }
public-earned-by = Earned by
public-issued-on = Issued on
public-expires-on = Valid until
public-expired-on = Expired on
public-retired-on = Retired on
public-retired-note = (the badge stays valid)
public-owner-note = This is your badge as anyone with its link sees it; only you see the ways to share it.
public-owner-wallet = Open it in your wallet
public-about = About this badge
public-description-exam = Awarded for passing the exam { $title }.
public-description-certification = Awarded for earning the certification { $title }.
public-criteria = How it is earned
public-criteria-exam = Pass the exam { $exam }.
public-criteria-one-exam = Earn the certification by passing the exam { $exam }.
public-criteria-exams = Earn the certification by passing each of these exams: { $exams }.
public-criteria-link = The requirements, as { $issuer } states them
public-skills = Skills
public-verification = Verification
public-verdict-valid = This badge is authentic and valid.
public-verdict-expired = This badge is authentic, but it has expired.
public-verdict-revoked = This badge has been revoked by its issuer.
public-open-badges-data = Open Badges data (JSON-LD)
public-verify-tool = Check an address or a badge image
public-og-description = Earned by { $earner }, issued by { $issuer } on { $date }.

public-profile-count = { $count ->
    [0] No public badge
    [one] One public badge
   *[other] { $count } public badges
}
public-profile-badges = Badges
public-profile-empty = No public badge yet.

share-heading = Share this badge
share-linkedin-add = Add to LinkedIn profile
share-linkedin-post = Post on LinkedIn
share-facebook = Facebook
share-x = X
share-email = Email
share-new-tab = (opens in a new tab)
share-link = Link to this badge
share-copy = Copy
share-copied = Copied
share-embed = Embed on a web site or in an email signature
share-embed-hint = The badge's image, linking to its page. Paste this HTML where you want it shown.
share-download = Download the image (PNG)
share-download-hint = The image carries the badge's record, so anyone can check it.
share-post = I earned the badge { $badge }, issued by { $issuer }.
share-email-subject = My badge: { $badge }
share-email-body = I earned the badge { $badge }, issued by { $issuer }. You can see it and check it here:
share-alt = { $badge }, a badge issued by { $issuer }
share-private = This badge is private: only you can see it. Make it public to share it.
share-make-public = Make it public
share-profile-private = Your profile is private, which hides all your badges. Make it public in your settings to share them.
share-profile-settings = Profile settings
