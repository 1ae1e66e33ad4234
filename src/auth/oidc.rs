//! OpenID Connect sign-in providers, configured by environment.

/// A configured sign-in provider.
#[derive(Debug, Clone)]
pub struct Provider {
    /// In URLs: `/auth/{name}`.
    pub name: String,
    /// Shown on buttons: "Sign in with {label}".
    pub label: String,
}
