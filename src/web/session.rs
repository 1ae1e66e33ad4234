//! Who is signed in: the session (stored in PostgreSQL by `auth::PgSessionStore`) holds the
//! candidate's id. `SignedIn` is the extractor of every page that needs an account.

use std::future::{Ready, ready};

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use super::{AppState, WebError};
use crate::accounts::{self, Account};
use crate::auth::session_store::CANDIDATE_KEY;
use crate::urls;

/// The candidate signed in on this request, if any.
pub fn signed_in_candidate(req: &HttpRequest) -> Option<i64> {
    req.get_session().get::<i64>(CANDIDATE_KEY).ok().flatten()
}

/// A signed-in candidate. Without one, the request is sent to the sign-in page, which comes
/// back to the page asked for.
#[derive(Debug, Clone, Copy)]
pub struct SignedIn(pub i64);

impl SignedIn {
    pub fn id(self) -> i64 {
        self.0
    }

    /// The signed-in account; one deleted meanwhile (from another session) is not found.
    pub async fn account(self, state: &AppState) -> Result<Account, WebError> {
        accounts::get(&state.db, self.id())
            .await?
            .ok_or(WebError::NotFound)
    }
}

impl FromRequest for SignedIn {
    type Error = WebError;
    type Future = Ready<Result<SignedIn, WebError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match signed_in_candidate(req) {
            Some(id) => Ok(SignedIn(id)),
            None => {
                // Only a GET is worth coming back to; a form posted while signed out is lost.
                let next = if req.method() == actix_web::http::Method::GET {
                    let uri = req.uri();
                    uri.path_and_query()
                        .map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned())
                } else {
                    urls::wallet().to_owned()
                };
                Err(WebError::SignInRequired(next))
            }
        })
    }
}

/// The session's key of its CSRF token.
const CSRF_KEY: &str = "csrf";

/// The CSRF token of a signed-in session. Forms of a signed-in candidate must carry this
/// one, which lives on the server, rather than the `csrf` cookie's, which a sibling
/// subdomain could plant.
pub fn csrf_token(req: &HttpRequest) -> Option<String> {
    req.get_session()
        .get::<String>(CSRF_KEY)
        .ok()
        .flatten()
        .filter(|t| !t.is_empty())
}

/// Signs `candidate_id` in: a new session id (so a session fixed before sign-in is useless)
/// and a new CSRF token bound to it.
pub fn sign_in(session: &Session, candidate_id: i64) -> Result<(), WebError> {
    session.renew();
    super::staff::forget(session);
    let error = |e| WebError::Internal(anyhow::anyhow!("session: {e}"));
    session.insert(CANDIDATE_KEY, candidate_id).map_err(error)?;
    let token = crate::domain::SecretToken::generate(&mut rand::rng());
    session
        .insert(CSRF_KEY, token.expose().to_owned())
        .map_err(error)?;
    Ok(())
}

/// A path of this site to go to after signing in; anything else (another host, a scheme,
/// `//host`, a backslash trick) becomes `None`.
pub fn safe_next(next: &str) -> Option<String> {
    let next = next.trim();
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.len() <= 1000
        && !next.chars().any(|c| c.is_control() || c == '\\');
    ok.then(|| next.to_owned())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        assert_eq!(
            safe_next("/claim/abc?x=1").as_deref(),
            Some("/claim/abc?x=1")
        );
        assert_eq!(safe_next("/wallet").as_deref(), Some("/wallet"));
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "javascript:alert(1)",
            "",
            "wallet",
            "/a\nb",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
