//! Time-based one-time passwords (RFC 6238, on HOTP of RFC 4226): HMAC-SHA-1, 6 digits, a
//! step of 30 seconds, and a code of the step before or after accepted too (clocks drift).
//! What authenticator apps compute. Pure: the stored secrets, the replay guard and the
//! recovery codes are in [`super::second_factor`].

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// Seconds of one time step.
pub const STEP_SECS: u64 = 30;
/// Digits of a code.
pub const DIGITS: usize = 6;
/// Steps before and after the current one whose codes are accepted.
pub const DRIFT_STEPS: u64 = 1;
/// Bytes of a secret (160 bits, as RFC 4226 recommends for HMAC-SHA-1).
pub const SECRET_LEN: usize = 20;

/// A shared secret: 20 random bytes. Its `Debug` does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret([u8; SECRET_LEN]);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Secret {
    pub fn generate(rng: &mut impl rand::Rng) -> Secret {
        let mut bytes = [0u8; SECRET_LEN];
        rng.fill(&mut bytes);
        Secret(bytes)
    }

    /// A secret read back from the database (exactly 20 bytes, else `None`).
    pub fn from_bytes(bytes: &[u8]) -> Option<Secret> {
        bytes.try_into().ok().map(Secret)
    }

    /// A secret typed in base32 (spaces and letter case ignored), as an app exports it.
    pub fn from_base32(text: &str) -> Option<Secret> {
        Secret::from_bytes(&base32_decode(text)?)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// RFC 4648 base32 without padding (32 letters and digits): what apps take.
    pub fn to_base32(&self) -> String {
        base32_encode(&self.0)
    }

    /// The base32 form in groups of four, for people who type it.
    pub fn to_base32_grouped(&self) -> String {
        let text = self.to_base32();
        let groups: Vec<&str> = text
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        groups.join(" ")
    }

    /// The `otpauth://` URI an authenticator app reads from the QR code (Key Uri Format):
    /// `issuer` names the site, `account` the person.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        let enc = crate::urls::encode_query;
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
            enc(issuer),
            enc(account),
            self.to_base32(),
            enc(issuer),
        )
    }
}

/// The time step of `unix_secs`.
pub fn step_of(unix_secs: u64) -> u64 {
    unix_secs / STEP_SECS
}

/// The code of time step `step` (HOTP with the step as counter).
pub fn code_of_step(secret: &Secret, step: u64) -> String {
    // A key of any length is accepted by HMAC: this cannot fail.
    let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(&secret.0) else {
        return String::new();
    };
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // Dynamic truncation (RFC 4226, 5.3).
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let binary = (u32::from(digest[offset] & 0x7f) << 24)
        | (u32::from(digest[offset + 1]) << 16)
        | (u32::from(digest[offset + 2]) << 8)
        | u32::from(digest[offset + 3]);
    format!("{:06}", binary % 1_000_000)
}

/// The code an authenticator app shows at `unix_secs` (browser tests and the test helpers
/// compute codes with it).
pub fn code_at(secret: &Secret, unix_secs: u64) -> String {
    code_of_step(secret, step_of(unix_secs))
}

/// The code typed, without the spaces and dashes people put in it, when it looks like one
/// (six digits).
pub fn normalize(code: &str) -> Option<String> {
    let digits: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// The time step whose code `code` is, among the steps around `unix_secs` (the latest one
/// first), compared in constant time; `None` when it is none of them.
pub fn matching_step(secret: &Secret, code: &str, unix_secs: u64) -> Option<u64> {
    let code = normalize(code)?;
    let now = step_of(unix_secs);
    let mut found = None;
    for step in (now.saturating_sub(DRIFT_STEPS)..=now + DRIFT_STEPS).rev() {
        if super::same_secret(&code_of_step(secret, step), &code) && found.is_none() {
            found = Some(step);
        }
    }
    found
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let c = c.to_ascii_uppercase();
        let value = ALPHABET.iter().position(|&a| char::from(a) == c)?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// The QR code of `text` as an inline SVG image (dark modules on white, a quiet zone of
/// four modules), labelled by `label` for screen readers. Only numbers and the escaped
/// label go into it, so it may be written into a page as it is.
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" role=\"img\" \
         viewBox=\"0 0 {size} {size}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\">\
         <title>{label}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>",
        px = size * 5,
        label = crate::art::escape(label),
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The SHA-1 secret of RFC 6238's test vectors (appendix B).
    fn rfc_secret() -> Secret {
        Secret::from_bytes(b"12345678901234567890").unwrap()
    }

    #[test]
    fn codes_are_those_of_rfc_6238() {
        // RFC 6238 gives 8 digits; 6 are their last six (the same truncation, mod 10^6).
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_at(&rfc_secret(), time), eight[2..], "at {time}");
        }
    }

    #[test]
    fn a_code_of_the_step_before_or_after_is_accepted_not_further() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let step = step_of(now);
        assert_eq!(
            matching_step(&secret, &code_at(&secret, now), now),
            Some(step)
        );
        assert_eq!(
            matching_step(&secret, &code_at(&secret, now - 30), now),
            Some(step - 1)
        );
        assert_eq!(
            matching_step(&secret, &code_at(&secret, now + 30), now),
            Some(step + 1)
        );
        assert_eq!(
            matching_step(&secret, &code_at(&secret, now - 60), now),
            None
        );
        assert_eq!(
            matching_step(&secret, &code_at(&secret, now + 60), now),
            None
        );
        let spaced = code_at(&secret, now);
        let spaced = format!("{} {}", &spaced[..3], &spaced[3..]);
        assert_eq!(matching_step(&secret, &spaced, now), Some(step));
        assert_eq!(matching_step(&secret, "12345", now), None);
        assert_eq!(matching_step(&secret, "abcdef", now), None);
    }

    #[test]
    fn base32_reads_back_what_it_writes() {
        assert_eq!(rfc_secret().to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        for _ in 0..20 {
            let secret = Secret::generate(&mut rand::rng());
            assert_eq!(
                Secret::from_base32(&secret.to_base32()),
                Some(secret.clone())
            );
            assert_eq!(
                Secret::from_base32(&secret.to_base32_grouped().to_lowercase()),
                Some(secret)
            );
        }
        assert_eq!(Secret::from_base32("not base32!"), None);
        assert_eq!(format!("{:?}", rfc_secret()), "Secret(..)");
    }

    #[test]
    fn the_uri_names_the_site_and_the_account() {
        let uri = rfc_secret().otpauth_uri("Accolade", "ada@example.com");
        assert_eq!(
            uri,
            "otpauth://totp/Accolade:ada%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=Accolade&algorithm=SHA1&digits=6&period=30"
        );
        let svg = qr_svg(&uri, "QR <code>").unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<title>QR &lt;code&gt;</title>"));
    }
}
