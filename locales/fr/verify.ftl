## L’outil de vérification (/verify)

layout-verify = Vérifier un badge

verify-title = Vérifier un badge
verify-lead = Vérifiez qu’un badge de ce site est authentique, toujours valide, et qu’il a bien été délivré à la personne qui le présente.
verify-form-heading = Vérifier un badge
verify-again-heading = Vérifier un autre badge
verify-url-label = Lien du badge
verify-url-hint = L’adresse de la page du badge, de son image ou de son attestation Open Badges sur ce site.
verify-or = ou
verify-file-label = Image du badge
verify-file-hint = Une image PNG ou SVG téléchargée depuis la page d’un badge, { $megabytes } Mo au plus.
verify-email-label = Adresse e-mail du titulaire (facultatif)
verify-email-hint = Elle est comparée au destinataire chiffré du badge, et n’est pas conservée.
verify-submit = Vérifier
verify-about-heading = Comment se passe la vérification
verify-about-hosted = Chaque badge de ce site a son attestation à sa propre adresse ici (vérification hébergée Open Badges 2.0). L’outil lit l’identifiant du badge dans le lien ou l’image et le compare à cette attestation, qui fait foi.
verify-about-privacy = Un badge désigne son titulaire par une adresse e-mail chiffrée : saisissez une adresse pour savoir si le badge lui a été délivré. L’adresse du titulaire n’est jamais affichée.
verify-about-others = Cet outil ne vérifie que les badges de ce site, et n’ouvre jamais les liens que vous lui donnez. Pour les badges d’autres émetteurs, utilisez
verify-validator-link = le validateur Open Badges de 1EdTech.
verify-validator-open = Le vérifier avec le validateur Open Badges de 1EdTech

verify-verdict-valid = Ce badge est authentique et valide
verify-verdict-valid-recipient = Ce badge est authentique, valide, et a été délivré à { $email }
verify-verdict-not-recipient = Ce badge est authentique, mais il n’a pas été délivré à { $email }
verify-verdict-expired = Ce badge est authentique, mais il a expiré le { $date }
verify-verdict-revoked = Ce badge a été révoqué par son émetteur
verify-source-link = Vérifié à partir du lien donné.
verify-source-png = Vérifié à partir de l’image PNG envoyée.
verify-source-svg = Vérifié à partir de l’image SVG envoyée.
verify-image-alt = Badge : { $badge }
verify-earner = Obtenu par
verify-issuer = Délivré par
verify-issued = Délivré le
verify-expires = Valide jusqu’au
verify-checks-heading = Ce qui a été vérifié
verify-check-passed = Réussi :
verify-check-failed = Échec :
verify-check-skipped = Non vérifié :
verify-open-page = Ouvrir la page du badge
verify-open-assertion = Attestation Open Badges (JSON)

verify-other-site-heading = Ce badge n’est pas hébergé ici
verify-not-found-heading = Aucun badge à cette adresse
verify-altered-heading = Cette image a été modifiée
verify-open-genuine = Ouvrir la page du vrai badge

verify-problem-nothing = Collez le lien d’un badge ou choisissez l’image d’un badge.
verify-problem-both = Donnez le lien d’un badge ou son image, pas les deux.
verify-problem-not-a-url = Ce n’est pas une adresse web. Collez le lien entier, qui commence par https://.
verify-problem-other-site = Ce lien est sur { $host }, pas sur ce site. L’outil ne vérifie que les badges délivrés ici, et n’ouvre pas les liens vers d’autres sites.
verify-problem-not-hosted = Le badge de cette image n’est pas hébergé par ce site : il vient d’un autre émetteur, ou c’est un badge signé. L’outil ne vérifie que les badges délivrés ici.
verify-problem-not-a-badge-address = Ce lien est sur ce site, mais ce n’est pas l’adresse d’un badge. Le lien d’un badge se termine par /badges/ suivi de l’identifiant du badge.
verify-problem-not-found = Aucun badge de ce site n’a cette adresse. Il n’a peut-être jamais existé, ou son titulaire le garde privé. Demandez-lui le lien de la page publique de son badge.
verify-problem-too-large = Le fichier dépasse { $megabytes } Mo. L’image d’un badge est bien plus petite : téléchargez-la de nouveau depuis la page du badge.
verify-problem-not-an-image = Ce fichier n’est ni une image PNG ni une image SVG. Les badges sont intégrés à des images PNG ou SVG : téléchargez l’image depuis la page du badge.
verify-problem-busy = Tant d’images sont en cours de vérification que la vôtre n’a pas été lue. Rien n’est conservé : patientez quelques secondes et envoyez-la de nouveau.
verify-problem-unreadable-image = Cette image PNG est abîmée et ne peut pas être lue.
verify-problem-not-baked = Cette image ne contient aucun badge. Téléchargez l’image depuis la page du badge : c’est elle qui contient le badge.
verify-problem-several-badges = Cette image contient plusieurs badges, ce que ne fait jamais l’image d’un vrai badge.
verify-problem-malformed = Le badge contenu dans cette image est illisible, ou ne désigne pas son attestation sur ce site.
verify-problem-inconsistent = Cette image désigne deux badges différents, ce que ne fait jamais l’image d’un vrai badge.
verify-problem-altered = Cette image désigne un badge de ce site, mais pas la personne à qui il a été délivré : elle a été modifiée après son téléchargement. Seule la page du badge fait foi.
