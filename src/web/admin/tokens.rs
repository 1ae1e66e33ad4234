//! `/admin/tokens`: the API tokens of the results feed (`auth::api_tokens`, as `accolade
//! token`): every token with when it was made and last used; a new one, shown once on the
//! page that made it; revoking a live one.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::super::forms::{Checked, Errors, html, ok, see_other_with};
use super::super::page::Page;
use super::super::staff::Admin;
use super::super::{AppState, WebError};
use crate::auth::api_tokens::{self, Created, Listed};
use crate::urls;

crate::form!(TokenForm { action, name });

#[derive(Template)]
#[template(path = "admin/tokens.html")]
struct TokensPage {
    page: Page,
    section: &'static str,
    tokens: Vec<Listed>,
    /// The token just made (name, secret): shown this once.
    created: Option<(String, String)>,
    form: TokenForm,
    errors: Errors,
}

async fn tokens_page(
    page: Page,
    state: &AppState,
    created: Option<(String, String)>,
    form: TokenForm,
    errors: Errors,
) -> Result<String, WebError> {
    Ok(TokensPage {
        page,
        section: "tokens",
        tokens: api_tokens::list(&state.db).await?,
        created,
        form,
        errors,
    }
    .render()?)
}

pub async fn get(
    _admin: Admin,
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let body = tokens_page(page, &state, None, TokenForm::default(), Errors::default()).await?;
    Ok(ok(body))
}

/// `POST /admin/tokens`: `action=create` with a `name` (the page answers with the token), or
/// `action=revoke` with the `name` of a live token.
pub async fn post(
    admin: Admin,
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    Checked(form): Checked<TokenForm>,
) -> Result<HttpResponse, WebError> {
    let name = form.name.trim().to_owned();
    let actor = super::actor(admin);
    match form.action.as_str() {
        "create" => {
            let error = match api_tokens::create(&state.db, &name, actor).await? {
                Created::Created(token) => {
                    let created = Some((name, token.expose().to_owned()));
                    let body = tokens_page(
                        page,
                        &state,
                        created,
                        TokenForm::default(),
                        Errors::default(),
                    )
                    .await?;
                    return Ok(ok(body));
                }
                Created::NameTaken => "admin-token-name-taken",
                Created::BadName => "admin-token-name-invalid",
            };
            let errors = Errors::one("name", page.msg(error));
            let body = tokens_page(page, &state, None, form, errors).await?;
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
        "revoke" => {
            let flash = if api_tokens::revoke(&state.db, &name, actor).await? {
                "admin-token-revoked"
            } else {
                "admin-token-not-live"
            };
            Ok(see_other_with(urls::admin_tokens(), flash, &req))
        }
        _ => Err(WebError::BadForm),
    }
}
