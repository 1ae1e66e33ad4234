settings-title = Paramètres
settings-back = Retour aux paramètres
settings-save = Enregistrer
settings-profile = Profil et confidentialité
settings-no-public-pages = Accolade n’a pas encore de pages publiques : quoi que vous choisissiez ici, personne d’autre ne voit votre profil ni vos badges pour l’instant.
settings-handle = Identifiant public
settings-handle-hint = De 3 à 40 lettres a–z, chiffres et tirets. Laissez vide pour n’en avoir aucun.
settings-handle-invalid = Utilisez de 3 à 40 lettres a–z, chiffres et tirets, sans tiret au début.
settings-handle-taken = Cet identifiant est déjà pris : choisissez-en un autre.
settings-bio = À propos de vous
settings-bio-too-long = Restez sous les 1 000 caractères.
settings-profile-visibility = Qui peut voir votre profil
settings-profile-public = Public (avec vos badges publics seulement)
settings-profile-private = Vous seul
settings-auto-accept = Accepter automatiquement les nouveaux badges
settings-auto-accept-hint = Les nouveaux badges envoyés à vos adresses vont directement dans votre portefeuille, et l’e-mail le précise.
settings-language = Langue

settings-emails = Adresses e-mail
settings-emails-intro = Les badges envoyés à l’une de ces adresses apparaissent dans votre portefeuille. Vous pouvez vous connecter avec chacune d’elles.
settings-primary = Principale
settings-address-pending = En attente de confirmation
settings-address-badges = { $count ->
    [0] aucun badge envoyé
    [one] 1 badge envoyé
   *[other] { $count } badges envoyés
}
settings-address-resend = Renvoyer le lien à { $email }
settings-address-cancel = Ne plus ajouter { $email }
settings-make-primary = Faire de { $email } l’adresse principale
settings-remove-address = Retirer { $email }
settings-remove-warning = { $count ->
    [0] Aucun badge n’a été envoyé à cette adresse.
    [one] 1 badge a été envoyé à cette adresse. Il quittera votre portefeuille jusqu’à ce que l’adresse soit confirmée à nouveau.
   *[other] { $count } badges ont été envoyés à cette adresse. Ils quitteront votre portefeuille jusqu’à ce que l’adresse soit confirmée à nouveau.
}
settings-remove-confirm = Retirer l’adresse
settings-remove-primary = C’est votre adresse principale. Choisissez d’abord une autre adresse principale.
settings-add-address = Ajouter une adresse
settings-add-address-submit = Envoyer un lien de confirmation

settings-providers = Fournisseurs de connexion
settings-provider-connected = Connecté en tant que { $who }
settings-provider-connected-subject = Connecté (identifiant du compte chez le fournisseur : { $subject })
settings-provider-connect = Connecter { $provider }
settings-provider-disconnect = Déconnecter { $provider }

settings-password = Mot de passe
settings-password-submit = Changer mon mot de passe
settings-password-wrong = Le mot de passe actuel n’est pas correct.

settings-data = Vos données
settings-export = Télécharger toutes mes données (JSON)
settings-delete = Supprimer mon compte
settings-delete-what = Votre nom, votre profil, votre mot de passe, vos adresses et vos fournisseurs de connexion sont effacés, et vous êtes déconnecté partout. Les badges restent au programme de certification comme trace de vos résultats d’examen, mais deviennent privés et quittent votre portefeuille ; ils vous attendent à leur adresse si vous revenez un jour.
settings-delete-badges = { $count ->
    [0] Votre portefeuille est vide.
    [one] 1 badge deviendra privé.
   *[other] { $count } badges deviendront privés.
}
settings-delete-type = Pour confirmer, saisissez votre adresse principale ({ $email })
settings-delete-mismatch = Ce n’est pas votre adresse principale.
settings-delete-submit = Supprimer définitivement mon compte
