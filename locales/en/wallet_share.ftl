# The "now share it" view and the share panel of a badge's page (templates/wallet/share*.html).
share-title = Share { $badge }
share-congrats = Congratulations! This badge is yours.
share-lead = Show it where it counts: on your LinkedIn profile, in a post, on your web site or in your email signature.
share-see-badge = See the badge in my wallet
share-public-page = See the public page
