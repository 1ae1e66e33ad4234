//! The verification tool's side of hosted verification: what a visitor gives it (a badge
//! link, or a baked image) read into the id of an award of this site, the award looked up
//! by that id, and the verdict.
//!
//! The rules:
//! - A link counts only if its origin is this site's [`PublicUrl`] (scheme, host and port;
//!   a path of this site without a host counts too), read as a browser reads it:
//!   `https://site@evil.example/…` is on `evil.example`, `//evil.example/…` too, and a
//!   backslash is a slash. It must be one of the URLs of an award: its public page, its
//!   baked images, its share preview or its assertion. A link to another site is answered
//!   plainly ([`Problem::OtherSite`]), never fetched: the server fetches nothing a visitor
//!   gives it.
//! - An image is a PNG (by its signature) or an SVG (by its first element), whatever its
//!   name says. Its baked content is the assertion JSON, or the bare URL of the assertion as
//!   Open Badges allows (in an SVG, the `verify` attribute may carry it); the assertion's
//!   `id` must be this site's assertion URL of an award.
//! - The hosted assertion is the source of truth: the award is read from the database
//!   (`awards::public_badge`), and a baked recipient that differs from it means the image
//!   was altered ([`Problem::Altered`]).
//! - A private, pending, declined or unknown award is [`Problem::NotFound`], the same
//!   answer for each.
//! - Whatever the input, the answer is a value: a verdict or a [`Problem`], never a panic.

use chrono::NaiveDate;
use sqlx::PgPool;

use super::verify::{Check, Outcome, Verdict, verdict};
use super::{png, svg};
use crate::awards::{self, PublicBadge};
use crate::domain::AwardId;
use crate::urls::PublicUrl;

/// The 1EdTech validator, for badges this site does not host.
pub const VALIDATOR: &str = "https://openbadgesvalidator.imsglobal.org/";

/// The longest link read (browsers and servers rarely take more).
const MAX_LINK: usize = 2048;

/// The longest host named back to the visitor.
const MAX_HOST: usize = 100;

/// Which URL of an award a link is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Address {
    Page,
    Assertion,
    Png,
    Svg,
    Preview,
}

/// What a visitor gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Link,
    Png,
    Svg,
}

/// Why there is no verdict. Each has a message ([`Problem::message_id`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("neither a link nor an image was given")]
    Nothing,
    #[error("both a link and an image were given")]
    Both,
    #[error("the link is not a web address")]
    NotAUrl,
    /// A link, or the id of a baked assertion, of another site (its host when it has one).
    #[error("the badge is not hosted here")]
    OtherSite { host: Option<String> },
    #[error("the link is on this site but names no badge")]
    NotABadgeAddress,
    /// No public award has this id: unknown, private, pending and declined alike.
    #[error("no such badge")]
    NotFound,
    #[error("the file is larger than the limit")]
    TooLarge,
    #[error("the file is neither a PNG nor an SVG image")]
    NotAnImage,
    #[error("the image cannot be read")]
    UnreadableImage,
    #[error("the image carries no badge")]
    NotBaked,
    #[error("the image carries more than one badge")]
    SeveralBadges,
    #[error("the badge in the image cannot be read")]
    Malformed,
    /// An SVG whose `verify` attribute names another assertion than its JSON.
    #[error("the image names two different badges")]
    Inconsistent,
    /// The baked recipient is not the hosted one: the image was changed.
    #[error("the image's recipient is not the badge's")]
    Altered { award: AwardId },
    /// As many images as allowed are being read: try again shortly.
    #[error("too many images are being read at once")]
    Busy,
}

/// Images read at once, at most: each may take [`super::png`]'s decoding limit in memory and
/// a blocking thread, so many uploads at the same moment wait their turn or are refused.
fn readers() -> &'static std::sync::Arc<tokio::sync::Semaphore> {
    static READERS: std::sync::OnceLock<std::sync::Arc<tokio::sync::Semaphore>> =
        std::sync::OnceLock::new();
    READERS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        std::sync::Arc::new(tokio::sync::Semaphore::new(cores * 2))
    })
}

impl Problem {
    /// The Fluent id of its message (`locales/*/verify.ftl`).
    pub fn message_id(&self) -> &'static str {
        match self {
            Problem::Nothing => "verify-problem-nothing",
            Problem::Both => "verify-problem-both",
            Problem::NotAUrl => "verify-problem-not-a-url",
            Problem::OtherSite { host: Some(_) } => "verify-problem-other-site",
            Problem::OtherSite { host: None } => "verify-problem-not-hosted",
            Problem::NotABadgeAddress => "verify-problem-not-a-badge-address",
            Problem::NotFound => "verify-problem-not-found",
            Problem::TooLarge => "verify-problem-too-large",
            Problem::NotAnImage => "verify-problem-not-an-image",
            Problem::Busy => "verify-problem-busy",
            Problem::UnreadableImage => "verify-problem-unreadable-image",
            Problem::NotBaked => "verify-problem-not-baked",
            Problem::SeveralBadges => "verify-problem-several-badges",
            Problem::Malformed => "verify-problem-malformed",
            Problem::Inconsistent => "verify-problem-inconsistent",
            Problem::Altered { .. } => "verify-problem-altered",
        }
    }
}

/// What a visitor gave: a link, or the bytes of an image.
#[derive(Debug, Clone)]
pub enum Evidence {
    Link(String),
    Image(Vec<u8>),
}

/// A verdict on an award of this site.
#[derive(Debug, Clone)]
pub struct Verified {
    pub badge: PublicBadge,
    pub verdict: Verdict,
    pub source: Source,
}

/// The one-line summary of a verdict, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summary {
    Revoked,
    Expired,
    /// Current, but the typed address is not the recipient's.
    NotTheRecipient,
    /// Current, and issued to the typed address.
    ValidForRecipient,
    Valid,
}

impl Summary {
    pub fn of(verdict: &Verdict) -> Summary {
        let outcome = |check: Check| {
            verdict
                .checks
                .iter()
                .find(|(c, _)| *c == check)
                .map(|(_, outcome)| *outcome)
        };
        if verdict.standing.is_revoked() {
            Summary::Revoked
        } else if verdict.standing.is_expired() {
            Summary::Expired
        } else {
            match outcome(Check::Recipient) {
                Some(Outcome::Failed) => Summary::NotTheRecipient,
                Some(Outcome::Passed) => Summary::ValidForRecipient,
                _ => Summary::Valid,
            }
        }
    }

    pub fn is_good(self) -> bool {
        matches!(self, Summary::Valid | Summary::ValidForRecipient)
    }
}

/// Verifies `evidence` on `today`, checking `address` (already a valid address) against the
/// recipient when given.
pub async fn check(
    db: &PgPool,
    site: &PublicUrl,
    evidence: Evidence,
    today: NaiveDate,
    address: Option<&str>,
) -> Result<Result<Verified, Problem>, sqlx::Error> {
    let found = match evidence {
        Evidence::Link(link) => parse_link(&link, site).map(|(id, _)| (id, None, Source::Link)),
        Evidence::Image(bytes) => {
            // Decoding a PNG takes a while: not on the thread that serves requests, and only
            // a few at once (the permit goes with the work).
            let read = match readers().clone().try_acquire_owned() {
                Ok(permit) => tokio::task::spawn_blocking(move || {
                    let _permit = permit;
                    read_image(&bytes)
                })
                .await
                .unwrap_or(Err(Problem::UnreadableImage)),
                Err(_) => Err(Problem::Busy),
            };
            read.and_then(|baked| {
                let id = assertion_of(&baked.id, site)?;
                Ok((id, baked.identity, baked.source))
            })
        }
    };
    let (id, identity, source) = match found {
        Ok(found) => found,
        Err(problem) => return Ok(Err(problem)),
    };
    let Some(badge) = awards::public_badge(db, &id).await? else {
        return Ok(Err(Problem::NotFound));
    };
    if let Some(identity) = identity
        && !identity.eq_ignore_ascii_case(&badge.recipient_identity)
    {
        return Ok(Err(Problem::Altered { award: id }));
    }
    let verdict = verdict(&badge, today, address);
    Ok(Ok(Verified {
        badge,
        verdict,
        source,
    }))
}

/// The origin of a URL: its scheme (lower case), and its host and port (lower case, without
/// the scheme's default port).
fn origin(scheme: &str, authority: &str) -> (String, String) {
    let scheme = scheme.to_ascii_lowercase();
    let host = authority.to_ascii_lowercase();
    let default = if scheme == "https" { ":443" } else { ":80" };
    let host = host.strip_suffix(default).unwrap_or(&host).to_owned();
    (scheme, host)
}

/// `url` split at its scheme: `("https", "//host/path")`; `None` without an http(s) scheme.
fn http_scheme(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once(':')?;
    (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http"))
        .then_some((scheme, rest))
}

/// Whether `text` starts with a scheme other than http(s) (`javascript:`, `mailto:`,
/// `data:`), as opposed to a host and port (`badges.example:8080/…`).
fn other_scheme(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme && !rest.starts_with(|c: char| c.is_ascii_digit())
}

/// The award a pasted link names, and which of its URLs it is.
pub fn parse_link(input: &str, site: &PublicUrl) -> Result<(AwardId, Address), Problem> {
    let text = input.trim();
    if text.is_empty() {
        return Err(Problem::Nothing);
    }
    if text.len() > MAX_LINK || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Problem::NotAUrl);
    }
    let slashes = |c: char| c == '/' || c == '\\';
    let (site_scheme, site_rest) = http_scheme(site.as_str()).ok_or(Problem::NotAUrl)?;
    let site_rest = site_rest.trim_start_matches(slashes);
    let (site_authority, site_base) = site_rest
        .find('/')
        .map_or((site_rest, ""), |at| site_rest.split_at(at));
    let ours = origin(site_scheme, site_authority);

    // The scheme, and what follows it: an authority then a path, or only a path.
    let (scheme, authority_and_path) = if let Some((scheme, rest)) = http_scheme(text) {
        (scheme, Some(rest.trim_start_matches(slashes)))
    } else if text.starts_with("//") || text.starts_with("\\\\") || text.starts_with("/\\") {
        (site_scheme, Some(text.trim_start_matches(slashes)))
    } else if text.starts_with(slashes) {
        (site_scheme, None)
    } else if text.contains("://") || other_scheme(text) {
        return Err(Problem::NotAUrl);
    } else {
        // `badges.example/badges/…`: a host without a scheme, as people copy it.
        (site_scheme, Some(text))
    };
    let path = match authority_and_path {
        None => text,
        Some(rest) => {
            let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
            let (authority, path) = rest.split_at(end);
            let (userinfo, host) = match authority.rsplit_once('@') {
                Some((userinfo, host)) => (Some(userinfo), host),
                None => (None, authority),
            };
            if host.is_empty() || origin(scheme, host) != ours {
                let host: String = host.chars().take(MAX_HOST).collect();
                return Err(Problem::OtherSite {
                    host: (!host.is_empty()).then_some(host),
                });
            }
            if userinfo.is_some() {
                return Err(Problem::NotABadgeAddress);
            }
            path
        }
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = path.replace('\\', "/");
    let path = match path.strip_prefix(site_base) {
        Some(rest) if site_base.is_empty() || rest.is_empty() || rest.starts_with('/') => rest,
        _ => return Err(Problem::NotABadgeAddress),
    };
    award_in_path(path).ok_or(Problem::NotABadgeAddress)
}

/// The award of a path of this site (`/badges/{id}`, …), its segments percent-decoded.
fn award_in_path(path: &str) -> Option<(AwardId, Address)> {
    let path = path.strip_prefix('/')?;
    let path = path.strip_suffix('/').unwrap_or(path);
    let segments = path
        .split('/')
        .map(|segment| {
            percent_encoding::percent_decode_str(segment)
                .decode_utf8()
                .ok()
                .map(|s| s.into_owned())
        })
        .collect::<Option<Vec<String>>>()?;
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let (id, address) = match segments.as_slice() {
        ["badges", id] => (id, Address::Page),
        ["badges", id, "image.png"] => (id, Address::Png),
        ["badges", id, "image.svg"] => (id, Address::Svg),
        ["badges", id, "preview.png"] => (id, Address::Preview),
        ["ob", "v2", "assertions", id] => (id, Address::Assertion),
        _ => return None,
    };
    Some((AwardId::parse(id)?, address))
}

/// The award whose assertion URL the baked `id` is: an absolute URL of this site's
/// assertions, nothing else.
fn assertion_of(id: &str, site: &PublicUrl) -> Result<AwardId, Problem> {
    if http_scheme(id).is_none() {
        // `urn:uuid:…` and the like: a signed badge of some other issuer. A path alone is
        // no assertion id at all.
        return Err(if other_scheme(id) {
            Problem::OtherSite { host: None }
        } else {
            Problem::Malformed
        });
    }
    match parse_link(id, site) {
        Ok((award, Address::Assertion)) => Ok(award),
        Ok(_) | Err(Problem::NotABadgeAddress | Problem::NotAUrl | Problem::Nothing) => {
            Err(Problem::Malformed)
        }
        Err(problem) => Err(problem),
    }
}

/// What a baked image says: the id of its assertion (a URL, unchecked yet) and the recipient
/// identity the image carries, when it carries the whole assertion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baked {
    pub source: Source,
    pub id: String,
    pub identity: Option<String>,
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Reads the badge baked into an image, PNG or SVG, told apart by content.
pub fn read_image(bytes: &[u8]) -> Result<Baked, Problem> {
    if bytes.starts_with(PNG_SIGNATURE) {
        let text = png::unbake(bytes).map_err(|e| match e {
            png::PngError::NotBaked => Problem::NotBaked,
            png::PngError::SeveralAssertions => Problem::SeveralBadges,
            png::PngError::Unreadable(_)
            | png::PngError::TooLarge
            | png::PngError::AlreadyBaked => Problem::UnreadableImage,
        })?;
        let (id, identity) = baked_assertion(&text)?;
        return Ok(Baked {
            source: Source::Png,
            id,
            identity,
        });
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| Problem::NotAnImage)?;
    if !svg::is_svg(text) {
        return Err(Problem::NotAnImage);
    }
    let verify = svg::verify_url(text);
    let (id, identity) = match (svg::unbake(text), verify) {
        (Ok(json), verify) => {
            let (id, identity) = baked_assertion(&json)?;
            if verify.is_some_and(|verify| verify != id) {
                return Err(Problem::Inconsistent);
            }
            (id, identity)
        }
        (Err(svg::SvgError::NotBaked), Some(verify)) => (verify, None),
        (Err(svg::SvgError::NotBaked), None) => return Err(Problem::NotBaked),
        (Err(_), _) => return Err(Problem::Malformed),
    };
    Ok(Baked {
        source: Source::Svg,
        id,
        identity,
    })
}

/// The assertion id and recipient identity of baked text: an assertion object, or the
/// assertion's URL (bare or as a JSON string). A signed badge (a JWS) is not this site's.
fn baked_assertion(text: &str) -> Result<(String, Option<String>), Problem> {
    let text = text.trim();
    if text.starts_with('{') || text.starts_with('"') {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|_| Problem::Malformed)?;
        return match value {
            serde_json::Value::String(url) => Ok((url.trim().to_owned(), None)),
            serde_json::Value::Object(assertion) => {
                // Open Badges 2.0 names it `id`; 1.0 had `verify.url`.
                let id = assertion
                    .get("id")
                    .or_else(|| assertion.get("verify").and_then(|v| v.get("url")))
                    .and_then(|id| id.as_str())
                    .ok_or(Problem::Malformed)?;
                let identity = match assertion.get("recipient") {
                    None => None,
                    Some(recipient) => Some(
                        recipient
                            .get("identity")
                            .and_then(|i| i.as_str())
                            .ok_or(Problem::Malformed)?
                            .to_owned(),
                    ),
                };
                Ok((id.trim().to_owned(), identity))
            }
            _ => Err(Problem::Malformed),
        };
    }
    if http_scheme(text).is_some() {
        return Ok((text.to_owned(), None));
    }
    let jws = text.split('.').count() == 3
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'='));
    if jws {
        return Err(Problem::OtherSite { host: None });
    }
    Err(Problem::Malformed)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const ID: &str = "AbCdEfGhIjKlMnOpQrStUv";

    #[tokio::test]
    async fn while_every_reader_is_busy_an_upload_is_refused_at_once_not_queued() {
        let held = readers()
            .clone()
            .acquire_many_owned(u32::try_from(readers().available_permits()).unwrap())
            .await
            .unwrap();
        // The database is never reached: the image is refused before any lookup.
        let db = sqlx::PgPool::connect_lazy("postgres://nobody@127.0.0.1:1/none").unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let answer = check(
            &db,
            &site(),
            Evidence::Image(b"\x89PNG".to_vec()),
            today,
            None,
        )
        .await
        .unwrap();
        assert!(matches!(answer, Err(Problem::Busy)), "{answer:?}");
        drop(held);
        let answer = check(
            &db,
            &site(),
            Evidence::Image(b"not an image".to_vec()),
            today,
            None,
        )
        .await
        .unwrap();
        assert!(!matches!(answer, Err(Problem::Busy)), "{answer:?}");
    }

    fn site() -> PublicUrl {
        PublicUrl::parse("https://badges.example").unwrap()
    }

    fn award() -> AwardId {
        AwardId::parse(ID).unwrap()
    }

    fn other(host: &str) -> Result<(AwardId, Address), Problem> {
        Err(Problem::OtherSite {
            host: Some(host.to_owned()),
        })
    }

    #[test]
    fn every_url_of_an_award_of_this_site_names_it() {
        for (link, address) in [
            (format!("https://badges.example/badges/{ID}"), Address::Page),
            (
                format!("  https://badges.example/badges/{ID}/  "),
                Address::Page,
            ),
            (format!("HTTPS://Badges.Example/badges/{ID}"), Address::Page),
            (
                format!("https://badges.example:443/badges/{ID}"),
                Address::Page,
            ),
            (
                format!("https://badges.example/badges/{ID}?lang=fr#verify"),
                Address::Page,
            ),
            (
                format!("https://badges.example/badges/{ID}/image.png"),
                Address::Png,
            ),
            (
                format!("https://badges.example/badges/{ID}/image.svg"),
                Address::Svg,
            ),
            (
                format!("https://badges.example/badges/{ID}/preview.png"),
                Address::Preview,
            ),
            (
                format!("https://badges.example/ob/v2/assertions/{ID}"),
                Address::Assertion,
            ),
            (format!("/badges/{ID}"), Address::Page),
            (format!("/ob/v2/assertions/{ID}"), Address::Assertion),
            (format!("//badges.example/badges/{ID}"), Address::Page),
            (format!("badges.example/badges/{ID}"), Address::Page),
            (format!("https:badges.example/badges/{ID}"), Address::Page),
            (
                format!("https://badges.example\\badges\\{ID}"),
                Address::Page,
            ),
            // A percent-encoded letter is the letter.
            (
                format!("https://badges.example/badges/%41{}", &ID[1..]),
                Address::Page,
            ),
        ] {
            assert_eq!(parse_link(&link, &site()), Ok((award(), address)), "{link}");
        }
    }

    #[test]
    fn a_link_of_another_host_is_another_sites_whatever_it_looks_like() {
        let site = site();
        let cases = [
            (format!("https://evil.example/badges/{ID}"), "evil.example"),
            // Userinfo: the host is what follows the last `@`.
            (
                format!("https://badges.example@evil.example/badges/{ID}"),
                "evil.example",
            ),
            (
                format!("https://badges.example:pw@evil.example/badges/{ID}"),
                "evil.example",
            ),
            (
                format!("https://a@badges.example@evil.example/badges/{ID}"),
                "evil.example",
            ),
            // Scheme-relative, and the backslashes browsers read as slashes.
            (format!("//evil.example/badges/{ID}"), "evil.example"),
            (format!("/\\evil.example/badges/{ID}"), "evil.example"),
            (format!("\\\\evil.example/badges/{ID}"), "evil.example"),
            (
                format!("https:\\\\evil.example\\badges\\{ID}"),
                "evil.example",
            ),
            (format!("https:///evil.example/badges/{ID}"), "evil.example"),
            // Another port, another scheme, a longer or shorter host.
            (
                format!("https://badges.example:8443/badges/{ID}"),
                "badges.example:8443",
            ),
            (
                format!("http://badges.example/badges/{ID}"),
                "badges.example",
            ),
            (
                format!("https://badges.example.evil.example/badges/{ID}"),
                "badges.example.evil.example",
            ),
            (
                format!("https://evilbadges.example/badges/{ID}"),
                "evilbadges.example",
            ),
            (
                format!("https://badges.example./badges/{ID}"),
                "badges.example.",
            ),
            (format!("evil.example/badges/{ID}"), "evil.example"),
            (
                format!("evil.example:8080/badges/{ID}"),
                "evil.example:8080",
            ),
        ];
        for (link, host) in cases {
            assert_eq!(parse_link(&link, &site), other(host), "{link}");
        }
        // A host is named back short.
        let long = format!("https://{}.example/badges/{ID}", "a".repeat(500));
        match parse_link(&long, &site) {
            Err(Problem::OtherSite { host: Some(host) }) => assert_eq!(host.len(), MAX_HOST),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn links_that_name_no_badge_of_this_site_are_refused_plainly() {
        let site = site();
        for link in [
            "https://badges.example/".to_owned(),
            "https://badges.example".to_owned(),
            "https://badges.example/wallet".to_owned(),
            format!("https://badges.example/wallet/{ID}"),
            format!("https://badges.example/badges/{ID}/other.png"),
            format!("https://badges.example/badges/{ID}/image.png/x"),
            "https://badges.example/badges/42".to_owned(),
            // Encoded slashes stay inside their segment.
            format!("https://badges.example/badges%2F{ID}"),
            format!("https://badges.example/badges/{ID}%2Fimage.png"),
            format!("https://badges.example/badges/..%2F..%2F{ID}"),
            format!("https://badges.example/x/../badges/{ID}"),
            format!("https://badges.example/badges/{ID}%00"),
            format!("https://badges.example/badges/{ID}%ff"),
            // The query is not where the id is.
            format!("https://badges.example/verify?badges/{ID}"),
            format!("https://badges.example/?/badges/{ID}"),
            format!("https://badges.example#/badges/{ID}"),
            // Credentials for this host: not a link anyone shares.
            format!("https://user@badges.example/badges/{ID}"),
            format!("/Badges/{ID}"),
        ] {
            assert_eq!(
                parse_link(&link, &site),
                Err(Problem::NotABadgeAddress),
                "{link}"
            );
        }
        for link in [
            format!("javascript:alert(1)//badges/{ID}"),
            format!("data:text/html,/badges/{ID}"),
            format!("ftp://badges.example/badges/{ID}"),
            format!("mailto:x@badges.example?/badges/{ID}"),
            format!("https://badges.example/badges/ {ID}"),
            format!("https://badges.example/badges/\t{ID}"),
            format!("https://badges.example/badges/{ID}\u{0}"),
            format!("https://badges.example/badges/{}", "a".repeat(MAX_LINK)),
        ] {
            assert_eq!(parse_link(&link, &site), Err(Problem::NotAUrl), "{link}");
        }
        assert_eq!(parse_link("   ", &site), Err(Problem::Nothing));
    }

    #[test]
    fn a_site_under_a_path_takes_links_under_that_path_only() {
        let site = PublicUrl::parse("http://127.0.0.1:8080/accolade/").unwrap();
        assert_eq!(
            parse_link(
                &format!("http://127.0.0.1:8080/accolade/badges/{ID}"),
                &site
            ),
            Ok((award(), Address::Page))
        );
        assert_eq!(
            parse_link(&format!("/accolade/ob/v2/assertions/{ID}"), &site),
            Ok((award(), Address::Assertion))
        );
        for link in [
            format!("http://127.0.0.1:8080/badges/{ID}"),
            format!("http://127.0.0.1:8080/accoladex/badges/{ID}"),
        ] {
            assert_eq!(
                parse_link(&link, &site),
                Err(Problem::NotABadgeAddress),
                "{link}"
            );
        }
        assert_eq!(
            parse_link(&format!("http://127.0.0.1/accolade/badges/{ID}"), &site),
            other("127.0.0.1")
        );
    }

    const ASSERTION: &str = r#"{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://badges.example/ob/v2/assertions/AbCdEfGhIjKlMnOpQrStUv","recipient":{"type":"email","hashed":true,"salt":"s","identity":"sha256$abc"}}"#;

    #[test]
    fn the_baked_text_is_an_assertion_or_its_url() {
        let url = format!("https://badges.example/ob/v2/assertions/{ID}");
        assert_eq!(
            baked_assertion(ASSERTION),
            Ok((url.clone(), Some("sha256$abc".to_owned())))
        );
        assert_eq!(
            baked_assertion(&format!(" {url} ")),
            Ok((url.clone(), None))
        );
        assert_eq!(
            baked_assertion(&format!("\"{url}\"")),
            Ok((url.clone(), None))
        );
        assert_eq!(
            baked_assertion(&format!(
                r#"{{"verify":{{"type":"hosted","url":"{url}"}}}}"#
            )),
            Ok((url.clone(), None))
        );
        assert_eq!(
            baked_assertion("eyJhbGciOiJSUzI1NiJ9.eyJpZCI6InVybjp1dWlkOjEifQ.c2ln"),
            Err(Problem::OtherSite { host: None })
        );
        for text in [
            "",
            "{",
            "[]",
            "42",
            "null",
            r#"{"id":42}"#,
            r#"{"name":"no id"}"#,
            r#"{"id":"https://badges.example/x","recipient":{"identity":7}}"#,
            r#"{"id":"https://badges.example/x","recipient":"ada@example.com"}"#,
            "not json at all",
        ] {
            assert_eq!(baked_assertion(text), Err(Problem::Malformed), "{text:?}");
        }
        // Deep nesting is an error of the parser, not a stack overflow.
        let deep = format!(
            r#"{{"id":"x","a":{}{}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert_eq!(baked_assertion(&deep), Err(Problem::Malformed));
    }

    #[test]
    fn a_baked_id_must_be_an_assertion_url_of_this_site() {
        let site = site();
        assert_eq!(
            assertion_of(
                &format!("https://badges.example/ob/v2/assertions/{ID}"),
                &site
            ),
            Ok(award())
        );
        for id in [
            format!("https://badges.example/badges/{ID}"),
            format!("/ob/v2/assertions/{ID}"),
            "https://badges.example/ob/v2/assertions/short".to_owned(),
        ] {
            assert_eq!(assertion_of(&id, &site), Err(Problem::Malformed), "{id}");
        }
        assert_eq!(
            assertion_of("urn:uuid:2f5c1b5e-1d7a-4c3e-9b0e-6a1f3d2c4b5a", &site),
            Err(Problem::OtherSite { host: None })
        );
        assert_eq!(
            assertion_of(
                &format!("https://evil.example/ob/v2/assertions/{ID}"),
                &site
            ),
            Err(Problem::OtherSite {
                host: Some("evil.example".into())
            })
        );
    }

    /// A 2 x 2 grey PNG.
    fn picture() -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = ::png::Encoder::new(&mut out, 2, 2);
        encoder.set_color(::png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[1, 2, 3, 4]).unwrap();
        writer.finish().unwrap();
        out
    }

    const ART: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><circle r="40" cx="48" cy="48"/></svg>"#;

    fn url() -> String {
        format!("https://badges.example/ob/v2/assertions/{ID}")
    }

    #[test]
    fn a_baked_png_or_svg_is_told_by_its_content_and_read() {
        let png = png::bake(&picture(), ASSERTION).unwrap();
        assert_eq!(
            read_image(&png),
            Ok(Baked {
                source: Source::Png,
                id: url(),
                identity: Some("sha256$abc".into())
            })
        );
        let svg = svg::bake(ART, ASSERTION, &url()).unwrap();
        let baked = read_image(svg.as_bytes()).unwrap();
        assert_eq!(baked.source, Source::Svg);
        assert_eq!(baked.id, url());
        // With a byte-order mark, too.
        let bom = [b"\xef\xbb\xbf".as_slice(), svg.as_bytes()].concat();
        assert_eq!(read_image(&bom).unwrap().id, url());
        // Only the `verify` attribute: the URL of the assertion.
        let bare = format!(
            r#"<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="{}"/></svg>"#,
            url()
        );
        assert_eq!(
            read_image(bare.as_bytes()),
            Ok(Baked {
                source: Source::Svg,
                id: url(),
                identity: None
            })
        );
        // A PNG whose chunk carries the URL only.
        let png = png::bake(&picture(), &url()).unwrap();
        assert_eq!(read_image(&png).unwrap().identity, None);
    }

    #[test]
    fn an_image_without_a_badge_or_not_an_image_says_which() {
        assert_eq!(read_image(&picture()), Err(Problem::NotBaked));
        assert_eq!(read_image(ART.as_bytes()), Err(Problem::NotBaked));
        assert_eq!(read_image(b""), Err(Problem::NotAnImage));
        assert_eq!(read_image(b"GIF89a...."), Err(Problem::NotAnImage));
        assert_eq!(
            read_image(b"\xff\xd8\xff\xe0JFIF"),
            Err(Problem::NotAnImage)
        );
        assert_eq!(
            read_image(b"<html><svg></svg></html>"),
            Err(Problem::NotAnImage)
        );
        assert_eq!(read_image(&[0xc3, 0x28, b'<']), Err(Problem::NotAnImage));
        assert_eq!(
            read_image(b"\x89PNG\r\n\x1a\nbroken"),
            Err(Problem::UnreadableImage)
        );
        let twice = format!(
            "<svg><openbadges:assertion verify=\"{}\"><![CDATA[{ASSERTION}]]></openbadges:assertion></svg>",
            url().replace(ID, "ZZZZZZZZZZZZZZZZZZZZZZ")
        );
        assert_eq!(read_image(twice.as_bytes()), Err(Problem::Inconsistent));
        let truncated = "<svg><openbadges:assertion><![CDATA[{\"id\":";
        assert_eq!(read_image(truncated.as_bytes()), Err(Problem::Malformed));
    }

    /// Every way a hostile or broken file can be made from good ones, deterministically
    /// (a seeded generator): each is read, and each answer is a value, never a panic.
    #[test]
    fn any_file_however_malformed_is_read_into_an_answer_never_a_panic() {
        use rand::{Rng, SeedableRng};

        let mut rng = rand::rngs::StdRng::seed_from_u64(0x0b_ad_9e);
        let png = png::bake(&picture(), ASSERTION).unwrap();
        let svg = svg::bake(ART, ASSERTION, &url()).unwrap().into_bytes();
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for good in [&png, &svg] {
            // Every truncation, and changed bytes: every one of the PNG's, as many of the SVG's.
            for len in 0..good.len() {
                inputs.push(good[..len].to_vec());
            }
            for i in 0..good.len() {
                let mut changed = good.to_vec();
                changed[i] ^= rng.random_range(1..=255u8);
                inputs.push(changed);
            }
            // Several bytes changed, inserted or removed at once.
            for _ in 0..500 {
                let mut changed = good.to_vec();
                for _ in 0..rng.random_range(1..8) {
                    let at = rng.random_range(0..changed.len());
                    match rng.random_range(0..3) {
                        0 => changed[at] = rng.random(),
                        1 => changed.insert(at, rng.random()),
                        _ => {
                            changed.remove(at);
                        }
                    }
                }
                inputs.push(changed);
            }
        }
        // Random bytes, bare and behind each signature.
        for _ in 0..300 {
            let len = rng.random_range(0..2048);
            let noise: Vec<u8> = (0..len).map(|_| rng.random()).collect();
            inputs.push([PNG_SIGNATURE, &noise].concat());
            inputs.push([b"<svg>".as_slice(), &noise].concat());
            inputs.push(noise);
        }
        // A PNG header claiming a huge picture.
        let mut huge = Vec::new();
        {
            let mut encoder = ::png::Encoder::new(&mut huge, 60_000, 60_000);
            encoder.set_color(::png::ColorType::Rgba);
            let mut writer = encoder.write_header().unwrap();
            writer
                .write_chunk(
                    ::png::chunk::IDAT,
                    &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
                )
                .unwrap();
        }
        inputs.push(huge);
        // A chunk claiming to be 2 GB long.
        let mut long = png.clone();
        if let Some(at) = long.windows(4).position(|w| w == b"iTXt") {
            long[at - 4..at].copy_from_slice(&0x7fff_ffffu32.to_be_bytes());
        }
        inputs.push(long);
        // SVGs nested deep, with CDATA in CDATA, with many assertions, with a deep JSON.
        let deep = 100_000;
        let open = format!(r#"<svg xmlns:openbadges="{}">"#, svg::NAMESPACE);
        let baked = format!(
            r#"<openbadges:assertion verify="{}"><![CDATA[{ASSERTION}]]></openbadges:assertion>"#,
            url()
        );
        for text in [
            format!(
                "{open}{}{baked}{}</svg>",
                "<g>".repeat(deep),
                "</g>".repeat(deep)
            ),
            format!("{open}{}</svg>", "<g>".repeat(deep)),
            format!(
                "{open}<openbadges:assertion>{}{ASSERTION}{}</openbadges:assertion></svg>",
                "<![CDATA[".repeat(deep),
                "]]>".repeat(deep)
            ),
            format!("{open}<openbadges:assertion>{}", "<![CDATA[".repeat(deep)),
            format!("{open}{}</svg>", baked.repeat(1000)),
            format!(
                "{open}<openbadges:assertion><![CDATA[{{\"id\":\"{}\",\"a\":{}]]></openbadges:assertion></svg>",
                url(),
                "[".repeat(deep)
            ),
            format!("{}<svg/>", "<!--".repeat(deep)),
            format!("<?xml{}", "?".repeat(deep)),
            format!(
                "<!DOCTYPE svg [{}]><svg></svg>",
                "<!ENTITY a \"&a;&a;\">".repeat(1000)
            ),
        ] {
            inputs.push(text.into_bytes());
        }
        let site = site();
        let mut answers = std::collections::BTreeMap::<&str, usize>::new();
        for input in &inputs {
            let answer = read_image(input).and_then(|baked| assertion_of(&baked.id, &site));
            let name = match &answer {
                Ok(_) => "found",
                Err(problem) => problem.message_id(),
            };
            *answers.entry(name).or_default() += 1;
        }
        // Both kinds of answer came up: the loop reached past the first checks.
        assert!(answers.get("found").is_some_and(|n| *n > 0), "{answers:?}");
        for problem in [
            "verify-problem-not-an-image",
            "verify-problem-unreadable-image",
            "verify-problem-malformed",
            "verify-problem-not-baked",
        ] {
            assert!(answers.contains_key(problem), "{problem}: {answers:?}");
        }
        // Truncated or random, a PNG never passes for the good one with another id.
        for len in 0..png.len() - 12 {
            assert!(read_image(&png[..len]).is_err(), "{len}");
        }
    }

    #[test]
    fn each_problem_has_its_own_message() {
        let problems = [
            Problem::Nothing,
            Problem::Both,
            Problem::NotAUrl,
            Problem::OtherSite {
                host: Some("x".into()),
            },
            Problem::OtherSite { host: None },
            Problem::NotABadgeAddress,
            Problem::NotFound,
            Problem::TooLarge,
            Problem::NotAnImage,
            Problem::UnreadableImage,
            Problem::NotBaked,
            Problem::SeveralBadges,
            Problem::Malformed,
            Problem::Inconsistent,
            Problem::Altered { award: award() },
        ];
        let ids: std::collections::BTreeSet<_> = problems.iter().map(Problem::message_id).collect();
        assert_eq!(ids.len(), problems.len());
    }
}
