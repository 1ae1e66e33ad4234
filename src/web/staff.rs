//! Who may open the consoles: [`Support`] and [`Admin`] are the extractors of every handler
//! under `/support` and `/admin`. Anyone else (signed out, a candidate, support on an admin
//! page) gets the site's 404 page, as if the console did not exist.
//!
//! The role is read from the database on every request, so that a role taken away with
//! `accolade user revoke` is gone at the next click.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use super::session::signed_in_candidate;
use super::{AppState, WebError};
use crate::audit::Actor;
use crate::auth::roles::{self, Role, Roles};

/// A member of staff signed in, with the roles they hold.
#[derive(Debug, Clone, Copy)]
pub struct Staff {
    pub id: i64,
    pub roles: Roles,
}

impl Staff {
    /// How the audit log names them.
    pub fn actor(self) -> Actor {
        Actor::Staff(self.id)
    }
}

/// The staff signed in on `req` holding `role`, or 404.
async fn require(req: &HttpRequest, role: Role) -> Result<Staff, WebError> {
    let id = signed_in_candidate(req).ok_or(WebError::NotFound)?;
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or(WebError::NotFound)?;
    let held = roles::of(&state.db, id).await?;
    if !held.allow(role) {
        return Err(WebError::NotFound);
    }
    Ok(Staff { id, roles: held })
}

macro_rules! staff_extractor {
    ($name:ident, $role:expr, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, Copy)]
        pub struct $name(pub Staff);

        impl FromRequest for $name {
            type Error = WebError;
            type Future = Pin<Box<dyn Future<Output = Result<$name, WebError>>>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let req = req.clone();
                Box::pin(async move { require(&req, $role).await.map($name) })
            }
        }
    };
}

staff_extractor!(
    Support,
    Role::Support,
    "Support staff (or an admin): the extractor of every `/support` handler."
);
staff_extractor!(
    Admin,
    Role::Admin,
    "An admin: the extractor of every `/admin` handler."
);
