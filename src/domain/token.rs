//! Secret tokens (claim links, API tokens): random, shown once, stored only as a hash.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe. The database keeps only [`SecretToken::hash`].
#[derive(Clone, PartialEq, Eq)]
pub struct SecretToken(String);

impl SecretToken {
    pub fn generate(rng: &mut impl Rng) -> Self {
        let bytes: [u8; 32] = rng.random();
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Wraps a token received from outside (a URL, a header) so that it can be hashed.
    pub fn from_presented(value: &str) -> Self {
        Self(value.trim().to_owned())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Another token of 256 bits computed from this one and `context` (different contexts
    /// give unrelated tokens; neither the derived token nor its hash reveals this one). A
    /// reminder keeps one secret and derives the claim link of each badge it lists from it.
    pub fn derive(&self, context: &str) -> Self {
        let mut digest = Sha256::new();
        digest.update(b"accolade derived token\0");
        // Length-prefixed, so no two (secret, context) pairs hash the same bytes.
        digest.update((self.0.len() as u64).to_be_bytes());
        digest.update(self.0.as_bytes());
        digest.update(context.as_bytes());
        Self(URL_SAFE_NO_PAD.encode(digest.finalize()))
    }

    /// Hex SHA-256: tokens carry 256 random bits, so a fast hash is enough.
    pub fn hash(&self) -> String {
        hash_hex(self.0.as_bytes())
    }
}

impl std::fmt::Debug for SecretToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretToken(..)")
    }
}

pub fn hash_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_and_its_presented_copy_hash_alike() {
        let token = SecretToken::generate(&mut rand::rng());
        assert_eq!(token.expose().len(), 43);
        assert_eq!(
            SecretToken::from_presented(token.expose()).hash(),
            token.hash()
        );
        assert_eq!(token.hash().len(), 64);
        assert_eq!(format!("{token:?}"), "SecretToken(..)");
    }

    #[test]
    fn derived_tokens_are_stable_distinct_and_shaped_like_generated_ones() {
        let token = SecretToken::generate(&mut rand::rng());
        let a = token.derive("award-a");
        assert_eq!(a, token.derive("award-a"));
        assert_ne!(a, token.derive("award-b"));
        assert_ne!(a, token);
        assert_eq!(a.expose().len(), 43);
        assert_ne!(SecretToken::generate(&mut rand::rng()).derive("award-a"), a);
    }
}
