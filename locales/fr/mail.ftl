mail-badge-earned-subject = Vous avez obtenu un badge : { $badge }
mail-badge-earned-from = De la part de { $issuer }
mail-badge-earned-heading = Félicitations, vous avez obtenu un badge !
mail-badge-earned-body = { $issuer } vous décerne le badge « { $badge } ». Réclamez-le pour l’ajouter à votre portefeuille, puis partagez-le ou gardez-le privé.
mail-badge-earned-action = Réclamer votre badge
mail-badge-earned-wait = Il n’y a pas de date limite : le badge vous attend jusqu’à ce que vous l’acceptiez ou le refusiez.
mail-link-fallback = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
mail-footer = Envoyé par Accolade, le service de badges du programme de certification.
