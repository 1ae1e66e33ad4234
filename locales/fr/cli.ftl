cli-import-rejected-line = ligne { $line } : { $reasons }
cli-import-summary = { $received } lignes : { $imported } importées, { $known } déjà connues, { $awarded } badges décernés, { $nobadge } sans badge selon les règles, { $rejected } refusées
cli-import-stopped = l’import s’est arrêté à la ligne { $line } : la base de données a refusé un lot ({ $error })
cli-import-stopped-read = l’import s’est arrêté à la ligne { $line } : le fichier n’a pas pu être lu plus loin ({ $error })
cli-import-unsaved = { $count ->
    [0] Toutes les lignes valides avant cette ligne ont été enregistrées : le résumé ci-dessus dit ce qui a été fait.
    [one] Une ligne valide (du lot refusé) n’a pas été enregistrée : le résumé ci-dessus ne compte que ce qui l’a été.
   *[other] { $count } lignes valides (du lot refusé) n’ont pas été enregistrées : le résumé ci-dessus ne compte que ce qui l’a été.
}
cli-import-rerun = Importer de nouveau le même fichier est sans risque : les lignes déjà importées sont reconnues et ne changent rien.
cli-catalog-summary = catalogue : { $added } ajoutés, { $updated } mis à jour, { $unchanged } inchangés
cli-serve-ready = Accolade est prêt : ouvrez { $url }/
cli-serve-dev-mailbox = Aucun serveur SMTP n’est configuré : le courrier est gardé dans la boîte aux lettres de développement, { $url }/dev/mail
cli-serve-demo-account = Candidat de démonstration : connectez-vous avec { $email } et le mot de passe { $password }
cli-token-created = Jeton d’API pour « { $name } » (affiché une seule fois, gardez-le en lieu sûr) :
cli-token-exists = un jeton actif nommé « { $name } » existe : révoquez-le d’abord
cli-token-bad-name = un nom de jeton ne contient que des lettres, des chiffres, des points, des tirets et des soulignés (63 au plus)
cli-token-none = Aucun jeton d’API pour l’instant : créez-en un avec `accolade token create NOM`.
cli-token-line = { $name }	créé le { $created }	{ $used }	{ $state }
cli-token-never-used = jamais utilisé
cli-token-last-used = dernière utilisation le { $date }
cli-token-live = actif
cli-token-revoked-on = révoqué le { $date }
cli-token-not-found = aucun jeton actif nommé « { $name } »
cli-token-revoked = « { $name } » révoqué
cli-award-revoked = badge { $award } révoqué : il apparaît désormais comme révoqué partout, ses liens de réclamation ne fonctionnent plus, et son titulaire recevra un e-mail
cli-award-already-revoked = le badge { $award } était déjà révoqué : rien n’a changé (le premier motif est conservé, et aucun second e-mail n’est envoyé)
cli-award-not-found = aucun badge n’a l’identifiant { $award }
cli-award-bad-id = « { $award } » n’est pas un identifiant de badge : il compte de 22 à 64 lettres, chiffres, tirets et soulignés, comme dans l’adresse du badge /badges/AWARD_ID
cli-award-bad-reason = indiquez le motif sur une ligne, en { $max } caractères au plus, sans caractère de contrôle : quiconque vérifie le badge le lit
cli-user-granted = { $email } a désormais le rôle { $role }
cli-user-already-granted = { $email } avait déjà le rôle { $role } : rien n’a changé
cli-user-revoked = { $email } n’a plus le rôle { $role }
cli-user-already-revoked = { $email } n’avait pas le rôle { $role } : rien n’a changé
cli-user-no-account = aucun compte n’a l’adresse { $email }
