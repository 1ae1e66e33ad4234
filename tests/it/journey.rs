//! What a candidate does in a browser, over HTTP with the test app's cookie jar: forms with
//! their CSRF token, mail read from a real SMTP capture, the links in it followed.

use std::sync::OnceLock;

use accolade::mail::{MailContext, deliver_due};
use regex::Regex;

use crate::helpers::{TestApp, spawn_app_with, test_settings};
use crate::smtp::{Received, SmtpCapture};

pub const PASSWORD: &str = "correct horse battery staple";

/// The app and an SMTP server that receives its mail.
pub struct MailApp {
    pub app: TestApp,
    pub smtp: SmtpCapture,
}

pub async fn spawn_mail_app() -> MailApp {
    spawn_mail_app_with(test_settings()).await
}

pub async fn spawn_mail_app_with(settings: accolade::config::Settings) -> MailApp {
    MailApp {
        app: spawn_app_with(settings).await,
        smtp: SmtpCapture::start(),
    }
}

impl std::ops::Deref for MailApp {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.app
    }
}

impl MailApp {
    /// Sends what the outbox holds to the SMTP capture; returns every message received so far.
    pub async fn deliver(&self) -> Vec<Received> {
        let mailer = self.smtp.mailer();
        let context = MailContext {
            public_url: accolade::urls::PublicUrl::parse(&self.address).unwrap(),
        };
        while deliver_due(&self.db, &mailer, &context, 100).await.unwrap() > 0 {}
        self.smtp.received()
    }

    /// The last message sent to `to`, after delivering what is due.
    pub async fn last_mail_to(&self, to: &str) -> Received {
        self.deliver()
            .await
            .into_iter()
            .rev()
            .find(|m| m.to.iter().any(|t| t == to))
            .unwrap_or_else(|| panic!("no mail to {to}"))
    }

    /// Signs up with `email` and follows the confirmation link: signed in afterwards.
    pub async fn sign_up(&self, email: &str, name: &str) {
        let response = self
            .post_form(
                "/sign-up",
                &[
                    ("email", email),
                    ("display_name", name),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        let mail = self.last_mail_to(email).await;
        let confirm = link_in(&mail, "/confirm/");
        let response = self.post_form(&confirm, &[]).await;
        assert_eq!(response.status(), 303);
    }

    /// A second browser signed in to an account that exists already.
    pub async fn signed_in_as_existing(&self, email: &str) -> crate::helpers::TestApp {
        let other = self.app.with_new_client();
        let response = other.sign_in(email).await;
        assert_eq!(response.status(), 303);
        other
    }

    /// An account for `email` made directly in the database, then signed in with a new jar.
    pub async fn signed_in_as(&self, email: &str) -> TestApp {
        create_account(&self.db, email).await;
        let other = self.app.with_new_client();
        let response = other.sign_in(email).await;
        assert_eq!(response.status(), 303, "sign-in as {email}");
        other
    }
}

impl MailApp {
    /// An account for `email` holding `role` (`support` or `admin`), signed in with a new
    /// jar, its second factor set up and given: a member of staff at the consoles.
    pub async fn signed_in_as_staff(
        &self,
        email: &str,
        role: accolade::auth::roles::Role,
    ) -> TestApp {
        self.enrolled_staff(email, role).await.0
    }

    /// [`MailApp::signed_in_as_staff`], with what the staff member's phone and drawer hold.
    pub async fn enrolled_staff(
        &self,
        email: &str,
        role: accolade::auth::roles::Role,
    ) -> (TestApp, StaffKeys) {
        let id = create_account(&self.db, email).await;
        grant(&self.db, email, role).await;
        let other = self.app.with_new_client();
        let response = other.sign_in(email).await;
        assert_eq!(response.status(), 303, "sign-in as {email}");
        let keys = other.enroll(id).await;
        (other, keys)
    }
}

/// Gives `role` to the account of `email`, as `accolade user grant` does.
pub async fn grant(db: &sqlx::PgPool, email: &str, role: accolade::auth::roles::Role) {
    let address = accolade::domain::EmailAddress::parse(email).unwrap();
    accolade::auth::roles::grant(db, &address, role, accolade::audit::Actor::CommandLine)
        .await
        .unwrap();
}

/// What a member of staff keeps: their account, the secret of their authenticator app, and
/// their recovery codes (as shown once).
pub struct StaffKeys {
    pub id: i64,
    pub secret: accolade::auth::totp::Secret,
    pub recovery_codes: Vec<String>,
}

impl StaffKeys {
    /// A code the app shows and that was not used yet: the one of the step after the last
    /// one used (the app shows it within 30 seconds; a step ahead is accepted).
    pub async fn fresh_code(&self, db: &sqlx::PgPool) -> String {
        let last: Option<i64> = sqlx::query_scalar(
            "SELECT last_step FROM staff_totp WHERE candidate_id = $1 AND state = 'active'",
        )
        .bind(self.id)
        .fetch_one(db)
        .await
        .unwrap();
        let now = accolade::auth::second_factor::now();
        let current = accolade::auth::totp::step_of(now);
        let step = last.map_or(current, |l| (l as u64 + 1).max(current));
        if step > current + 1 {
            // Two codes used in this step already: wait until the next step begins.
            let wait = (step - 1) * accolade::auth::totp::STEP_SECS - now;
            tokio::time::sleep(std::time::Duration::from_secs(wait + 1)).await;
        }
        accolade::auth::totp::code_of_step(&self.secret, step)
    }
}

/// The secret being set up by account `id` (what the QR code of its settings holds).
pub async fn pending_secret(db: &sqlx::PgPool, id: i64) -> accolade::auth::totp::Secret {
    let bytes: Vec<u8> = sqlx::query_scalar(
        "SELECT secret FROM staff_totp WHERE candidate_id = $1 AND state = 'pending'",
    )
    .bind(id)
    .fetch_one(db)
    .await
    .unwrap();
    accolade::auth::totp::Secret::from_bytes(&bytes).unwrap()
}

/// The recovery codes of a page that shows them.
pub fn recovery_codes_in(html: &str) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"<code>([a-z2-7]{5}-[a-z2-7]{5})</code>").unwrap())
        .captures_iter(html)
        .map(|c| c[1].to_owned())
        .collect()
}

impl TestApp {
    /// Sets up the second factor of the signed-in staff account `id` from settings, as a
    /// person with a phone does: the settings page shows a secret, the code it gives now
    /// confirms it, and the recovery codes are shown (the factor is then given).
    pub async fn enroll(&self, id: i64) -> StaffKeys {
        let settings = self.page("/settings", 200).await;
        assert!(settings.contains("id=\"second_factor\""), "{settings}");
        let secret = pending_secret(&self.db, id).await;
        let code = accolade::auth::totp::code_at(&secret, accolade::auth::second_factor::now());
        let response = self
            .post_form("/settings?form=second_factor", &[("setup_code", &code)])
            .await;
        let status = response.status();
        let page = response.text().await.unwrap();
        assert_eq!(status, 200, "{page}");
        let recovery_codes = recovery_codes_in(&page);
        assert_eq!(recovery_codes.len(), 10, "{page}");
        StaffKeys {
            id,
            secret,
            recovery_codes,
        }
    }
}

/// An account with the test password and `email` as its verified, primary address.
pub async fn create_account(db: &sqlx::PgPool, email: &str) -> i64 {
    let address = accolade::domain::EmailAddress::parse(email).unwrap();
    let hash = accolade::auth::password::NewPassword::parse(PASSWORD)
        .unwrap()
        .hash()
        .unwrap();
    let mut tx = db.begin().await.unwrap();
    let created = accolade::accounts::create(
        &mut tx,
        accolade::accounts::NewAccount {
            email: &address,
            display_name: "Test Candidate",
            locale: accolade::i18n::Locale::default(),
            password_hash: Some(&hash),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    match created {
        accolade::accounts::Created::Account(id) => id,
        accolade::accounts::Created::AddressTaken(id) => id,
    }
}

fn csrf_field() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"name="csrf" value="([A-Za-z0-9_-]+)""#).unwrap())
}

impl TestApp {
    /// The same app with a fresh cookie jar: another browser.
    pub fn with_new_client(&self) -> TestApp {
        self.clone_with_client(
            reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        )
    }

    /// The CSRF token this browser's forms carry (a page sets the cookie on the first visit).
    pub async fn csrf(&self) -> String {
        let page = self.get("/password/forgot").await.text().await.unwrap();
        csrf_field()
            .captures(&page)
            .map(|c| c[1].to_owned())
            .expect("a form with a CSRF field")
    }

    /// Posts a form as the browser would: with the page's CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf().await;
        let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        self.post_raw(path, &form).await
    }

    /// Signs in with the test password; returns the answer (303 when it worked).
    pub async fn sign_in(&self, email: &str) -> reqwest::Response {
        self.post_form("/sign-in", &[("email", email), ("password", PASSWORD)])
            .await
    }

    /// Posts exactly these fields (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// The text of a page (GET), after checking its status.
    pub async fn page(&self, path: &str, status: u16) -> String {
        let response = self.get(path).await;
        let got = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_eq!(got, status, "GET {path}: {body}");
        body
    }
}

/// The Location of a redirect.
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// The path of the first link in a mail's text whose path starts with `prefix`.
pub fn link_in(mail: &Received, prefix: &str) -> String {
    let text = mail.text();
    let re = Regex::new(&format!(
        r"https?://[^/\s]+({}[^\s]*)",
        regex::escape(prefix)
    ))
    .unwrap();
    re.captures(&text)
        .map(|c| c[1].to_owned())
        .unwrap_or_else(|| panic!("no {prefix} link in: {text}"))
}

/// The page's text without tags, with spaces collapsed, for "the user sees" checks.
pub fn visible_text(html: &str) -> String {
    let tags = Regex::new(r"(?s)<[^>]*>").unwrap();
    let text = tags.replace_all(html, " ");
    let text = text
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&#x27;", "'");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The state of an award, straight from the database.
pub async fn award_state(db: &sqlx::PgPool, award_id: &str) -> String {
    sqlx::query_scalar("SELECT state FROM awards WHERE id = $1")
        .bind(award_id)
        .fetch_one(db)
        .await
        .unwrap()
}

/// The ids of the awards sent to `email`.
pub async fn awards_of(db: &sqlx::PgPool, email: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT id FROM awards WHERE recipient_email = $1 ORDER BY issued_on")
        .bind(email)
        .fetch_all(db)
        .await
        .unwrap()
}

/// The text of an element's HTML without its tags (nothing added where a tag was), with
/// entities decoded and spaces collapsed: what a screen reader reads of it.
fn text_of_html(html: &str) -> String {
    let tags = Regex::new(r"(?s)<[^>]*>").unwrap();
    visible_text(&tags.replace_all(html, ""))
}

/// The titles of the wallet's tiles, in order, as their links read them
/// ("Microsoft Certified: Azure Fundamentals", though the prefix sits on a line of its own).
pub fn tile_titles(html: &str) -> Vec<String> {
    let title = Regex::new(r#"(?s)<h3 class="tile-title">(.*?)</h3>"#).unwrap();
    title
        .captures_iter(html)
        .map(|c| text_of_html(&c[1]))
        .collect()
}

/// The buttons and button links of a page's main content: what each shows, and its whole
/// accessible name (visually hidden text included).
pub fn actions(html: &str) -> Vec<(String, String)> {
    let main = html.split_once("<main").map_or(html, |(_, main)| main);
    let action =
        Regex::new(r#"(?s)<button[^>]*>(.*?)</button>|<a class="button[^"]*"[^>]*>(.*?)</a>"#)
            .unwrap();
    let hidden = Regex::new(r#"(?s)<span class="visually-hidden">.*?</span>"#).unwrap();
    action
        .captures_iter(main)
        .map(|c| {
            let inner = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            (
                text_of_html(&hidden.replace_all(inner, "")),
                text_of_html(inner),
            )
        })
        .collect()
}
