//! Signing in: passwords, the PostgreSQL session store, sign-in throttling, OpenID Connect
//! providers, the staff's second factor (`totp`, `second_factor`) and the tokens of the
//! results API. The pages that use them are in `web::accounts`.

pub mod api_tokens;
pub mod oidc;
pub mod password;
pub mod roles;
pub mod second_factor;
pub mod session_store;
pub mod throttle;
pub mod totp;

pub use session_store::{PgSessionStore, SessionLimits};
pub use throttle::ThrottleLimits;

/// Compares two secrets (tokens, states) in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
