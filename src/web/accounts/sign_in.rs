//! `/sign-in` and `/sign-out`.

use std::net::{IpAddr, Ipv4Addr};

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::accounts;
use crate::auth::{password, throttle};
use crate::domain::EmailAddress;
use crate::mail::notices;
use crate::web::forms::{Checked, Errors, html, ok, remember_locale, see_other, see_other_with};
use crate::web::page::Page;
use crate::web::session::{safe_next, sign_in, signed_in_candidate};
use crate::web::{AppState, WebError};

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
        return Ok(see_other(next.as_deref().unwrap_or("/wallet")));
    }
    let form = SignInForm {
        email: query.email,
        next: next.unwrap_or_default(),
        ..SignInForm::default()
    };
    Ok(ok(render(page, &state, form, Errors::default())?))
}

/// The client's address: the connection's, or the one the reverse proxy reports.
pub fn client_ip(req: &HttpRequest, behind_proxy: bool) -> IpAddr {
    let forwarded = behind_proxy
        .then(|| {
            req.connection_info()
                .realip_remote_addr()
                .map(str::to_owned)
        })
        .flatten()
        .and_then(|a| {
            a.parse::<IpAddr>()
                .ok()
                .or_else(|| a.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        });
    forwarded.unwrap_or_else(|| {
        req.peer_addr()
            .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |a| a.ip())
    })
}

pub async fn post(
    page: Page,
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    Checked(mut form): Checked<SignInForm>,
) -> Result<HttpResponse, WebError> {
    let client = client_ip(&req, state.behind_proxy);
    let email = EmailAddress::parse(&form.email).ok();
    let password = std::mem::take(&mut form.password);

    if let Some(wait) = throttle::blocked(&state.db, state.throttle, email.as_ref(), client).await?
    {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let mut errors = Errors::default();
        errors.add(
            "email",
            page.count(
                "sign-in-throttled",
                "minutes",
                i64::try_from(minutes).unwrap_or(i64::MAX),
            ),
        );
        let body = render(page, &state, form, errors)?;
        return Ok(html(StatusCode::TOO_MANY_REQUESTS, body));
    }

    let account = match &email {
        Some(email) => accounts::find_by_email(&state.db, email).await?,
        None => None,
    };
    let stored = account.as_ref().and_then(|(_, hash, _)| hash.clone());
    let verified = password::verify_blocking(password, stored).await;
    match (account, verified, &email) {
        (Some((id, _, locale)), true, Some(email)) => {
            throttle::clear(&state.db, email).await?;
            sign_in(&session, id)?;
            let next = safe_next(&form.next).unwrap_or_else(|| "/wallet".to_owned());
            let response = see_other_with(&next, "flash-signed-in", &req);
            Ok(remember_locale(response, notices::locale_of(&locale), &req))
        }
        _ => {
            throttle::record_failure(&state.db, email.as_ref(), client).await?;
            let mut errors = Errors::default();
            errors.add("email", page.msg("sign-in-failed"));
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
    see_other_with("/", "flash-signed-out", &req)
}
