//! Email addresses as the program compares them.

use std::fmt;

use super::text::{Lines, is_storable};

/// A syntactically valid email address, kept in lower case: the program treats
/// `Raj.Patel@Example.com` and `raj.patel@example.com` as one address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the address is empty")]
    Empty,
    #[error("the address is too long")]
    TooLong,
    #[error("the address is not valid")]
    Invalid,
}

impl EmailAddress {
    /// The longest address SMTP can carry (RFC 5321: 254 octets in a path).
    pub const MAX_LEN: usize = 254;

    /// Parses an address (RFC 5322 addr-spec, with the UTF-8 of RFC 6531), without display
    /// text, with a domain of at least two labels, and without control characters (the
    /// parser takes any non-ASCII character, so C1 controls such as U+0085 would pass, and a
    /// tab in a quoted local part too).
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.len() > Self::MAX_LEN {
            return Err(EmailError::TooLong);
        }
        if !is_storable(trimmed, Lines::Single) {
            return Err(EmailError::Invalid);
        }
        let options = email_address::Options::default()
            .with_required_tld()
            .without_domain_literal()
            .without_display_text();
        email_address::EmailAddress::parse_with_options(trimmed, options)
            .map(|parsed| Self(parsed.email().to_lowercase()))
            .map_err(|_| EmailError::Invalid)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address with most of its local part hidden, for logs: `c***@example.org`.
    pub fn masked(&self) -> String {
        match self.0.split_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}***@{domain}")
            }
            None => "***".to_owned(),
        }
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_case_is_folded() {
        let a = EmailAddress::parse("Raj.Patel@Example.com").unwrap();
        let b = EmailAddress::parse("raj.patel@example.com").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "raj.patel@example.com");
    }

    #[test]
    fn non_ascii_and_apostrophes_are_valid() {
        assert!(EmailAddress::parse("zoë.lefèvre@example.fr").is_ok());
        assert!(EmailAddress::parse("o'brien.siobhan@example.ie").is_ok());
    }

    #[test]
    fn markup_missing_at_and_display_text_are_refused() {
        for bad in [
            "not-an-email",
            "<script>alert(1)</script>@example.com",
            "Raj <raj@example.com>",
            "raj@localhost",
            "raj@[127.0.0.1]",
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(EmailError::Invalid), "{bad}");
        }
        assert_eq!(EmailAddress::parse("  "), Err(EmailError::Empty));
    }

    #[test]
    fn control_characters_are_refused_even_where_the_parser_would_take_them() {
        for bad in [
            "ra\u{85}j@example.com",
            "raj@exa\u{85}mple.com",
            "\"ra\tj\"@example.com",
            "raj\u{0}@example.com",
            "raj@example.com\u{9b}",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(EmailError::Invalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn masking_keeps_the_domain_only() {
        let a = EmailAddress::parse("camille.durand@example.org").unwrap();
        assert_eq!(a.masked(), "c***@example.org");
    }
}
