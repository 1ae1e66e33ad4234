//! `/claim/{token}`: the link of a notification email. It shows the badge; the candidate
//! signs in or signs up (the address pre-filled, coming back here afterwards), adds the
//! award's address to their account if it is not there yet, then accepts or declines.
//!
//! `/reminders/stop/{token}`: the link beside each badge of a reminder: a page that says
//! what its button will do, and the button, which stops the reminders of that award.
//! `/reminders/stop/{token}/one-click`: the reminder's one-click unsubscribe (RFC 8058).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::accounts::link_problem;
use super::forms::{Checked, ok, see_other_with};
use super::page::Page;
use super::path::InPath;
use super::session::{SignedIn, signed_in_candidate};
use super::{AppState, WebError};
use crate::awards::{self, Changed, Claim, EarnedBadge};
use crate::domain::{AwardId, AwardState, SecretToken};
use crate::urls::{self, Then};

crate::form!(DecisionForm { decision });
crate::form!(StopForm {});

/// Who is looking at the claim page.
enum Viewer {
    /// Not signed in: offer sign-in and sign-up.
    Anonymous,
    /// Signed in, and the award is in their wallet.
    Owner,
    /// Signed in, but the award's address is not one of theirs.
    Other,
}

#[derive(Template)]
#[template(path = "claim/claim.html")]
struct ClaimPage {
    page: Page,
    badge: EarnedBadge,
    viewer: Viewer,
    /// This page (`/claim/{token}`): its forms post here, and sign-in comes back here.
    claim: String,
    /// Sign-in and sign-up with the award's address, coming back here.
    sign_in: String,
    sign_up: String,
}

/// Why a claim or reminder link cannot be used: its status, and the message ids of the
/// heading and text of its page.
type Problem = (StatusCode, &'static str, &'static str);

const UNKNOWN: Problem = (
    StatusCode::NOT_FOUND,
    "claim-unknown-heading",
    "claim-unknown-text",
);

/// The page of a link that cannot be used, offering the wallet instead.
fn problem(page: Page, (status, heading, text): Problem) -> Result<HttpResponse, WebError> {
    link_problem(page, status, heading, text, (urls::wallet(), "wallet-open"))
}

/// The badge of a usable link, or the page that explains why it is not usable.
async fn usable(
    page: Page,
    state: &AppState,
    token: &SecretToken,
) -> Result<Result<(Page, EarnedBadge), HttpResponse>, WebError> {
    let why = match awards::claim(&state.db, token).await? {
        Claim::Unknown => UNKNOWN,
        Claim::Found { badge, .. } if badge.state == AwardState::Revoked => (
            StatusCode::GONE,
            "claim-revoked-heading",
            "claim-revoked-text",
        ),
        Claim::Found { used: true, .. } => {
            (StatusCode::GONE, "claim-used-heading", "claim-used-text")
        }
        Claim::Found { expired: true, .. } => (
            StatusCode::GONE,
            "claim-expired-heading",
            "claim-expired-text",
        ),
        Claim::Found { badge, .. } => return Ok(Ok((page, *badge))),
    };
    Ok(Err(problem(page, why)?))
}

pub async fn get(
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
) -> Result<HttpResponse, WebError> {
    let (page, badge) = match usable(page, &state, &token).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    let viewer = match signed_in_candidate(&req) {
        None => Viewer::Anonymous,
        Some(id) if badge.candidate_id == Some(id) => Viewer::Owner,
        Some(_) => Viewer::Other,
    };
    let claim = urls::claim(&token);
    let then = Then {
        email: Some(&badge.recipient_email),
        next: Some(&claim),
    };
    let (sign_in, sign_up) = (urls::sign_in_then(then), urls::sign_up_then(then));
    Ok(ok(ClaimPage {
        page,
        claim,
        sign_in,
        sign_up,
        badge,
        viewer,
    }
    .render()?))
}

pub async fn post(
    page: Page,
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
    Checked(form): Checked<DecisionForm>,
) -> Result<HttpResponse, WebError> {
    let (_, badge) = match usable(page, &state, &token).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    let to = match form.decision.as_str() {
        "accept" => AwardState::Accepted,
        "decline" => AwardState::Declined,
        _ => return Err(WebError::BadForm),
    };
    let id = AwardId::parse(&badge.id).ok_or(WebError::NotFound)?;
    match awards::set_state(&state.db, user.id(), &id, to).await? {
        // Someone else's award: the claim page explains how to add the address.
        Changed::NotYours => Ok(see_other_with(
            &urls::claim(&token),
            "flash-claim-not-yours",
            &req,
        )),
        Changed::Revoked => Ok(see_other_with(
            &urls::wallet_badge(&id),
            "flash-badge-revoked",
            &req,
        )),
        Changed::AlreadyHeld => Ok(see_other_with(
            &urls::wallet_badge(&id),
            "flash-badge-already-held",
            &req,
        )),
        // Accepted: on to the ways of showing it; declined: its page in the wallet.
        _ if to == AwardState::Accepted => Ok(see_other_with(
            &urls::wallet_share(&id),
            "flash-badge-accepted",
            &req,
        )),
        _ => Ok(see_other_with(
            &urls::wallet_badge(&id),
            "flash-badge-declined",
            &req,
        )),
    }
}

#[derive(Template)]
#[template(path = "claim/stop_reminders.html")]
struct StopPage {
    page: Page,
    /// The claim page of the award.
    claim: String,
    /// The badge whose reminders the button stops (shown before it is pressed).
    badge: String,
    done: bool,
}

/// The stop-reminders page of a link: its button, or (`done`) that the reminders stopped;
/// the unknown-link page when the link names no award.
/// `badge` is the title of the badge the button stops the reminders of (`None`: the link
/// names no award).
fn stop_page(
    page: Page,
    token: &SecretToken,
    badge: Option<String>,
    done: bool,
) -> Result<HttpResponse, WebError> {
    let Some(badge) = badge else {
        return problem(page, UNKNOWN);
    };
    let claim = urls::claim(token);
    Ok(ok(StopPage {
        page,
        claim,
        badge,
        done,
    }
    .render()?))
}

pub async fn stop_reminders_form(
    page: Page,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
) -> Result<HttpResponse, WebError> {
    let badge = match awards::claim(&state.db, &token).await? {
        Claim::Unknown => None,
        Claim::Found { badge, .. } => Some(badge.title),
    };
    stop_page(page, &token, badge, false)
}

pub async fn stop_reminders(
    page: Page,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
    Checked(_): Checked<StopForm>,
) -> Result<HttpResponse, WebError> {
    let stopped = awards::stop_reminders(&state.db, &token).await?;
    stop_page(page, &token, stopped.then(String::new), true)
}

/// A one-click body is a few dozen bytes: a larger one is not a mail client's (413).
const ONE_CLICK_LIMIT: usize = 8 * 1024;

/// The field and value every one-click body carries (RFC 8058's `List-Unsubscribe-Post`).
const ONE_CLICK_FIELD: &str = "List-Unsubscribe";
const ONE_CLICK_VALUE: &str = "One-Click";

/// Why a one-click body was refused.
#[derive(Debug, PartialEq, Eq)]
enum OneClickRefused {
    /// Neither of the two types RFC 8058 names (415).
    Type,
    /// A body of the right type that does not say `List-Unsubscribe=One-Click` (400).
    Body,
}

/// Reads the `List-Unsubscribe=One-Click` of a one-click body. RFC 8058 says a mail client
/// SHOULD post it as `multipart/form-data` and MAY post it url-encoded; both are
/// read, and any other type is refused, so nothing else stops reminders by accident.
async fn one_click_asked(
    headers: &actix_web::http::header::HeaderMap,
    body: web::Bytes,
) -> Result<(), OneClickRefused> {
    use actix_web::mime;
    use futures_util::StreamExt;

    let content_type = headers
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<mime::Mime>().ok())
        .ok_or(OneClickRefused::Type)?;
    let value = match (content_type.type_(), content_type.subtype()) {
        (mime::APPLICATION, mime::WWW_FORM_URLENCODED) => {
            serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
                .map_err(|_| OneClickRefused::Body)?
                .into_iter()
                .find(|(name, _)| name == ONE_CLICK_FIELD)
                .map(|(_, value)| value)
        }
        (mime::MULTIPART, mime::FORM_DATA) => {
            let stream =
                futures_util::stream::once(
                    async move { Ok::<_, actix_web::error::PayloadError>(body) },
                );
            let mut parts = actix_multipart::Multipart::new(headers, stream);
            let mut found = None;
            while let Some(part) = parts.next().await {
                let mut part = part.map_err(|_| OneClickRefused::Body)?;
                let wanted = part.name() == Some(ONE_CLICK_FIELD);
                let mut value = Vec::new();
                // Every part is read to the end, so the next one can be.
                while let Some(chunk) = part.next().await {
                    value.extend_from_slice(&chunk.map_err(|_| OneClickRefused::Body)?);
                }
                if wanted && found.is_none() {
                    found = Some(String::from_utf8(value).map_err(|_| OneClickRefused::Body)?);
                }
            }
            found
        }
        _ => return Err(OneClickRefused::Type),
    };
    match value {
        Some(value) if value == ONE_CLICK_VALUE => Ok(()),
        _ => Err(OneClickRefused::Body),
    }
}

/// `POST /reminders/stop/{token}/one-click`: the `List-Unsubscribe` address of reminders,
/// whose token is the reminder's own secret: it stops the reminders of every badge the
/// email lists (the token of an older reminder, a claim token, stops its one badge). A mail
/// client posts it without cookies, so it takes no CSRF token: the 256-bit token in the
/// path is the proof, and the action only stops reminders.
pub async fn stop_reminders_one_click(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: InPath<SecretToken>,
    payload: web::Payload,
) -> Result<HttpResponse, WebError> {
    let body = match payload.to_bytes_limited(ONE_CLICK_LIMIT).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => return Err(WebError::BadForm),
        Err(_) => return Ok(HttpResponse::PayloadTooLarge().finish()),
    };
    match one_click_asked(req.headers(), body).await {
        Ok(()) => {}
        Err(OneClickRefused::Type) => return Ok(HttpResponse::UnsupportedMediaType().finish()),
        Err(OneClickRefused::Body) => return Err(WebError::BadForm),
    }
    if !awards::stop_reminders(&state.db, &token).await? {
        return Err(WebError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{CONTENT_TYPE, HeaderMap, HeaderValue};

    async fn asked(content_type: &str, body: &str) -> Result<(), OneClickRefused> {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(content_type) {
            headers.insert(CONTENT_TYPE, value);
        }
        one_click_asked(&headers, web::Bytes::from(body.to_owned())).await
    }

    fn multipart(parts: &[(&str, &str)]) -> String {
        let mut body = String::new();
        for (name, value) in parts {
            body.push_str(&format!(
                "--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str("--XyZ--\r\n");
        body
    }

    const MULTIPART: &str = "multipart/form-data; boundary=XyZ";

    #[actix_web::test]
    async fn a_one_click_body_is_read_multipart_or_url_encoded_and_nothing_else() {
        let form = "application/x-www-form-urlencoded";
        assert_eq!(asked(form, "List-Unsubscribe=One-Click").await, Ok(()));
        assert_eq!(
            asked(
                &format!("{form}; charset=utf-8"),
                "a=b&List-Unsubscribe=One-Click"
            )
            .await,
            Ok(())
        );
        assert_eq!(
            asked(MULTIPART, &multipart(&[("List-Unsubscribe", "One-Click")])).await,
            Ok(())
        );
        assert_eq!(
            asked(
                MULTIPART,
                &multipart(&[("other", "x"), ("List-Unsubscribe", "One-Click")])
            )
            .await,
            Ok(())
        );
        for refused in [
            ("text/plain", "List-Unsubscribe=One-Click"),
            ("application/json", r#"{"List-Unsubscribe":"One-Click"}"#),
            ("", "List-Unsubscribe=One-Click"),
        ] {
            assert_eq!(
                asked(refused.0, refused.1).await,
                Err(OneClickRefused::Type),
                "{refused:?}"
            );
        }
        for (content_type, body) in [
            (form, "List-Unsubscribe=Something-Else".to_owned()),
            (form, String::new()),
            (MULTIPART, multipart(&[("List-Unsubscribe", "Two-Clicks")])),
            (MULTIPART, multipart(&[])),
            (MULTIPART, "not multipart at all".to_owned()),
        ] {
            assert_eq!(
                asked(content_type, &body).await,
                Err(OneClickRefused::Body),
                "{content_type}: {body:?}"
            );
        }
    }
}
