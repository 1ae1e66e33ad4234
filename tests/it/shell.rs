//! The shell every page shares: the header of who is signed in on error pages too, the
//! language link that keeps the page, forms that post to the address of their page, and no
//! promise of what the product does not do yet.

use crate::helpers::spawn_app;
use crate::journey::{PASSWORD, create_account, location, visible_text};

/// The value of the first field named `name` in `html` (the CSRF token, say).
fn field_value(html: &str, name: &str) -> String {
    let at = html
        .find(&format!(r#"name="{name}""#))
        .unwrap_or_else(|| panic!("no {name} field in {html}"));
    let tag = &html[at..html[at..].find('>').map_or(html.len(), |end| at + end)];
    let value = tag.split(r#"value=""#).nth(1).unwrap_or_default();
    value.split('"').next().unwrap_or_default().to_owned()
}

#[actix_web::test]
async fn a_signed_in_candidates_404_and_403_pages_show_their_own_header() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    assert_eq!(app.sign_in("ada@example.com").await.status(), 303);

    for path in ["/wallet/AAAAAAAAAAAAAAAAAAAAAA", "/no-such-page"] {
        let html = app.page(path, 404).await;
        let text = visible_text(&html);
        assert!(text.contains("Page not found"), "{path}: {text}");
        assert!(
            text.contains("Wallet") && text.contains("Settings") && text.contains("Sign out"),
            "{path}: {text}"
        );
        assert!(
            !text.contains("Create an account") && !text.contains("Sign in"),
            "{path}: {text}"
        );
    }

    // A form whose token is not the session's: "This form has expired", signed in still.
    let refused = app
        .post_raw(
            "/settings?form=profile",
            &[("csrf", "stale"), ("display_name", "Ada")],
        )
        .await;
    assert_eq!(refused.status(), 403);
    let html = refused.text().await.unwrap();
    let text = visible_text(&html);
    assert!(text.contains("This form has expired"), "{text}");
    assert!(
        text.contains("Sign out") && !text.contains("Create an account"),
        "{text}"
    );

    // Its sign-out button carries the session's token: it signs out.
    let csrf = field_value(&html, "csrf");
    let out = app.post_raw("/sign-out", &[("csrf", csrf.as_str())]).await;
    assert_eq!(out.status(), 303);
    let text = visible_text(&app.page("/no-such-page", 404).await);
    assert!(
        text.contains("Sign in") && text.contains("Create an account"),
        "{text}"
    );
    assert!(!text.contains("Sign out"), "{text}");
}

#[actix_web::test]
async fn the_language_link_keeps_the_page_and_its_query() {
    let app = spawn_app().await;
    let html = app
        .page("/sign-up?email=ada%40example.com&next=%2Fclaim%2Fabc", 200)
        .await;
    assert!(
        unescape(&html)
            .contains(r#"href="/sign-up?email=ada%40example.com&next=%2Fclaim%2Fabc&lang=fr""#),
        "{html}"
    );
    // Followed: the same form, in French, with the address and the way back.
    let french = app
        .page(
            "/sign-up?email=ada%40example.com&next=%2Fclaim%2Fabc&lang=fr",
            200,
        )
        .await;
    assert!(french.contains(r#"<html lang="fr">"#));
    assert_eq!(field_value(&french, "email"), "ada@example.com");
    assert_eq!(field_value(&french, "next"), "/claim/abc");
    // And back to English, without a second `lang`.
    assert!(
        unescape(&french)
            .contains(r#"href="/sign-up?email=ada%40example.com&next=%2Fclaim%2Fabc&lang=en""#),
        "{french}"
    );
}

/// An attribute's value as the browser reads it (askama writes `&` as `&#38;`).
fn unescape(value: &str) -> String {
    value.replace("&#38;", "&").replace("&amp;", "&")
}

/// The `action` of every form in `html`, in order.
fn actions(html: &str) -> Vec<String> {
    html.split("<form ")
        .skip(1)
        .map(|form| {
            let start = form.find(r#"action=""#).unwrap() + r#"action=""#.len();
            unescape(form[start..].split('"').next().unwrap())
        })
        .collect()
}

#[actix_web::test]
async fn every_form_with_fields_posts_to_the_address_of_its_page() {
    let app = spawn_app().await;
    for path in [
        "/sign-in?email=ada%40example.com&next=%2Fwallet",
        "/sign-up?next=%2Fwallet",
        "/password/forgot",
    ] {
        let html = app.page(path, 200).await;
        assert_eq!(actions(&html), [path], "{path}");
    }
    create_account(&app.db, "ada@example.com").await;
    assert_eq!(app.sign_in("ada@example.com").await.status(), 303);
    let html = app.page("/settings/delete", 200).await;
    assert_eq!(actions(&html)[1..], ["/settings/delete"]);
    let html = app.page("/settings", 200).await;
    let settings = actions(&html);
    for section in ["profile", "emails", "password"] {
        let action = format!("/settings?form={section}");
        assert!(settings.contains(&action), "{settings:?}");
    }
    // The address of a route that only takes a POST is gone.
    for old in [
        "/settings/profile",
        "/settings/emails",
        "/settings/password",
    ] {
        let csrf = app.csrf().await;
        let response = app.post_raw(old, &[("csrf", csrf.as_str())]).await;
        assert_eq!(response.status(), 404, "{old}");
    }
}

#[actix_web::test]
async fn a_wrong_current_password_shows_the_settings_page_with_the_password_error_focused() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    assert_eq!(app.sign_in("ada@example.com").await.status(), 303);
    let response = app
        .post_form(
            "/settings?form=password",
            &[
                ("current_password", "not the password"),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(location(&response), "", "no redirect");
    let html = response.text().await.unwrap();
    // One summary, in the password section, taking the focus.
    assert_eq!(html.matches("class=\"error-summary\"").count(), 1, "{html}");
    let section = &html[html.find(r#"<section id="password""#).unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(
        section.contains(r#"<div class="error-summary" role="alert" tabindex="-1" autofocus>"#),
        "{section}"
    );
    assert!(
        visible_text(section).contains("The current password is not right."),
        "{section}"
    );
    // Passwords are never put back.
    assert!(!html.contains("not the password") && !html.contains("a brand new passphrase"));
    assert!(!html.contains(PASSWORD));
}

#[actix_web::test]
async fn the_site_promises_no_public_page_sharing_or_open_badges_record_yet() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    for lang in ["en", "fr"] {
        let text = visible_text(&app.page(&format!("/?lang={lang}"), 200).await);
        for promise in [
            "LinkedIn",
            "Facebook",
            "Open Badge",
            "public",
            "publique",
            "verif",
            "vérif",
            "embed",
            "intégr",
        ] {
            assert!(
                !text.contains(promise),
                "{lang} landing page: {promise:?} in {text}"
            );
        }
    }
    assert_eq!(app.sign_in("ada@example.com").await.status(), 303);
    let text = visible_text(&app.page("/settings", 200).await);
    assert!(!text.contains("/u/"), "{text}");
    assert!(!text.contains("public profile"), "{text}");
    assert!(text.contains("Accolade has no public pages yet"), "{text}");
}

#[actix_web::test]
async fn a_signed_in_candidates_other_error_pages_and_french_ones_show_their_own_header_too() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    assert_eq!(app.sign_in("ada@example.com").await.status(), 303);

    // 422: a form with a character that cannot be stored.
    let refused = app
        .post_form(
            "/settings?form=profile",
            &[
                ("display_name", "Ada\u{0}"),
                ("handle", ""),
                ("bio", ""),
                ("profile_visibility", "private"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let text = visible_text(&refused.text().await.unwrap());
    assert!(text.contains("cannot be stored"), "{text}");
    assert!(
        text.contains("Sign out") && !text.contains("Create an account"),
        "{text}"
    );

    // The 404 page in French.
    let text = visible_text(
        &app.page("/wallet/AAAAAAAAAAAAAAAAAAAAAA?lang=fr", 404)
            .await,
    );
    assert!(
        text.contains("Portefeuille") && text.contains("Se déconnecter"),
        "{text}"
    );
    assert!(!text.contains("Créer un compte"), "{text}");
}
