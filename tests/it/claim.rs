//! Claiming from the email's link, and the wallet: accept, decline, accept all, visibility,
//! someone else's awards, parallel accepts, auto-accept.

use crate::helpers::{count, import_csv_text};
use crate::journey::{
    MailApp, award_state, awards_of, link_in, location, spawn_mail_app, tile_titles, visible_text,
};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";

/// Imports one AZ-900 pass for `email`, delivers its email and returns the claim link's path.
async fn award_and_claim_link(app: &MailApp, result_id: &str, email: &str) -> String {
    import_csv_text(
        &app.db,
        format!("{HEADER}{result_id},pearsonvue,{email},Ada,Lovelace,AZ-900,2025-06-01,en-US\n"),
    )
    .await;
    link_in(&app.last_mail_to(email).await, "/claim/")
}

#[actix_web::test]
async fn claim_link_for_a_signed_out_visitor_shows_the_badge_and_offers_sign_in_with_the_address() {
    let app = spawn_mail_app().await;
    let claim = award_and_claim_link(&app, "C-1", "ada@example.com").await;
    let html = app.page(&claim, 200).await;
    let page = visible_text(&html);
    assert!(page.contains("Azure Fundamentals"), "{page}");
    assert!(
        page.contains("This badge was sent to ada@example.com"),
        "{page}"
    );
    let next = accolade::urls::encode_query(&claim);
    // An ampersand in an attribute is escaped, as `&amp;` or `&#38;`: both read as `&`.
    let links = html.replace("&#38;", "&").replace("&amp;", "&");
    assert!(
        links.contains(&format!(
            r#"href="/sign-up?email=ada%40example.com&next={next}""#
        )),
        "{html}"
    );
    assert!(links.contains(&format!(
        r#"href="/sign-in?email=ada%40example.com&next={next}""#
    )));
    assert!(
        !html.contains(r#"name="decision""#),
        "no accept button before sign-in"
    );
}

#[actix_web::test]
async fn a_new_candidate_signs_up_from_the_claim_link_and_comes_back_to_accept_the_badge() {
    let app = spawn_mail_app().await;
    let claim = award_and_claim_link(&app, "C-1", "ada@example.com").await;
    let award = awards_of(&app.db, "ada@example.com").await.remove(0);

    // Sign up from the claim page: the address is pre-filled and the claim is `next`.
    let form = app
        .page(
            &format!(
                "/sign-up?email=ada%40example.com&next={}",
                accolade::urls::encode_query(&claim)
            ),
            200,
        )
        .await;
    assert!(form.contains(r#"value="ada@example.com""#), "{form}");
    assert!(
        form.contains(&format!(r#"name="next" value="{claim}""#)),
        "{form}"
    );
    let response = app
        .post_form(
            "/sign-up",
            &[
                ("email", "ada@example.com"),
                ("display_name", "Ada Lovelace"),
                ("password", crate::journey::PASSWORD),
                ("next", &claim),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let confirm = link_in(&app.last_mail_to("ada@example.com").await, "/confirm/");
    let response = app.post_form(&confirm, &[]).await;
    assert_eq!(
        location(&response),
        claim,
        "back to the claim after confirming"
    );

    let page = visible_text(&app.page(&claim, 200).await);
    assert!(
        page.contains("Accept the badge to add it to your wallet"),
        "{page}"
    );
    let response = app.post_form(&claim, &[("decision", "accept")]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        format!("/wallet/{award}/share"),
        "on to sharing it"
    );
    assert_eq!(award_state(&app.db, &award).await, "accepted");
    let wallet = app.page("/wallet", 200).await;
    assert_eq!(
        tile_titles(&wallet),
        ["Microsoft Certified: Azure Fundamentals"]
    );
    assert!(visible_text(&wallet).contains("Earned (1)"), "{wallet}");

    // The link is used now: it says so, and the badge stays in the wallet.
    let page = visible_text(&app.page(&claim, 410).await);
    assert!(
        page.contains("This claim link has already been used"),
        "{page}"
    );
    assert!(page.contains("It stays in your wallet"), "{page}");
    assert_eq!(award_state(&app.db, &award).await, "accepted");
}

#[actix_web::test]
async fn claim_link_for_someone_else_offers_to_add_the_address_never_the_badge_as_theirs() {
    let app = spawn_mail_app().await;
    let claim = award_and_claim_link(&app, "C-1", "ada@work.example").await;
    let award = awards_of(&app.db, "ada@work.example").await.remove(0);
    let other = app.signed_in_as("ada@home.example").await;

    let html = other.page(&claim, 200).await;
    let page = visible_text(&html);
    assert!(
        page.contains(
            "This badge was sent to ada@work.example, which is not an address of your account."
        ),
        "{page}"
    );
    assert!(!html.contains(r#"name="decision""#), "no accept button");
    // Forcing the form changes nothing.
    let response = other.post_form(&claim, &[("decision", "accept")]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), claim);
    assert_eq!(award_state(&app.db, &award).await, "pending");
    let wallet = visible_text(&other.page("/wallet", 200).await);
    assert!(!wallet.contains("Azure Fundamentals"), "{wallet}");

    // Adding the address: a link to it; once confirmed, the award is theirs to accept.
    let response = other
        .post_form(
            "/settings?form=emails",
            &[("email", "ada@work.example"), ("next", &claim)],
        )
        .await;
    assert_eq!(location(&response), claim);
    let mail = app.last_mail_to("ada@work.example").await;
    assert_eq!(mail.subject(), "Confirm the address you added");
    let confirm = link_in(&mail, "/confirm/");
    let response = other.post_form(&confirm, &[]).await;
    assert_eq!(location(&response), claim);
    let response = other.post_form(&claim, &[("decision", "accept")]).await;
    assert_eq!(location(&response), format!("/wallet/{award}/share"));
    assert_eq!(award_state(&app.db, &award).await, "accepted");
}

#[actix_web::test]
async fn unknown_used_and_expired_claim_links_explain_themselves() {
    let app = spawn_mail_app().await;
    let page = visible_text(&app.page("/claim/no-such-token", 404).await);
    assert!(page.contains("This claim link is not valid"), "{page}");

    let claim = award_and_claim_link(&app, "C-1", "ada@example.com").await;
    sqlx::query("UPDATE claim_tokens SET expires_at = now() - interval '1 day'")
        .execute(&app.db)
        .await
        .unwrap();
    let page = visible_text(&app.page(&claim, 410).await);
    assert!(page.contains("This claim link has expired"), "{page}");
    assert!(page.contains("The badge is still yours"), "{page}");
    assert_eq!(count(&app.db, "awards").await, 1);
}

#[actix_web::test]
async fn the_wallet_holds_the_awards_of_every_verified_address_whenever_they_were_issued() {
    let app = spawn_mail_app().await;
    import_csv_text(
        &app.db,
        format!(
            "{HEADER}W-1,pearsonvue,ada@work.example,Ada,Lovelace,70-740,2009-05-01,en-US\n\
             W-2,pearsonvue,ada@home.example,Ada,Lovelace,AI-900,2024-02-01,en-US\n\
             W-3,pearsonvue,someone@else.example,Bob,Else,AZ-900,2024-02-01,en-US\n"
        ),
    )
    .await;
    let ada = app.signed_in_as("ada@home.example").await;
    let response = ada
        .post_form("/settings?form=emails", &[("email", "ada@work.example")])
        .await;
    assert_eq!(response.status(), 303);
    let confirm = link_in(&app.last_mail_to("ada@work.example").await, "/confirm/");
    ada.post_form(&confirm, &[]).await;
    // A result reported after the account exists goes straight to its wallet.
    import_csv_text(
        &app.db,
        format!("{HEADER}W-4,pearsonvue,ADA@work.example,Ada,Lovelace,AZ-900,2026-11-01,en-US\n"),
    )
    .await;

    let html = ada.page("/wallet", 200).await;
    let wallet = visible_text(&html);
    assert!(wallet.contains("Waiting for you (3)"), "{wallet}");
    assert_eq!(
        tile_titles(&html),
        [
            "Microsoft Certified: Azure Fundamentals",
            "Microsoft Certified: Azure AI Fundamentals",
            "Installation, Storage, and Compute with Windows Server 2016"
        ]
    );
    assert!(wallet.contains("Issued 1 May 2009"), "{wallet}");
    assert!(!wallet.contains("Bob"), "{wallet}");
}

#[actix_web::test]
async fn accept_decline_and_accept_all_from_the_wallet() {
    let app = spawn_mail_app().await;
    import_csv_text(
        &app.db,
        format!(
            "{HEADER}A-1,pearsonvue,ada@example.com,Ada,L,AZ-900,2025-01-01,en-US\n\
             A-2,pearsonvue,ada@example.com,Ada,L,AI-900,2025-02-01,en-US\n\
             A-3,pearsonvue,ada@example.com,Ada,L,DP-900,2025-03-01,en-US\n"
        ),
    )
    .await;
    let awards = awards_of(&app.db, "ada@example.com").await;
    let ada = app.signed_in_as("ada@example.com").await;

    let response = ada
        .post_form(&format!("/wallet/{}/decline", awards[0]), &[])
        .await;
    assert_eq!(location(&response), "/wallet");
    let wallet = visible_text(&ada.page("/wallet", 200).await);
    assert!(wallet.contains("The badge is declined"), "{wallet}");
    assert!(wallet.contains("Declined (1)"), "{wallet}");
    assert!(wallet.contains("Waiting for you (2)"), "{wallet}");

    let response = ada.post_form("/wallet/accept-all", &[]).await;
    assert_eq!(response.status(), 303);
    let wallet = visible_text(&ada.page("/wallet", 200).await);
    assert!(wallet.contains("Earned (2)"), "{wallet}");
    assert!(!wallet.contains("Waiting for you"), "{wallet}");
    assert_eq!(award_state(&app.db, &awards[0]).await, "declined");

    // A declined badge can still be accepted later, from its page.
    let response = ada
        .post_form(
            &format!("/wallet/{}/accept", awards[0]),
            &[("back", "badge")],
        )
        .await;
    assert_eq!(location(&response), format!("/wallet/{}/share", awards[0]));
    let page = visible_text(&ada.page(&format!("/wallet/{}", awards[0]), 200).await);
    assert!(page.contains("In your wallet"), "{page}");
    assert!(page.contains("Sent to ada@example.com"), "{page}");
    assert!(page.contains("Issued on 1 January 2025"), "{page}");
    // The certification shows the skills of its exam.
    assert!(page.contains("Cloud concepts"), "{page}");
    let accepted: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'award.accepted'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(accepted, 3);
}

#[actix_web::test]
async fn a_badge_made_private_says_so_and_can_be_made_public_again() {
    let app = spawn_mail_app().await;
    import_csv_text(
        &app.db,
        format!("{HEADER}P-1,pearsonvue,ada@example.com,Ada,L,AZ-900,2025-01-01,en-US\n"),
    )
    .await;
    let award = awards_of(&app.db, "ada@example.com").await.remove(0);
    let ada = app.signed_in_as("ada@example.com").await;
    let path = format!("/wallet/{award}/visibility");
    let response = ada
        .post_form(&path, &[("visibility", "private"), ("back", "badge")])
        .await;
    assert_eq!(location(&response), format!("/wallet/{award}"));
    let page = visible_text(&ada.page(&format!("/wallet/{award}"), 200).await);
    assert!(page.contains("nobody else can see it"), "{page}");
    assert!(page.contains("Visibility Private"), "{page}");
    let wallet = ada.page("/wallet", 200).await;
    assert!(
        wallet.contains(r#"<span class="tag tag-private">Private</span>"#),
        "the tile says so: {wallet}"
    );
    ada.post_form(&path, &[("visibility", "public")]).await;
    let visibility: String = sqlx::query_scalar("SELECT visibility FROM awards")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(visibility, "public");
    let response = ada.post_form(&path, &[("visibility", "everyone")]).await;
    assert_eq!(response.status(), 400);
}

#[actix_web::test]
async fn a_badge_is_public_only_once_accepted_and_while_its_profile_is_public_and_says_so() {
    let app = spawn_mail_app().await;
    import_csv_text(
        &app.db,
        format!("{HEADER}V-1,pearsonvue,ada@example.com,Ada,L,AZ-900,2025-01-01,en-US\n"),
    )
    .await;
    let award = awards_of(&app.db, "ada@example.com").await.remove(0);
    let id = accolade::domain::AwardId::parse(&award).unwrap();
    let ada = app.signed_in_as("ada@example.com").await;
    // A new profile is private: it hides every badge.
    let page = visible_text(&ada.page(&format!("/wallet/{award}"), 200).await);
    assert!(
        page.contains("Visibility Only you, while your profile is private"),
        "{page}"
    );
    let set_profile = |visibility: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query("UPDATE candidates SET profile_visibility = $1")
                .bind(visibility)
                .execute(&db)
                .await
                .unwrap();
        }
    };
    set_profile("public").await;
    let page = visible_text(&ada.page(&format!("/wallet/{award}"), 200).await);
    assert!(
        page.contains("Visibility Public once you accept it; until then only you can see it"),
        "{page}"
    );
    assert!(
        accolade::awards::public_badge(&app.db, &id)
            .await
            .unwrap()
            .is_none(),
        "a pending badge has no public view"
    );

    ada.post_form(&format!("/wallet/{award}/accept"), &[]).await;
    let page = visible_text(&ada.page(&format!("/wallet/{award}"), 200).await);
    assert!(
        page.contains("Visibility Public: anyone with its link can see it"),
        "{page}"
    );
    let public = accolade::awards::public_badge(&app.db, &id)
        .await
        .unwrap()
        .expect("an accepted public badge has a public view");
    assert_eq!(public.title, "Microsoft Certified: Azure Fundamentals");

    set_profile("private").await;
    assert!(
        accolade::awards::public_badge(&app.db, &id)
            .await
            .unwrap()
            .is_none(),
        "a private profile hides its badges"
    );
    set_profile("public").await;

    ada.post_form(
        &format!("/wallet/{award}/visibility"),
        &[("visibility", "private")],
    )
    .await;
    assert!(
        accolade::awards::public_badge(&app.db, &id)
            .await
            .unwrap()
            .is_none(),
        "a private badge has no public view"
    );
}

#[actix_web::test]
async fn an_award_state_the_code_does_not_know_is_an_error_not_a_pending_badge() {
    let db = crate::helpers::test_db().await;
    let read: Result<accolade::domain::AwardState, _> =
        sqlx::query_scalar("SELECT 'archived'::text")
            .fetch_one(&db)
            .await;
    let error = read.expect_err("an unknown state must not decode");
    assert!(error.to_string().contains("archived"), "{error}");
}

#[actix_web::test]
async fn someone_elses_award_cannot_be_seen_accepted_declined_or_hidden() {
    let app = spawn_mail_app().await;
    import_csv_text(
        &app.db,
        format!("{HEADER}O-1,pearsonvue,ada@example.com,Ada,L,AZ-900,2025-01-01,en-US\n"),
    )
    .await;
    let award = awards_of(&app.db, "ada@example.com").await.remove(0);
    create_and_attach(&app, "ada@example.com").await;
    let mallory = app.signed_in_as("mallory@example.com").await;
    mallory.page(&format!("/wallet/{award}"), 404).await;
    for action in ["accept", "decline"] {
        let response = mallory
            .post_form(&format!("/wallet/{award}/{action}"), &[])
            .await;
        assert_eq!(response.status(), 404, "{action}");
    }
    let response = mallory
        .post_form(
            &format!("/wallet/{award}/visibility"),
            &[("visibility", "private")],
        )
        .await;
    assert_eq!(response.status(), 404);
    mallory.page("/wallet/not-an-award-id", 404).await;
    assert_eq!(award_state(&app.db, &award).await, "pending");
}

async fn create_and_attach(app: &MailApp, email: &str) {
    crate::journey::create_account(&app.db, email).await;
}

#[actix_web::test]
async fn two_accepts_of_one_award_at_the_same_moment_make_one_change() {
    let app = spawn_mail_app().await;
    import_csv_text(
        &app.db,
        format!("{HEADER}T-1,pearsonvue,ada@example.com,Ada,L,AZ-900,2025-01-01,en-US\n"),
    )
    .await;
    let award = awards_of(&app.db, "ada@example.com").await.remove(0);
    let ada = app.signed_in_as("ada@example.com").await;
    let path = format!("/wallet/{award}/accept");
    let (a, b, c, d) = tokio::join!(
        ada.post_form(&path, &[]),
        ada.post_form(&path, &[]),
        ada.post_form(&path, &[]),
        ada.post_form(&path, &[]),
    );
    for response in [a, b, c, d] {
        assert_eq!(response.status(), 303);
    }
    let changes: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'award.accepted' AND subject = $1",
    )
    .bind(format!("award:{award}"))
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(changes, 1);
    assert_eq!(award_state(&app.db, &award).await, "accepted");
}

#[actix_web::test]
async fn with_auto_accept_on_new_awards_go_straight_to_the_wallet_and_the_email_says_so() {
    let app = spawn_mail_app().await;
    let ada = app.signed_in_as("ada@example.com").await;
    let response = ada
        .post_form(
            "/settings?form=profile",
            &[
                ("display_name", "Ada Lovelace"),
                ("handle", ""),
                ("bio", ""),
                ("profile_visibility", "private"),
                ("auto_accept", "on"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    import_csv_text(
        &app.db,
        format!("{HEADER}AA-1,pearsonvue,ada@example.com,Ada,L,AZ-900,2025-01-01,en-US\n"),
    )
    .await;
    let award = awards_of(&app.db, "ada@example.com").await.remove(0);
    assert_eq!(award_state(&app.db, &award).await, "accepted");
    let mail = app.last_mail_to("ada@example.com").await;
    assert_eq!(
        mail.subject(),
        "Added to your wallet: Microsoft Certified: Azure Fundamentals"
    );
    assert!(mail.text().contains("Auto-accept is on"), "{}", mail.text());
    assert!(
        mail.text().contains(&format!("/wallet/{award}")),
        "{}",
        mail.text()
    );
    assert!(
        !mail.text().contains("/claim/"),
        "no claim link: {}",
        mail.text()
    );
    let wallet = visible_text(&ada.page("/wallet", 200).await);
    assert!(wallet.contains("Earned (1)"), "{wallet}");
}

#[actix_web::test]
async fn the_claim_page_speaks_the_browsers_language_and_the_wallet_the_accounts() {
    let app = spawn_mail_app().await;
    let claim = award_and_claim_link(&app, "F-1", "ada@example.com").await;
    let response = app.get_in(&claim, "fr-FR,fr;q=0.9").await;
    let page = visible_text(&response.text().await.unwrap());
    assert!(
        page.contains("Ce badge a été envoyé à ada@example.com"),
        "{page}"
    );
    // An account whose language is French gets French pages once signed in, whatever the
    // browser prefers.
    crate::journey::create_account(&app.db, "ada@example.com").await;
    sqlx::query("UPDATE candidates SET locale = 'fr'")
        .execute(&app.db)
        .await
        .unwrap();
    let ada = app.with_new_client();
    assert_eq!(ada.sign_in("ada@example.com").await.status(), 303);
    let response = ada.get_in("/wallet", "en-US").await;
    let page = visible_text(&response.text().await.unwrap());
    assert!(page.contains("Portefeuille"), "{page}");
    assert!(page.contains("En attente (1)"), "{page}");
}
