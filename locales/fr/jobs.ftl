# Offres d’emploi reçues : `accolade jobs import` et POST /api/v1/jobs (src/insights/jobs/).
# { $field } est la propriété JSON de schema.org JobPosting, telle que le flux l’a écrite.
jobs-not-an-object = l’élément n’est pas un objet JSON (un JobPosting de schema.org)
jobs-not-json = la ligne n’est pas du JSON ({ $detail })
jobs-not-utf8 = la ligne n’est pas un texte UTF-8 valide
jobs-item-too-large = l’élément dépasse { $max } octets
jobs-not-a-job-posting = le @type de l’élément est « { $type } », pas JobPosting
jobs-missing = { $field } manque
jobs-too-long = { $field } est trop long ({ $max } caractères au plus)
jobs-too-many = { $field } donne trop de valeurs ({ $max } au plus)
jobs-control-character = { $field } contient un caractère de contrôle (comme U+0000), qui ne peut pas être enregistré
jobs-wrong-type = { $field } n’est pas d’un type que ce flux lit (voir la forme acceptée)
jobs-not-https = { $field } : « { $url } » n’est pas une URL https absolue
jobs-invalid-date = { $field } : « { $value } » n’est pas une date (AAAA-MM-JJ) ni une date et une heure (comme 2026-11-20T09:00:00Z)
jobs-future-date = datePosted { $date } est dans le futur
jobs-ends-before-posted = validThrough précède datePosted
jobs-no-location = l’offre ne nomme aucun lieu (jobLocation) et n’est pas en télétravail (jobLocationType TELECOMMUTE)
jobs-invalid-country = « { $value } » n’est pas un pays (utilisez un code ISO 3166 comme US)
jobs-invalid-state = « { $value } » n’est pas un État des États-Unis (utilisez son nom ou son code postal, comme WA)
jobs-invalid-currency = la devise du salaire « { $value } » n’est pas un code ISO 4217 (comme USD)
jobs-invalid-salary-unit = l’unitText du salaire « { $value } » n’est pas HOUR, DAY, WEEK, MONTH ou YEAR
jobs-invalid-salary-amount = le salaire « { $value } » n’est pas un montant plausible
jobs-salary-range = le minValue du salaire dépasse son maxValue

jobs-warning-unknown-certification = la certification « { $code } » n’est pas au catalogue : l’offre est enregistrée sans elle
jobs-warning-not-an-occupation = occupationalCategory « { $value } » n’est pas un code SOC (comme 15-1244) : ignoré
jobs-warning-skill-too-long = la compétence « { $value }… » dépasse { $max } caractères : ignorée
jobs-warning-organization-url = l’adresse de l’organisation « { $url } » n’est pas une URL https : ignorée
jobs-warning-description-shortened = la description a été raccourcie à { $max } caractères

cli-jobs-rejected-line = ligne { $line } : { $reasons }
cli-jobs-rejected-item = élément { $index } : { $reasons }
cli-jobs-warning-line = ligne { $line }, enregistrée avec un avertissement : { $reasons }
cli-jobs-warning-item = élément { $index }, enregistré avec un avertissement : { $reasons }
cli-jobs-summary = { $received } offres : { $created } nouvelles, { $updated } mises à jour, { $unchanged } inchangées, { $expired } déjà expirées (non enregistrées), { $rejected } refusées, { $warned } enregistrées avec des avertissements
cli-jobs-purged = { $count ->
    [one] Une offre expirée depuis plus de 30 jours a été supprimée.
   *[other] { $count } offres expirées depuis plus de 30 jours ont été supprimées.
}
cli-jobs-unreadable = le fichier n’est pas un tableau JSON d’offres : { $error }
cli-jobs-empty = le fichier ne contient aucune offre
cli-jobs-stopped = l’import s’est arrêté : { $error }
cli-jobs-unsaved = { $count ->
    [0] Toutes les offres valides lues avant ont été enregistrées : le résumé ci-dessus dit ce qui a été fait.
    [one] Une offre valide (du lot qui a échoué) n’a pas été enregistrée.
   *[other] { $count } offres valides (du lot qui a échoué) n’ont pas été enregistrées.
}
cli-jobs-rerun = Importer à nouveau le même fichier est sans risque : les offres déjà enregistrées sont reconnues et rien ne change.
