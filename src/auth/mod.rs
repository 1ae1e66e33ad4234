//! Signing in: passwords, the PostgreSQL session store, sign-in throttling and OpenID
//! Connect providers. The pages that use them are in `web::accounts`.

pub mod oidc;
pub mod password;
pub mod session_store;
pub mod throttle;

pub use session_store::{PgSessionStore, SessionLimits};
pub use throttle::ThrottleLimits;
