# Personnel : les liens des consoles dans l'en-tête, le second facteur, la session du personnel.
staff-nav-support = Support
staff-nav-admin = Administration

# /sign-in/second-factor
second-factor-title = Second facteur
second-factor-intro = Les consoles demandent aussi votre second facteur : le code que votre application d'authentification affiche maintenant, ou l'un de vos codes de secours.
second-factor-code = Code
second-factor-code-hint = 6 chiffres de votre application d'authentification, ou un code de secours comme abcde-fghij (chaque code de secours ne sert qu'une fois).
second-factor-submit = Continuer
second-factor-providers = Ou reconnectez-vous avec
second-factor-not-now = Pas maintenant : aller à mon portefeuille
second-factor-code-missing = Saisissez le code affiché par votre application d'authentification, ou un code de secours.
second-factor-wrong = Ce code n'est pas le bon. Vérifiez que l'horloge de votre téléphone est à l'heure, et saisissez le code qu'il affiche maintenant.
second-factor-replayed = Ce code a déjà servi. Attendez le suivant, puis saisissez-le.
second-factor-throttled = { $minutes ->
    [one] Trop de codes erronés. Réessayez dans une minute.
   *[other] Trop de codes erronés. Réessayez dans { $minutes } minutes.
}
flash-second-factor-given = Votre second facteur est vérifié : les consoles sont ouvertes.
flash-recovery-code-used = Vous avez utilisé un code de secours : il ne servira plus.
flash-recovery-codes-low = Vous avez utilisé un code de secours et il en reste peu : créez-en de nouveaux dans les paramètres.

# La session du personnel, /staff
staff-session-title = Session du personnel
staff-session-left = { $minutes ->
    [one] Les consoles redemanderont votre second facteur dans une minute.
   *[other] Les consoles redemanderont votre second facteur dans { $minutes } minutes.
}
staff-open-support = Ouvrir la console du support
staff-open-admin = Ouvrir la console d'administration
staff-session-end = Terminer la session du personnel
staff-session-end-hint = Vous restez connecté à votre portefeuille ; les consoles redemanderont votre second facteur.
flash-staff-session-ended = Votre session du personnel est terminée. Vous restez connecté à votre portefeuille.

# Paramètres : la section du second facteur (personnel seulement)
second-factor-settings = Second facteur
second-factor-required = Le personnel ouvre les consoles avec un second facteur : une application d'authentification sur votre téléphone (comme Google Authenticator, Microsoft Authenticator, 1Password ou Aegis) qui affiche un nouveau code toutes les 30 secondes.
second-factor-in-use = Une application d'authentification est configurée.
second-factor-codes-left = { $count ->
    [0] Il ne vous reste aucun code de secours.
    [one] Il vous reste 1 code de secours.
   *[other] Il vous reste { $count } codes de secours.
}
second-factor-setup-heading = Configurez votre application d'authentification
second-factor-setup-again-heading = Configurez une autre application d'authentification
second-factor-scan = Scannez ce code QR avec l'application.
second-factor-qr-label = Code QR à scanner avec une application d'authentification
second-factor-type-secret = Ou saisissez cette clé dans l'application (lettres et chiffres ; les espaces ne comptent pas) :
second-factor-open-app = Ou ouvrez-la dans une application d'authentification de cet appareil
second-factor-setup-code = Le code à 6 chiffres que l'application affiche maintenant
second-factor-confirm = Confirmer
second-factor-cancel = Garder mon application actuelle
second-factor-codes-heading = Codes de secours
second-factor-codes-hint = Si vous perdez votre téléphone, un code de secours ouvre les consoles une fois. Créer de nouveaux codes remplace tous les anciens.
second-factor-current-code = Code de votre application, ou code de secours
second-factor-codes-submit = Créer de nouveaux codes de secours
second-factor-again-heading = Un autre téléphone ou une autre application
second-factor-again-hint = Votre application actuelle continue de fonctionner jusqu'à la confirmation de la nouvelle.
second-factor-again-submit = Configurer une autre application
flash-second-factor-scan = Scannez le nouveau code QR, puis saisissez le code qu'affiche la nouvelle application.
flash-second-factor-setup-gone = Cette configuration n'est plus en attente (terminée ou annulée dans un autre onglet).
flash-second-factor-setup-cancelled = Rien n'a changé : votre application d'authentification reste celle utilisée.

# Les codes de secours, montrés une seule fois
recovery-codes-title = Vos codes de secours
recovery-codes-enrolled = Votre application d'authentification est configurée.
recovery-codes-intro = Gardez ces codes en lieu sûr, loin de votre téléphone (un gestionnaire de mots de passe, ou imprimés). Si vous perdez votre téléphone, chacun ouvre les consoles une fois.
recovery-codes-once = Ils ne sont montrés que maintenant : Accolade n'en garde qu'une empreinte.
recovery-codes-done = Je les ai conservés

## The names of audited actions, as the consoles show them
audit-action-account-created = Compte créé
audit-action-account-address-added = Adresse ajoutée
audit-action-account-address-removed = Adresse retirée
audit-action-account-primary-changed = Adresse principale changée
audit-action-account-password-changed = Mot de passe changé
audit-action-account-settings-changed = Réglages modifiés
audit-action-account-provider-connected = Fournisseur de connexion associé
audit-action-account-provider-disconnected = Fournisseur de connexion dissocié
audit-action-account-deleted = Compte supprimé
audit-action-award-pending = Badge en attente d’acceptation
audit-action-award-accepted = Badge accepté
audit-action-award-declined = Badge refusé
audit-action-award-revoked = Badge révoqué
audit-action-catalog-load = Catalogue chargé
audit-action-catalog-retired = Examen ou certification retiré
audit-action-catalog-policy-changed = Règle de badge modifiée
audit-action-results-import = Résultats importés
audit-action-mail-retried = Envoi d’e-mail relancé
audit-action-mail-suppression-cleared = Adresse retirée de la liste de blocage
audit-action-token-create = Jeton d’API créé
audit-action-token-revoke = Jeton d’API révoqué
audit-action-staff-role-granted = Rôle d’équipe accordé
audit-action-staff-role-revoked = Rôle d’équipe retiré
audit-action-second-factor-enrolled = Second facteur activé
audit-action-second-factor-recovery-codes-renewed = Codes de secours renouvelés
audit-action-second-factor-recovery-code-used = Code de secours utilisé
audit-action-support-profile-viewed = Profil consulté par le support
audit-action-support-notification-resent = Notification de badge renvoyée
audit-action-support-address-attached = Adresse rattachée par le support
audit-action-support-accounts-merged = Comptes fusionnés
