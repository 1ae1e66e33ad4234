//! Sign-in through a real OpenID Connect provider (npm `oidc-provider`, started by the test):
//! accounts created or linked by verified address, state checked, providers connected and
//! disconnected in settings.

use accolade::auth::oidc::ProviderConfig;

use crate::helpers::{TestApp, count, import_csv_text, spawn_app_with, test_settings};
use crate::journey::{create_account, location, visible_text};
use crate::oidc_provider::{OidcProvider, TestClient, sign_in_at_provider};

const CLIENT_ID: &str = "accolade-tests";
const CLIENT_SECRET: &str = "accolade-tests-secret";

/// The provider, and the app configured to use it as `test` ("Test ID").
async fn app_with_provider() -> (TestApp, OidcProvider) {
    app_with_provider_and(test_settings()).await
}

/// [`app_with_provider`], with other settings than the tests' (`oidc_providers` is set here).
pub async fn app_with_provider_and(
    settings: accolade::config::Settings,
) -> (TestApp, OidcProvider) {
    let mut client = TestClient::new(
        CLIENT_ID,
        CLIENT_SECRET,
        "http://127.0.0.1/auth/test/callback",
    );
    // The app picks its port after the provider has started: any loopback port matches.
    client.any_loopback_port = true;
    let provider = OidcProvider::start(&[client]);
    let app = spawn_app_with(accolade::config::Settings {
        oidc_providers: vec![ProviderConfig {
            name: "test".into(),
            label: "Test ID".into(),
            issuer: provider.issuer().to_owned(),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            trust_email: false,
        }],
        ..settings
    })
    .await;
    (app, provider)
}

/// Clicks "Sign in with Test ID" (or connect), signs in at the provider as `login`, and
/// follows the redirect back; returns the app's answer to the callback.
pub async fn through_provider(app: &TestApp, start: &str, login: &str) -> reqwest::Response {
    let response = app.get(start).await;
    assert_eq!(response.status(), 303, "GET {start}");
    let authorize = location(&response);
    assert!(
        authorize.contains("code_challenge_method=S256"),
        "{authorize}"
    );
    assert!(authorize.contains("nonce="), "{authorize}");
    let callback = sign_in_at_provider(&app.client, &authorize, login).await;
    assert!(
        callback.starts_with(&format!("{}/auth/test/callback?", app.address)),
        "{callback}"
    );
    app.client.get(&callback).send().await.unwrap()
}

#[actix_web::test]
async fn the_sign_in_page_offers_the_configured_provider() {
    let (app, _provider) = app_with_provider().await;
    let page = visible_text(&app.page("/sign-in", 200).await);
    assert!(page.contains("Sign in with Test ID"), "{page}");
    app.page("/auth/unknown-provider", 404).await;
}

#[actix_web::test]
async fn a_provider_with_a_verified_address_creates_an_account_with_that_address() {
    let (app, _provider) = app_with_provider().await;
    import_csv_text(
        &app.db,
        "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n\
         O-1,pearsonvue,grace.hopper@navy.example,Grace,Hopper,AZ-900,2024-01-01,en-US\n",
    )
    .await;
    let response = through_provider(
        &app,
        "/auth/test?next=%2Fsettings",
        "grace.hopper@navy.example",
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
    let settings = visible_text(&app.page("/settings", 200).await);
    assert!(settings.contains("grace.hopper@navy.example"), "{settings}");
    assert!(
        settings.contains("Connected as grace.hopper@navy.example"),
        "{settings}"
    );
    let html = app.page("/settings", 200).await;
    assert!(
        html.contains(r#"value="Grace Hopper""#),
        "the name comes from the ID token: {html}"
    );
    let wallet = visible_text(&app.page("/wallet", 200).await);
    assert!(wallet.contains("Azure Fundamentals"), "{wallet}");
    let (has_password, identities): (bool, i64) = sqlx::query_as(
        "SELECT c.password_hash IS NOT NULL, (SELECT count(*) FROM identities)
           FROM candidates c",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(!has_password);
    assert_eq!(identities, 1);
}

#[actix_web::test]
async fn a_provider_address_that_has_an_account_signs_in_to_that_account() {
    let (app, _provider) = app_with_provider().await;
    let id = create_account(&app.db, "ada@example.com").await;
    let response = through_provider(&app, "/auth/test", "ada@example.com").await;
    assert_eq!(location(&response), "/wallet");
    assert_eq!(count(&app.db, "candidates").await, 1);
    let linked: i64 = sqlx::query_scalar("SELECT candidate_id FROM identities")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(linked, id);
    // Next time the subject alone finds the account, from a new browser.
    let again = app.with_new_client();
    let response = through_provider(&again, "/auth/test", "ada@example.com").await;
    assert_eq!(location(&response), "/wallet");
    assert_eq!(again.get("/wallet").await.status(), 200);
}

#[actix_web::test]
async fn a_provider_account_without_a_verified_address_cannot_create_an_account() {
    let (app, _provider) = app_with_provider().await;
    let response = through_provider(&app, "/auth/test", "unverified.user@example.com").await;
    assert_eq!(response.status(), 403);
    let page = visible_text(&response.text().await.unwrap());
    assert!(page.contains("did not confirm an email address"), "{page}");
    assert_eq!(count(&app.db, "candidates").await, 0);
    assert_eq!(app.get("/wallet").await.status(), 303, "not signed in");
}

#[actix_web::test]
async fn a_callback_with_a_forged_state_or_without_a_sign_in_in_progress_is_refused() {
    let (app, _provider) = app_with_provider().await;
    let response = app.get("/auth/test").await;
    let authorize = location(&response);
    let callback = sign_in_at_provider(&app.client, &authorize, "ada@example.com").await;
    let forged = regex::Regex::new(r"state=[^&]+")
        .unwrap()
        .replace(&callback, "state=forged")
        .into_owned();
    let response = app.client.get(&forged).send().await.unwrap();
    assert_eq!(response.status(), 400);
    let page = visible_text(&response.text().await.unwrap());
    assert!(page.contains("could not be verified"), "{page}");
    // The attempt is over: the genuine callback no longer works either.
    let response = app.client.get(&callback).send().await.unwrap();
    assert_eq!(response.status(), 400);
    let page = visible_text(&response.text().await.unwrap());
    assert!(page.contains("no longer valid"), "{page}");
    assert_eq!(count(&app.db, "candidates").await, 0);
}

#[actix_web::test]
async fn a_provider_is_connected_in_settings_and_disconnected_but_never_the_last_way_in() {
    let (app, _provider) = app_with_provider().await;
    // An account with a password connects the provider, then disconnects it.
    create_account(&app.db, "ada@example.com").await;
    let ada = app.with_new_client();
    ada.post_form(
        "/sign-in",
        &[
            ("email", "ada@example.com"),
            ("password", crate::journey::PASSWORD),
        ],
    )
    .await;
    let response = through_provider(&ada, "/auth/test?connect=1", "ada-at-work").await;
    let status = response.status();
    assert_eq!(
        location(&response),
        "/settings",
        "{status} {}",
        response.text().await.unwrap()
    );
    let settings = visible_text(&ada.page("/settings", 200).await);
    assert!(settings.contains("The provider is connected"), "{settings}");
    assert!(settings.contains("Disconnect Test ID"), "{settings}");
    let response = ada
        .post_form("/settings/providers/test/disconnect", &[])
        .await;
    assert_eq!(location(&response), "/settings");
    assert_eq!(count(&app.db, "identities").await, 0);

    // An account made through the provider has no password: its provider stays.
    let grace = app.with_new_client();
    through_provider(&grace, "/auth/test", "grace@example.com").await;
    let response = grace
        .post_form("/settings/providers/test/disconnect", &[])
        .await;
    assert_eq!(location(&response), "/settings");
    let settings = visible_text(&grace.page("/settings", 200).await);
    assert!(
        settings.contains("This is your only way to sign in"),
        "{settings}"
    );
    assert_eq!(count(&app.db, "identities").await, 1);
    // Once it has a password, the provider can go.
    let response = grace
        .post_form(
            "/settings?form=password",
            &[("new_password", "graces own passphrase")],
        )
        .await;
    assert_eq!(response.status(), 303);
    grace
        .post_form("/settings/providers/test/disconnect", &[])
        .await;
    assert_eq!(count(&app.db, "identities").await, 0);
}

#[actix_web::test]
async fn connecting_requires_being_signed_in() {
    let (app, _provider) = app_with_provider().await;
    let response = app.get("/auth/test?connect=1").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/sign-in?next=%2Fsettings");
}

#[actix_web::test]
async fn a_provider_account_without_a_verified_address_shows_its_name_in_settings_else_its_id() {
    let (app, _provider) = app_with_provider().await;
    create_account(&app.db, "ada@example.com").await;
    assert_eq!(app.sign_in("ada@example.com").await.status(), 303);

    let response = through_provider(&app, "/auth/test?connect=1", "unverified-ada").await;
    assert_eq!(location(&response), "/settings");
    let settings = visible_text(&app.page("/settings", 200).await);
    assert!(settings.contains("The provider is connected"), "{settings}");
    assert!(
        settings.contains("Connected as Unverified Ada"),
        "the provider's name for the person: {settings}"
    );
    assert!(
        !settings.contains("unverified-ada@example.org"),
        "{settings}"
    );

    // A provider account that gives neither an address nor a name: its id at the provider.
    app.post_form("/settings/providers/test/disconnect", &[])
        .await;
    let response = through_provider(&app, "/auth/test?connect=1", "unverified-nameless").await;
    assert_eq!(location(&response), "/settings");
    let settings = visible_text(&app.page("/settings", 200).await);
    assert!(
        settings.contains("Connected (account ID at the provider: unverified-nameless)"),
        "{settings}"
    );
    assert!(!settings.contains("Connected as"), "{settings}");
    assert!(settings.contains("Disconnect Test ID"), "{settings}");
    let settings = visible_text(&app.page("/settings?lang=fr", 200).await);
    assert!(
        settings
            .contains("Connecté (identifiant du compte chez le fournisseur : unverified-nameless)"),
        "{settings}"
    );
}

#[actix_web::test]
async fn a_second_provider_account_with_the_same_verified_address_is_refused_and_says_how_to_switch()
 {
    let (app, _provider) = app_with_provider().await;
    let id = create_account(&app.db, "ada@example.com").await;
    // The first provider account of the address is linked to the account.
    let first = app.with_new_client();
    let response = through_provider(&first, "/auth/test", "ada@example.com").await;
    assert_eq!(location(&response), "/wallet");

    // A second one with the same verified address does not get in, and is not recorded.
    let second = app.with_new_client();
    let response = through_provider(&second, "/auth/test", "ada@example.com#work").await;
    assert_eq!(response.status(), 403);
    let page = visible_text(&response.text().await.unwrap());
    assert!(
        page.contains("already has another account of this provider connected"),
        "{page}"
    );
    assert!(
        page.contains("disconnect the old one and connect this one"),
        "{page}"
    );
    assert_eq!(second.get("/wallet").await.status(), 303, "not signed in");
    let subjects: Vec<String> =
        sqlx::query_scalar("SELECT subject FROM identities WHERE candidate_id = $1")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(subjects, ["ada@example.com"]);
    assert_eq!(count(&app.db, "candidates").await, 1);

    // The connected one still signs in, and settings shows it.
    let again = app.with_new_client();
    let response = through_provider(&again, "/auth/test", "ada@example.com").await;
    assert_eq!(location(&response), "/wallet");
    let settings = visible_text(&again.page("/settings", 200).await);
    assert!(
        settings.contains("Connected as ada@example.com"),
        "{settings}"
    );

    // Switching as the page says: disconnect the old one, connect the new one; then the
    // new one signs in and the old one is refused the same way.
    assert_eq!(second.sign_in("ada@example.com").await.status(), 303);
    let response = second
        .post_form("/settings/providers/test/disconnect", &[])
        .await;
    assert_eq!(location(&response), "/settings");
    let response = through_provider(&second, "/auth/test?connect=1", "ada@example.com#work").await;
    assert_eq!(location(&response), "/settings");
    let fresh = app.with_new_client();
    let response = through_provider(&fresh, "/auth/test", "ada@example.com#work").await;
    assert_eq!(location(&response), "/wallet");
    let old = app.with_new_client();
    let response = through_provider(&old, "/auth/test", "ada@example.com").await;
    assert_eq!(response.status(), 403);
    assert_eq!(count(&app.db, "identities").await, 1);
}
