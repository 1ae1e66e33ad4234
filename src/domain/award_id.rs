//! Award identifiers: public, stable, unguessable.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng;

/// 128 random bits, URL-safe base64 (22 characters). Never sequential, never guessable:
/// the id is all a recruiter needs to open a badge page, so it must not be enumerable.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AwardId(String);

impl AwardId {
    pub fn generate(rng: &mut impl Rng) -> Self {
        let bytes: [u8; 16] = rng.random();
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Accepts what `generate` makes (and longer ids of the same alphabet), nothing else.
    pub fn parse(input: &str) -> Option<Self> {
        let valid = (22..=64).contains(&input.len())
            && input
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        valid.then(|| Self(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for AwardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_are_22_url_safe_characters_and_differ() {
        let mut rng = rand::rng();
        let a = AwardId::generate(&mut rng);
        let b = AwardId::generate(&mut rng);
        assert_eq!(a.as_str().len(), 22);
        assert_ne!(a, b);
        assert_eq!(AwardId::parse(a.as_str()), Some(a));
    }

    #[test]
    fn short_or_foreign_ids_are_refused() {
        assert!(AwardId::parse("42").is_none());
        assert!(AwardId::parse("../../etc/passwd/aaaaaaaaaaaa").is_none());
    }
}
