wallet-title = Portefeuille
wallet-open = Ouvrir mon portefeuille
wallet-empty = Aucun badge pour l’instant. Quand vous réussissez un examen, son badge apparaît ici, envoyé à l’une des adresses de votre compte.
wallet-pending = { $count ->
    [one] En attente (1)
   *[other] En attente ({ $count })
}
wallet-earned = { $count ->
    [one] Obtenu (1)
   *[other] Obtenus ({ $count })
}
wallet-declined = { $count ->
    [one] Refusé (1)
   *[other] Refusés ({ $count })
}
wallet-revoked = { $count ->
    [one] Révoqué (1)
   *[other] Révoqués ({ $count })
}
wallet-waiting = { $count ->
    [one] Un badge vous attend : acceptez-le pour l’ajouter à votre portefeuille et le partager.
   *[other] { $count } badges vous attendent : acceptez-les pour les ajouter à votre portefeuille et les partager.
}
wallet-filters = Afficher
wallet-show-all = Tous
wallet-show-pending = En attente
wallet-show-earned = Obtenus
wallet-show-private = Privés
wallet-none-pending = Aucun badge ne vous attend.
wallet-none-earned = Aucun badge obtenu pour l’instant. Acceptez un badge en attente pour l’ajouter ici.
wallet-none-private = Aucun de vos badges n’est privé.
wallet-pill-pending = En attente
wallet-pill-declined = Refusé
wallet-accept-all = Tout accepter

badge-accept = Accepter
badge-decline = Refuser
badge-issued-on = Délivré le { $date }
badge-expires-on = Expire le { $date }
badge-image-alt = Badge : { $badge }
badge-private = Privé
badge-expired-on = Expiré le { $date }
badge-revoked-because = Motif : { $reason }
badge-share = Partager
badge-download = Télécharger
badge-issued-by = Délivré par { $issuer }
badge-expired = Expiré le
badge-manage = Gérer ce badge
badge-state = Statut
badge-state-pending = En attente
badge-state-accepted = Dans votre portefeuille
badge-state-declined = Refusé
badge-state-revoked = Révoqué par l’émetteur
badge-code = Code
badge-issued = Délivré le
badge-expires = Expire le
badge-retired = Retiré le (le badge reste valide)
badge-sent-to = Envoyé à
badge-exposure-shown = Public : toute personne qui a son lien peut le voir
badge-exposure-once-accepted = Public dès que vous l’acceptez ; jusque-là, vous seul pouvez le voir
badge-exposure-only-you = Privé : vous seul pouvez le voir
badge-exposure-profile-private = Vous seul, tant que votre profil est privé (modifiable dans les paramètres)
badge-exposure-declined = Vous seul pouvez le voir, comme refusé
badge-exposure-revoked = Révoqué : il n’est plus présenté comme obtenu
badge-visibility = Visibilité
badge-skills = Compétences
badge-make-private = Rendre privé
badge-make-public = Rendre public

claim-title = Réclamez votre badge : { $badge }
claim-from = De la part de { $issuer }
claim-sent-to = Ce badge a été envoyé à { $email }.
claim-sign-in-first = Connectez-vous, ou créez votre compte avec cette adresse, pour l’accepter. Vous reviendrez ici.
claim-sign-in = Se connecter pour le réclamer
claim-sign-up = Créer un compte
claim-decide = Acceptez le badge pour l’ajouter à votre portefeuille, ou refusez-le.
claim-already-accepted = Ce badge est déjà dans votre portefeuille.
claim-see-in-wallet = Le voir dans mon portefeuille
claim-not-your-address = Ce badge a été envoyé à { $email }, qui n’est pas une adresse de votre compte. Ajoutez d’abord l’adresse à votre compte : nous lui enverrons un lien de confirmation.
claim-add-address = Ajouter { $email } à mon compte
claim-unknown-heading = Ce lien de réclamation n’est pas valide
claim-unknown-text = Il est peut-être incomplet : copiez l’adresse entière depuis l’e-mail. Tous vos badges sont aussi dans votre portefeuille une fois connecté.
claim-used-heading = Ce lien de réclamation a déjà été utilisé
claim-used-text = Le badge a déjà été accepté ou refusé. Il reste dans votre portefeuille, où vous pouvez changer d’avis.
claim-expired-heading = Ce lien de réclamation a expiré
claim-expired-text = Le badge est toujours à vous : connectez-vous et retrouvez-le dans votre portefeuille.
claim-revoked-heading = Ce badge a été révoqué
claim-revoked-text = L’émetteur a révoqué ce badge : il ne peut plus être réclamé.

reminders-stop-title = Arrêter les rappels
reminders-stop-text = Le bouton ci-dessous arrête les rappels par e-mail du badge « { $badge } ». Le badge reste là : vous pourrez toujours le réclamer ou le refuser depuis son lien.
reminders-stop-submit = Arrêter les rappels de ce badge
reminders-stopped = C’est fait : plus de rappel pour ce badge.
reminders-still-claim = Réclamer le badge quand même
