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

/// What the consoles ask of staff beyond a password.
#[derive(Debug, Clone, Default)]
pub struct StaffPolicy {
    /// The second factor lasts this long; then the consoles ask for it again.
    pub session: std::time::Duration,
    /// Sign-in providers whose sign-in counts as the second factor.
    pub trusted_providers: Vec<String>,
}

impl StaffPolicy {
    pub fn trusts(&self, provider: &str) -> bool {
        self.trusted_providers.iter().any(|p| p == provider)
    }
}

/// Compares two secrets (tokens, states) in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
