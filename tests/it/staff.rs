//! Staff: the second factor (setting it up, wrong, replayed and recovery codes, throttling),
//! the staff session and its end, the header's console links, and who gets what on every
//! console route ([`CONSOLE_ROUTES`]: the consoles add their routes there).

use accolade::auth::roles::Role;
use accolade::auth::totp;

use crate::helpers::{TestApp, count};
use crate::journey::{
    create_account, grant, location, pending_secret, recovery_codes_in, spawn_mail_app,
    spawn_mail_app_with, visible_text,
};

/// What a console route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Any role (the staff session page).
    AnyRole,
    /// Support or admin (the support console's routes).
    #[allow(dead_code)]
    Support,
    /// Admin only.
    Admin,
}

/// A route of the consoles, and what staff allowed on it get for a request with nothing
/// but a CSRF token (a POST) or nothing at all (a GET).
#[derive(Debug, Clone, Copy)]
pub struct ConsoleRoute {
    pub post: bool,
    pub path: &'static str,
    pub need: Need,
    /// The status staff allowed on it get.
    pub allowed: u16,
}

const fn get(path: &'static str, need: Need, allowed: u16) -> ConsoleRoute {
    ConsoleRoute {
        post: false,
        path,
        need,
        allowed,
    }
}

const fn post(path: &'static str, need: Need, allowed: u16) -> ConsoleRoute {
    ConsoleRoute {
        post: true,
        path,
        need,
        allowed,
    }
}

/// Every console route. The support and admin consoles add theirs here, e.g.
/// `get("/support", Need::Support, 200)` or `post("/admin/tokens", Need::Admin, 422)`.
pub const CONSOLE_ROUTES: &[ConsoleRoute] = &[
    get("/staff", Need::AnyRole, 200),
    post("/staff/end", Need::AnyRole, 303),
];

/// Who asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Candidate,
    Support,
    Admin,
    /// Support staff signed in with their password, without the second factor.
    SupportWithoutFactor,
}

impl Who {
    fn allowed(self, need: Need) -> bool {
        matches!(
            (self, need),
            (Who::Support, Need::AnyRole | Need::Support) | (Who::Admin, _)
        )
    }
}

async fn ask(app: &TestApp, route: &ConsoleRoute) -> reqwest::Response {
    if route.post {
        app.post_form(route.path, &[]).await
    } else {
        app.get(route.path).await
    }
}

/// Checks every route of `routes` as each kind of visitor: the staff a route is for get
/// `allowed`, staff without their second factor are asked for it, everybody else 404.
pub async fn check_console_routes(routes: &[ConsoleRoute]) {
    let app = spawn_mail_app().await;
    let anonymous = app.with_new_client();
    let candidate = app.signed_in_as("candidate@example.com").await;
    let support = app
        .signed_in_as_staff("support@example.com", Role::Support)
        .await;
    let admin = app
        .signed_in_as_staff("admin@example.com", Role::Admin)
        .await;
    let without = app.signed_in_as_existing("support@example.com").await;
    for route in routes {
        for (who, client) in [
            (Who::Anonymous, &anonymous),
            (Who::Candidate, &candidate),
            (Who::Support, &support),
            (Who::Admin, &admin),
            (Who::SupportWithoutFactor, &without),
        ] {
            let response = ask(client, route).await;
            let status = response.status().as_u16();
            let what = format!(
                "{} {} as {who:?}",
                if route.post { "POST" } else { "GET" },
                route.path
            );
            if who.allowed(route.need) {
                assert_eq!(status, route.allowed, "{what}");
            } else if who == Who::SupportWithoutFactor && route.need != Need::Admin {
                assert_eq!(status, 303, "{what}");
                assert!(
                    location(&response).starts_with("/sign-in/second-factor"),
                    "{what}: {}",
                    location(&response)
                );
            } else {
                assert_eq!(status, 404, "{what}");
            }
        }
    }
}

#[actix_web::test]
async fn every_console_route_gives_each_role_what_it_should() {
    // `/staff/end` ends the sessions that reach it: it goes last.
    let mut routes = CONSOLE_ROUTES.to_vec();
    routes.sort_by_key(|r| r.path == "/staff/end");
    check_console_routes(&routes).await;
}

#[actix_web::test]
async fn staff_set_up_an_authenticator_app_in_settings_and_get_recovery_codes_once() {
    let app = spawn_mail_app().await;
    let id = create_account(&app.db, "agent@example.com").await;
    grant(&app.db, "agent@example.com", Role::Support).await;
    let agent = app.with_new_client();
    let signed_in = agent.sign_in("agent@example.com").await;
    // No factor yet: the password signs in to the wallet as usual...
    assert_eq!(location(&signed_in), "/wallet");
    // ...and a console sends them to set one up.
    let console = agent.get("/staff").await;
    assert_eq!(console.status(), 303);
    assert_eq!(location(&console), "/settings#second_factor");

    let settings = agent.page("/settings", 200).await;
    let secret = pending_secret(&app.db, id).await;
    assert!(settings.contains("<svg"), "the QR code is on the page");
    assert!(
        settings.contains(&secret.to_base32_grouped()),
        "the key as text"
    );
    let uri = secret.otpauth_uri(
        &format!("Accolade ({})", app.address.trim_start_matches("http://")),
        "agent@example.com",
    );
    assert!(settings.contains(&uri.replace('&', "&#38;")), "{settings}");
    // The same secret until it is confirmed.
    agent.page("/settings", 200).await;
    assert_eq!(pending_secret(&app.db, id).await, secret);

    let now = accolade::auth::second_factor::now();
    let wrong = agent
        .post_form("/settings?form=second_factor", &[("setup_code", "000000")])
        .await;
    assert_eq!(wrong.status(), 422);
    let text = visible_text(&wrong.text().await.unwrap());
    assert!(text.contains("This code is not right"), "{text}");

    let code = totp::code_at(&secret, now);
    let right = agent
        .post_form("/settings?form=second_factor", &[("setup_code", &code)])
        .await;
    assert_eq!(right.status(), 200);
    let page = right.text().await.unwrap();
    let codes = recovery_codes_in(&page);
    assert_eq!(codes.len(), 10);
    // Only hashes are kept, and the secret is never shown again.
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT code_hash FROM staff_recovery_codes WHERE candidate_id = $1")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(stored.len(), 10);
    assert!(
        codes
            .iter()
            .all(|c| !stored.iter().any(|h| h.contains(c.as_str())))
    );
    let settings = agent.page("/settings", 200).await;
    assert!(!settings.contains(&secret.to_base32_grouped()));
    assert!(!settings.contains("<svg"));
    assert!(visible_text(&settings).contains("You have 10 recovery codes left."));
    // Setting it up counts as the factor: the console opens.
    agent.page("/staff", 200).await;

    let audit: Vec<(String, String)> = sqlx::query_as(
        "SELECT actor, action FROM audit_log WHERE subject = $1 AND action LIKE 'second_factor.%'",
    )
    .bind(format!("candidate:{id}"))
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        audit,
        [(
            format!("candidate:{id}"),
            "second_factor.enrolled".to_owned()
        )]
    );
}

#[actix_web::test]
async fn the_code_is_asked_after_the_password_and_a_wrong_or_replayed_one_is_refused() {
    let app = spawn_mail_app().await;
    let (_first, keys) = app.enrolled_staff("agent@example.com", Role::Support).await;
    let agent = app.with_new_client();
    let signed_in = agent.sign_in("agent@example.com").await;
    assert_eq!(location(&signed_in), "/sign-in/second-factor");
    // The candidate side is open already; the console is not.
    agent.page("/wallet", 200).await;
    let console = agent.get("/staff?tab=1").await;
    assert_eq!(
        location(&console),
        "/sign-in/second-factor?next=%2Fstaff%3Ftab%3D1"
    );
    let page = agent
        .page("/sign-in/second-factor?next=%2Fstaff%3Ftab%3D1", 200)
        .await;
    assert!(page.contains("autocomplete=\"one-time-code\""));

    let form = "/sign-in/second-factor?next=%2Fstaff%3Ftab%3D1";
    let next = ("next", "/staff?tab=1");
    let wrong = agent.post_form(form, &[("code", "123456"), next]).await;
    assert_eq!(wrong.status(), 401);
    assert!(visible_text(&wrong.text().await.unwrap()).contains("This code is not right"));

    let code = keys.fresh_code(&app.db).await;
    let right = agent.post_form(form, &[("code", &code), next]).await;
    assert_eq!(right.status(), 303);
    assert_eq!(location(&right), "/staff?tab=1");
    agent.page("/staff", 200).await;

    // The same code again, in another browser: refused, whoever saw it.
    let other = app.with_new_client();
    other.sign_in("agent@example.com").await;
    let replayed = other
        .post_form("/sign-in/second-factor", &[("code", &code)])
        .await;
    assert_eq!(replayed.status(), 401);
    assert!(visible_text(&replayed.text().await.unwrap()).contains("has been used already"));
    assert_eq!(other.get("/staff").await.status(), 303);
}

#[actix_web::test]
async fn a_recovery_code_works_once() {
    let app = spawn_mail_app().await;
    let (_first, keys) = app.enrolled_staff("agent@example.com", Role::Admin).await;
    let recovery = keys.recovery_codes[3].clone();
    let agent = app.with_new_client();
    agent.sign_in("agent@example.com").await;
    // Typed in capitals with a space: the same code.
    let typed = recovery.to_uppercase().replace('-', " ");
    let used = agent
        .post_form("/sign-in/second-factor", &[("code", &typed)])
        .await;
    assert_eq!(used.status(), 303);
    assert_eq!(location(&used), "/staff");
    let staff = visible_text(&agent.page("/staff", 200).await);
    assert!(staff.contains("You used a recovery code"), "{staff}");

    let again = app.with_new_client();
    again.sign_in("agent@example.com").await;
    let refused = again
        .post_form("/sign-in/second-factor", &[("code", &recovery)])
        .await;
    assert_eq!(refused.status(), 401);
    let left: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM staff_recovery_codes WHERE candidate_id = $1 AND used_at IS NULL",
    )
    .bind(keys.id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(left, 9);
    let settings = visible_text(&agent.page("/settings", 200).await);
    assert!(
        settings.contains("You have 9 recovery codes left."),
        "{settings}"
    );
    let audit: (String, i64) = sqlx::query_as(
        "SELECT actor, (data->>'left')::int8 FROM audit_log
          WHERE subject = $1 AND action = 'second_factor.recovery_code_used'",
    )
    .bind(format!("candidate:{}", keys.id))
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audit, (format!("candidate:{}", keys.id), 9));
}

#[actix_web::test]
async fn wrong_codes_are_throttled_per_account() {
    let app = spawn_mail_app().await;
    let (_first, keys) = app.enrolled_staff("agent@example.com", Role::Support).await;
    let agent = app.with_new_client();
    agent.sign_in("agent@example.com").await;
    for _ in 0..5 {
        let wrong = agent
            .post_form("/sign-in/second-factor", &[("code", "999999")])
            .await;
        assert_eq!(wrong.status(), 401);
    }
    // Even the right code is not checked now, from any browser.
    let other = app.with_new_client();
    other.sign_in("agent@example.com").await;
    let code = keys.fresh_code(&app.db).await;
    let refused = other
        .post_form("/sign-in/second-factor", &[("code", &code)])
        .await;
    assert_eq!(refused.status(), 429);
    assert!(visible_text(&refused.text().await.unwrap()).contains("Too many wrong codes"));
    let recovery = other
        .post_form(
            "/sign-in/second-factor",
            &[("code", &keys.recovery_codes[0])],
        )
        .await;
    assert_eq!(recovery.status(), 429);
    assert_eq!(other.get("/staff").await.status(), 303);
}

/// Moves the second factor given on every session of `id` back by `minutes`.
async fn age_factor(db: &sqlx::PgPool, id: i64, minutes: i64) {
    let rows: Vec<(String, serde_json::Value)> =
        sqlx::query_as("SELECT key_hash, state FROM sessions WHERE candidate_id = $1")
            .bind(id)
            .fetch_all(db)
            .await
            .unwrap();
    for (key, mut state) in rows {
        let Some(given) = state.get("staff_factor").and_then(|v| v.as_str()) else {
            continue;
        };
        let mut given: serde_json::Value = serde_json::from_str(given).unwrap();
        let at = given["at"].as_i64().unwrap() - minutes * 60;
        given["at"] = at.into();
        state["staff_factor"] = given.to_string().into();
        sqlx::query("UPDATE sessions SET state = $2 WHERE key_hash = $1")
            .bind(&key)
            .bind(&state)
            .execute(db)
            .await
            .unwrap();
    }
}

#[actix_web::test]
async fn the_staff_session_ends_after_its_minutes_and_the_wallet_stays_open() {
    let app = spawn_mail_app_with(accolade::config::Settings {
        staff_session_minutes: 15,
        ..crate::helpers::test_settings()
    })
    .await;
    let (agent, keys) = app.enrolled_staff("agent@example.com", Role::Support).await;
    let staff = visible_text(&agent.page("/staff", 200).await);
    assert!(staff.contains("again in 15 minutes"), "{staff}");
    age_factor(&app.db, keys.id, 14).await;
    agent.page("/staff", 200).await;
    age_factor(&app.db, keys.id, 2).await;
    let ended = agent.get("/staff").await;
    assert_eq!(ended.status(), 303);
    assert_eq!(location(&ended), "/sign-in/second-factor?next=%2Fstaff");
    agent.page("/wallet", 200).await;
    let code = keys.fresh_code(&app.db).await;
    let again = agent
        .post_form("/sign-in/second-factor", &[("code", &code)])
        .await;
    assert_eq!(again.status(), 303);
    agent.page("/staff", 200).await;
}

#[actix_web::test]
async fn ending_the_staff_session_keeps_the_wallet() {
    let app = spawn_mail_app().await;
    let agent = app
        .signed_in_as_staff("agent@example.com", Role::Admin)
        .await;
    agent.page("/staff", 200).await;
    let ended = agent.post_form("/staff/end", &[]).await;
    assert_eq!(location(&ended), "/wallet");
    let wallet = visible_text(&agent.page("/wallet", 200).await);
    assert!(wallet.contains("Your staff session has ended"), "{wallet}");
    assert_eq!(agent.get("/staff").await.status(), 303);
    // A form posted without the factor is not worth coming back to.
    let posted = agent.post_form("/staff/end", &[]).await;
    assert_eq!(location(&posted), "/sign-in/second-factor");
}

#[actix_web::test]
async fn the_header_links_to_the_consoles_of_the_roles_held() {
    let app = spawn_mail_app().await;
    let links = |html: &str| {
        (
            html.contains("href=\"/support\""),
            html.contains("href=\"/admin\""),
        )
    };
    let candidate = app.signed_in_as("candidate@example.com").await;
    assert_eq!(links(&candidate.page("/wallet", 200).await), (false, false));
    assert_eq!(links(&app.page("/", 200).await), (false, false));
    let support = app
        .signed_in_as_staff("support@example.com", Role::Support)
        .await;
    assert_eq!(links(&support.page("/wallet", 200).await), (true, false));
    let admin = app
        .signed_in_as_staff("admin@example.com", Role::Admin)
        .await;
    assert_eq!(links(&admin.page("/wallet", 200).await), (true, true));
    let french = admin.page("/wallet?lang=fr", 200).await;
    assert!(french.contains(">Administration</a>"));

    // A role given while signed in shows once the settings page has read it.
    grant(&app.db, "candidate@example.com", Role::Admin).await;
    candidate.page("/settings", 200).await;
    assert_eq!(links(&candidate.page("/wallet", 200).await), (true, true));
    // Taken away: the console is gone at once, the links at the next look.
    let email = accolade::domain::EmailAddress::parse("admin@example.com").unwrap();
    accolade::auth::roles::revoke(
        &app.db,
        &email,
        Role::Admin,
        accolade::audit::Actor::CommandLine,
    )
    .await
    .unwrap();
    assert_eq!(admin.get("/staff").await.status(), 404);
    assert_eq!(links(&admin.page("/wallet", 200).await), (false, false));
}

#[actix_web::test]
async fn candidates_see_nothing_of_the_second_factor() {
    let app = spawn_mail_app().await;
    let candidate = app.signed_in_as("candidate@example.com").await;
    let settings = candidate.page("/settings", 200).await;
    assert!(!settings.contains("id=\"second_factor\""));
    candidate.page("/sign-in/second-factor", 404).await;
    for form in [
        "second_factor",
        "second_factor_again",
        "recovery_codes",
        "second_factor_cancel",
    ] {
        let response = candidate
            .post_form(
                &format!("/settings?form={form}"),
                &[("setup_code", "123456")],
            )
            .await;
        assert_eq!(response.status(), 404, "{form}");
    }
    let response = candidate
        .post_form("/sign-in/second-factor", &[("code", "123456")])
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(count(&app.db, "staff_totp").await, 0);
    // Signed out: the page asks to sign in first.
    let anonymous = app.with_new_client();
    let response = anonymous.get("/sign-in/second-factor").await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).starts_with("/sign-in?next="));
}

#[actix_web::test]
async fn new_recovery_codes_replace_the_old_and_another_app_replaces_the_first_once_confirmed() {
    let app = spawn_mail_app().await;
    let (agent, keys) = app.enrolled_staff("agent@example.com", Role::Support).await;
    // New recovery codes, with a current code.
    let wrong = agent
        .post_form("/settings?form=recovery_codes", &[("codes_code", "000000")])
        .await;
    assert_eq!(wrong.status(), 422);
    let code = keys.fresh_code(&app.db).await;
    let renewed = agent
        .post_form("/settings?form=recovery_codes", &[("codes_code", &code)])
        .await;
    assert_eq!(renewed.status(), 200);
    let new_codes = recovery_codes_in(&renewed.text().await.unwrap());
    assert_eq!(new_codes.len(), 10);
    let other = app.with_new_client();
    other.sign_in("agent@example.com").await;
    let old = other
        .post_form(
            "/sign-in/second-factor",
            &[("code", &keys.recovery_codes[0])],
        )
        .await;
    assert_eq!(old.status(), 401, "an old recovery code is gone");

    // Another app: with a recovery code (the phone is lost), a new secret to scan.
    let started = agent
        .post_form(
            "/settings?form=second_factor_again",
            &[("again_code", &new_codes[0])],
        )
        .await;
    assert_eq!(location(&started), "/settings#second_factor");
    let new_secret = pending_secret(&app.db, keys.id).await;
    assert_ne!(new_secret, keys.secret);
    let settings = agent.page("/settings", 200).await;
    assert!(settings.contains(&new_secret.to_base32_grouped()));
    // The old app works until the new one is confirmed.
    let code = keys.fresh_code(&app.db).await;
    let with_old = other
        .post_form("/sign-in/second-factor", &[("code", &code)])
        .await;
    assert_eq!(with_old.status(), 303);
    let now = accolade::auth::second_factor::now();
    let confirmed = agent
        .post_form(
            "/settings?form=second_factor",
            &[("setup_code", &totp::code_at(&new_secret, now))],
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    assert_eq!(
        accolade::auth::second_factor::secret_of(&app.db, keys.id)
            .await
            .unwrap(),
        Some(new_secret.clone())
    );
    let third = app.with_new_client();
    third.sign_in("agent@example.com").await;
    let old_app = totp::code_at(&keys.secret, now + 30);
    let refused = third
        .post_form("/sign-in/second-factor", &[("code", &old_app)])
        .await;
    assert_eq!(refused.status(), 401, "the first app no longer works");

    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE subject = $1 AND action LIKE 'second_factor.%' ORDER BY id",
    )
    .bind(format!("candidate:{}", keys.id))
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "second_factor.enrolled",
            "second_factor.recovery_codes_renewed",
            "second_factor.recovery_code_used",
            "second_factor.enrolled",
        ]
    );
}

#[actix_web::test]
async fn setting_up_another_app_can_be_cancelled() {
    let app = spawn_mail_app().await;
    let (agent, keys) = app.enrolled_staff("agent@example.com", Role::Support).await;
    let code = keys.fresh_code(&app.db).await;
    agent
        .post_form(
            "/settings?form=second_factor_again",
            &[("again_code", &code)],
        )
        .await;
    assert_eq!(count(&app.db, "staff_totp").await, 2);
    let cancelled = agent
        .post_form("/settings?form=second_factor_cancel", &[])
        .await;
    assert_eq!(location(&cancelled), "/settings#second_factor");
    assert_eq!(count(&app.db, "staff_totp").await, 1);
    assert_eq!(
        accolade::auth::second_factor::secret_of(&app.db, keys.id)
            .await
            .unwrap(),
        Some(keys.secret)
    );
}

#[actix_web::test]
async fn a_sign_in_through_a_provider_trusted_for_staff_is_the_second_factor() {
    use crate::oidc::{app_with_provider_and, through_provider};
    let (app, _provider) = app_with_provider_and(accolade::config::Settings {
        staff_oidc_providers: "test".into(),
        ..crate::helpers::test_settings()
    })
    .await;
    create_account(&app.db, "ada@example.com").await;
    grant(&app.db, "ada@example.com", Role::Admin).await;
    let response = through_provider(&app, "/auth/test?next=%2Fstaff", "ada@example.com").await;
    assert_eq!(location(&response), "/staff");
    app.page("/staff", 200).await;
    // When it runs out, the console offers to sign in with the provider again (no app set up).
    app.post_form("/staff/end", &[]).await;
    let asked = app.get("/staff").await;
    assert_eq!(location(&asked), "/sign-in/second-factor?next=%2Fstaff");
    let page = app.page("/sign-in/second-factor?next=%2Fstaff", 200).await;
    assert!(page.contains("href=\"/auth/test?next=%2Fstaff\""), "{page}");
    assert!(
        !page.contains("name=\"code\""),
        "no app to type a code from"
    );
    // A password sign-in is not enough, and there is no app to give a code from.
    let password = app.with_new_client();
    password.sign_in("ada@example.com").await;
    assert_eq!(
        location(&password.get("/staff").await),
        "/sign-in/second-factor?next=%2Fstaff"
    );
}

#[actix_web::test]
async fn a_sign_in_through_a_provider_not_trusted_for_staff_is_not() {
    let (app, _provider) =
        crate::oidc::app_with_provider_and(crate::helpers::test_settings()).await;
    create_account(&app.db, "ada@example.com").await;
    grant(&app.db, "ada@example.com", Role::Support).await;
    let response =
        crate::oidc::through_provider(&app, "/auth/test?next=%2Fstaff", "ada@example.com").await;
    assert_eq!(location(&response), "/staff");
    let console = app.get("/staff").await;
    assert_eq!(location(&console), "/settings#second_factor");
}

#[test]
fn a_provider_trusted_for_staff_must_be_a_sign_in_provider() {
    let settings = accolade::config::Settings {
        staff_oidc_providers: "acme".into(),
        ..crate::helpers::test_settings()
    };
    let error = settings.staff_policy().unwrap_err().to_string();
    assert!(
        error.contains("ACCOLADE_STAFF_OIDC_PROVIDERS names \"acme\""),
        "{error}"
    );
    let none = crate::helpers::test_settings().staff_policy().unwrap();
    assert!(none.trusted_providers.is_empty());
    assert_eq!(none.session.as_secs(), 3600);
}
