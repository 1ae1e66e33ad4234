//! Who may open the consoles: [`Support`] and [`Admin`] are the extractors of every handler
//! under `/support` and `/admin` ([`StaffMember`], any role, of the staff session page).
//! Anyone else (signed out, a candidate, support on an admin page) gets the site's 404 page,
//! as if the console did not exist.
//!
//! Staff also need their second factor, given in this session less than
//! `ACCOLADE_STAFF_SESSION_MINUTES` ago (60 by default, counted from when it was given,
//! however busy the session): a code of their authenticator app or a recovery code
//! (`/sign-in/second-factor`), or a sign-in through a provider of
//! `ACCOLADE_STAFF_OIDC_PROVIDERS`. Without it, a console sends them to the second-factor
//! page and back (a GET comes back to the same page), or, when they have no factor yet, to
//! the settings section where they set one up. The candidate side of the session stays
//! signed in meanwhile.
//!
//! The role is read from the database on every request, so that a role taken away with
//! `accolade user revoke` is gone at the next click. The session keeps a copy of the roles
//! for the header's console links only (written at sign-in, and whenever a console page or
//! the settings page reads them).

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::{Deserialize, Serialize};

use super::session::signed_in_candidate;
use super::{AppState, WebError};
use crate::accounts::identities;
use crate::audit::Actor;
use crate::auth::StaffPolicy;
use crate::auth::roles::{self, Role, Roles};
use crate::auth::second_factor;
use crate::urls;

/// The session's record of the second factor: who gave it, and when (Unix seconds).
const FACTOR_KEY: &str = "staff_factor";
/// The session's copy of the roles (`Roles::to_text`), for the header.
const ROLES_KEY: &str = "staff_roles";

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct GivenFactor {
    candidate: i64,
    at: u64,
}

fn session_error(e: impl std::fmt::Display) -> WebError {
    WebError::Internal(anyhow::anyhow!("session: {e}"))
}

/// Records that `candidate_id` gave the second factor now; the session gets a new id, as
/// at sign-in, since it now opens more.
pub fn give_factor(session: &Session, candidate_id: i64) -> Result<(), WebError> {
    session.renew();
    let given = GivenFactor {
        candidate: candidate_id,
        at: second_factor::now(),
    };
    session.insert(FACTOR_KEY, given).map_err(session_error)
}

/// Ends the staff session: the consoles ask for the second factor again.
pub fn end_staff_session(session: &Session) {
    session.remove(FACTOR_KEY);
}

/// Forgets what the session knew of staff (another account signs in on it).
pub fn forget(session: &Session) {
    session.remove(FACTOR_KEY);
    session.remove(ROLES_KEY);
}

/// When (Unix seconds) the second factor given on this session by `candidate_id` stops
/// counting, if it still does.
pub fn factor_until(session: &Session, candidate_id: i64, policy: &StaffPolicy) -> Option<u64> {
    let given = session.get::<GivenFactor>(FACTOR_KEY).ok().flatten()?;
    let until = given.at.saturating_add(policy.session.as_secs());
    (given.candidate == candidate_id && second_factor::now() < until).then_some(until)
}

/// Keeps the session's copy of the roles up to date (written only when it changed).
pub fn remember_roles(session: &Session, held: Roles) {
    let text = held.to_text();
    let stored = session.get::<String>(ROLES_KEY).ok().flatten();
    if stored.as_deref().unwrap_or_default() != text {
        if text.is_empty() {
            session.remove(ROLES_KEY);
        } else if let Err(error) = session.insert(ROLES_KEY, text) {
            tracing::warn!(%error, "could not keep the roles in the session");
        }
    }
}

/// The roles the session last saw (for the header's links, never for access).
pub fn remembered_roles(req: &HttpRequest) -> Roles {
    req.get_session()
        .get::<String>(ROLES_KEY)
        .ok()
        .flatten()
        .map_or_else(Roles::default, |text| Roles::from_text(&text))
}

/// The trusted providers (`ACCOLADE_STAFF_OIDC_PROVIDERS`) connected to the account, by name:
/// signing in again with one of them gives the second factor.
pub async fn trusted_providers_of(
    state: &AppState,
    candidate_id: i64,
) -> Result<Vec<String>, WebError> {
    if state.staff.trusted_providers.is_empty() {
        return Ok(Vec::new());
    }
    Ok(identities::connected(&state.db, candidate_id)
        .await?
        .into_iter()
        .map(|c| c.provider)
        .filter(|p| state.staff.trusts(p))
        .collect())
}

/// A member of staff signed in, with the roles they hold and their second factor given.
#[derive(Debug, Clone, Copy)]
pub struct Staff {
    pub id: i64,
    pub roles: Roles,
    /// When the second factor stops counting (Unix seconds).
    pub until: u64,
}

impl Staff {
    /// How the audit log names them.
    pub fn actor(self) -> Actor {
        Actor::Staff(self.id)
    }
}

/// What a console route needs.
#[derive(Debug, Clone, Copy)]
enum Need {
    AnyRole,
    Role(Role),
}

/// The staff signed in on `req` holding what `need` says with their second factor given;
/// 404 without the role, a redirect to give (or set up) the second factor without it.
async fn require(req: &HttpRequest, need: Need) -> Result<Staff, WebError> {
    let id = signed_in_candidate(req).ok_or(WebError::NotFound)?;
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or(WebError::NotFound)?;
    let held = roles::of(&state.db, id).await?;
    let session = req.get_session();
    remember_roles(&session, held);
    let allowed = match need {
        Need::AnyRole => held.any(),
        Need::Role(role) => held.allow(role),
    };
    if !allowed {
        return Err(WebError::NotFound);
    }
    if let Some(until) = factor_until(&session, id, &state.staff) {
        return Ok(Staff {
            id,
            roles: held,
            until,
        });
    }
    let has_factor = second_factor::is_enrolled(&state.db, id).await?
        || !trusted_providers_of(state, id).await?.is_empty();
    if !has_factor {
        return Err(WebError::Redirect(urls::settings_section(
            urls::SECOND_FACTOR_SECTION,
        )));
    }
    // Only a GET is worth coming back to; a form posted meanwhile is lost.
    let next = (req.method() == actix_web::http::Method::GET).then(|| {
        let uri = req.uri();
        uri.path_and_query()
            .map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned())
    });
    Err(WebError::Redirect(urls::second_factor_then(
        next.as_deref().unwrap_or_default(),
    )))
}

macro_rules! staff_extractor {
    ($name:ident, $need:expr, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, Copy)]
        pub struct $name(pub Staff);

        impl FromRequest for $name {
            type Error = WebError;
            type Future = Pin<Box<dyn Future<Output = Result<$name, WebError>>>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let req = req.clone();
                Box::pin(async move { require(&req, $need).await.map($name) })
            }
        }
    };
}

staff_extractor!(
    Support,
    Need::Role(Role::Support),
    "Support staff (or an admin): the extractor of every `/support` handler."
);
staff_extractor!(
    Admin,
    Need::Role(Role::Admin),
    "An admin: the extractor of every `/admin` handler."
);
staff_extractor!(
    StaffMember,
    Need::AnyRole,
    "Staff of any role: the staff session page (`/staff`)."
);
