//! What the path of a page names (`/wallet/{award_id}`, `/settings/emails/{id}/remove`,
//! `/claim/{token}`), parsed by its extractor. A path whose id cannot be one names nothing,
//! and answers the 404 page as an id that names nothing does.

use std::future::{Ready, ready};
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use super::WebError;
use crate::domain::{AwardId, SecretToken};

/// What a path can name.
pub trait FromPath: Sized {
    fn from_path(raw: &str) -> Option<Self>;
}

/// A row's number: an address, a message of the development mailbox.
impl FromPath for i64 {
    fn from_path(raw: &str) -> Option<i64> {
        raw.parse().ok()
    }
}

impl FromPath for AwardId {
    fn from_path(raw: &str) -> Option<AwardId> {
        AwardId::parse(raw)
    }
}

/// The token of a link from an email, as presented: whether it names anything is the
/// handler's to find out.
impl FromPath for SecretToken {
    fn from_path(raw: &str) -> Option<SecretToken> {
        Some(SecretToken::from_presented(raw))
    }
}

/// What the path names (the one parameter of its route), parsed.
#[derive(Debug, Clone)]
pub struct InPath<T>(pub T);

impl<T> Deref for InPath<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: FromPath> FromRequest for InPath<T> {
    type Error = WebError;
    type Future = Ready<Result<InPath<T>, WebError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let id = req
            .match_info()
            .iter()
            .next()
            .and_then(|(_, raw)| T::from_path(raw));
        ready(id.map(InPath).ok_or(WebError::NotFound))
    }
}
