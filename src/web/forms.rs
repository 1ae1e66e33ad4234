//! What every form shares: the CSRF check, the errors shown next to fields, and the 303
//! redirect with a message for the next page.
//!
//! A form that fails keeps the reader where they were: every form posts to the address of
//! the page it sits on (`page.here()`; the settings page, a form per section, posts to
//! `/settings?form=SECTION`), and on an error the handler answers that same page with the
//! entered values (never a password) and the error summary at the top of the form, which
//! takes the focus (`templates/forms.html`), so it is in view. The address bar shows the
//! page's address, not a route that only takes a POST.
//!
//! Every field of every form is checked for control characters (see [`crate::domain::text`])
//! before a handler sees it: a form with one is refused whole with a 422 page.
//!
//! CSRF: a signed-in session has its own token, kept on the server with the session
//! (`web::session::csrf_token`), and its forms must carry that one. Signed out, a
//! double-submit cookie: the `csrf` cookie (HttpOnly, SameSite=Lax, set by the context
//! middleware) and the hidden `csrf` field of every form must match. A site that is not this
//! one can neither read the cookie nor set the field.

use actix_web::body::BoxBody;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, Responder, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use super::WebError;
use super::context::{CSRF_COOKIE, FLASH_COOKIE, site_cookie};
use crate::domain::text::{Lines, is_storable};

/// A form with a CSRF field. Declare forms with [`form!`](crate::form), which implements it.
pub trait CsrfForm {
    fn csrf(&self) -> &str;
    /// Every field, by name, with its value (the CSRF field too).
    fn fields(&self) -> Vec<(&'static str, &str)>;
}

/// The first field of `form` holding a control character other than tab, CR and LF (any
/// field may be a text area, and the handler's own check is stricter where it is not).
pub fn field_with_control_character(form: &impl CsrfForm) -> Option<&'static str> {
    form.fields()
        .into_iter()
        .find(|(_, value)| !is_storable(value, Lines::Multi))
        .map(|(name, _)| name)
}

/// The CSRF token the forms of this request must carry: the session's, else the cookie's.
fn expected_csrf(req: &HttpRequest) -> Option<String> {
    super::session::csrf_token(req)
        .or_else(|| req.cookie(CSRF_COOKIE).map(|c| c.value().to_owned()))
}

fn csrf_matches(expected: Option<&str>, presented: &str) -> bool {
    matches!(expected, Some(expected) if !expected.is_empty() && crate::auth::same_secret(expected, presented))
}

/// A URL-encoded form whose CSRF field matched the cookie and whose fields hold no control
/// character. Use it instead of `web::Form` on every state-changing route.
pub struct Checked<T>(pub T);

impl<T: DeserializeOwned + CsrfForm + 'static> FromRequest for Checked<T> {
    type Error = WebError;
    type Future = LocalBoxFuture<'static, Result<Checked<T>, WebError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let expected = expected_csrf(req);
        let form = web::Form::<T>::from_request(req, payload);
        Box::pin(async move {
            let form = form.await.map_err(|_| WebError::BadForm)?.into_inner();
            if !csrf_matches(expected.as_deref(), form.csrf()) {
                return Err(WebError::Csrf);
            }
            match field_with_control_character(&form) {
                Some(field) => Err(WebError::ControlCharacter(field)),
                None => Ok(Checked(form)),
            }
        })
    }
}

/// Declares a form struct whose fields are all optional text (a missing field is empty, so a
/// tampered form gets field errors, not a 400) and which carries `csrf`.
#[macro_export]
macro_rules! form {
    ($(#[$meta:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Clone, serde::Deserialize)]
        #[serde(default)]
        pub struct $name {
            pub csrf: String,
            $(pub $field: String,)*
        }
        impl $crate::web::forms::CsrfForm for $name {
            fn csrf(&self) -> &str {
                &self.csrf
            }
            fn fields(&self) -> Vec<(&'static str, &str)> {
                vec![("csrf", self.csrf.as_str()), $((stringify!($field), self.$field.as_str()),)*]
            }
        }
    };
}

/// The limits a `multipart/form-data` body is read under (see [`MultipartForm::read`]).
#[derive(Debug, Clone, Copy)]
pub struct MultipartLimits {
    /// The largest file (a part with a file name), in bytes.
    pub file: usize,
    /// The largest text field, in bytes.
    pub text: usize,
    /// The most parts.
    pub parts: usize,
    /// The most bytes read in all. Past a limit the rest of the body is read and dropped,
    /// so that the browser, still sending, gets the answer that says why (a server that
    /// stops reading makes it show a reset connection instead); past this, reading stops.
    pub read: usize,
}

/// Why a multipart body was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultipartError {
    /// A file larger than its limit (413, with the page that says so).
    TooLarge,
    /// Not multipart, broken, too many parts or too long a text field (400).
    Unreadable,
}

/// A `multipart/form-data` form (one with a file), read whole under [`MultipartLimits`]:
/// never more than the limit of a part is kept. Its CSRF field and its text fields are
/// checked as a URL-encoded form's are, by [`MultipartForm::check`].
#[derive(Debug, Default)]
pub struct MultipartForm {
    texts: Vec<(String, String)>,
    /// (field, file name as sent, content)
    files: Vec<(String, String, Vec<u8>)>,
}

impl MultipartForm {
    pub async fn read(
        req: &HttpRequest,
        payload: web::Payload,
        limits: MultipartLimits,
    ) -> Result<MultipartForm, MultipartError> {
        use futures_util::StreamExt;

        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|length| length > limits.read as u64) {
            return Err(MultipartError::TooLarge);
        }
        let mut parts = actix_multipart::Multipart::new(req.headers(), payload);
        let mut form = MultipartForm::default();
        let (mut read, mut count, mut too_large) = (0usize, 0usize, false);
        let failed = |too_large: bool| {
            if too_large {
                MultipartError::TooLarge
            } else {
                MultipartError::Unreadable
            }
        };
        while let Some(part) = parts.next().await {
            let mut part = part.map_err(|_| failed(too_large))?;
            count += 1;
            if count > limits.parts {
                return Err(MultipartError::Unreadable);
            }
            let name = part.name().unwrap_or_default().to_owned();
            let file_name = part
                .content_disposition()
                .and_then(|d| d.get_filename())
                .map(str::to_owned);
            let is_file = file_name.is_some();
            let limit = if is_file { limits.file } else { limits.text };
            let mut data = Vec::new();
            while let Some(chunk) = part.next().await {
                let chunk = chunk.map_err(|_| failed(too_large))?;
                read = read.saturating_add(chunk.len());
                if read > limits.read {
                    return Err(failed(too_large || is_file));
                }
                if data.len() + chunk.len() > limit {
                    if !is_file {
                        return Err(MultipartError::Unreadable);
                    }
                    too_large = true;
                    data = Vec::new();
                }
                if !too_large {
                    data.extend_from_slice(&chunk);
                }
            }
            if too_large {
                continue;
            }
            if let Some(file_name) = file_name {
                form.files.push((name, file_name, data));
            } else {
                let text = String::from_utf8(data).map_err(|_| MultipartError::Unreadable)?;
                form.texts.push((name, text));
            }
        }
        if too_large {
            return Err(MultipartError::TooLarge);
        }
        Ok(form)
    }

    /// The text field `name` (the first of that name; empty when there is none).
    pub fn text(&self, name: &str) -> &str {
        self.texts
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, value)| value.as_str())
    }

    /// The file of the field `name`, taken out of the form; `None` when none was chosen
    /// (a browser sends an empty part then).
    pub fn take_file(&mut self, name: &str) -> Option<Vec<u8>> {
        self.take_named_file(name).map(|(_, data)| data)
    }

    /// As [`take_file`](Self::take_file), with the file's name as a page may show it: its
    /// last path segment, without control characters, at most 100 characters.
    pub fn take_named_file(&mut self, name: &str) -> Option<(String, Vec<u8>)> {
        let at = self
            .files
            .iter()
            .position(|(n, _, data)| n == name && !data.is_empty())?;
        let (_, file_name, data) = self.files.swap_remove(at);
        let shown: String = file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(100)
            .collect();
        Some((shown, data))
    }

    /// The CSRF field matched the session or cookie, and no text field holds a control
    /// character (as [`Checked`] makes sure of a URL-encoded form); `fields` names the
    /// form's text fields, for the log.
    pub fn check(&self, req: &HttpRequest, fields: &[&'static str]) -> Result<(), WebError> {
        if !csrf_matches(expected_csrf(req).as_deref(), self.text("csrf")) {
            return Err(WebError::Csrf);
        }
        match self
            .texts
            .iter()
            .find(|(_, value)| !is_storable(value, Lines::Multi))
        {
            Some((name, _)) => Err(WebError::ControlCharacter(
                fields
                    .iter()
                    .find(|f| *f == name)
                    .copied()
                    .unwrap_or("(unknown)"),
            )),
            None => Ok(()),
        }
    }
}

/// Messages next to fields, already localized.
#[derive(Debug, Default, Clone)]
pub struct Errors(Vec<(&'static str, String)>);

impl Errors {
    /// One message, next to one field.
    pub fn one(field: &'static str, message: String) -> Errors {
        Errors(vec![(field, message)])
    }

    pub fn add(&mut self, field: &'static str, message: String) {
        self.0.push((field, message));
    }

    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every message, for the summary at the top of a form.
    pub fn all(&self) -> impl Iterator<Item = &(&'static str, String)> {
        self.0.iter()
    }
}

/// 303 to `location`.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// 303 to `location`, which will show the message `flash_id` once.
pub fn see_other_with(location: &str, flash_id: &'static str, req: &HttpRequest) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .cookie(site_cookie(FLASH_COOKIE, flash_id.to_owned(), req))
        .finish()
}

/// The answer of a form that worked: a 303 to `to`, which will show the message `flash` once
/// (see [`see_other_with`]). The flash cookie depends on the request, which actix hands to a
/// responder, so a handler that only redirects needs no `HttpRequest` of its own.
pub struct Flash {
    to: String,
    flash: &'static str,
}

impl Flash {
    pub fn new(to: impl Into<String>, flash: &'static str) -> Flash {
        Flash {
            to: to.into(),
            flash,
        }
    }
}

impl Responder for Flash {
    type Body = BoxBody;

    fn respond_to(self, req: &HttpRequest) -> HttpResponse {
        see_other_with(&self.to, self.flash, req)
    }
}

/// Makes the site speak `locale` from the next page on (the account's language, at sign-in
/// and when it is changed in settings).
pub fn remember_locale(
    mut response: HttpResponse,
    locale: crate::i18n::Locale,
    req: &HttpRequest,
) -> HttpResponse {
    let mut cookie = site_cookie(super::context::LANG_COOKIE, locale.code().to_owned(), req);
    cookie.set_max_age(actix_web::cookie::time::Duration::days(365));
    if let Err(error) = response.add_cookie(&cookie) {
        tracing::warn!(%error, "could not set the language cookie");
    }
    response
}

/// A rendered page with a status.
pub fn html(
    status: actix_web::http::StatusCode,
    body: impl Into<actix_web::web::Bytes>,
) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body.into())
}

/// 200 with a rendered page.
pub fn ok(body: impl Into<actix_web::web::Bytes>) -> HttpResponse {
    html(actix_web::http::StatusCode::OK, body)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    crate::form!(Sample { name, bio });

    const LIMITS: MultipartLimits = MultipartLimits {
        file: 64,
        text: 16,
        parts: 4,
        read: 1024,
    };

    /// A multipart body: text fields, then files (name, file name, content).
    fn body(texts: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
        let mut body = Vec::new();
        for (name, value) in texts {
            body.extend_from_slice(
                format!(
                    "--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        for (name, file_name, data) in files {
            body.extend_from_slice(
                format!(
                    "--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"--XyZ--\r\n");
        body
    }

    async fn read(content_type: &str, body: Vec<u8>) -> Result<MultipartForm, MultipartError> {
        let (req, mut payload) = actix_web::test::TestRequest::post()
            .insert_header((header::CONTENT_TYPE, content_type))
            .set_payload(body)
            .to_http_parts();
        let payload = web::Payload::from_request(&req, &mut payload)
            .await
            .unwrap();
        MultipartForm::read(&req, payload, LIMITS).await
    }

    const MULTIPART: &str = "multipart/form-data; boundary=XyZ";

    #[actix_web::test]
    async fn a_multipart_form_gives_its_fields_and_files() {
        let mut form = read(
            MULTIPART,
            body(
                &[("csrf", "t"), ("url", "https://x")],
                &[("file", "a.png", b"\x89PNG"), ("other", "", b"")],
            ),
        )
        .await
        .unwrap();
        assert_eq!(form.text("csrf"), "t");
        assert_eq!(form.text("url"), "https://x");
        assert_eq!(form.text("missing"), "");
        // A file field left empty is no file.
        assert_eq!(form.take_file("other"), None);
        assert_eq!(
            form.take_file("file").as_deref(),
            Some(b"\x89PNG".as_slice())
        );
        assert_eq!(form.take_file("file"), None);
    }

    #[actix_web::test]
    async fn a_file_over_its_limit_or_a_body_over_all_limits_is_too_large() {
        let big = [7u8; 65];
        let answer = read(
            MULTIPART,
            body(
                &[("csrf", "t")],
                &[("file", "a.png", &big), ("more", "b", b"x")],
            ),
        )
        .await;
        assert_eq!(answer.err(), Some(MultipartError::TooLarge));
        // Exactly at the limit is fine.
        let answer = read(MULTIPART, body(&[], &[("file", "a.png", &big[..64])])).await;
        assert_eq!(answer.unwrap().take_file("file").map(|f| f.len()), Some(64));
        // Past everything that is read at all, reading stops: still too large.
        let huge = [7u8; 2000];
        let answer = read(MULTIPART, body(&[], &[("file", "a.png", &huge)])).await;
        assert_eq!(answer.err(), Some(MultipartError::TooLarge));
        // A declared length past it is refused before reading.
        let (req, mut payload) = actix_web::test::TestRequest::post()
            .insert_header((header::CONTENT_TYPE, MULTIPART))
            .insert_header((header::CONTENT_LENGTH, "5000"))
            .to_http_parts();
        let payload = web::Payload::from_request(&req, &mut payload)
            .await
            .unwrap();
        assert_eq!(
            MultipartForm::read(&req, payload, LIMITS).await.err(),
            Some(MultipartError::TooLarge)
        );
    }

    #[actix_web::test]
    async fn broken_multipart_bodies_are_unreadable_never_a_panic() {
        for (content_type, body) in [
            ("application/x-www-form-urlencoded", b"csrf=t".to_vec()),
            ("multipart/form-data", body(&[("csrf", "t")], &[])),
            (MULTIPART, b"not multipart".to_vec()),
            // A text field over its limit, too many parts, text that is not UTF-8.
            (MULTIPART, body(&[("url", &"x".repeat(17))], &[])),
            (
                MULTIPART,
                body(
                    &[("a", ""), ("b", ""), ("c", ""), ("d", ""), ("e", "")],
                    &[],
                ),
            ),
            (MULTIPART, {
                let mut b = body(&[("url", "AB")], &[]);
                let at = b.windows(2).position(|w| w == b"AB").unwrap();
                b[at] = 0xff;
                b
            }),
        ] {
            assert_eq!(
                read(content_type, body.clone()).await.err(),
                Some(MultipartError::Unreadable),
                "{content_type}: {:?}",
                String::from_utf8_lossy(&body)
            );
        }
        // Every truncation and every changed byte of a good body: an answer each time.
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let good = body(
            &[("csrf", "t"), ("url", "u")],
            &[("file", "f.svg", b"<svg/>")],
        );
        for len in 0..good.len() {
            let _ = read(MULTIPART, good[..len].to_vec()).await;
        }
        for i in 0..good.len() {
            let mut changed = good.clone();
            changed[i] ^= rng.random_range(1..=255u8);
            let _ = read(MULTIPART, changed).await;
        }
    }

    #[test]
    fn a_multipart_form_is_checked_for_its_csrf_token_and_control_characters() {
        let req = actix_web::test::TestRequest::post()
            .cookie(actix_web::cookie::Cookie::new(CSRF_COOKIE, "token"))
            .to_http_request();
        let form = |texts: &[(&str, &str)]| MultipartForm {
            texts: texts
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            files: Vec::new(),
        };
        assert!(
            form(&[("csrf", "token"), ("url", "u")])
                .check(&req, &["url"])
                .is_ok()
        );
        assert!(matches!(
            form(&[("csrf", "wrong")]).check(&req, &[]),
            Err(WebError::Csrf)
        ));
        assert!(matches!(form(&[]).check(&req, &[]), Err(WebError::Csrf)));
        assert!(matches!(
            form(&[("csrf", "token"), ("url", "a\u{0}")]).check(&req, &["url"]),
            Err(WebError::ControlCharacter("url"))
        ));
        let no_cookie = actix_web::test::TestRequest::post().to_http_request();
        assert!(matches!(
            form(&[("csrf", "")]).check(&no_cookie, &[]),
            Err(WebError::Csrf)
        ));
    }

    #[test]
    fn every_field_of_a_form_is_listed_with_its_name() {
        let form = Sample {
            csrf: "t".into(),
            name: "Ada".into(),
            bio: "b".into(),
        };
        assert_eq!(
            form.fields(),
            [("csrf", "t"), ("name", "Ada"), ("bio", "b")]
        );
    }

    #[test]
    fn a_field_with_a_control_character_is_found_and_line_breaks_are_not_one() {
        let mut form = Sample {
            bio: "two\r\nlines\tand a tab".into(),
            ..Sample::default()
        };
        assert_eq!(field_with_control_character(&form), None);
        form.name = "Ada\u{0}".into();
        assert_eq!(field_with_control_character(&form), Some("name"));
        form.name = "Ada".into();
        form.csrf = "\u{85}".into();
        assert_eq!(field_with_control_character(&form), Some("csrf"));
    }
}
