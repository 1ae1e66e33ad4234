//! The addresses of `/settings`: add one (a link is sent to it; its awards appear once it is
//! opened), make one primary, remove one (after a warning about its badges).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde_json::json;

use super::SettingsPage;
use crate::accounts::{self, Address, Removed, links};
use crate::domain::EmailAddress;
use crate::mail::{self, Message};
use crate::web::accounts::ensure_mail_allowed;
use crate::web::forms::{Checked, Errors, html, see_other_with};
use crate::web::page::Page;
use crate::web::session::{SignedIn, safe_next};
use crate::web::{AppState, WebError};

crate::form!(EmailForm { email, next });
crate::form!(AddressForm {});

pub async fn add(
    page: Page,
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(form): Checked<EmailForm>,
) -> Result<HttpResponse, WebError> {
    let Ok(email) = EmailAddress::parse(&form.email) else {
        let mut errors = Errors::default();
        errors.add("email", page.msg("form-email-invalid"));
        let mut again = SettingsPage::load(page, &state, user).await?;
        again.email = form;
        again.email_errors = errors;
        return again.invalid();
    };
    let next = safe_next(&form.next);
    let account = accounts::get(&state.db, user.id())
        .await?
        .ok_or(WebError::NotFound)?;
    let owner = accounts::find_by_email(&state.db, &email).await?;
    if matches!(owner, Some((owner, _, _)) if owner == user.id()) {
        return Ok(see_other_with(
            "/settings",
            "flash-address-already-yours",
            &req,
        ));
    }
    ensure_mail_allowed(&state, &req).await?;
    let mut tx = state.db.begin().await?;
    if let Some(permit) = mail::permit(&mut tx, &email).await? {
        match owner {
            // Someone else's: tell that address's owner (by their own name), and show the
            // same here as otherwise: the address waits for confirmation, through a link
            // never sent.
            Some((owner, _, locale)) => {
                let owner_name = accounts::display_name(&state.db, owner).await?;
                let queued = Message::EmailTaken { name: &owner_name };
                mail::queue(&mut tx, permit, mail::locale_of(&locale), queued).await?;
                links::create(
                    &mut tx,
                    links::Purpose::AddEmail,
                    &email,
                    Some(user.id()),
                    json!({}),
                )
                .await?;
            }
            None => {
                let data = json!({ "next": next });
                let token = links::create(
                    &mut tx,
                    links::Purpose::AddEmail,
                    &email,
                    Some(user.id()),
                    data,
                )
                .await?;
                let queued = Message::EmailVerify { token: &token };
                mail::queue(&mut tx, permit, account.locale(), queued).await?;
            }
        }
    }
    tx.commit().await?;
    let to = next.unwrap_or_else(|| "/settings".to_owned());
    Ok(see_other_with(&to, "flash-address-link-sent", &req))
}

pub async fn make_primary(
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    Checked(_): Checked<AddressForm>,
) -> Result<HttpResponse, WebError> {
    if !accounts::make_primary(&state.db, user.id(), *id).await? {
        return Err(WebError::NotFound);
    }
    Ok(see_other_with("/settings", "flash-primary-changed", &req))
}

#[derive(Template)]
#[template(path = "settings/remove_email.html")]
struct RemovePage {
    page: Page,
    address: Address,
}

async fn own_address(state: &AppState, user: SignedIn, id: i64) -> Result<Address, WebError> {
    accounts::addresses(&state.db, user.id())
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
    id: web::Path<i64>,
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
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    Checked(_): Checked<AddressForm>,
) -> Result<HttpResponse, WebError> {
    match accounts::remove_address(&state.db, user.id(), *id).await? {
        Removed::Removed { .. } => Ok(see_other_with("/settings", "flash-address-removed", &req)),
        Removed::IsPrimary => Ok(see_other_with(
            "/settings",
            "flash-address-is-primary",
            &req,
        )),
        Removed::NotFound => Err(WebError::NotFound),
    }
}
