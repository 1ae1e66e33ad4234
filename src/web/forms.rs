//! What every form shares: the CSRF check, the errors shown next to fields, and the 303
//! redirect with a message for the next page.
//!
//! CSRF uses a double-submit cookie: the `csrf` cookie (HttpOnly, SameSite=Lax, set by the
//! context middleware) and the hidden `csrf` field of every form must match. A site that is
//! not this one can neither read the cookie nor set the field.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use super::WebError;
use super::context::{CSRF_COOKIE, FLASH_COOKIE};

/// A form with a CSRF field.
pub trait CsrfForm {
    fn csrf(&self) -> &str;
}

/// A URL-encoded form whose CSRF field matched the cookie. Use it instead of `web::Form` on
/// every state-changing route.
pub struct Checked<T>(pub T);

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl<T: DeserializeOwned + CsrfForm + 'static> FromRequest for Checked<T> {
    type Error = WebError;
    type Future = LocalBoxFuture<'static, Result<Checked<T>, WebError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let cookie = req.cookie(CSRF_COOKIE).map(|c| c.value().to_owned());
        let form = web::Form::<T>::from_request(req, payload);
        Box::pin(async move {
            let form = form.await.map_err(|_| WebError::BadForm)?.into_inner();
            match cookie {
                Some(cookie) if !cookie.is_empty() && same(&cookie, form.csrf()) => {
                    Ok(Checked(form))
                }
                _ => Err(WebError::Csrf),
            }
        })
    }
}

/// Declares a form struct whose fields are all optional text (a missing field is empty, so a
/// tampered form gets field errors, not a 400) and which carries `csrf`.
#[macro_export]
macro_rules! form {
    ($(#[$meta:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Clone, serde::Deserialize)]
        #[serde(default)]
        pub struct $name {
            pub csrf: String,
            $(pub $field: String,)*
        }
        impl $crate::web::forms::CsrfForm for $name {
            fn csrf(&self) -> &str {
                &self.csrf
            }
        }
    };
}

/// Messages next to fields, already localized.
#[derive(Debug, Default, Clone)]
pub struct Errors(Vec<(&'static str, String)>);

impl Errors {
    pub fn add(&mut self, field: &'static str, message: String) {
        self.0.push((field, message));
    }

    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every message, for the summary at the top of a form.
    pub fn all(&self) -> impl Iterator<Item = &(&'static str, String)> {
        self.0.iter()
    }
}

/// 303 to `location`.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// 303 to `location`, which will show the message `flash_id` once.
pub fn see_other_with(location: &str, flash_id: &'static str, req: &HttpRequest) -> HttpResponse {
    let secure = req.connection_info().scheme() == "https";
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .cookie(
            Cookie::build(FLASH_COOKIE, flash_id)
                .path("/")
                .same_site(SameSite::Lax)
                .http_only(true)
                .secure(secure)
                .finish(),
        )
        .finish()
}

/// A rendered page with a status.
pub fn html(status: actix_web::http::StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body)
}

/// 200 with a rendered page.
pub fn ok(body: String) -> HttpResponse {
    html(actix_web::http::StatusCode::OK, body)
}
