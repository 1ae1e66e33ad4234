//! `/sign-up`: email, display name and password. The account exists once the address is
//! confirmed through the link sent to it (`/confirm/{token}`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{check_email, ensure_mail_allowed, parse_display_name};
use crate::accounts::{self, sign_up::SignUp};
use crate::auth::password::NewPassword;
use crate::domain::EmailAddress;
use crate::urls;
use crate::web::forms::{Checked, Errors, html, ok};
use crate::web::page::Page;
use crate::web::session::safe_next;
use crate::web::{AppState, WebError};

crate::form!(SignUpForm {
    email,
    display_name,
    password,
    next
});

#[derive(Template)]
#[template(path = "accounts/sign_up.html")]
struct SignUpPage {
    page: Page,
    form: SignUpForm,
    errors: Errors,
}

/// `?email=` pre-fills the address (the claim page links here), `?next=` is where to go
/// once the address is confirmed.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Prefill {
    email: String,
    next: String,
}

pub async fn get(page: Page, query: web::Query<Prefill>) -> Result<HttpResponse, WebError> {
    let query = query.into_inner();
    let form = SignUpForm {
        email: query.email,
        next: safe_next(&query.next).unwrap_or_default(),
        ..SignUpForm::default()
    };
    Ok(ok(SignUpPage {
        page,
        form,
        errors: Errors::default(),
    }
    .render()?))
}

pub async fn post(
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    Checked(mut form): Checked<SignUpForm>,
) -> Result<HttpResponse, WebError> {
    let mut errors = Errors::default();
    let email = EmailAddress::parse(&form.email);
    if email.is_err() {
        errors.add("email", page.msg("form-email-invalid"));
    }
    let name = parse_display_name(&form.display_name);
    if name.is_none() {
        errors.add("display_name", page.msg("form-display-name-invalid"));
    }
    let new_password = NewPassword::parse(&form.password);
    if let Err(e) = &new_password {
        errors.add("password", page.msg(e.message_id()));
    }
    let (Ok(email), Some(name), Ok(new_password)) = (email, name, new_password) else {
        form.password.clear();
        let body = SignUpPage { page, form, errors }.render()?;
        return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body));
    };
    // A client over its mail limit costs no hash.
    ensure_mail_allowed(&state, &req).await?;
    // Hash first, whether or not the address has an account, so both take the same time.
    let hash = state.hasher.hash(new_password).await??;
    let next = safe_next(&form.next);

    let sign_up = SignUp {
        email: &email,
        display_name: &name,
        password_hash: &hash,
        locale: page.t.locale,
        next: next.as_deref(),
    };
    accounts::sign_up::request(&state.db, sign_up).await?;

    check_email(page, "sign-up-sent-heading", "sign-up-sent-text", &email)
}
