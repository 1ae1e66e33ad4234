//! `/sign-in` and `/sign-out`. Staff with a second factor are sent on to
//! `/sign-in/second-factor` (`accounts::second_factor`) after their password.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::accounts;
use crate::auth::roles;
use crate::auth::second_factor;
use crate::auth::throttle::{self, Check, devices};
use crate::domain::EmailAddress;
use crate::mail;
use crate::urls;
use crate::web::client::client_ip;
use crate::web::context::site_cookie;
use crate::web::forms::{Checked, Errors, html, ok, remember_locale, see_other, see_other_with};
use crate::web::page::Page;
use crate::web::session::{safe_next, sign_in, signed_in_candidate};
use crate::web::staff::remember_roles;
use crate::web::{AppState, WebError};
use actix_web::cookie::time::Duration as CookieDuration;

crate::form!(SignInForm {
    email,
    password,
    next
});

crate::form!(SignOutForm {});

#[derive(Template)]
#[template(path = "accounts/sign_in.html")]
struct SignInPage {
    page: Page,
    form: SignInForm,
    errors: Errors,
    /// Sign-in providers to offer: (name, label).
    providers: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Prefill {
    email: String,
    next: String,
}

fn render(
    page: Page,
    state: &AppState,
    form: SignInForm,
    errors: Errors,
) -> Result<String, WebError> {
    let providers = state
        .providers
        .all()
        .iter()
        .map(|p| (p.name.clone(), p.label.clone()))
        .collect();
    Ok(SignInPage {
        page,
        form,
        errors,
        providers,
    }
    .render()?)
}

pub async fn get(
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<Prefill>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner();
    let next = safe_next(&query.next);
    if signed_in_candidate(&req).is_some() {
        return Ok(see_other(next.as_deref().unwrap_or(urls::wallet())));
    }
    let form = SignInForm {
        email: query.email,
        next: next.unwrap_or_default(),
        ..SignInForm::default()
    };
    Ok(ok(render(page, &state, form, Errors::default())?))
}

/// Checks the password, after reserving the guess with the throttle (so that parallel
/// guesses cannot pass the limit together). A browser the account signed in from before
/// has its own limit (see `auth::throttle`) and keeps its device cookie. A missing or
/// malformed address is said so by its field, with no password checked: no account has
/// one, and what an address looks like is no secret.
pub async fn post(
    page: Page,
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    Checked(mut form): Checked<SignInForm>,
) -> Result<HttpResponse, WebError> {
    let password = std::mem::take(&mut form.password);
    let email = match EmailAddress::parse(&form.email) {
        Ok(email) => email,
        Err(_) => {
            let message = if form.email.trim().is_empty() {
                "form-email-missing"
            } else {
                "form-email-invalid"
            };
            let errors = Errors::one("email", page.msg(message));
            let body = render(page, &state, form, errors)?;
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body));
        }
    };
    // A place in the hashing queue first: past it, a refusal costs nothing else.
    let slot = state.hasher.slot()?;
    let client = client_ip(&req, state.proxy_hops);
    let account = accounts::find_by_email(&state.db, &email).await?;
    let presented_device = req.cookie(devices::COOKIE).map(|c| c.value().to_owned());
    let known_device = match (&account, &presented_device) {
        (Some((id, _, _)), Some(token)) => devices::recognise(&state.db, token, *id).await?,
        _ => None,
    };
    let guess = throttle::Guess {
        email: Some(&email),
        client,
        known_device: known_device.as_deref(),
    };
    let stored = account.as_ref().and_then(|(_, hash, _)| hash.clone());
    let check =
        throttle::check_password(&state.db, &state.throttle, slot, guess, password, stored).await?;
    match (account, check) {
        (_, Check::Refused(refused)) => {
            let errors = Errors::one(
                "email",
                page.count("sign-in-throttled", "minutes", refused.minutes()),
            );
            let body = render(page, &state, form, errors)?;
            Ok(html(StatusCode::TOO_MANY_REQUESTS, body))
        }
        (Some((id, _, locale)), Check::Right) => {
            let device = devices::remember(&state.db, presented_device.as_deref(), id).await?;
            sign_in(&session, id)?;
            let next = safe_next(&form.next);
            // Staff with a second factor give it now, on a page of its own, then go on.
            let held = roles::of(&state.db, id).await?;
            remember_roles(&session, held);
            let mut response = if held.any() && second_factor::is_enrolled(&state.db, id).await? {
                see_other(&urls::second_factor_then(
                    next.as_deref().unwrap_or_default(),
                ))
            } else {
                let next = next.unwrap_or_else(|| urls::wallet().to_owned());
                see_other_with(&next, "flash-signed-in", &req)
            };
            let mut cookie = site_cookie(devices::COOKIE, device.expose().to_owned(), &req);
            cookie.set_max_age(CookieDuration::days(devices::LIFETIME_DAYS));
            if let Err(error) = response.add_cookie(&cookie) {
                tracing::warn!(%error, "could not set the device cookie");
            }
            Ok(remember_locale(response, mail::locale_of(&locale), &req))
        }
        _ => {
            let errors = Errors::one("email", page.msg("sign-in-failed"));
            let body = render(page, &state, form, errors)?;
            Ok(html(StatusCode::UNAUTHORIZED, body))
        }
    }
}

/// Ends the session, here and in the database.
pub async fn sign_out(
    req: HttpRequest,
    session: Session,
    Checked(_): Checked<SignOutForm>,
) -> HttpResponse {
    session.purge();
    see_other_with(urls::home(), "flash-signed-out", &req)
}
