//! `/settings` over HTTP: the profile, the addresses (add through a link, make primary,
//! remove), the password, the export of one's data and the deletion of the account, each as
//! a browser with its cookie jar does it, with mail read from the SMTP capture.

use crate::helpers::{TestApp, count, import_csv_text};
use crate::journey::{
    MailApp, PASSWORD, create_account, link_in, location, spawn_mail_app, tile_titles, visible_text,
};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const AZ_204: &str = "Microsoft Certified: Azure Developer Associate";
const AZ_900: &str = "Microsoft Certified: Azure Fundamentals";

async fn candidate_of(db: &sqlx::PgPool, email: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT candidate_id FROM candidate_emails WHERE email = $1")
        .bind(email)
        .fetch_optional(db)
        .await
        .unwrap()
}

async fn address_id(db: &sqlx::PgPool, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM candidate_emails WHERE email = $1")
        .bind(email)
        .fetch_one(db)
        .await
        .unwrap()
}

/// The part of `html` from `start` to the next `end` (both included).
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {html}"));
    let to = html[from..]
        .find(end)
        .map_or(html.len(), |i| from + i + end.len());
    &html[from..to]
}

/// The message next to a field (`<p class="field-error" id="{field}-error">`).
fn field_error(html: &str, field: &str) -> String {
    let start = format!(r#"id="{field}-error">"#);
    visible_text(&between(html, &start, "</p>")[start.len()..])
}

/// Asks to add `email` to the account signed in on `browser`; returns the confirmation
/// link mailed to it (not followed: the address waits for confirmation).
async fn ask_to_add_address(app: &MailApp, browser: &TestApp, email: &str) -> String {
    let response = browser
        .post_form("/settings?form=emails", &[("email", email)])
        .await;
    assert_eq!(response.status(), 303);
    link_in(&app.last_mail_to(email).await, "/confirm/")
}

/// Adds `email` to the account signed in on `browser`: the form, then the link in the mail.
async fn add_address(app: &MailApp, browser: &TestApp, email: &str) {
    let confirm = ask_to_add_address(app, browser, email).await;
    let response = browser.post_form(&confirm, &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
}

#[actix_web::test]
async fn the_settings_page_shows_the_account_and_saving_the_profile_keeps_it_with_a_message() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    let html = app.page("/settings", 200).await;
    assert!(
        html.contains(r#"name="display_name" type="text" value="Ada Lovelace""#),
        "{html}"
    );
    assert!(
        html.contains(r#"value="private" checked"#),
        "private by default: {html}"
    );
    assert!(
        !html.contains(r#"value="on" checked"#),
        "auto-accept off by default"
    );
    assert!(
        html.contains(r#"<option value="en" selected>English</option>"#),
        "{html}"
    );
    let text = visible_text(&html);
    assert!(
        text.contains("ada@example.com Primary no badge sent to it"),
        "{text}"
    );

    let response = app
        .post_form(
            "/settings?form=profile",
            &[
                ("display_name", "Ada King"),
                ("handle", " Ada-Lovelace "),
                ("bio", "Analyst & <poet>"),
                ("profile_visibility", "public"),
                ("auto_accept", "on"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
    let html = app.page("/settings", 200).await;
    assert!(
        visible_text(&html).contains("Your settings are saved."),
        "{html}"
    );
    assert!(html.contains(r#"value="Ada King""#), "{html}");
    assert!(html.contains(r#"value="ada-lovelace""#), "{html}");
    assert!(
        html.contains(">Analyst &amp; &lt;poet&gt;</textarea>")
            || html.contains(">Analyst &#38; &#60;poet&#62;</textarea>"),
        "{html}"
    );
    assert!(!html.contains("<poet>"), "the text is escaped");
    assert!(html.contains(r#"value="public" checked"#), "{html}");
    assert!(html.contains(r#"value="on" checked"#), "{html}");
    // The message is shown once.
    assert!(!visible_text(&app.page("/settings", 200).await).contains("Your settings are saved."));
    let saved: (String, Option<String>, String, String, bool, String) = sqlx::query_as(
        "SELECT display_name, handle, bio, profile_visibility, auto_accept, locale FROM candidates",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        saved,
        (
            "Ada King".to_owned(),
            Some("ada-lovelace".to_owned()),
            "Analyst & <poet>".to_owned(),
            "public".to_owned(),
            true,
            "en".to_owned()
        )
    );

    // An unticked box is not sent: auto-accept goes off. French from now on.
    let response = app
        .post_form(
            "/settings?form=profile",
            &[
                ("display_name", "Ada King"),
                ("handle", "ada-lovelace"),
                ("bio", ""),
                ("profile_visibility", "private"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let html = app.page("/settings", 200).await;
    let text = visible_text(&html);
    assert!(text.contains("Paramètres"), "{text}");
    assert!(text.contains("Vos paramètres sont enregistrés."), "{text}");
    assert!(
        html.contains(r#"<option value="fr" selected>Français</option>"#),
        "{html}"
    );
    assert!(!html.contains(r#"value="on" checked"#));
    assert!(html.contains(r#"value="private" checked"#));
    let wallet = visible_text(&app.page("/wallet", 200).await);
    assert!(wallet.contains("Portefeuille"), "{wallet}");
    let (auto_accept, locale): (bool, String) =
        sqlx::query_as("SELECT auto_accept, locale FROM candidates")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((auto_accept, locale.as_str()), (false, "fr"));
}

#[actix_web::test]
async fn profile_errors_are_shown_next_to_their_fields_with_the_entered_values_kept() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    let long_bio = "x".repeat(1001);
    let response = app
        .post_form(
            "/settings?form=profile",
            &[
                ("display_name", "Ada King"),
                ("handle", "-ada lovelace"),
                ("bio", long_bio.as_str()),
                ("profile_visibility", "friends"),
                ("auto_accept", "on"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        field_error(&html, "handle"),
        "Use 3 to 40 letters a–z, digits and dashes, not starting with a dash."
    );
    assert_eq!(field_error(&html, "bio"), "Keep it under 1,000 characters.");
    let visibility = visible_text(between(
        &html,
        r#"<fieldset id="profile_visibility">"#,
        "</fieldset>",
    ));
    assert!(
        visibility.contains("Choose one of the options."),
        "{visibility}"
    );
    // What was typed is still there.
    assert!(html.contains(r#"value="Ada King""#), "{html}");
    assert!(html.contains(r#"value="-ada lovelace""#), "{html}");
    assert!(html.contains(&format!(">{long_bio}</textarea>")), "{html}");
    assert!(html.contains(r#"value="on" checked"#), "{html}");
    // Nothing was saved.
    let (name, bio): (String, String) = sqlx::query_as("SELECT display_name, bio FROM candidates")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!((name.as_str(), bio.as_str()), ("Ada Lovelace", ""));

    // A handle another account has.
    let grace = create_account(&app.db, "grace@example.com").await;
    sqlx::query("UPDATE candidates SET handle = 'grace' WHERE id = $1")
        .bind(grace)
        .execute(&app.db)
        .await
        .unwrap();
    let response = app
        .post_form(
            "/settings?form=profile",
            &[
                ("display_name", "Ada King"),
                ("handle", "Grace"),
                ("bio", "Hello"),
                ("profile_visibility", "public"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        field_error(&html, "handle"),
        "This handle is taken: choose another one."
    );
    assert!(html.contains(r#"value="Grace""#), "{html}");
    assert!(html.contains(">Hello</textarea>"), "{html}");
    let handles: Vec<Option<String>> =
        sqlx::query_scalar("SELECT handle FROM candidates ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(handles, [None, Some("grace".to_owned())]);
}

#[actix_web::test]
async fn an_added_address_is_confirmed_by_a_link_sent_to_it_and_brings_its_awards_to_the_wallet() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    import_csv_text(
        &app.db,
        format!(
            "{HEADER}W-1,pearsonvue,ada.work@example.com,Ada,Lovelace,AZ-204,2019-05-06,en-US\n"
        ),
    )
    .await;
    assert!(!tile_titles(&app.page("/wallet", 200).await).contains(&AZ_204.to_owned()));

    let response = app
        .post_form(
            "/settings?form=emails",
            &[("email", " Ada.Work@Example.com ")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(
        text.contains("We sent a confirmation link to that address. Open it to add the address to your account."),
        "{text}"
    );
    assert!(
        text.contains("ada.work@example.com Waiting for confirmation"),
        "{text}"
    );
    assert_eq!(candidate_of(&app.db, "ada.work@example.com").await, None);

    let mail = app.last_mail_to("ada.work@example.com").await;
    assert_eq!(mail.subject(), "Confirm the address you added");
    // The address is not proven to be the account's yet: nobody is greeted by a name
    // that whoever filled in the form typed.
    assert!(!mail.text().contains("Ada Lovelace"), "{}", mail.text());
    let confirm = link_in(&mail, "/confirm/");
    // Opening the link shows a button; nothing changes until it is pressed.
    let page = visible_text(&app.page(&confirm, 200).await);
    assert!(
        page.contains("Confirm ada.work@example.com to add it to your account."),
        "{page}"
    );
    assert_eq!(candidate_of(&app.db, "ada.work@example.com").await, None);

    let response = app.post_form(&confirm, &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(
        text.contains(
            "The address is confirmed and added to your account; its badges are in your wallet."
        ),
        "{text}"
    );
    assert!(
        text.contains("ada.work@example.com 1 badge sent to it"),
        "{text}"
    );
    assert!(!text.contains("Waiting for confirmation"), "{text}");
    let wallet = app.page("/wallet", 200).await;
    assert_eq!(tile_titles(&wallet), [AZ_204]);
    assert!(
        visible_text(&wallet).contains("Issued 6 May 2019"),
        "{wallet}"
    );
    // The link works once.
    app.page(&confirm, 410).await;
}

#[actix_web::test]
async fn adding_an_address_of_another_account_looks_the_same_and_tells_its_owner() {
    let app = spawn_mail_app().await;
    let grace = create_account(&app.db, "grace@example.com").await;
    sqlx::query("UPDATE candidates SET display_name = 'Grace Hopper' WHERE id = $1")
        .bind(grace)
        .execute(&app.db)
        .await
        .unwrap();
    app.sign_up("ada@example.com", "Ada Lovelace").await;

    let mut pages = Vec::new();
    for email in ["grace@example.com", "free@example.com"] {
        let response = app
            .post_form("/settings?form=emails", &[("email", email)])
            .await;
        assert_eq!(response.status(), 303);
        assert_eq!(location(&response), "/settings");
        let text = visible_text(&app.page("/settings", 200).await);
        assert!(
            text.contains("We sent a confirmation link to that address."),
            "{text}"
        );
        assert!(
            text.contains(&format!("{email} Waiting for confirmation")),
            "{text}"
        );
        pages.push(text);
    }
    // The page after the taken address reads like the one after a free address.
    assert_eq!(
        pages[0],
        pages[1].replace(
            "free@example.com Waiting for confirmation \
             Send the link to free@example.com again Cancel adding free@example.com ",
            ""
        )
    );

    let mail = app.last_mail_to("grace@example.com").await;
    assert_eq!(
        mail.subject(),
        "Someone tried to add your address to their account"
    );
    let text = mail.text();
    assert!(text.contains("Hello Grace Hopper,"), "{text}");
    assert!(!text.contains("Ada Lovelace"), "{text}");
    assert!(!text.contains("/confirm/"), "{text}");
    assert_eq!(
        app.last_mail_to("free@example.com").await.subject(),
        "Confirm the address you added"
    );
    // Nothing is linked.
    assert_eq!(
        candidate_of(&app.db, "grace@example.com").await,
        Some(grace)
    );
    let ada = candidate_of(&app.db, "ada@example.com").await.unwrap();
    let addresses: i64 =
        sqlx::query_scalar("SELECT count(*) FROM candidate_emails WHERE candidate_id = $1")
            .bind(ada)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(addresses, 1);
}

#[actix_web::test]
async fn an_address_link_whose_id_is_not_a_number_shows_the_page_not_found() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    let page = visible_text(&app.page("/settings/emails/not-a-number/remove", 404).await);
    assert!(page.contains("Page not found"), "{page}");
    for action in ["primary", "remove"] {
        let response = app
            .post_form(&format!("/settings/emails/not-a-number/{action}"), &[])
            .await;
        assert_eq!(response.status(), 404, "{action}");
    }
}

#[actix_web::test]
async fn an_address_can_be_made_primary_and_removing_one_takes_its_badges_out_of_the_wallet() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    import_csv_text(
        &app.db,
        format!(
            "{HEADER}W-1,pearsonvue,ada.work@example.com,Ada,Lovelace,AZ-204,2019-05-06,en-US\n\
             W-2,pearsonvue,ada.work@example.com,Ada,Lovelace,AZ-900,2020-01-02,en-US\n"
        ),
    )
    .await;
    add_address(&app, &app, "ada.work@example.com").await;
    let wallet = tile_titles(&app.page("/wallet", 200).await);
    assert!(
        wallet.contains(&AZ_204.to_owned()) && wallet.contains(&AZ_900.to_owned()),
        "{wallet:?}"
    );
    let home = address_id(&app.db, "ada@example.com").await;
    let work = address_id(&app.db, "ada.work@example.com").await;

    // Primary: the work address.
    let response = app
        .post_form(&format!("/settings/emails/{work}/primary"), &[])
        .await;
    assert_eq!(response.status(), 303);
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(text.contains("Your primary address has changed."), "{text}");
    assert!(
        text.contains("ada.work@example.com Primary 2 badges sent to it"),
        "{text}"
    );
    assert!(text.contains("Make ada@example.com primary"), "{text}");

    // The primary address cannot be removed.
    let page = visible_text(
        &app.page(&format!("/settings/emails/{work}/remove"), 409)
            .await,
    );
    assert!(
        page.contains("This is your primary address. Make another address primary first."),
        "{page}"
    );
    let response = app
        .post_form(&format!("/settings/emails/{work}/remove"), &[])
        .await;
    assert_eq!(response.status(), 303);
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(
        text.contains("Make another address primary before removing this one."),
        "{text}"
    );
    assert_eq!(count(&app.db, "candidate_emails").await, 2);

    // Back to the home address; then the work address goes, and its badges with it.
    let response = app
        .post_form(&format!("/settings/emails/{home}/primary"), &[])
        .await;
    assert_eq!(response.status(), 303);
    let page = visible_text(
        &app.page(&format!("/settings/emails/{work}/remove"), 200)
            .await,
    );
    assert!(
        page.contains("2 badges were sent to this address. They will leave your wallet until the address is confirmed again."),
        "{page}"
    );
    assert_eq!(
        count(&app.db, "candidate_emails").await,
        2,
        "the warning changes nothing"
    );
    let response = app
        .post_form(&format!("/settings/emails/{work}/remove"), &[])
        .await;
    assert_eq!(response.status(), 303);
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(
        text.contains("The address is removed from your account."),
        "{text}"
    );
    assert!(!text.contains("ada.work@example.com"), "{text}");
    let wallet = app.page("/wallet", 200).await;
    assert!(tile_titles(&wallet).is_empty(), "{wallet}");
    assert!(visible_text(&wallet).contains("No badges yet"), "{wallet}");
    let attached: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM awards WHERE recipient_email = 'ada.work@example.com'
            AND candidate_id IS NOT NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(attached, 0);

    // Someone else's address: as if it did not exist.
    let grace = create_account(&app.db, "grace@example.com").await;
    let theirs = address_id(&app.db, "grace@example.com").await;
    app.page(&format!("/settings/emails/{theirs}/remove"), 404)
        .await;
    for action in ["primary", "remove"] {
        let response = app
            .post_form(&format!("/settings/emails/{theirs}/{action}"), &[])
            .await;
        assert_eq!(response.status(), 404, "{action}");
    }
    assert_eq!(
        candidate_of(&app.db, "grace@example.com").await,
        Some(grace)
    );
    let primary: bool = sqlx::query_scalar("SELECT is_primary FROM candidate_emails WHERE id = $1")
        .bind(theirs)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(primary);
}

#[actix_web::test]
async fn changing_the_password_needs_the_current_one_and_signs_out_other_browsers() {
    let app = spawn_mail_app().await;
    let here = app.signed_in_as("ada@example.com").await;
    let elsewhere = app.signed_in_as_existing("ada@example.com").await;

    let response = here
        .post_form(
            "/settings?form=password",
            &[
                ("current_password", "not my password"),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        field_error(&html, "current_password"),
        "The current password is not right."
    );
    assert!(
        !html.contains("not my password"),
        "passwords are not sent back"
    );
    assert!(
        !html.contains("a brand new passphrase"),
        "passwords are not sent back"
    );
    assert_eq!(
        elsewhere.get("/settings").await.status(),
        200,
        "nothing changed"
    );

    let response = here
        .post_form(
            "/settings?form=password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
    let text = visible_text(&here.page("/settings", 200).await);
    assert!(
        text.contains("Your password has changed. Other sessions are signed out."),
        "{text}"
    );
    let response = elsewhere.get("/settings").await;
    assert_eq!(response.status(), 303, "the other browser is signed out");
    assert_eq!(location(&response), "/sign-in?next=%2Fsettings");

    let browser = app.with_new_client();
    let old = browser
        .post_form(
            "/sign-in",
            &[("email", "ada@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status(), 401);
    let new = browser
        .post_form(
            "/sign-in",
            &[
                ("email", "ada@example.com"),
                ("password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(new.status(), 303);
}

#[actix_web::test]
async fn my_data_downloads_as_json_with_addresses_awards_and_results_but_no_password_hash() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    import_csv_text(
        &app.db,
        format!(
            "{HEADER}D-1,pearsonvue,ada@example.com,Ada,Lovelace,AZ-204,2019-05-06,en-US\n\
             D-2,pearsonvue,ada@example.com,Ada,Lovelace,74-343,2015-02-03,en-US\n\
             D-3,pearsonvue,grace@example.com,Grace,Hopper,AZ-900,2020-01-02,en-US\n"
        ),
    )
    .await;
    let response = app.get("/settings/export").await;
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert!(header("content-type").starts_with("application/json"));
    assert_eq!(
        header("content-disposition"),
        "attachment; filename=\"accolade-my-data.json\""
    );
    let body = response.text().await.unwrap();
    assert!(!body.contains("argon2"), "{body}");
    assert!(!body.contains("password_hash"), "{body}");
    assert!(
        !body.contains("grace@example.com"),
        "someone else's data: {body}"
    );
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(data["account"]["display_name"], "Ada Lovelace");
    assert_eq!(data["account"]["has_password"], true);
    assert_eq!(data["addresses"][0]["email"], "ada@example.com");
    assert_eq!(data["addresses"][0]["is_primary"], true);
    let awards = data["awards"].as_array().unwrap();
    assert_eq!(awards.len(), 1, "{body}");
    assert_eq!(awards[0]["badge"], AZ_204);
    assert_eq!(awards[0]["state"], "pending");
    let results: Vec<(&str, &str)> = data["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["result_id"].as_str().unwrap(),
                r["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(results, [("D-2", "no_badge"), ("D-1", "awarded")]);
    assert!(
        data["emails_sent"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["kind"] == "badge_earned"),
        "{body}"
    );
}

#[actix_web::test]
async fn deleting_the_account_needs_the_primary_address_and_leaves_its_awards_pending_and_private()
{
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    let id = candidate_of(&app.db, "ada@example.com").await.unwrap();
    import_csv_text(
        &app.db,
        format!("{HEADER}X-1,pearsonvue,ada@example.com,Ada,Lovelace,AZ-204,2019-05-06,en-US\n"),
    )
    .await;
    let award: String = sqlx::query_scalar("SELECT id FROM awards")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let response = app.post_form(&format!("/wallet/{award}/accept"), &[]).await;
    assert_eq!(response.status(), 303);
    let elsewhere = app.signed_in_as_existing("ada@example.com").await;

    let page = visible_text(&app.page("/settings/delete", 200).await);
    assert!(page.contains("1 badge will become private."), "{page}");
    assert!(
        page.contains("To confirm, type your primary address (ada@example.com)"),
        "{page}"
    );

    let response = app
        .post_form(
            "/settings/delete",
            &[("email", "grace@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        field_error(&html, "email"),
        "This is not your primary address."
    );
    assert!(html.contains(r#"value="grace@example.com""#), "{html}");
    // The right address but not the password (someone at an unattended computer).
    let response = app
        .post_form(
            "/settings/delete",
            &[
                ("email", "ada@example.com"),
                ("password", "not my password"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        field_error(&html, "password"),
        "The current password is not right."
    );
    assert_eq!(count(&app.db, "candidates").await, 1);
    assert_eq!(app.get("/wallet").await.status(), 200, "still signed in");

    let response = app
        .post_form(
            "/settings/delete",
            &[("email", " ADA@example.com "), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/");
    // The used sign-up link held the display name and the password hash: gone with the
    // account, like its other links, its known devices and its throttle counters.
    assert_eq!(count(&app.db, "email_links").await, 0);
    assert_eq!(count(&app.db, "known_devices").await, 0);
    let counters: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM throttle_counters WHERE email = 'ada@example.com'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(counters, 0);
    let home = visible_text(&app.page("/", 200).await);
    assert!(home.contains("Your account is deleted."), "{home}");
    assert_eq!(app.get("/wallet").await.status(), 303, "signed out");
    assert_eq!(
        elsewhere.get("/wallet").await.status(),
        303,
        "signed out everywhere"
    );
    let response = app
        .with_new_client()
        .post_form(
            "/sign-in",
            &[("email", "ada@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 401);

    assert_eq!(count(&app.db, "candidates").await, 0);
    assert_eq!(count(&app.db, "candidate_emails").await, 0);
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions WHERE candidate_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
    let kept: (String, String, Option<i64>) =
        sqlx::query_as("SELECT state, visibility, candidate_id FROM awards WHERE id = $1")
            .bind(&award)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(kept, ("pending".to_owned(), "private".to_owned(), None));
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'account.deleted' AND subject = $1",
    )
    .bind(format!("candidate:{id}"))
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);
}

#[actix_web::test]
async fn every_settings_page_requires_sign_in() {
    let app = spawn_mail_app().await;
    create_account(&app.db, "ada@example.com").await;
    let id = address_id(&app.db, "ada@example.com").await;
    for (path, next) in [
        ("/settings".to_owned(), "%2Fsettings".to_owned()),
        (
            "/settings/export".to_owned(),
            "%2Fsettings%2Fexport".to_owned(),
        ),
        (
            "/settings/delete".to_owned(),
            "%2Fsettings%2Fdelete".to_owned(),
        ),
        (
            format!("/settings/emails/{id}/remove"),
            format!("%2Fsettings%2Femails%2F{id}%2Fremove"),
        ),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(
            location(&response),
            format!("/sign-in?next={next}"),
            "{path}"
        );
    }
    for path in [
        "/settings?form=profile".to_owned(),
        "/settings?form=emails".to_owned(),
        format!("/settings/emails/{id}/primary"),
        format!("/settings/emails/{id}/remove"),
        "/settings?form=password".to_owned(),
        "/settings/delete".to_owned(),
    ] {
        let response = app
            .post_form(
                &path,
                &[
                    ("email", "ada@example.com"),
                    ("display_name", "Mallory"),
                    ("profile_visibility", "public"),
                    ("language", "en"),
                    ("new_password", "a brand new passphrase"),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "{path}");
        assert!(location(&response).starts_with("/sign-in?next="), "{path}");
    }
    // Nothing changed.
    assert_eq!(count(&app.db, "candidates").await, 1);
    assert_eq!(count(&app.db, "outbox").await, 0);
    let name: String = sqlx::query_scalar("SELECT display_name FROM candidates")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(name, "Test Candidate");
}

#[actix_web::test]
async fn a_bio_with_a_nul_is_refused_whole_and_a_bio_on_several_lines_is_kept() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    let profile = |bio: &'static str| {
        [
            ("display_name", "Ada King"),
            ("handle", ""),
            ("bio", bio),
            ("profile_visibility", "private"),
            ("language", "en"),
        ]
    };
    let refused = app
        .post_form("/settings?form=profile", &profile("Analyst\u{0} and poet"))
        .await;
    assert_eq!(refused.status(), 422);
    let page = visible_text(&refused.text().await.unwrap());
    assert!(
        page.contains("This form contains a character that cannot be stored"),
        "{page}"
    );
    let name: String = sqlx::query_scalar("SELECT display_name FROM candidates")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(name, "Ada Lovelace", "nothing of the form is saved");

    let saved = app
        .post_form("/settings?form=profile", &profile("Analyst\r\n\tand poet"))
        .await;
    assert_eq!(saved.status(), 303);
    let bio: String = sqlx::query_scalar("SELECT bio FROM candidates")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(bio, "Analyst\r\n\tand poet");
}

#[actix_web::test]
async fn a_waiting_address_can_be_sent_a_new_link_and_the_earlier_one_stops_working() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    let first = ask_to_add_address(&app, &app, "ada.work@example.com").await;
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(
        text.contains("ada.work@example.com Waiting for confirmation Send the link to ada.work@example.com again Cancel adding ada.work@example.com"),
        "{text}"
    );

    let response = app
        .post_form(
            "/settings/emails/pending/resend",
            &[("email", "ada.work@example.com")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(
        text.contains(
            "We sent a new confirmation link to that address; the earlier one no longer works."
        ),
        "{text}"
    );
    assert!(
        text.contains("ada.work@example.com Waiting for confirmation"),
        "{text}"
    );
    let mail = app.last_mail_to("ada.work@example.com").await;
    assert_eq!(mail.subject(), "Confirm the address you added");
    let second = link_in(&mail, "/confirm/");
    assert_ne!(first, second);
    let page = visible_text(&app.page(&first, 410).await);
    assert!(page.contains("This link has already been used"), "{page}");

    let response = app.post_form(&second, &[]).await;
    assert_eq!(location(&response), "/settings");
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(
        text.contains("ada.work@example.com no badge sent to it"),
        "{text}"
    );
    assert!(!text.contains("Waiting for confirmation"), "{text}");
    // Nothing waits any more: sending again says so.
    let response = app
        .post_form(
            "/settings/emails/pending/resend",
            &[("email", "ada.work@example.com")],
        )
        .await;
    assert_eq!(location(&response), "/settings");
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(
        text.contains("This address is no longer waiting for confirmation."),
        "{text}"
    );
}

#[actix_web::test]
async fn sending_a_link_again_stays_within_five_emails_an_hour_to_the_address() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    ask_to_add_address(&app, &app, "ada.work@example.com").await;
    for _ in 0..6 {
        let response = app
            .post_form(
                "/settings/emails/pending/resend",
                &[("email", "ada.work@example.com")],
            )
            .await;
        assert_eq!(response.status(), 303, "the page answers the same");
    }
    let to_work = app
        .deliver()
        .await
        .iter()
        .filter(|m| m.to.iter().any(|t| t == "ada.work@example.com"))
        .count();
    assert_eq!(to_work, 5);
    // The last link sent still works: a refused resend replaced nothing.
    let confirm = link_in(&app.last_mail_to("ada.work@example.com").await, "/confirm/");
    assert_eq!(location(&app.post_form(&confirm, &[]).await), "/settings");
    assert!(
        candidate_of(&app.db, "ada.work@example.com")
            .await
            .is_some()
    );
}

#[actix_web::test]
async fn cancelling_a_waiting_address_removes_it_and_its_link_no_longer_works() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    let confirm = ask_to_add_address(&app, &app, "ada.work@example.com").await;

    // Someone else's account cannot cancel it.
    let grace = app.signed_in_as("grace@example.com").await;
    let response = grace
        .post_form(
            "/settings/emails/pending/cancel",
            &[("email", "ada.work@example.com")],
        )
        .await;
    assert_eq!(location(&response), "/settings");
    let text = visible_text(&grace.page("/settings", 200).await);
    assert!(
        text.contains("This address is no longer waiting for confirmation."),
        "{text}"
    );
    app.page(&confirm, 200).await;

    let response = app
        .post_form(
            "/settings/emails/pending/cancel",
            &[("email", "ada.work@example.com")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(
        text.contains("The address is no longer waiting for confirmation, and the link sent to it no longer works."),
        "{text}"
    );
    assert!(!text.contains("Waiting for confirmation"), "{text}");
    assert!(!text.contains("ada.work@example.com"), "{text}");
    let page = visible_text(&app.page(&confirm, 404).await);
    assert!(page.contains("This link is not valid"), "{page}");
    app.post_form(&confirm, &[]).await;
    assert_eq!(candidate_of(&app.db, "ada.work@example.com").await, None);
}
