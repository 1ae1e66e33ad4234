//! OpenID Connect sign-in providers (the `openidconnect` crate, built on `oauth2`):
//! authorization code with PKCE (S256), `state` and `nonce` checked, the ID token's signature,
//! issuer, audience and expiry verified against the provider's published keys.
//!
//! Providers come from the environment: `ACCOLADE_OIDC_PROVIDERS=microsoft,google,acme`,
//! then for each `ACCOLADE_OIDC_<NAME>_CLIENT_ID` and `_CLIENT_SECRET`. `microsoft` and
//! `google` are presets; any other name needs `_ISSUER` (its discovery document is read from
//! `<issuer>/.well-known/openid-configuration`) and may set `_LABEL`.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::Context;
use openidconnect::core::{CoreClient, CoreProviderMetadata, CoreResponseType};
use openidconnect::{
    AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

use crate::domain::EmailAddress;
use crate::domain::text::{Lines, is_storable};
use crate::urls::{self, PublicUrl};

/// Personal Microsoft accounts (outlook.com, hotmail.com, ...): the preset's default tenant.
pub const MICROSOFT_CONSUMERS_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// How one provider is configured.
#[derive(Clone)]
pub struct ProviderConfig {
    /// In URLs: `/auth/{name}`; lower-case letters, digits, `-` and `_`.
    pub name: String,
    /// On buttons: "Sign in with {label}".
    pub label: String,
    /// The issuer, exactly as its discovery document states it.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Take the `email` claim as verified even without `email_verified` (Microsoft's personal
    /// accounts verify addresses but do not send the claim).
    pub trust_email: bool,
}

impl std::fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("name", &self.name)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish_non_exhaustive()
    }
}

impl ProviderConfig {
    /// Reads `ACCOLADE_OIDC_PROVIDERS` and each provider's variables through `var`.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<Vec<ProviderConfig>> {
        let Some(list) = var("ACCOLADE_OIDC_PROVIDERS") else {
            return Ok(Vec::new());
        };
        let mut providers = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let name = name.to_lowercase();
            anyhow::ensure!(
                name.len() <= 40
                    && name.bytes().all(|b| b.is_ascii_lowercase()
                        || b.is_ascii_digit()
                        || b == b'-'
                        || b == b'_'),
                "ACCOLADE_OIDC_PROVIDERS: {name:?} is not a valid provider name"
            );
            let key = |suffix: &str| {
                format!(
                    "ACCOLADE_OIDC_{}_{suffix}",
                    name.to_uppercase().replace('-', "_")
                )
            };
            let required = |suffix: &str| {
                var(&key(suffix)).with_context(|| format!("{} is not set", key(suffix)))
            };
            let client_id = required("CLIENT_ID")?;
            let client_secret = required("CLIENT_SECRET")?;
            let (issuer, label, trust_email) = match name.as_str() {
                "microsoft" => {
                    let tenant = var(&key("TENANT"))
                        .unwrap_or_else(|| MICROSOFT_CONSUMERS_TENANT.to_owned());
                    let trust = tenant == MICROSOFT_CONSUMERS_TENANT;
                    (
                        format!("https://login.microsoftonline.com/{tenant}/v2.0"),
                        "Microsoft".to_owned(),
                        trust,
                    )
                }
                "google" => (
                    "https://accounts.google.com".to_owned(),
                    "Google".to_owned(),
                    false,
                ),
                _ => (required("ISSUER")?, name.clone(), false),
            };
            providers.push(ProviderConfig {
                label: var(&key("LABEL")).unwrap_or(label),
                issuer: var(&key("ISSUER")).unwrap_or(issuer),
                trust_email: var(&key("TRUST_EMAIL")).map_or(trust_email, |v| v == "true"),
                name,
                client_id,
                client_secret,
            });
        }
        Ok(providers)
    }
}

/// What the session keeps between the redirect to the provider and its callback.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    pub provider: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// Where to go afterwards (a path of this site).
    pub next: Option<String>,
    /// Connecting the provider to the signed-in account (from settings), not signing in.
    pub connect: bool,
}

/// What a provider vouched for.
#[derive(Debug, Clone)]
pub struct Identity {
    pub subject: String,
    /// Only when the provider says it is verified (or is trusted to).
    pub verified_email: Option<EmailAddress>,
    pub name: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be reached or answered something unusable.
    #[error("provider unavailable: {0:#}")]
    Unavailable(anyhow::Error),
    /// The callback does not match what we sent (state, provider), or the token is invalid.
    #[error("sign-in refused: {0}")]
    Refused(String),
}

/// Discovery documents (with the keys) are fetched once an hour at most.
const METADATA_TTL: Duration = Duration::from_secs(3600);

/// The configured providers and what they published.
pub struct Providers {
    configs: Vec<ProviderConfig>,
    /// This site's address, for the redirect URI.
    public_url: PublicUrl,
    http: openidconnect::reqwest::Client,
    metadata: RwLock<HashMap<String, (CoreProviderMetadata, Instant)>>,
}

impl Providers {
    pub fn new(configs: Vec<ProviderConfig>, public_url: PublicUrl) -> anyhow::Result<Providers> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Following redirects would open the door to SSRF (openidconnect's advice).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Providers {
            configs,
            public_url,
            http,
            metadata: RwLock::new(HashMap::new()),
        })
    }

    pub fn all(&self) -> &[ProviderConfig] {
        &self.configs
    }

    pub fn get(&self, name: &str) -> Option<&ProviderConfig> {
        self.configs.iter().find(|p| p.name == name)
    }

    fn redirect_url(&self, provider: &ProviderConfig) -> Result<RedirectUrl, OidcError> {
        RedirectUrl::new(
            self.public_url
                .absolute(&urls::provider_callback(&provider.name)),
        )
        .map_err(|e| OidcError::Unavailable(e.into()))
    }

    async fn metadata(&self, provider: &ProviderConfig) -> Result<CoreProviderMetadata, OidcError> {
        if let Some((metadata, at)) = self.metadata.read().await.get(&provider.name)
            && at.elapsed() < METADATA_TTL
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(provider.issuer.clone())
            .map_err(|e| OidcError::Unavailable(e.into()))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| OidcError::Unavailable(anyhow::Error::new(e).context("discovery")))?;
        self.metadata
            .write()
            .await
            .insert(provider.name.clone(), (metadata.clone(), Instant::now()));
        Ok(metadata)
    }

    /// The client of `provider`, from its (cached) discovery document.
    async fn client(
        &self,
        provider: &ProviderConfig,
    ) -> Result<
        CoreClient<
            EndpointSet,
            EndpointNotSet,
            EndpointNotSet,
            EndpointNotSet,
            EndpointMaybeSet,
            EndpointMaybeSet,
        >,
        OidcError,
    > {
        let metadata = self.metadata(provider).await?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(provider.client_id.clone()),
            Some(ClientSecret::new(provider.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect_url(provider)?))
    }

    /// The URL to send the browser to, and what to keep until it comes back.
    pub async fn begin(
        &self,
        provider: &ProviderConfig,
        next: Option<String>,
        connect: bool,
    ) -> Result<(String, Pending), OidcError> {
        let client = self.client(provider).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok((
            url.to_string(),
            Pending {
                provider: provider.name.clone(),
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                next,
                connect,
            },
        ))
    }

    /// Checks the callback against `pending`, exchanges the code and verifies the ID token.
    pub async fn finish(
        &self,
        provider: &ProviderConfig,
        pending: Pending,
        code: &str,
        state: &str,
    ) -> Result<Identity, OidcError> {
        if pending.provider != provider.name || !super::same_secret(&pending.state, state) {
            return Err(OidcError::Refused("state does not match".into()));
        }
        let client = self.client(provider).await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| OidcError::Unavailable(e.into()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Refused(format!("token exchange: {e}")))?;
        let id_token = response
            .id_token()
            .ok_or_else(|| OidcError::Refused("no ID token".into()))?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(pending.nonce))
            .map_err(|e| OidcError::Refused(format!("ID token: {e}")))?;
        let verified = claims.email_verified().unwrap_or(provider.trust_email);
        let verified_email = claims
            .email()
            .filter(|_| verified)
            .and_then(|e| EmailAddress::parse(e.as_str()).ok());
        let name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().trim().to_owned())
            .filter(|n| !n.is_empty() && is_storable(n, Lines::Single));
        // The subject is stored (1 to 255 characters of text): anything else is refused
        // rather than failing in the database.
        let subject = claims.subject().as_str();
        if subject.is_empty() || subject.len() > 255 || !is_storable(subject, Lines::Single) {
            return Err(OidcError::Refused("the subject cannot be stored".into()));
        }
        Ok(Identity {
            subject: subject.to_owned(),
            verified_email,
            name,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn presets_and_custom_issuers_come_from_the_environment() {
        let providers = ProviderConfig::from_env(env(&[
            ("ACCOLADE_OIDC_PROVIDERS", "microsoft, google,acme-sso"),
            ("ACCOLADE_OIDC_MICROSOFT_CLIENT_ID", "ms-id"),
            ("ACCOLADE_OIDC_MICROSOFT_CLIENT_SECRET", "ms-secret"),
            ("ACCOLADE_OIDC_GOOGLE_CLIENT_ID", "g-id"),
            ("ACCOLADE_OIDC_GOOGLE_CLIENT_SECRET", "g-secret"),
            ("ACCOLADE_OIDC_ACME_SSO_CLIENT_ID", "a-id"),
            ("ACCOLADE_OIDC_ACME_SSO_CLIENT_SECRET", "a-secret"),
            ("ACCOLADE_OIDC_ACME_SSO_ISSUER", "https://sso.acme.example"),
            ("ACCOLADE_OIDC_ACME_SSO_LABEL", "Acme"),
        ]))
        .unwrap();
        assert_eq!(providers.len(), 3);
        assert_eq!(
            providers[0].issuer,
            format!("https://login.microsoftonline.com/{MICROSOFT_CONSUMERS_TENANT}/v2.0")
        );
        assert!(providers[0].trust_email);
        assert_eq!(providers[1].issuer, "https://accounts.google.com");
        assert!(!providers[1].trust_email);
        assert_eq!(providers[2].name, "acme-sso");
        assert_eq!(providers[2].label, "Acme");
        assert_eq!(providers[2].issuer, "https://sso.acme.example");
    }

    #[test]
    fn a_missing_secret_or_issuer_is_an_error() {
        let missing_secret = ProviderConfig::from_env(env(&[
            ("ACCOLADE_OIDC_PROVIDERS", "google"),
            ("ACCOLADE_OIDC_GOOGLE_CLIENT_ID", "g-id"),
        ]));
        assert!(
            missing_secret
                .unwrap_err()
                .to_string()
                .contains("CLIENT_SECRET")
        );
        let missing_issuer = ProviderConfig::from_env(env(&[
            ("ACCOLADE_OIDC_PROVIDERS", "acme"),
            ("ACCOLADE_OIDC_ACME_CLIENT_ID", "a"),
            ("ACCOLADE_OIDC_ACME_CLIENT_SECRET", "b"),
        ]));
        assert!(missing_issuer.unwrap_err().to_string().contains("ISSUER"));
        assert!(ProviderConfig::from_env(env(&[])).unwrap().is_empty());
        let bad = ProviderConfig::from_env(env(&[("ACCOLADE_OIDC_PROVIDERS", "bad/name")]));
        assert!(bad.is_err());
    }

    #[test]
    fn a_microsoft_organization_tenant_needs_a_verified_email_claim() {
        let providers = ProviderConfig::from_env(env(&[
            ("ACCOLADE_OIDC_PROVIDERS", "microsoft"),
            ("ACCOLADE_OIDC_MICROSOFT_CLIENT_ID", "a"),
            ("ACCOLADE_OIDC_MICROSOFT_CLIENT_SECRET", "b"),
            ("ACCOLADE_OIDC_MICROSOFT_TENANT", "contoso.onmicrosoft.com"),
        ]))
        .unwrap();
        assert!(!providers[0].trust_email);
        assert!(providers[0].issuer.contains("contoso.onmicrosoft.com"));
    }
}
