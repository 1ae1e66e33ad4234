//! The addresses of `/settings`: add one (a link is sent to it; its awards appear once it is
//! opened), send that link again or cancel it while it waits, make one primary, remove one
//! (after a warning about its badges).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, Responder, web};
use askama::Template;

use super::{SettingsPage, back};
use crate::accounts::addresses::{self, Address, Pending, Removed};
use crate::domain::EmailAddress;
use crate::urls;
use crate::web::accounts::ensure_mail_allowed;
use crate::web::forms::{Checked, Errors, Flash, html, see_other_with};
use crate::web::page::Page;
use crate::web::path::InPath;
use crate::web::session::{SignedIn, safe_next};
use crate::web::{AppState, WebError};

crate::form!(EmailForm { email, next });
crate::form!(AddressForm {});
crate::form!(PendingForm { email });

pub async fn add(
    page: Page,
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(form): Checked<EmailForm>,
) -> Result<HttpResponse, WebError> {
    let Ok(email) = EmailAddress::parse(&form.email) else {
        let errors = Errors::one("email", page.msg("form-email-invalid"));
        let mut again = SettingsPage::load(page, &state, user).await?;
        again.email = form;
        again.email_errors = errors;
        return again.invalid();
    };
    if addresses::is_yours(&state.db, user.id(), &email).await? {
        return Ok(back("flash-address-already-yours").respond_to(&req));
    }
    ensure_mail_allowed(&state, &req).await?;
    let next = safe_next(&form.next);
    addresses::request_add(&state.db, user.id(), &email, next.as_deref()).await?;
    let to = next.unwrap_or_else(|| urls::settings().to_owned());
    Ok(see_other_with(&to, "flash-address-link-sent", &req))
}

/// The address of a pending-address form: one the page listed, so anything else is unknown.
fn pending_address(form: &PendingForm) -> Result<EmailAddress, WebError> {
    EmailAddress::parse(&form.email).map_err(|_| WebError::NotFound)
}

/// Back to settings after an action on a waiting address, saying `done` if it was waiting.
fn after_pending(outcome: Pending, done: &'static str) -> Flash {
    back(match outcome {
        Pending::Done => done,
        Pending::NotPending => "flash-address-not-pending",
    })
}

/// "Send the link again" on an address waiting for confirmation: a new link replaces the
/// old, within the same limits as adding the address.
pub async fn resend(
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(form): Checked<PendingForm>,
) -> Result<Flash, WebError> {
    let email = pending_address(&form)?;
    ensure_mail_allowed(&state, &req).await?;
    let outcome = addresses::resend(&state.db, user.id(), &email).await?;
    Ok(after_pending(outcome, "flash-address-link-resent"))
}

/// "Cancel" on an address waiting for confirmation: it stops waiting, its link stops working.
pub async fn cancel(
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(form): Checked<PendingForm>,
) -> Result<Flash, WebError> {
    let email = pending_address(&form)?;
    let outcome = addresses::cancel(&state.db, user.id(), &email).await?;
    Ok(after_pending(outcome, "flash-address-cancelled"))
}

pub async fn make_primary(
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<i64>,
    Checked(_): Checked<AddressForm>,
) -> Result<Flash, WebError> {
    if !addresses::make_primary(&state.db, user.id(), *id).await? {
        return Err(WebError::NotFound);
    }
    Ok(back("flash-primary-changed"))
}

#[derive(Template)]
#[template(path = "settings/remove_email.html")]
struct RemovePage {
    page: Page,
    address: Address,
}

async fn own_address(state: &AppState, user: SignedIn, id: i64) -> Result<Address, WebError> {
    addresses::addresses(&state.db, user.id())
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(WebError::NotFound)
}

/// The warning: how many badges leave the wallet with this address.
pub async fn remove_form(
    page: Page,
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<i64>,
) -> Result<HttpResponse, WebError> {
    let address = own_address(&state, user, *id).await?;
    let status = if address.is_primary {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    Ok(html(status, RemovePage { page, address }.render()?))
}

pub async fn remove(
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<i64>,
    Checked(_): Checked<AddressForm>,
) -> Result<Flash, WebError> {
    let flash = match addresses::remove_address(&state.db, user.id(), *id).await? {
        Removed::Removed { .. } => "flash-address-removed",
        Removed::IsPrimary => "flash-address-is-primary",
        Removed::NotFound => return Err(WebError::NotFound),
    };
    Ok(back(flash))
}
