//! What a probe of the running server as an outsider found, each as the attack it tried:
//! parallel guesses, spoofed proxy headers, locking the owner out, blocking a victim's reset,
//! flooding mailboxes, strangers' text in mail, cookies over https, what deletion erases,
//! links that leave the site, planted CSRF tokens, and a public server's developer
//! conveniences.

use accolade::config::Settings;
use futures_util::future::join_all;

use crate::helpers::{TestApp, count, spawn_app, spawn_app_with, test_settings};
use crate::journey::{PASSWORD, create_account, link_in, spawn_mail_app, visible_text};

/// An app behind one reverse proxy: tests say which client each request comes from.
async fn spawn_proxied_app() -> TestApp {
    spawn_app_with(Settings {
        proxy_hops: 1,
        // Behind a proxy the server counts as public: mail must be set on purpose.
        dev_mailbox: true,
        ..test_settings()
    })
    .await
}

/// A sign-in attempt from `client` (as the proxy reports it), in a browser of its own.
async fn sign_in_from(app: &TestApp, forwarded_for: &str, email: &str, password: &str) -> u16 {
    let browser = app.with_new_client();
    let csrf = browser.csrf().await;
    browser
        .client
        .post(format!("{}/sign-in", app.address))
        .header("X-Forwarded-For", forwarded_for)
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn statuses(all: &[u16], status: u16) -> usize {
    all.iter().filter(|s| **s == status).count()
}

#[actix_web::test]
async fn forty_parallel_guesses_at_one_address_get_five_checks() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    let guesses = (0..40).map(|_| sign_in_from(&app, "", "ada@example.com", "a wrong guess 1"));
    let answers = join_all(guesses).await;
    assert_eq!(statuses(&answers, 401), 5, "{answers:?}");
    assert_eq!(statuses(&answers, 429), 35, "{answers:?}");
}

#[actix_web::test]
async fn sixty_parallel_failures_from_one_client_stop_at_its_limit() {
    let app = spawn_app().await;
    let emails: Vec<String> = (0..60).map(|i| format!("guess{i}@example.com")).collect();
    let guesses = emails
        .iter()
        .map(|email| sign_in_from(&app, "", email, "a wrong guess 1"));
    let answers = join_all(guesses).await;
    assert_eq!(statuses(&answers, 401), 30, "{answers:?}");
    assert_eq!(statuses(&answers, 429), 30, "{answers:?}");
}

#[actix_web::test]
async fn a_forwarded_for_header_the_client_wrote_itself_buys_no_more_guesses() {
    let app = spawn_proxied_app().await;
    // The client puts a new address of its own in front each time; the proxy appends the
    // real one.
    for i in 0..5 {
        let header = format!("198.51.100.{i}, 203.0.113.7");
        assert_eq!(
            sign_in_from(&app, &header, "ada@example.com", "a wrong guess 1").await,
            401
        );
    }
    assert_eq!(
        sign_in_from(
            &app,
            "198.51.100.99, 203.0.113.7",
            "ada@example.com",
            "a wrong guess 1"
        )
        .await,
        429
    );
}

#[actix_web::test]
async fn a_strangers_five_failures_do_not_lock_the_owner_out_from_elsewhere() {
    let app = spawn_proxied_app().await;
    create_account(&app.db, "ada@example.com").await;
    for _ in 0..5 {
        assert_eq!(
            sign_in_from(&app, "203.0.113.7", "ada@example.com", "a wrong guess 1").await,
            401
        );
    }
    assert_eq!(
        sign_in_from(&app, "203.0.113.7", "ada@example.com", PASSWORD).await,
        429,
        "the stranger's client is stopped"
    );
    assert_eq!(
        sign_in_from(&app, "198.51.100.9", "ada@example.com", PASSWORD).await,
        303,
        "the owner, elsewhere, gets in"
    );
}

#[actix_web::test]
async fn many_clients_guessing_one_address_meet_a_slower_limit_for_the_address() {
    let app = spawn_proxied_app().await;
    create_account(&app.db, "ada@example.com").await;
    for i in 0..20 {
        let client = format!("203.0.113.{}", i / 5);
        assert_eq!(
            sign_in_from(&app, &client, "ada@example.com", "a wrong guess 1").await,
            401,
            "guess {i}"
        );
    }
    assert_eq!(
        sign_in_from(&app, "198.51.100.9", "ada@example.com", "a wrong guess 1").await,
        429
    );
}

#[actix_web::test]
async fn the_owners_own_browser_gets_in_while_a_shared_network_is_throttled() {
    let app = spawn_proxied_app().await;
    create_account(&app.db, "ada@example.com").await;
    // Ada signed in from this browser before: it is a known device.
    let ada = app.with_new_client();
    let signed_in = |browser: &TestApp, password: &'static str| {
        let browser = browser.clone_with_client(browser.client.clone());
        async move {
            let csrf = browser.csrf().await;
            browser
                .client
                .post(format!("{}/sign-in", browser.address))
                .header("X-Forwarded-For", "203.0.113.7")
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("email", "ada@example.com"),
                    ("password", password),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let first = signed_in(&ada, PASSWORD).await;
    assert_eq!(first.status(), 303);
    let device = first
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("accolade_device="))
        .expect("a device cookie");
    assert!(device.contains("HttpOnly"), "{device}");
    ada.post_form("/sign-out", &[]).await;

    // Someone on the same network fails thirty times, then at Ada's address too.
    for i in 0..30 {
        let email = format!("guess{i}@example.com");
        assert_eq!(
            sign_in_from(&app, "203.0.113.7", &email, "a wrong guess 1").await,
            401
        );
    }
    for _ in 0..5 {
        sign_in_from(&app, "203.0.113.7", "ada@example.com", "a wrong guess 1").await;
    }
    assert_eq!(
        sign_in_from(&app, "203.0.113.7", "ada@example.com", PASSWORD).await,
        429,
        "a new browser on that network waits"
    );
    assert_eq!(
        signed_in(&ada, PASSWORD).await.status(),
        303,
        "Ada's own browser gets in"
    );
}

#[actix_web::test]
async fn an_attacker_cannot_make_a_victims_reset_link_stop_working() {
    let app = spawn_mail_app().await;
    create_account(&app.db, "ada@example.com").await;
    let attacker = app.with_new_client();
    for _ in 0..8 {
        let response = attacker
            .post_form("/password/forgot", &[("email", "ada@example.com")])
            .await;
        assert_eq!(response.status(), 200);
    }
    let mails = app.deliver().await;
    let to_ada: Vec<_> = mails
        .iter()
        .filter(|m| m.to.iter().any(|t| t == "ada@example.com"))
        .collect();
    assert_eq!(to_ada.len(), 5, "at most five an hour");
    // The last link Ada received still works: nothing replaced it without telling her.
    let reset = link_in(to_ada[4], "/password/reset/");
    assert_eq!(app.get(&reset).await.status(), 200);
    assert_eq!(
        count(&app.db, "email_links").await,
        5,
        "no link made without its email"
    );
}

#[actix_web::test]
async fn twenty_parallel_sign_ups_to_one_address_queue_five_emails() {
    let app = spawn_app().await;
    let sign_ups = (0..20).map(|i| {
        let browser = app.with_new_client();
        async move {
            let name = format!("Someone {i}");
            browser
                .post_form(
                    "/sign-up",
                    &[
                        ("email", "ada@example.com"),
                        ("display_name", name.as_str()),
                        ("password", PASSWORD),
                    ],
                )
                .await
                .status()
                .as_u16()
        }
    });
    let answers = join_all(sign_ups).await;
    assert!(answers.iter().all(|s| *s == 200), "{answers:?}");
    assert_eq!(count(&app.db, "outbox").await, 5);
    assert_eq!(count(&app.db, "email_links").await, 5);
}

#[actix_web::test]
async fn one_client_cannot_make_the_site_mail_hundreds_of_addresses() {
    let app = spawn_app().await;
    for i in 0..20 {
        let email = format!("victim{i}@example.com");
        let response = app
            .post_form("/password/forgot", &[("email", email.as_str())])
            .await;
        assert_eq!(response.status(), 200, "request {i}");
    }
    let response = app
        .post_form("/password/forgot", &[("email", "victim99@example.com")])
        .await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let page = visible_text(&response.text().await.unwrap());
    assert!(
        page.contains("Too many requests from your network"),
        "{page}"
    );
    assert_eq!(count(&app.db, "outbox").await, 20);
}

#[actix_web::test]
async fn the_confirmation_email_carries_no_text_a_stranger_typed() {
    let app = spawn_mail_app().await;
    let response = app
        .post_form(
            "/sign-up",
            &[
                ("email", "ada@example.com"),
                ("display_name", "Visit http://evil.example now"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let mail = app.last_mail_to("ada@example.com").await;
    let raw = String::from_utf8_lossy(&mail.raw);
    assert!(!raw.contains("evil.example"), "{raw}");
    assert!(!raw.contains("Visit"), "{raw}");
}

#[actix_web::test]
async fn the_email_sent_to_an_added_address_does_not_carry_the_accounts_name() {
    let app = spawn_mail_app().await;
    let ada = app.signed_in_as("ada@example.com").await;
    sqlx::query("UPDATE candidates SET display_name = 'Visit http://evil.example now'")
        .execute(&app.db)
        .await
        .unwrap();
    let response = ada
        .post_form("/settings?form=emails", &[("email", "grace@example.com")])
        .await;
    assert_eq!(response.status(), 303);
    let mail = app.last_mail_to("grace@example.com").await;
    let raw = String::from_utf8_lossy(&mail.raw);
    assert!(!raw.contains("evil.example"), "{raw}");
}

#[actix_web::test]
async fn with_an_https_public_url_every_cookie_is_secure_and_browsers_stay_on_https() {
    let app = spawn_app_with(Settings {
        public_url: Some("https://badges.example.org".into()),
        dev_mailbox: true,
        ..test_settings()
    })
    .await;
    // No X-Forwarded-Proto: the public URL alone decides.
    let response = app.get("/sign-in?lang=fr").await;
    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("csrf=")),
        "{cookies:?}"
    );
    assert!(
        cookies.iter().any(|c| c.starts_with("lang=")),
        "{cookies:?}"
    );
    for cookie in &cookies {
        assert!(cookie.contains("Secure"), "{cookie}");
    }
    let plain = spawn_app().await;
    assert!(
        !plain
            .get("/")
            .await
            .headers()
            .contains_key("strict-transport-security")
    );
}

#[actix_web::test]
async fn confirming_a_sign_up_erases_the_name_and_password_hash_its_link_carried() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    let left: i64 =
        sqlx::query_scalar("SELECT count(*) FROM email_links WHERE data::text LIKE '%argon2%'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(left, 0);
}

#[actix_web::test]
async fn used_and_expired_links_are_purged_on_schedule() {
    let app = spawn_mail_app().await;
    app.sign_up("ada@example.com", "Ada Lovelace").await;
    app.post_form("/password/forgot", &[("email", "ada@example.com")])
        .await;
    sqlx::query(
        "UPDATE email_links SET created_at = now() - interval '60 days',
                expires_at = now() - interval '40 days',
                used_at = CASE WHEN used_at IS NULL THEN NULL ELSE now() - interval '50 days' END",
    )
    .execute(&app.db)
    .await
    .unwrap();
    accolade::mail::reminders::housekeeping(&app.db, Settings::default().session_limits()).await;
    assert_eq!(count(&app.db, "email_links").await, 0);
}

#[actix_web::test]
async fn a_language_link_on_a_404_page_never_leaves_the_site() {
    let app = spawn_app().await;
    let response = app.get("//evil.example/x").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(!html.contains(r#"href="//"#), "{html}");
    assert!(html.contains(r#"href="/evil.example/x?lang=fr""#), "{html}");
}

#[actix_web::test]
async fn a_planted_csrf_cookie_does_not_pass_for_a_signed_in_session() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let ada = app.clone_with_client(
        reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    );
    assert_eq!(ada.sign_in("ada@example.com").await.status(), 303);
    // A sibling subdomain sets the csrf cookie to a value it knows, and posts a form with it.
    let planted = "A".repeat(43);
    let url: reqwest::Url = app.address.parse().unwrap();
    jar.add_cookie_str(&format!("csrf={planted}; Path=/"), &url);
    let response = ada
        .client
        .post(format!("{}/settings?form=profile", ada.address))
        .form(&[
            ("csrf", planted.as_str()),
            ("display_name", "Mallory"),
            ("language", "en"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let name: String = sqlx::query_scalar("SELECT display_name FROM candidates")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_ne!(name, "Mallory");
    // The session's own token still works.
    let response = ada
        .post_form(
            "/settings?form=profile",
            &[
                ("display_name", "Ada L."),
                ("profile_visibility", "private"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
}

#[actix_web::test]
async fn a_public_server_without_smtp_refuses_to_start() {
    let db = crate::helpers::test_db().await;
    let public = Settings {
        bind: "0.0.0.0:0".into(),
        ..test_settings()
    };
    let error = accolade::startup::Application::build(&public, db.clone())
        .await
        .err()
        .expect("a public server without mail must not start");
    assert!(
        error.to_string().contains("no SMTP server is set"),
        "{error}"
    );
    // Told explicitly, it starts, and the mailbox is there.
    let told = Settings {
        bind: "0.0.0.0:0".into(),
        dev_mailbox: true,
        ..test_settings()
    };
    assert!(
        accolade::startup::Application::build(&told, db)
            .await
            .is_ok()
    );
}

#[actix_web::test]
async fn the_development_mailbox_is_not_served_behind_a_public_url() {
    let public = spawn_app_with(Settings {
        public_url: Some("https://badges.example.org".into()),
        smtp_url: Some("smtp://127.0.0.1:1".into()),
        ..test_settings()
    })
    .await;
    assert_eq!(public.get("/dev/mail").await.status(), 404);
    let local = spawn_app().await;
    assert_eq!(local.get("/dev/mail").await.status(), 200);
}

#[actix_web::test]
async fn the_demo_is_never_loaded_into_a_database_that_has_data() {
    let db = crate::helpers::test_db().await;
    // The test template has a catalog: a database with data.
    assert!(accolade::demo::load_if_empty(&db).await.unwrap().is_none());
    sqlx::query("TRUNCATE issuers CASCADE")
        .execute(&db)
        .await
        .unwrap();
    create_account(&db, "someone@example.com").await;
    assert!(accolade::demo::load_if_empty(&db).await.unwrap().is_none());
    assert_eq!(count(&db, "candidates").await, 1);
}
