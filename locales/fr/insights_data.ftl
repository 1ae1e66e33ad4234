# Chargement des données salariales (`accolade insights load FICHIER`).
cli-insights-rejected-line = ligne { $line } : { $reason }
cli-insights-summary = données salariales « { $source } », { $release } : professions { $occupations } ; zones { $areas } ; lignes de chiffres { $figures } ; { $rejected } lignes refusées
cli-insights-counts = { $added } ajoutées, { $updated } modifiées, { $unchanged } inchangées
cli-insights-refused = { $file } n’est pas un fichier de données salariales : { $reason }

wages-file-missing-header = le fichier n’a pas de ligne « { $header } » : un fichier de données salariales nomme sa source et sa publication
wages-file-no-rows = le fichier n’a aucune ligne de chiffres
wages-line-unknown-record = « { $value } » n’est pas un enregistrement d’un fichier de données salariales (source, release, url, data, package, licence, occupation, area, ou une ligne de chiffres qui commence par un code SOC)
wages-line-column-count = une ligne { $record } a { $expected } colonnes, celle-ci { $found }
wages-line-repeated-header = le fichier a déjà une ligne « { $header } »
wages-line-bad-text = le champ { $field } est vide, plus long que ce que la base accepte, ou contient un caractère de contrôle
wages-line-bad-url = « { $value } » n’est pas une adresse https://
wages-line-bad-soc = « { $value } » n’est pas un code SOC (deux chiffres, un tiret et quatre chiffres, comme 15-1244)
wages-line-bad-area-code = « { $value } » n’est pas un code de zone (sept chiffres)
wages-line-bad-area-kind = « { $value } » n’est pas un type de zone (national, state ou metro)
wages-line-bad-states = « { $value } » n’est pas une liste de codes postaux d’États américains (comme PA,NJ)
wages-line-states-of-kind = le pays ne liste aucun État, et toute autre zone au moins un
wages-line-bad-number = { $column } : « { $value } » n’est pas un chiffre des données (des chiffres, au-dessus de zéro pour un salaire, 239200+ pour un plancher)
wages-line-not-increasing = les centiles ne croissent pas du 10e au 90e
wages-line-duplicate = la ligne { $line } donnait déjà ceci
wages-line-unknown-occupation = le fichier ne définit pas la profession { $soc } (ajoutez une ligne « occupation »)
wages-line-unknown-area = le fichier ne définit pas la zone { $code } (ajoutez une ligne « area »)
wages-line-no-figure = la ligne ne donne aucun chiffre
