sign-in-title = Se connecter
sign-in-submit = Se connecter
sign-in-forgot = Mot de passe oublié ?
sign-in-failed = L’adresse e-mail ou le mot de passe n’est pas correct.
sign-in-throttled = { $minutes ->
    [one] Trop de tentatives. Réessayez dans une minute.
   *[other] Trop de tentatives. Réessayez dans { $minutes } minutes.
}
sign-in-providers = Ou connectez-vous avec
sign-in-with = Se connecter avec { $provider }
sign-in-no-account = Pas encore de compte ?
sign-out = Se déconnecter

sign-up-title = Créer un compte
sign-up-intro = Vos badges vous attendent à l’adresse e-mail à laquelle ils ont été envoyés : inscrivez-vous avec cette adresse pour les retrouver dans votre portefeuille.
sign-up-submit = Créer mon compte
sign-up-have-account = Vous avez déjà un compte ?
sign-up-sent-heading = Consultez vos e-mails
sign-up-sent-text = Nous avons envoyé un message à { $email }. Ouvrez le lien qu’il contient pour confirmer votre adresse et terminer la création de votre compte.
check-email-spam = Le message peut prendre quelques minutes. Regardez aussi dans vos indésirables.

confirm-title = Confirmez votre adresse
confirm-sign-up-text = Confirmez { $email } pour terminer la création de votre compte.
confirm-add-text = Confirmez { $email } pour l’ajouter à votre compte. Les badges qui lui ont été envoyés apparaîtront dans votre portefeuille.
confirm-submit = Confirmer

forgot-title = Mot de passe oublié ?
forgot-intro = Saisissez l’adresse avec laquelle vous vous connectez. Nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot-submit = M’envoyer un lien
forgot-sent-heading = Consultez vos e-mails
forgot-sent-text = Si { $email } a un compte, un lien pour choisir un nouveau mot de passe est en route. Il fonctionne une fois, pendant une heure.

reset-title = Choisissez un nouveau mot de passe
reset-submit = Enregistrer mon nouveau mot de passe

link-used-heading = Ce lien a déjà été utilisé
link-used-text = Chaque lien ne fonctionne qu’une fois. Si votre adresse est confirmée, connectez-vous simplement.
link-expired-heading = Ce lien a expiré
link-expired-text = Demandez-en un nouveau : connectez-vous, ou utilisez « Mot de passe oublié ? ».
link-unknown-heading = Ce lien n’est pas valide
link-unknown-text = Il est peut-être incomplet : copiez l’adresse entière depuis l’e-mail dans votre navigateur.

form-error-summary = Veuillez corriger ce qui suit :
form-email = Adresse e-mail
form-email-invalid = Saisissez une adresse e-mail comme nom@exemple.fr.
form-email-missing = Saisissez votre adresse e-mail.
form-display-name = Votre nom, tel qu’il apparaît sur votre profil
form-display-name-invalid = Saisissez votre nom (100 caractères au plus).
form-password = Mot de passe
form-current-password = Mot de passe actuel
form-new-password = Nouveau mot de passe
form-choose-one = Choisissez l’une des options.
password-rules = Au moins 10 caractères. Les mots de passe courants sont refusés.
password-too-short = Le mot de passe doit compter au moins 10 caractères.
password-too-long = Le mot de passe doit compter au plus 256 caractères.
password-too-common = Ce mot de passe est trop courant et facile à deviner : choisissez-en un autre.

flash-signed-in = Vous êtes connecté.
flash-signed-out = Vous êtes déconnecté.
flash-account-confirmed = Votre adresse est confirmée et votre compte est prêt.
flash-address-has-account = Cette adresse a déjà un compte : connectez-vous.
flash-address-added = L’adresse est confirmée et ajoutée à votre compte ; ses badges sont dans votre portefeuille.
flash-address-taken = Cette adresse appartient à un autre compte : elle n’a pas été ajoutée.
flash-address-link-sent = Nous avons envoyé un lien de confirmation à cette adresse. Ouvrez-le pour l’ajouter à votre compte.
flash-address-already-yours = Cette adresse fait déjà partie de votre compte.
flash-address-link-resent = Nous avons envoyé un nouveau lien de confirmation à cette adresse ; le précédent ne fonctionne plus.
flash-address-cancelled = L’adresse n’attend plus de confirmation, et le lien qui lui a été envoyé ne fonctionne plus.
flash-address-not-pending = Cette adresse n’attend plus de confirmation.
flash-address-removed = L’adresse est retirée de votre compte.
flash-address-is-primary = Choisissez une autre adresse principale avant de retirer celle-ci.
flash-primary-changed = Votre adresse principale a changé.
flash-password-reset = Votre nouveau mot de passe est enregistré et vous êtes connecté.
flash-password-changed = Votre mot de passe a changé. Vos autres sessions sont déconnectées.
flash-settings-saved = Vos paramètres sont enregistrés.
flash-account-deleted = Votre compte est supprimé.
flash-badge-accepted = Le badge est dans votre portefeuille.
flash-badge-declined = Le badge est refusé. Vous pourrez encore l’accepter plus tard depuis votre portefeuille.
flash-badges-accepted = Vos badges en attente sont acceptés.
flash-badge-public = Le badge est public.
flash-badge-private = Le badge est privé : personne d’autre ne peut le voir.
flash-badge-revoked = Ce badge a été révoqué par son émetteur.
flash-badge-already-held = Vous détenez déjà ce badge : un autre exemplaire est accepté dans votre portefeuille (il vous est parvenu sous une autre adresse).
flash-claim-not-yours = Ce badge a été envoyé à une adresse qui ne fait pas encore partie de votre compte.

oidc-failed-heading = La connexion avec ce fournisseur n’a pas abouti
oidc-unavailable = Le fournisseur est injoignable ou a répondu quelque chose d’inutilisable. Réessayez dans un instant, ou connectez-vous avec votre adresse e-mail.
oidc-expired = Cette tentative de connexion n’est plus valable (elle a peut-être été commencée dans un autre onglet ou il y a trop longtemps). Recommencez.
oidc-refused = La réponse du fournisseur n’a pas pu être vérifiée : vous n’êtes pas connecté. Recommencez.
oidc-no-verified-email = Le fournisseur n’a pas confirmé d’adresse e-mail pour ce compte : nous ne pouvons pas savoir quels badges sont les vôtres. Connectez-vous avec votre adresse e-mail, puis connectez le fournisseur dans vos paramètres.
oidc-other-provider-account = Le compte Accolade de cette adresse est déjà relié à un autre compte de ce fournisseur : celui-ci ne peut donc pas s’y connecter. Connectez-vous avec le compte relié ou avec votre adresse e-mail (sans mot de passe, choisissez « Mot de passe oublié ? »), puis, dans vos paramètres, déconnectez l’ancien et connectez celui-ci.
flash-oidc-cancelled = La connexion avec le fournisseur a été annulée.
flash-provider-connected = Le fournisseur est connecté : vous pouvez vous connecter avec lui.
flash-provider-other-account = Ce compte du fournisseur est déjà relié à un autre compte Accolade.
flash-provider-already-connected = Un autre compte de ce fournisseur est déjà relié. Déconnectez-le d’abord.
flash-provider-disconnected = Le fournisseur est déconnecté.
flash-provider-last-way-in = C’est votre seul moyen de connexion : définissez un mot de passe ou connectez un autre fournisseur d’abord.
