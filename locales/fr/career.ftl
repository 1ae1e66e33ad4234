# La page Carrière (/career), la section carrière de la page d’un badge du portefeuille et de
# la page publique d’un badge (web::career, insights).
career-title = Carrière
career-intro = Là où vos badges acceptés peuvent vous mener : les métiers auxquels ils préparent, ce que ces emplois rapportent, et les offres ouvertes qui demandent ce que vous avez.
career-private = Seuls vos propres badges acceptés sont utilisés, et rien de ce qui vous concerne ne quitte ce site.
career-no-badge = Aucun badge accepté pour l’instant.
career-no-badge-hint = Acceptez un badge dans votre portefeuille : ses métiers, leurs salaires et les offres qui lui correspondent s’afficheront ici.
career-open-wallet = Ouvrir votre portefeuille
career-area-heading = Votre région
career-area-label = Région des salaires et des offres d’emploi
career-area-hint = Les salaires de cette région s’affichent à côté des salaires nationaux, et les offres d’emploi s’y limitent.
career-area-save = Enregistrer la région
career-states = États
career-metros = Zones métropolitaines
career-nation = États-Unis
career-occupations = Les métiers auxquels vos badges préparent
career-no-occupation = Le catalogue ne relie pas encore vos badges à un métier.
career-soc = SOC { $code }
career-from-badges = par { $badges }
career-no-wages = Aucun salaire n’est publié pour ce métier.
career-table-caption = Salaires annuels, { $occupation }
career-percentile-heading = Centile
career-median = Médiane
career-percentile = { $n }e centile
career-at-least = { $amount } ou plus
career-not-published = non publié
career-chart-bar = { $area } : médiane { $median }
career-chart-area = { $area } : 10e centile { $p10 }, 25e { $p25 }, médiane { $median }, 75e { $p75 }, 90e { $p90 }.
career-chart-label = Salaires annuels : { $occupation }. { $figures }
career-source = Source : { $source }, { $release }
career-release = { $month } { $year }
career-month-1 = janvier
career-month-2 = février
career-month-3 = mars
career-month-4 = avril
career-month-5 = mai
career-month-6 = juin
career-month-7 = juillet
career-month-8 = août
career-month-9 = septembre
career-month-10 = octobre
career-month-11 = novembre
career-month-12 = décembre
career-postings = Les offres ouvertes qui correspondent à vos badges
career-filters = Filtrer les offres ouvertes
career-filter-area = Région
career-filter-salary = Salaire annuel
career-filter-salary-any = Tout salaire
career-filter-salary-at-least = { $amount } ou plus
career-filter-remote = Télétravail uniquement
career-filter-apply = Afficher les offres
career-filter-clear = Effacer les filtres
career-for-badge = Offres qui correspondent à { $badge }.
career-all-badges = Afficher les offres de tous vos badges
career-no-posting = Aucune offre ouverte ne correspond à vos badges pour l’instant. Revenez plus tard : les employeurs envoient de nouvelles offres chaque jour.
career-no-posting-filtered = Aucune offre ouverte ne correspond à ces filtres. Essayez une région plus large, tout salaire, ou des postes qui ne sont pas en télétravail.
career-demo = Données de démonstration
career-demo-notice = Certaines de ces offres sont des données de démonstration générées, pas de vraies offres d’emploi.
career-showing = Offres { $from } à { $to } sur { $total }, la meilleure correspondance d’abord
career-where = Lieu
career-remote = Télétravail
career-posted = Publiée le
career-salary = Salaire
career-why = Pourquoi elle correspond
career-apply = Postuler
career-leaves-site = ouvre le site de l’employeur dans un nouvel onglet
career-pages = Pages des offres
career-previous = Page précédente
career-next = Page suivante
career-salary-range = de { $min } à { $max }
career-per-hour = { $amount } de l’heure
career-per-day = { $amount } par jour
career-per-week = { $amount } par semaine
career-per-month = { $amount } par mois
career-per-year = { $amount } par an
career-asks-for = Demande { $badge }
career-same-occupation = { $count ->
    [one] Votre métier
   *[other] { $count } de vos métiers
}
career-shares-skills = { $count ->
    [one] Une compétence en commun
   *[other] { $count } compétences en commun
}
career-employers = Les employeurs qui recrutent pour vos compétences
career-no-employer = Aucun employeur ne recrute pour vos compétences pour l’instant.
career-employer-postings = { $count ->
    [one] une offre ouverte
   *[other] { $count } offres ouvertes
}
flash-career-area-saved = Votre région est enregistrée.
career-badge-heading = Là où mène ce badge
career-no-occupation-badge = Le catalogue ne relie pas encore ce badge à un métier.
career-badge-postings = { $count ->
    [0] Aucune offre ouverte ne correspond à ce badge pour l’instant
    [one] Une offre ouverte correspond à ce badge
   *[other] { $count } offres ouvertes correspondent à ce badge
}
career-public-heading = Métiers concernés
career-public-postings = { $count ->
    [0] Aucune offre d’emploi ouverte ne demande cette certification pour l’instant.
    [one] Une offre d’emploi ouverte demande cette certification.
   *[other] { $count } offres d’emploi ouvertes demandent cette certification.
}
