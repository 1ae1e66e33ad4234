# La page publique d’un badge (/badges/{id}), le profil public (/u/{handle}) et le partage

public-kind-exam = Examen
public-kind-certification = Certification
public-level-fundamentals = Notions de base
public-level-associate = Associé
public-level-expert = Expert
public-level-specialty = Spécialité
public-image-alt = Badge : { $badge }
public-issued-by = Délivré par { $issuer }
public-revoked-notice = L’émetteur a révoqué ce badge : { $reason }
public-earned-by = Obtenu par
public-issued-on = Délivré le
public-expires-on = Valide jusqu’au
public-expired-on = Expiré le
public-retired-on = Retiré le
public-retired-note = (le badge reste valide)
public-owner-note = Voici votre badge tel que le voit toute personne qui a son lien ; vous seul voyez les moyens de le partager.
public-owner-wallet = L’ouvrir dans votre portefeuille
public-about = À propos de ce badge
public-description-exam = Décerné pour la réussite à l’examen { $title }.
public-description-certification = Décerné pour l’obtention de la certification { $title }.
public-criteria = Comment l’obtenir
public-criteria-exam = Réussir l’examen { $exam }.
public-criteria-one-exam = Obtenir la certification en réussissant l’examen { $exam }.
public-criteria-exams = Obtenir la certification en réussissant chacun de ces examens : { $exams }.
public-criteria-link = Les conditions, telles que { $issuer } les présente
public-skills = Compétences
public-verification = Vérification
public-verdict-valid = Ce badge est authentique et valide.
public-verdict-expired = Ce badge est authentique, mais il a expiré.
public-verdict-revoked = Ce badge a été révoqué par son émetteur.
public-open-badges-data = Données Open Badges (JSON-LD)
public-verify-tool = Vérifier une adresse ou une image de badge
public-og-description = Obtenu par { $earner }, délivré par { $issuer } le { $date }.

public-profile-count = { $count ->
    [0] Aucun badge public
    [one] Un badge public
   *[other] { $count } badges publics
}
public-profile-badges = Badges
public-profile-empty = Pas encore de badge public.

share-heading = Partager ce badge
share-linkedin-add = Ajouter au profil LinkedIn
share-linkedin-post = Publier sur LinkedIn
share-facebook = Facebook
share-x = X
share-email = E-mail
share-new-tab = (s’ouvre dans un nouvel onglet)
share-link = Lien vers ce badge
share-copy = Copier
share-copied = Copié
share-embed = Intégrer à un site web ou à une signature d’e-mail
share-embed-hint = L’image du badge, avec un lien vers sa page. Collez ce HTML là où vous voulez l’afficher.
share-download = Télécharger l’image (PNG)
share-download-hint = L’image contient l’attestation du badge : chacun peut la vérifier.
share-post = J’ai obtenu le badge { $badge }, délivré par { $issuer }.
share-email-subject = Mon badge : { $badge }
share-email-body = J’ai obtenu le badge { $badge }, délivré par { $issuer }. Vous pouvez le voir et le vérifier ici :
share-alt = { $badge }, un badge délivré par { $issuer }
share-private = Ce badge est privé : vous seul pouvez le voir. Rendez-le public pour le partager.
share-make-public = Le rendre public
share-profile-private = Votre profil est privé, ce qui masque tous vos badges. Rendez-le public dans vos paramètres pour les partager.
share-profile-settings = Paramètres du profil
