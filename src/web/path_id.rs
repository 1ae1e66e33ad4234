//! The id in the path of a page (`/wallet/{award_id}`, `/settings/emails/{id}/remove`,
//! `/dev/mail/{id}`), parsed by its extractor. A path whose id cannot be one names nothing,
//! and answers the 404 page as an id that names nothing does.

use std::future::{Ready, ready};
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use super::WebError;
use crate::domain::AwardId;

/// What can be the id of a path.
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

/// The id of the path (the one parameter of its route), parsed.
#[derive(Debug, Clone)]
pub struct PathId<T>(pub T);

impl<T> Deref for PathId<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: FromPath> FromRequest for PathId<T> {
    type Error = WebError;
    type Future = Ready<Result<PathId<T>, WebError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let id = req
            .match_info()
            .iter()
            .next()
            .and_then(|(_, raw)| T::from_path(raw));
        ready(id.map(PathId).ok_or(WebError::NotFound))
    }
}
