# Les champs d’un résultat, nommés dans la langue du lecteur, suivis du nom de la colonne
# (ou de la clé JSON) telle qu’elle s’écrit dans le fichier.
field-result-id = l’identifiant du résultat (result_id)
field-source = la source (source)
field-email = l’adresse e-mail (email)
field-given-name = le prénom (given_name)
field-family-name = le nom de famille (family_name)
field-exam-code = le code d’examen (exam_code)
field-passed-on = la date de réussite (passed_on)
field-locale = la langue (locale)

row-missing = il manque { $field }
row-too-long = { $field } dépasse 200 caractères
row-control-character = { $field } contient un caractère de contrôle (comme U+0000), qui ne peut pas être enregistré
row-invalid-email = « { $value } » n’est pas une adresse e-mail valide
row-unknown-exam = le code d’examen « { $code } » n’est pas dans le catalogue
row-invalid-date = « { $value } » n’est pas une date réelle (format attendu AAAA-MM-JJ)
row-future-date = la date { $date } est dans le futur
row-implausible-date = la date { $date } est antérieure à { $year }, plus ancienne que tout examen de certification
row-invalid-source = la source « { $value } » ne peut contenir que des minuscules, des chiffres, des points, des tirets et des soulignés
row-invalid-locale = « { $value } » n’est pas une étiquette de langue (comme fr-FR)
row-column-count = la ligne a { $found } colonnes au lieu de { $expected }
row-not-an-object = l’élément n’est pas un objet JSON avec les champs du résultat
row-not-utf8 = la ligne n’est pas du texte UTF-8 valide

reason-excluded = cet examen ou cette certification est exclu du programme de badges
reason-legacy = cet examen ou cette certification est antérieur au programme de badges et n’a pas de badge
reason-already-awarded = le badge de cet examen a déjà été décerné
reason-already-held = la certification que vaut cet examen est déjà détenue
