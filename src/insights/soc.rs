//! Occupation codes of the Standard Occupational Classification (SOC 2018), `NN-NNNN`.

use std::fmt;

/// A SOC code as the catalog, the wage data and job postings write it: two digits, a dash,
/// four digits (`15-1244`). The OEWS data writes it without the dash (`151244`):
/// [`SocCode::from_digits`] reads that form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SocCode(String);

impl SocCode {
    /// `NN-NNNN`, nothing else (no spaces, no other separator).
    pub fn parse(input: &str) -> Option<Self> {
        let bytes = input.as_bytes();
        let valid = bytes.len() == 7
            && bytes[2] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 2 || b.is_ascii_digit());
        valid.then(|| Self(input.to_owned()))
    }

    /// The six digits of the OEWS series (`151244`) as `15-1244`.
    pub fn from_digits(digits: &str) -> Option<Self> {
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Self(format!("{}-{}", &digits[..2], &digits[2..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SocCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_two_digits_a_dash_and_four_digits_are_a_code() {
        assert_eq!(SocCode::parse("15-1244").unwrap().as_str(), "15-1244");
        for bad in [
            "151244",
            "15-124",
            "15-12445",
            "15–1244",
            " 15-1244",
            "1a-1244",
            "",
        ] {
            assert_eq!(SocCode::parse(bad), None, "{bad:?}");
        }
        assert_eq!(SocCode::from_digits("151244"), SocCode::parse("15-1244"));
        assert_eq!(SocCode::from_digits("15124"), None);
        assert_eq!(SocCode::from_digits("15-124"), None);
    }
}
