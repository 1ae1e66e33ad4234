mail-badge-earned-subject = Vous avez obtenu un badge : { $badge }
mail-badge-earned-from = De la part de { $issuer }
mail-badge-earned-heading = Félicitations, vous avez obtenu un badge !
mail-badge-earned-body = { $issuer } vous décerne le badge « { $badge } ». Réclamez-le pour l’ajouter à votre portefeuille, ou refusez-le.
mail-badge-earned-action = Réclamer votre badge
mail-badge-earned-wait = Il n’y a pas de date limite : le badge vous attend jusqu’à ce que vous l’acceptiez ou le refusiez.
mail-link-fallback = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
mail-footer = Envoyé par Accolade, le service de badges du programme de certification.
# A link in a plain-text email: its label, then the address on the next line.
mail-text-link = { $label } :
mail-greeting = Bonjour { $name },

mail-not-you = Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne change.
mail-sign-in-action = Se connecter
mail-sign-up-action = Créer un compte
mail-forgot-action = Choisir un nouveau mot de passe

mail-sign-up-confirm-subject = Confirmez votre adresse e-mail
mail-sign-up-confirm-heading = Dernière étape : confirmez votre adresse
mail-sign-up-confirm-body = Vous créez un compte Accolade avec cette adresse. Confirmez-la pour terminer : les badges envoyés à cette adresse apparaîtront dans votre portefeuille.
mail-sign-up-confirm-action = Confirmer mon adresse

mail-sign-up-existing-subject = Quelqu’un a voulu créer un compte avec votre adresse
mail-sign-up-existing-heading = Vous avez déjà un compte
mail-sign-up-existing-body = Quelqu’un a voulu créer un compte Accolade avec cette adresse e-mail, qui en a déjà un. Si c’était vous, connectez-vous, ou choisissez un nouveau mot de passe si vous l’avez oublié.

mail-password-reset-subject = Choisissez un nouveau mot de passe
mail-password-reset-heading = Choisissez un nouveau mot de passe
mail-password-reset-body = Nous avons reçu une demande de nouveau mot de passe pour le compte Accolade de cette adresse.
mail-password-reset-action = Choisir un nouveau mot de passe
mail-password-reset-note = Le lien fonctionne une fois, pendant une heure. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.

mail-password-reset-unknown-subject = À propos de votre demande de mot de passe
mail-password-reset-unknown-heading = Aucun compte n’utilise cette adresse
mail-password-reset-unknown-body = Quelqu’un a demandé un nouveau mot de passe pour un compte Accolade avec cette adresse e-mail, mais aucun compte ne l’utilise. Si c’était vous, vous vous êtes peut-être inscrit avec une autre adresse ; ou créez un compte avec celle-ci.

mail-email-verify-subject = Confirmez l’adresse ajoutée
mail-email-verify-heading = Confirmez cette adresse
mail-email-verify-body = Vous avez demandé à ajouter cette adresse à votre compte Accolade. Une fois confirmée, les badges qui lui ont été envoyés apparaissent dans votre portefeuille.
mail-email-verify-action = Confirmer cette adresse

mail-email-taken-subject = Quelqu’un a voulu ajouter votre adresse à son compte
mail-email-taken-heading = Cette adresse a déjà un compte
mail-email-taken-body = Une personne connectée à Accolade a demandé à ajouter cette adresse e-mail à son compte, mais elle appartient déjà au vôtre : rien n’a changé. Si vous avez deux comptes, contactez le support pour les fusionner.

mail-badge-added-subject = Ajouté à votre portefeuille : { $badge }
mail-badge-added-heading = Un nouveau badge est dans votre portefeuille
mail-badge-added-body = { $issuer } vous décerne le badge « { $badge } ». L’acceptation automatique est activée : il a été ajouté à votre portefeuille.
mail-badge-added-action = Voir le badge
mail-badge-added-note = Vous pouvez désactiver l’acceptation automatique, ou rendre le badge privé, dans votre portefeuille et vos paramètres.

mail-reminder-subject = Votre badge vous attend : { $badge }
mail-reminder-heading = Votre badge vous attend toujours
mail-reminder-body = { $issuer } vous a décerné le badge « { $badge } », qui n’est pas encore dans votre portefeuille. Réclamez-le pour l’ajouter à votre portefeuille, ou refusez-le.
mail-reminder-stop = Ne plus me rappeler ce badge
mail-reminder-subject-many = { $count } badges vous attendent
mail-reminder-heading-many = Vos badges vous attendent toujours
mail-reminder-body-many = Ces badges ne sont pas encore dans votre portefeuille. Réclamez chacun d’eux pour l’ajouter à votre portefeuille, ou refusez-le.
mail-reminder-item = « { $badge } », décerné par { $issuer }
mail-reminder-wait-many = Il n’y a pas de date limite : les badges vous attendent jusqu’à ce que vous les réclamiez ou les refusiez.

mail-badge-revoked-subject = Votre badge a été révoqué : { $badge }
mail-badge-revoked-heading = Votre badge a été révoqué
mail-badge-revoked-body = { $issuer } a révoqué votre badge « { $badge } ». Il n’a plus valeur de certification : quiconque le vérifie voit qu’il a été révoqué, et il ne peut plus être réclamé ni partagé.
# Followed by the reason, as the issuer wrote it (on the next line in plain text).
mail-badge-revoked-reason = Motif donné par { $issuer } :
mail-badge-revoked-action = Le voir dans votre portefeuille
mail-badge-revoked-note = Pour toute question sur cette décision, contactez { $issuer }.

mail-address-attached-subject = Une adresse a été ajoutée à votre compte Accolade
mail-address-attached-heading = Le support a ajouté une adresse à votre compte
mail-address-attached-body = À votre demande, notre équipe de support a ajouté { $address } à votre compte. Les badges envoyés à cette adresse sont maintenant dans votre portefeuille.
mail-address-attached-action = Ouvrir votre portefeuille
mail-address-attached-note = Si vous n’avez rien demandé, répondez à cet e-mail ou contactez le support : l’adresse peut être retirée dans vos paramètres.
