# La vue « partagez-le » et le panneau de partage de la page d’un badge (templates/wallet/share*.html).
share-title = Partager { $badge }
share-congrats = Félicitations ! Ce badge est à vous.
share-lead = Montrez-le là où il compte : sur votre profil LinkedIn, dans une publication, sur votre site ou dans votre signature d’e-mail.
share-see-badge = Voir le badge dans mon portefeuille
share-public-page = Voir la page publique
