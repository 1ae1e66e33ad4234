//! `/auth/{provider}` and `/auth/{provider}/callback`: sign-in through an OpenID Connect
//! provider, and connecting or disconnecting one from settings.
//!
//! The provider's verified address links to the account that owns it, or creates one. A
//! provider account without a verified address can only sign in once linked (from settings).
//! A second account of the same provider with an address of an account that has one
//! connected is refused with a page that says how to switch (`accounts::identities` says
//! why).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, Responder, web};
use serde::Deserialize;

use super::link_problem;
use crate::accounts::identities::{self, SignIn};
use crate::accounts::{self, Linked, Unlinked};
use crate::auth::oidc::{Identity, OidcError, Pending};
use crate::urls;
use crate::web::forms::{Checked, Flash, remember_locale, see_other, see_other_with};
use crate::web::page::Page;
use crate::web::session::{SignedIn, safe_next, sign_in, signed_in_candidate};
use crate::web::settings;
use crate::web::staff::{give_factor, remember_roles};
use crate::web::{AppState, WebError};

const PENDING_KEY: &str = "oidc_pending";

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StartQuery {
    next: String,
    connect: String,
}

/// A page that says the provider sign-in did not work, and offers to try again.
fn failed(page: Page, status: StatusCode, text: &str) -> Result<HttpResponse, WebError> {
    let instead = (urls::sign_in(), "sign-in-title");
    link_problem(page, status, "oidc-failed-heading", text, instead)
}

pub async fn start(
    page: Page,
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    provider: web::Path<String>,
    query: web::Query<StartQuery>,
) -> Result<HttpResponse, WebError> {
    let provider = state.providers.get(&provider).ok_or(WebError::NotFound)?;
    let connect = query.connect == "1";
    if connect && signed_in_candidate(&req).is_none() {
        return Err(WebError::SignInRequired(urls::settings().into()));
    }
    let next = safe_next(&query.next);
    match state.providers.begin(provider, next, connect).await {
        Ok((url, pending)) => {
            session
                .insert(PENDING_KEY, pending)
                .map_err(|e| WebError::Internal(anyhow::anyhow!("session: {e}")))?;
            Ok(see_other(&url))
        }
        Err(error) => {
            tracing::warn!(provider = %provider.name, %error, "provider sign-in could not start");
            failed(page, StatusCode::BAD_GATEWAY, "oidc-unavailable")
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Callback {
    code: String,
    state: String,
    error: String,
}

pub async fn callback(
    page: Page,
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    provider: web::Path<String>,
    query: web::Query<Callback>,
) -> Result<HttpResponse, WebError> {
    let provider = state.providers.get(&provider).ok_or(WebError::NotFound)?;
    // Whatever happens, this attempt is over.
    let pending = session
        .remove_as::<Pending>(PENDING_KEY)
        .and_then(Result::ok);
    let Some(pending) = pending else {
        return failed(page, StatusCode::BAD_REQUEST, "oidc-expired");
    };
    if !query.error.is_empty() {
        return Ok(see_other_with(
            urls::sign_in(),
            "flash-oidc-cancelled",
            &req,
        ));
    }
    let next = pending.next.clone();
    let connect = pending.connect;
    let identity = match state
        .providers
        .finish(provider, pending, &query.code, &query.state)
        .await
    {
        Ok(identity) => identity,
        Err(OidcError::Refused(reason)) => {
            tracing::warn!(provider = %provider.name, %reason, "provider sign-in refused");
            return failed(page, StatusCode::BAD_REQUEST, "oidc-refused");
        }
        Err(error @ OidcError::Unavailable(_)) => {
            tracing::warn!(provider = %provider.name, %error, "provider sign-in failed");
            return failed(page, StatusCode::BAD_GATEWAY, "oidc-unavailable");
        }
    };
    if connect {
        return connect_to_account(&req, &state, &provider.name, &identity).await;
    }
    let id = match identities::sign_in_with(&state.db, &provider.name, &identity, page.t.locale)
        .await?
    {
        SignIn::Account(id) => id,
        SignIn::NoVerifiedEmail => {
            return failed(page, StatusCode::FORBIDDEN, "oidc-no-verified-email");
        }
        SignIn::OtherProviderAccount => {
            tracing::info!(provider = %provider.name, "second account of a provider refused");
            return failed(page, StatusCode::FORBIDDEN, "oidc-other-provider-account");
        }
    };
    sign_in(&session, id)?;
    let held = crate::auth::roles::of(&state.db, id).await?;
    remember_roles(&session, held);
    // A provider trusted for staff checked a second factor of its own.
    if held.any() && state.staff.trusts(&provider.name) {
        give_factor(&session, id)?;
    }
    let to = next.unwrap_or_else(|| urls::wallet().to_owned());
    let response = see_other_with(&to, "flash-signed-in", &req);
    match accounts::get(&state.db, id).await? {
        Some(account) => Ok(remember_locale(response, account.locale(), &req)),
        None => Ok(response),
    }
}

async fn connect_to_account(
    req: &HttpRequest,
    state: &AppState,
    provider: &str,
    identity: &Identity,
) -> Result<HttpResponse, WebError> {
    let Some(id) = signed_in_candidate(req) else {
        return Err(WebError::SignInRequired(urls::settings().into()));
    };
    let linked = identities::connect(&state.db, id, provider, identity).await?;
    let flash = match linked {
        Linked::Linked => "flash-provider-connected",
        Linked::OtherAccount => "flash-provider-other-account",
        Linked::AlreadyConnected => "flash-provider-already-connected",
    };
    Ok(settings::back(flash).respond_to(req))
}

crate::form!(DisconnectForm {});

pub async fn disconnect(
    user: SignedIn,
    state: web::Data<AppState>,
    provider: web::Path<String>,
    Checked(_): Checked<DisconnectForm>,
) -> Result<Flash, WebError> {
    let flash = match identities::unlink_identity(&state.db, user.id(), &provider).await? {
        Unlinked::Unlinked => "flash-provider-disconnected",
        Unlinked::LastWayIn => "flash-provider-last-way-in",
        Unlinked::NotConnected => return Err(WebError::NotFound),
    };
    Ok(settings::back(flash))
}
