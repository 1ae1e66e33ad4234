## La console d’administration (/admin)

admin-title = Console d’administration
admin-nav = Console d’administration
admin-home = Vue d’ensemble
admin-catalog = Catalogue
admin-catalog-what = Examens et certifications : en retirer un à une date, changer une règle de badge, charger un fichier de catalogue.
admin-results = Importer des résultats
admin-results-what = Envoyer un fichier de résultats : les mêmes contrôles et le même rapport que la ligne de commande.
admin-awards = Révoquer un badge
admin-awards-what = Retrouver un badge par son identifiant et le révoquer, avec un motif que son titulaire et les vérificateurs liront.
admin-tokens = Jetons d’API
admin-tokens-what = Jetons du flux de résultats : en créer un, voir la dernière utilisation de chacun, en révoquer un.
admin-outbox = Courriels sortants
admin-outbox-what = Courriels en attente, en échec et envoyés ; relancer un message en échec.
admin-audit = Journal d’audit
admin-audit-what = Qui a fait quoi, quand et pourquoi : filtrer par auteur, action, objet et date.

admin-col-code = Code
admin-col-title = Titre
admin-col-kind = Type
admin-col-issuer = Émetteur
admin-col-status = État
admin-col-policy = Règle de badge
admin-col-line = Ligne
admin-col-reasons = Motifs
admin-col-created = Créé
admin-col-last-used = Dernière utilisation
admin-col-actions = Actions
admin-col-id = Id
admin-col-recipient = Destinataire
admin-col-attempts = Tentatives
admin-col-error = Dernière erreur
admin-col-when = Quand
admin-col-change = Modification

admin-file-missing = Choisissez un fichier à envoyer.
admin-date-invalid = Saisissez une date au format AAAA-MM-JJ, à partir de 1990.
admin-unchanged = Rien n’a changé : c’était déjà le cas.
admin-pages = Pages
admin-page-newest = Plus récents
admin-page-older = Plus anciens

admin-kind-exam = Examen
admin-kind-certification = Certification
admin-status-active = Actif
admin-status-retired = Retiré
admin-status-retired-on = Retiré le { $date }
admin-policy-eligible = Éligible : un badge est délivré
admin-policy-excluded = Exclu : jamais de badge
admin-policy-legacy = Ancien : antérieur aux badges
admin-catalog-load = Charger un fichier de catalogue
admin-catalog-load-hint = { $kilobytes ->
    [one] Un fichier de catalogue TOML, comme celui que prend `accolade catalog load`, { $kilobytes } Ko au plus. Les entrées absentes du fichier restent telles quelles.
   *[other] Un fichier de catalogue TOML, comme celui que prend `accolade catalog load`, { $kilobytes } Ko au plus. Les entrées absentes du fichier restent telles quelles.
}
admin-catalog-file = Fichier de catalogue (TOML)
admin-catalog-load-submit = Charger le catalogue
admin-catalog-loaded = Catalogue chargé : { $added } ajoutées, { $updated } modifiées, { $unchanged } inchangées.
admin-catalog-too-large = { $kilobytes ->
    [one] Le fichier dépasse { $kilobytes } Ko.
   *[other] Le fichier dépasse { $kilobytes } Ko.
}
admin-catalog-not-utf8 = Le fichier n’est pas du texte UTF-8.
admin-catalog-invalid = Ce fichier n’est pas un catalogue valide : { $detail }
admin-catalog-entries = Examens et certifications
admin-catalog-entries-hint = Ouvrez une entrée pour la retirer ou changer sa règle de badge.
admin-catalog-file-wins = Le prochain fichier de catalogue chargé règle chaque entrée qu’il contient comme il l’indique : faites la même modification dans le fichier.
admin-catalog-back = Retour au catalogue
admin-retire = Retirer
admin-retire-hint = Ses badges restent réclamables et partageables après son retrait ; un examen éligible donne toujours son badge.
admin-retired-on = Retiré le
admin-retire-submit = Retirer
admin-retired = Retiré.
admin-policy = Règle de badge
admin-policy-hint = Elle décide des badges des résultats importés à partir de maintenant ; les badges délivrés avant restent tels quels.
admin-policy-submit = Changer la règle
admin-policy-invalid = Choisissez l’une des règles.
admin-policy-changed = Règle de badge modifiée.

admin-import-upload = Envoyer un fichier de résultats
admin-import-hint = { $megabytes ->
    [one] Un fichier CSV avec une ligne d’en-tête et ces colonnes (locale est facultative), { $megabytes } Mo au plus. Fichiers plus gros : `accolade import` sur le serveur.
   *[other] Un fichier CSV avec une ligne d’en-tête et ces colonnes (locale est facultative), { $megabytes } Mo au plus. Fichiers plus gros : `accolade import` sur le serveur.
}
admin-import-file = Fichier de résultats (CSV)
admin-import-submit = Importer
admin-import-too-large = { $megabytes ->
    [one] Le fichier dépasse { $megabytes } Mo. Importez-le avec `accolade import` sur le serveur.
   *[other] Le fichier dépasse { $megabytes } Mo. Importez-le avec `accolade import` sur le serveur.
}
admin-import-no-catalog = Le catalogue est vide : chargez d’abord un fichier de catalogue.
admin-import-running = Votre import précédent est encore en cours : attendez son rapport.
admin-import-busy = Un autre import est en cours sur ce serveur. Réessayez quand il sera terminé.
admin-import-of = Import de { $file }
admin-import-started = Commencé le { $date }
admin-import-progress = { $percent } % lu : { $lines } lignes, { $rejected } refusées jusqu’ici.
admin-import-progress-label = Avancement de l’import
admin-import-refresh = Actualiser
admin-import-done = Import terminé.
admin-import-rerun = Ce qui a été enregistré le reste. Importer de nouveau le même fichier est sans risque : les résultats déjà importés ne changent rien.
admin-import-stopped-unreadable = L’import s’est arrêté à la ligne { $line } : le fichier est illisible au-delà. { $unsaved } lignes valides lues n’ont pas été enregistrées.
admin-import-stopped-database = L’import s’est arrêté à la ligne { $line } : la base de données a refusé un lot (voir le journal du serveur). { $unsaved } lignes valides lues n’ont pas été enregistrées.
admin-import-empty = Le fichier est vide : il faut une ligne d’en-tête et une ligne par résultat.
admin-import-missing-columns = Il manque à l’en-tête la ou les colonnes { $columns } ; attendu : { $expected }.
admin-import-failed = L’import s’est interrompu (voir le journal du serveur). Ce qui a été enregistré le reste.
admin-import-received = Lignes lues
admin-import-imported = Résultats importés
admin-import-known = Déjà connus
admin-import-awarded = Badges délivrés
admin-import-no-badge = Pas de badge selon les règles
admin-import-rejected = Refusées
admin-import-refused-lines = Lignes refusées
admin-import-unlisted = { $count ->
    [one] et { $count } autre ligne refusée non listée.
   *[other] et { $count } autres lignes refusées non listées.
}

admin-award-id = Identifiant du badge
admin-award-find = Rechercher
admin-award-not-found = Aucun badge n’a cet identifiant.
admin-award-recipient = Envoyé à
admin-award-issued = Délivré
admin-award-reason = Motif
admin-award-revoked-at = Révoqué
admin-award-pending = En attente
admin-award-accepted = Accepté
admin-award-declined = Refusé
admin-award-revoked = Révoqué
admin-revoke = Révoquer ce badge
admin-revoke-hint = Son titulaire reçoit le motif par e-mail ; sa page, son assertion et la liste de révocation de l’émetteur indiquent qu’il est révoqué, avec le motif. C’est définitif.
admin-reason-hint = Une ligne, { $max } caractères au plus, visible de quiconque vérifie le badge.
admin-reason-invalid = Donnez un motif : une ligne, { $max } caractères au plus.
admin-revoke-submit = Révoquer
admin-award-revoked-now = Le badge est révoqué et son titulaire est prévenu.
admin-award-already-revoked = Le badge était déjà révoqué : son premier motif reste.

admin-token-create = Créer un jeton
admin-token-name = Nom
admin-token-name-hint = Lettres, chiffres, « _ », « . » et « - », commençant par une lettre ou un chiffre, 63 caractères au plus : le flux qui l’utilise.
admin-token-create-submit = Créer le jeton
admin-token-name-taken = Un jeton actif porte déjà ce nom.
admin-token-name-invalid = Utilisez des lettres, des chiffres, « _ », « . » et « - », en commençant par une lettre ou un chiffre, 63 caractères au plus.
admin-token-created = Jeton { $name } créé
admin-token-once = Copiez-le maintenant : il n’est affiché que cette fois, et seule son empreinte est conservée.
admin-token-secret = Jeton
admin-token-list = Jetons
admin-token-none = Aucun jeton pour l’instant.
admin-token-never-used = Jamais
admin-token-live = Actif
admin-token-revoked-on = Révoqué le { $date }
admin-token-revoke = Révoquer
admin-token-revoked = Le jeton est révoqué : le flux qui l’utilisait est refusé désormais.
admin-token-not-live = Aucun jeton actif ne porte ce nom.

admin-outbox-tabs = Messages
admin-outbox-queued = En attente
admin-outbox-failing = En échec
admin-outbox-sent = Envoyés
admin-outbox-empty = Aucun message ici.
admin-mail-queued = En attente
admin-mail-retrying = Nouvel essai prévu
admin-mail-failed = Échec
admin-mail-suppressed = Bloqué
admin-mail-sent = Envoyé
admin-mail-retry = Relancer
admin-mail-retried = Le message sera envoyé maintenant.
admin-mail-not-failing = Ce message n’est pas en échec : rien à relancer.
admin-mail-link-gone = Le lien de ce message a été effacé lors de son échec : la personne doit en demander un nouveau.

admin-audit-filter = Filtrer
admin-audit-actor = Auteur
admin-audit-action = Action
admin-audit-any-action = Toutes les actions
admin-audit-subject = Objet
admin-audit-from = Du
admin-audit-to = Au
admin-audit-hint = Auteur et objet tels qu’ils sont enregistrés : staff:12, cli, api_token:flux ; award:ID, candidate:12, badge_class:AZ-900, catalog.
admin-audit-apply = Appliquer
admin-audit-clear = Effacer le filtre
admin-audit-action-invalid = Choisissez l’une des actions.
admin-audit-rows = Entrées
admin-audit-none = Aucune entrée ne correspond.
