language-name = Français

layout-skip-to-content = Aller au contenu
layout-language-nav = Langue
layout-footer = Accolade conserve les badges que le programme de certification décerne pour ses examens et ses certifications.

landing-title = Des badges pour vos certifications
landing-heading = Vos certifications, en badges réunis dans un portefeuille
landing-lead = Chaque examen et chaque certification réussis vous valent un badge. Nous vous envoyons par e-mail un lien pour le réclamer, et votre portefeuille le garde avec tous les badges obtenus auparavant.
landing-how-heading = Comment ça marche
landing-step-earn-title = Obtenir
landing-step-earn-text = Réussissez un examen. S’il vous vaut une certification, votre badge est celui de la certification. Nous vous envoyons un e-mail avec un lien pour le réclamer.
landing-step-claim-title = Réclamer
landing-step-claim-text = Ouvrez le lien, connectez-vous ou créez votre compte, puis acceptez le badge. Les badges vous attendent aussi longtemps qu’il le faut, même ceux d’il y a des années.
landing-step-keep-title = Garder
landing-step-keep-text = Votre portefeuille réunit les badges envoyés à toutes les adresses que vous ajoutez. Acceptez-les un par un ou tous à la fois, refusez ceux dont vous ne voulez pas, ou faites accepter les nouveaux dès leur arrivée.
landing-programs-heading = Programmes
landing-programs-empty = Aucun programme n’a encore chargé son catalogue.
landing-programs-badges = { $count ->
    [one] un badge à obtenir
   *[other] { $count } badges à obtenir
}
landing-rules-text = Les examens et certifications retirés gardent leurs badges. Quelques examens anciens n’en ont jamais eu.

error-404-heading = Page introuvable
error-404-text = Il n’y a rien à cette adresse. Si quelqu’un vous a donné le lien d’un badge, il a peut-être été rendu privé ou le lien est incomplet.
error-400-heading = Cette requête n’a pas pu être traitée
error-400-text = Quelque chose n’allait pas dans la requête. Revenez en arrière et réessayez.
error-500-heading = Une erreur s’est produite de notre côté
error-500-text = L’erreur a été enregistrée. Réessayez dans un instant.
error-request-id = Identifiant de la requête : { $id } (indiquez-le si vous contactez le support)
error-home-link = Retour à l’accueil

devmail-title = Boîte aux lettres de développement
devmail-explain = Aucun serveur SMTP n’est configuré : chaque e-mail envoyé par Accolade est conservé ici.
devmail-empty = Aucun e-mail pour l’instant.
devmail-to = Destinataire
devmail-subject = Objet
devmail-date = Date
devmail-back = Tous les e-mails
devmail-html-version = En HTML
devmail-text-version = En texte brut

layout-account-nav = Compte
error-403-heading = Ce formulaire a expiré
error-403-text = Pour votre sécurité, les formulaires ne fonctionnent que depuis une page récente de ce site. Revenez en arrière, rechargez la page et réessayez.
error-429-heading = Trop de demandes depuis votre réseau
error-429-text = { $minutes ->
    [one] Tant d’e-mails ont été demandés depuis votre réseau ces derniers temps que plus aucun n’est envoyé pour l’instant. Réessayez dans une minute.
   *[other] Tant d’e-mails ont été demandés depuis votre réseau ces derniers temps que plus aucun n’est envoyé pour l’instant. Réessayez dans { $minutes } minutes.
}
error-503-heading = Trop de personnes se connectent en ce moment
error-503-text = Rien n’a été perdu, mais rien n’a été fait non plus. Patientez { $seconds } secondes, revenez en arrière et renvoyez le formulaire.
error-422-heading = Ce formulaire contient un caractère qui ne peut pas être enregistré
error-422-text = Un champ contient un caractère de contrôle invisible (comme U+0000). Revenez en arrière, retapez le texte et envoyez-le à nouveau.
layout-menu = Menu
layout-menu-close = Fermer

# How a badge stands, on every page that shows one (a pill beside its title)
standing-valid = Valide
standing-expires-soon = Expire bientôt
standing-expired = Expiré
standing-revoked = Révoqué

# The checks of a verification (public badge page, /verify)
check-issuer-passed = Délivré par { $issuer }, dont ce site publie le profil
check-hosted-passed = L’attestation du badge est publiée à sa propre adresse sur ce site
check-recipient-passed = Délivré à l’adresse saisie
check-recipient-failed = Pas délivré à l’adresse saisie
check-recipient-skipped = Destinataire : saisissez une adresse pour la comparer au badge
check-not-expired-passed = Non expiré
check-not-expired-failed = Expiré le { $date }
check-not-revoked-passed = Non révoqué
check-not-revoked-failed = Révoqué par l’émetteur : { $reason }
