//! Local accounts over HTTP: sign-up confirmed by email, sign-in and its throttling, sign-out,
//! the forgotten password, sessions, CSRF and redirects.

use crate::helpers::{count, spawn_app, test_settings};
use crate::journey::{
    PASSWORD, create_account, link_in, location, spawn_mail_app, spawn_mail_app_with, visible_text,
};

#[actix_web::test]
async fn sign_up_sends_a_confirmation_link_that_creates_the_account_and_signs_in() {
    let app = spawn_mail_app().await;
    let response = app
        .post_form(
            "/sign-up",
            &[
                ("email", "Ada.Lovelace@Example.com"),
                ("display_name", "Ada Lovelace"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let page = visible_text(&response.text().await.unwrap());
    assert!(page.contains("Check your email"), "{page}");
    assert!(page.contains("ada.lovelace@example.com"), "{page}");
    // Nothing exists before the address is confirmed.
    assert_eq!(count(&app.db, "candidates").await, 0);

    let mail = app.last_mail_to("ada.lovelace@example.com").await;
    assert_eq!(mail.subject(), "Confirm your email address");
    // The address is not proven to be the account's yet: nobody is greeted by a name
    // that whoever filled in the form typed.
    assert!(!mail.text().contains("Ada Lovelace"), "{}", mail.text());
    let confirm = link_in(&mail, "/confirm/");
    // Opening the link shows a button; a mail scanner that opens it confirms nothing.
    let page = visible_text(&app.page(&confirm, 200).await);
    assert!(page.contains("Confirm ada.lovelace@example.com"), "{page}");
    assert_eq!(count(&app.db, "candidates").await, 0);

    let response = app.post_form(&confirm, &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/wallet");
    let wallet = visible_text(&app.page("/wallet", 200).await);
    assert!(wallet.contains("Your address is confirmed"), "{wallet}");
    assert!(wallet.contains("Sign out"), "{wallet}");
    let (name, verified): (String, bool) = sqlx::query_as(
        "SELECT c.display_name, e.verified_at IS NOT NULL
           FROM candidates c JOIN candidate_emails e ON e.candidate_id = c.id AND e.is_primary",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((name.as_str(), verified), ("Ada Lovelace", true));
}

#[actix_web::test]
async fn sign_up_with_a_known_address_answers_the_same_and_tells_the_owner_by_email() {
    let app = spawn_mail_app().await;
    create_account(&app.db, "known@example.com").await;
    let known = app
        .post_form(
            "/sign-up",
            &[
                ("email", "known@example.com"),
                ("display_name", "Someone"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let unknown = app
        .post_form(
            "/sign-up",
            &[
                ("email", "new@example.com"),
                ("display_name", "Someone"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(known.status(), unknown.status());
    let known = visible_text(&known.text().await.unwrap());
    let unknown = visible_text(&unknown.text().await.unwrap());
    assert_eq!(
        known.replace("known@example.com", "X"),
        unknown.replace("new@example.com", "X")
    );
    let mail = app.last_mail_to("known@example.com").await;
    assert_eq!(
        mail.subject(),
        "Someone tried to create an account with your address"
    );
    assert!(mail.text().contains("/password/forgot"), "{}", mail.text());
    // Greeted by their own name, not by what a stranger typed into the form.
    assert!(
        mail.text().contains("Hello Test Candidate,"),
        "{}",
        mail.text()
    );
    assert_eq!(count(&app.db, "candidates").await, 1);
}

#[actix_web::test]
async fn sign_up_errors_are_shown_next_to_their_fields_with_the_values_kept() {
    let app = spawn_app().await;
    for (password, message) in [
        ("short", "at least 10 characters long"),
        ("password123", "too common"),
    ] {
        let response = app
            .post_form(
                "/sign-up",
                &[
                    ("email", "ada@example.com"),
                    ("display_name", "Ada"),
                    ("password", password),
                ],
            )
            .await;
        assert_eq!(response.status(), 422);
        let html = response.text().await.unwrap();
        assert!(html.contains(r#"id="password-error""#), "{html}");
        assert!(visible_text(&html).contains(message), "{html}");
        assert!(
            html.contains(r#"value="ada@example.com""#),
            "the address is kept"
        );
        assert!(html.contains(r#"value="Ada""#), "the name is kept");
        assert!(!html.contains(password), "the password is not sent back");
    }
    let response = app
        .client
        .post(format!("{}/sign-up", app.address))
        .header("Accept-Language", "fr")
        .form(&[
            ("csrf", app.csrf().await.as_str()),
            ("email", "not an address"),
            ("display_name", ""),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let page = visible_text(&response.text().await.unwrap());
    assert!(page.contains("Saisissez une adresse e-mail"), "{page}");
    assert!(page.contains("Saisissez votre nom"), "{page}");
    assert_eq!(count(&app.db, "email_links").await, 0);
}

#[actix_web::test]
async fn a_confirmation_link_works_once_and_expires() {
    let app = spawn_mail_app().await;
    app.post_form(
        "/sign-up",
        &[
            ("email", "once@example.com"),
            ("display_name", "Once"),
            ("password", PASSWORD),
        ],
    )
    .await;
    let confirm = link_in(&app.last_mail_to("once@example.com").await, "/confirm/");
    assert_eq!(app.post_form(&confirm, &[]).await.status(), 303);

    let again = app.with_new_client();
    let response = again.post_form(&confirm, &[]).await;
    assert_eq!(response.status(), 410);
    let page = visible_text(&response.text().await.unwrap());
    assert!(page.contains("This link has already been used"), "{page}");
    assert_eq!(count(&app.db, "candidates").await, 1);

    app.with_new_client()
        .post_form(
            "/sign-up",
            &[
                ("email", "late@example.com"),
                ("display_name", "Late"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let confirm = link_in(&app.last_mail_to("late@example.com").await, "/confirm/");
    sqlx::query(
        "UPDATE email_links SET created_at = now() - interval '8 days',
                expires_at = now() - interval '1 day' WHERE email = 'late@example.com'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let page = visible_text(&app.with_new_client().page(&confirm, 410).await);
    assert!(page.contains("This link has expired"), "{page}");
    app.page("/confirm/not-a-token", 404).await;
}

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    let mut answers = Vec::new();
    for (email, password) in [
        ("ada@example.com", "not the password at all"),
        ("nobody@example.com", PASSWORD),
    ] {
        let response = app
            .post_form("/sign-in", &[("email", email), ("password", password)])
            .await;
        let status = response.status();
        let page = visible_text(&response.text().await.unwrap());
        assert!(
            page.contains("The email address or the password is not right."),
            "{page}"
        );
        answers.push((status, page.replace(email, "X")));
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0, 401);
    assert_eq!(count(&app.db, "sessions").await, 0);
}

#[actix_web::test]
async fn sign_in_is_refused_after_five_failures_from_one_client_even_with_the_right_password() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    for _ in 0..5 {
        let response = app
            .post_form(
                "/sign-in",
                &[
                    ("email", "ada@example.com"),
                    ("password", "wrong guess 123"),
                ],
            )
            .await;
        assert_eq!(response.status(), 401);
    }
    let response = app.sign_in("ada@example.com").await;
    assert_eq!(response.status(), 429);
    let page = visible_text(&response.text().await.unwrap());
    assert!(
        page.contains("Too many attempts. Try again in 15 minutes."),
        "{page}"
    );
    assert_eq!(count(&app.db, "sessions").await, 0);

    // The window passes: the right password works again, and clears the count.
    sqlx::query("UPDATE throttle_counters SET resets_at = now() - interval '1 second'")
        .execute(&app.db)
        .await
        .unwrap();
    let response = app.sign_in("ada@example.com").await;
    assert_eq!(response.status(), 303);
}

#[actix_web::test]
async fn one_client_trying_many_addresses_is_slowed_down_too() {
    let app = spawn_app().await;
    for i in 0..30 {
        let email = format!("guess{i}@example.com");
        let response = app
            .post_form(
                "/sign-in",
                &[("email", email.as_str()), ("password", "wrong guess 123")],
            )
            .await;
        assert_eq!(response.status(), 401, "attempt {i}");
    }
    let response = app
        .post_form(
            "/sign-in",
            &[("email", "another@example.com"), ("password", "x")],
        )
        .await;
    assert_eq!(response.status(), 429);
}

#[actix_web::test]
async fn sign_in_gives_a_new_session_and_sign_out_deletes_it_on_the_server() {
    let app = spawn_app().await;
    let id = create_account(&app.db, "ada@example.com").await;
    let sign_in = || async {
        let response = app.sign_in("ada@example.com").await;
        assert_eq!(response.status(), 303);
        sqlx::query_scalar::<_, String>("SELECT key_hash FROM sessions WHERE candidate_id = $1")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap()
    };
    let first = sign_in().await;
    assert_eq!(first.len(), 1);
    let cookie = app
        .get("/wallet")
        .await
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter(|c| c.to_str().unwrap().starts_with("accolade_session="))
        .count();
    assert_eq!(cookie, 0, "an unchanged session is not written again");
    let second = sign_in().await;
    assert_eq!(second.len(), 1);
    assert_ne!(first, second, "the session id is renewed at sign-in");

    let response = app.post_form("/sign-out", &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/");
    assert_eq!(count(&app.db, "sessions").await, 0);
    let response = app.get("/wallet").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/sign-in?next=%2Fwallet");
}

#[actix_web::test]
async fn the_session_cookie_is_http_only_and_same_site_lax() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    let response = app.sign_in("ada@example.com").await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("accolade_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("ada@example.com"));
}

#[actix_web::test]
async fn sessions_end_after_idle_time_and_after_their_maximum_age() {
    let app = spawn_app_with_short_sessions().await;
    create_account(&app.db, "ada@example.com").await;
    let sign_in = || async {
        let response = app.sign_in("ada@example.com").await;
        assert_eq!(response.status(), 303);
        assert_eq!(app.get("/wallet").await.status(), 200);
    };
    sign_in().await;
    sqlx::query("UPDATE sessions SET last_seen_at = now() - interval '11 minutes'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(app.get("/wallet").await.status(), 303, "idle too long");

    sign_in().await;
    sqlx::query("UPDATE sessions SET expires_at = now() - interval '1 second'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(app.get("/wallet").await.status(), 303, "too old");
}

async fn spawn_app_with_short_sessions() -> crate::helpers::TestApp {
    crate::helpers::spawn_app_with(accolade::config::Settings {
        session_idle_minutes: 10,
        session_max_hours: 1,
        ..test_settings()
    })
    .await
}

#[actix_web::test]
async fn after_sign_in_only_paths_of_this_site_are_followed() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    for (next, expected) in [
        ("/settings", "/settings"),
        ("https://evil.example/", "/wallet"),
        ("//evil.example/x", "/wallet"),
        ("/\\evil.example", "/wallet"),
        ("", "/wallet"),
    ] {
        let browser = app.with_new_client();
        let response = browser
            .post_form(
                "/sign-in",
                &[
                    ("email", "ada@example.com"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(response.status(), 303);
        assert_eq!(location(&response), expected, "next={next:?}");
    }
    // The sign-in page drops a bad `next` from its form too.
    let page = app
        .page("/sign-in?next=https%3A%2F%2Fevil.example", 200)
        .await;
    assert!(!page.contains("evil.example"), "{page}");
}

#[actix_web::test]
async fn every_form_refuses_a_missing_or_wrong_csrf_token() {
    let app = spawn_app().await;
    let id = create_account(&app.db, "ada@example.com").await;
    let signed_in = app.with_new_client();
    let response = signed_in.sign_in("ada@example.com").await;
    assert_eq!(response.status(), 303);
    let _ = id;
    let routes = [
        "/sign-up",
        "/sign-in",
        "/sign-out",
        "/password/forgot",
        "/password/reset/abc",
        "/confirm/abc",
        "/claim/abc",
        "/reminders/stop/abc",
        "/wallet/accept-all",
        "/wallet/AAAAAAAAAAAAAAAAAAAAAA/accept",
        "/wallet/AAAAAAAAAAAAAAAAAAAAAA/decline",
        "/wallet/AAAAAAAAAAAAAAAAAAAAAA/visibility",
        "/settings?form=profile",
        "/settings?form=emails",
        "/settings/emails/pending/resend",
        "/settings/emails/pending/cancel",
        "/settings/emails/1/primary",
        "/settings/emails/1/remove",
        "/settings?form=password",
        "/settings/providers/test/disconnect",
        "/settings/delete",
    ];
    let csrf = signed_in.csrf().await;
    for route in routes {
        for token in [None, Some("wrong-token-wrong-token-wrong-token-wrong-t")] {
            let mut fields = vec![("email", "ada@example.com"), ("password", PASSWORD)];
            if let Some(token) = token {
                fields.push(("csrf", token));
            }
            let response = signed_in.post_raw(route, &fields).await;
            assert_eq!(response.status(), 403, "{route} with {token:?}");
            let page = visible_text(&response.text().await.unwrap());
            assert!(page.contains("This form has expired"), "{route}: {page}");
        }
    }
    // The right token from another browser does not work either.
    let other = app.with_new_client();
    other.csrf().await;
    let response = other
        .post_raw(
            "/sign-in",
            &[("csrf", csrf.as_str()), ("email", "ada@example.com")],
        )
        .await;
    assert_eq!(response.status(), 403);
    // Still signed in: nothing was changed by the refused forms.
    assert_eq!(signed_in.get("/wallet").await.status(), 200);
    assert_eq!(count(&app.db, "candidates").await, 1);
}

#[actix_web::test]
async fn a_forgotten_password_is_replaced_through_a_single_use_link() {
    let app = spawn_mail_app().await;
    let id = create_account(&app.db, "ada@example.com").await;
    // Signed in elsewhere: that session ends when the password changes.
    let elsewhere = app.signed_in_as_existing("ada@example.com").await;

    let known = app
        .post_form("/password/forgot", &[("email", "ADA@example.com")])
        .await;
    let unknown = app
        .post_form("/password/forgot", &[("email", "nobody@example.com")])
        .await;
    assert_eq!(known.status(), 200);
    assert_eq!(unknown.status(), 200);
    assert_eq!(
        visible_text(&known.text().await.unwrap()).replace("ada@example.com", "X"),
        visible_text(&unknown.text().await.unwrap()).replace("nobody@example.com", "X")
    );
    let nobody = app.last_mail_to("nobody@example.com").await;
    assert_eq!(nobody.subject(), "About your password request");
    let mail = app.last_mail_to("ada@example.com").await;
    assert_eq!(mail.subject(), "Choose a new password");
    let reset = link_in(&mail, "/password/reset/");

    let form = app.page(&reset, 200).await;
    assert!(form.contains(r#"name="password""#));
    let response = app.post_form(&reset, &[("password", "short")]).await;
    assert_eq!(response.status(), 422);
    let response = app
        .post_form(&reset, &[("password", "a brand new passphrase")])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/wallet");
    assert_eq!(app.get("/wallet").await.status(), 200);
    assert_eq!(
        elsewhere.get("/wallet").await.status(),
        303,
        "other sessions end"
    );
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions WHERE candidate_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(sessions, 1);

    // Used once.
    let page = visible_text(&app.with_new_client().page(&reset, 410).await);
    assert!(page.contains("already been used"), "{page}");
    // The new password works, the old one not.
    let browser = app.with_new_client();
    let old = browser.sign_in("ada@example.com").await;
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
async fn a_reset_link_expires_after_an_hour_and_a_newer_one_replaces_it() {
    let app = spawn_mail_app().await;
    create_account(&app.db, "ada@example.com").await;
    app.post_form("/password/forgot", &[("email", "ada@example.com")])
        .await;
    let first = link_in(
        &app.last_mail_to("ada@example.com").await,
        "/password/reset/",
    );
    app.post_form("/password/forgot", &[("email", "ada@example.com")])
        .await;
    let second = link_in(
        &app.last_mail_to("ada@example.com").await,
        "/password/reset/",
    );
    assert_ne!(first, second);
    app.page(&first, 410).await;
    app.page(&second, 200).await;
    sqlx::query(
        "UPDATE email_links SET created_at = created_at - interval '2 hours',
                expires_at = expires_at - interval '61 minutes'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let page = visible_text(&app.page(&second, 410).await);
    assert!(page.contains("This link has expired"), "{page}");
}

#[actix_web::test]
async fn a_new_account_finds_its_awards_waiting_from_years_before() {
    let app = spawn_mail_app_with(test_settings()).await;
    crate::helpers::import_csv_text(
        &app.db,
        "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n\
         OLD-1,pearsonvue,Grace@Example.com,Grace,Hopper,70-740,2017-03-01,en-US\n",
    )
    .await;
    app.sign_up("grace@example.com", "Grace Hopper").await;
    let wallet = visible_text(&app.page("/wallet", 200).await);
    assert!(
        wallet.contains("Installation, Storage, and Compute with Windows Server 2016"),
        "{wallet}"
    );
    assert!(wallet.contains("Issued 1 March 2017"), "{wallet}");
}

#[actix_web::test]
async fn forms_that_send_mail_send_at_most_five_an_hour_to_one_address() {
    let app = spawn_mail_app().await;
    create_account(&app.db, "ada@example.com").await;
    for _ in 0..7 {
        let response = app
            .post_form("/password/forgot", &[("email", "ada@example.com")])
            .await;
        assert_eq!(response.status(), 200, "the page answers the same");
    }
    let received = app.deliver().await;
    let to_ada = received
        .iter()
        .filter(|m| m.to.iter().any(|t| t == "ada@example.com"))
        .count();
    assert_eq!(to_ada, 5);
}

#[actix_web::test]
async fn guessing_the_current_password_in_settings_is_throttled_too() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    assert_eq!(app.sign_in("ada@example.com").await.status(), 303);
    for _ in 0..5 {
        let response = app
            .post_form(
                "/settings?form=password",
                &[
                    ("current_password", "a wrong guess 123"),
                    ("new_password", "a brand new passphrase"),
                ],
            )
            .await;
        assert_eq!(response.status(), 422);
    }
    let response = app
        .post_form(
            "/settings?form=password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = visible_text(&response.text().await.unwrap());
    assert!(page.contains("Too many attempts"), "{page}");
}

#[actix_web::test]
async fn behind_a_proxy_each_forwarded_client_is_counted_apart() {
    let app = crate::helpers::spawn_app_with(accolade::config::Settings {
        proxy_hops: 1,
        dev_mailbox: true,
        ..test_settings()
    })
    .await;
    let attempt = |client: &'static str, email: String| {
        let app = &app;
        async move {
            let csrf = app.csrf().await;
            app.client
                .post(format!("{}/sign-in", app.address))
                .header("X-Forwarded-For", client)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("email", email.as_str()),
                    ("password", "wrong guess 123"),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for i in 0..30 {
        assert_eq!(
            attempt("203.0.113.7", format!("guess{i}@example.com")).await,
            401
        );
    }
    assert_eq!(
        attempt("203.0.113.7", "one-more@example.com".into()).await,
        429
    );
    assert_eq!(
        attempt("198.51.100.9", "someone@example.com".into()).await,
        401
    );
}

#[actix_web::test]
async fn pages_are_not_kept_in_caches_but_static_files_are() {
    let app = spawn_app().await;
    create_account(&app.db, "ada@example.com").await;
    app.sign_in("ada@example.com").await;
    let wallet = app.get("/wallet").await;
    assert_eq!(wallet.headers()["cache-control"], "no-store");
    let page = app.page("/wallet", 200).await;
    let css = regex::Regex::new(r#"href="(/static/app[^"]+)""#)
        .unwrap()
        .captures(&page)
        .unwrap()[1]
        .to_owned();
    let asset = app.get(&css).await;
    assert!(
        asset.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000"),
        "{:?}",
        asset.headers()
    );
}

#[actix_web::test]
async fn a_sign_up_with_a_nul_in_the_display_name_is_refused_with_a_422_page_and_creates_nothing() {
    let app = spawn_app().await;
    let csrf = app.csrf().await;
    let send = |lang: &'static str| {
        app.client
            .post(format!("{}/sign-up", app.address))
            .header("Accept-Language", lang)
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", "ada@example.com"),
                ("display_name", "Ada\u{0}Lovelace"),
                ("password", PASSWORD),
            ])
            .send()
    };
    let english = send("en").await.unwrap();
    assert_eq!(english.status(), 422);
    let page = visible_text(&english.text().await.unwrap());
    assert!(
        page.contains("This form contains a character that cannot be stored"),
        "{page}"
    );
    assert!(page.contains("retype the text and send it again"), "{page}");

    let french = send("fr-FR,fr;q=0.9").await.unwrap();
    assert_eq!(french.status(), 422);
    let page = visible_text(&french.text().await.unwrap());
    assert!(
        page.contains("Ce formulaire contient un caractère qui ne peut pas être enregistré"),
        "{page}"
    );
    assert_eq!(count(&app.db, "email_links").await, 0);
    assert_eq!(count(&app.db, "outbox").await, 0);
    assert_eq!(count(&app.db, "candidates").await, 0);
}

#[actix_web::test]
async fn sign_in_with_an_empty_or_malformed_address_says_so_by_the_field_and_checks_no_password() {
    let app = spawn_app().await;
    for (typed, message) in [
        ("", "Enter your email address."),
        ("   ", "Enter your email address."),
        (
            "ada.example.com",
            "Enter an email address like name@example.com.",
        ),
    ] {
        let response = app
            .post_form("/sign-in", &[("email", typed), ("password", PASSWORD)])
            .await;
        assert_eq!(response.status(), 422, "{typed:?}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains(&format!(
                r#"<p class="field-error" id="email-error">{message}</p>"#
            )),
            "{html}"
        );
        assert!(html.contains(&format!(r#"value="{typed}""#)), "{html}");
        let page = visible_text(&html);
        assert!(
            !page.contains("The email address or the password is not right."),
            "{page}"
        );
    }
    // No guess was counted: no password was checked.
    assert_eq!(count(&app.db, "throttle_counters").await, 0);
    assert_eq!(count(&app.db, "sessions").await, 0);
}
