//! `/verify`: the verification tool. A recruiter pastes a badge link of this site, or uploads
//! a baked image (PNG or SVG, at most [`UPLOAD_LIMIT`] bytes), may type the address the
//! badge should have been sent to, and reads the verdict with each check on the same page.
//! What the tool accepts and answers is `openbadges::lookup`'s; nothing a visitor gives is
//! ever fetched.
//!
//! The form is one `multipart/form-data` form (a file may come with it) carrying the CSRF
//! token like every form (`forms::MultipartForm::check`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::forms::{Errors, MultipartError, MultipartForm, MultipartLimits, html, ok};
use super::page::Page;
use super::{AppState, WebError};
use crate::awards::PublicBadge;
use crate::domain::{EmailAddress, Standing};
use crate::i18n::Tr;
use crate::openbadges::lookup::{self, Evidence, Problem, Source, Summary, Verified};
use crate::openbadges::verify::{Check, Outcome, Verdict};
use crate::urls;

crate::form!(VerifyForm { url, email });

/// The largest image taken: a baked badge is a few hundred kilobytes at most.
pub const UPLOAD_LIMIT: usize = 2 * 1024 * 1024;

const LIMITS: MultipartLimits = MultipartLimits {
    file: UPLOAD_LIMIT,
    text: 8 * 1024,
    parts: 8,
    read: 16 * 1024 * 1024,
};

/// The text fields of the form.
const FIELDS: [&str; 3] = ["csrf", "url", "email"];

#[derive(Template)]
#[template(path = "verify/index.html")]
struct VerifyPage {
    page: Page,
    form: VerifyForm,
    errors: Errors,
    answer: Option<Answer>,
    /// The upload limit, in megabytes.
    megabytes: i64,
    validator: &'static str,
}

/// What the tool found.
enum Answer {
    Verdict(Box<VerdictView>),
    /// No verdict, but an answer to read: a badge of another site, no such badge, an
    /// altered image. `tone` styles it (`info`, `warn`, `bad`).
    Plain {
        tone: &'static str,
        heading: String,
        text: String,
        link: Option<(String, String)>,
    },
}

/// The verdict as the page shows it.
struct VerdictView {
    badge: PublicBadge,
    standing: Standing,
    /// Every check passed (or was skipped).
    good: bool,
    headline: String,
    /// What was checked: the link, or the kind of image.
    source: String,
    checks: Vec<CheckLine>,
    public_page: String,
    assertion: String,
    profile: Option<String>,
}

/// One check of a verdict, in words.
pub struct CheckLine {
    pub outcome: Outcome,
    pub text: String,
}

impl CheckLine {
    /// The outcome in words, for those who do not see the icon.
    pub fn outcome_id(&self) -> &'static str {
        match self.outcome {
            Outcome::Passed => "verify-check-passed",
            Outcome::Failed => "verify-check-failed",
            Outcome::Skipped => "verify-check-skipped",
        }
    }

    /// The style of its line (`passed`, `failed`, `skipped`).
    pub fn css(&self) -> &'static str {
        match self.outcome {
            Outcome::Passed => "passed",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }
}

/// Each check of `verdict` on `badge`, in the words of `page`'s language.
pub fn check_lines(page: &Tr, badge: &PublicBadge, verdict: &Verdict) -> Vec<CheckLine> {
    let date = badge.expires_on.map(|d| page.date(d)).unwrap_or_default();
    let reason = badge.revocation_reason.clone().unwrap_or_default();
    verdict
        .checks
        .iter()
        .map(|&(check, outcome): &(Check, Outcome)| CheckLine {
            outcome,
            text: page.msgn(
                check.message_id(outcome),
                [
                    ("issuer", badge.issuer.clone()),
                    ("date", date.clone()),
                    ("reason", reason.clone()),
                ],
            ),
        })
        .collect()
}

fn verdict_view(page: &Page, found: Verified, address: Option<&EmailAddress>) -> VerdictView {
    let Verified {
        badge,
        verdict,
        source,
    } = found;
    let summary = Summary::of(&verdict);
    let email = address.map(|a| a.as_str().to_owned()).unwrap_or_default();
    let expired_on = badge.expires_on.map(|d| page.date(d)).unwrap_or_default();
    let headline = match summary {
        Summary::Valid => page.msg("verify-verdict-valid"),
        Summary::ValidForRecipient => page.msg1("verify-verdict-valid-recipient", "email", email),
        Summary::NotTheRecipient => page.msg1("verify-verdict-not-recipient", "email", email),
        Summary::Expired => page.msg1("verify-verdict-expired", "date", expired_on),
        Summary::Revoked => page.msg("verify-verdict-revoked"),
    };
    let source = page.msg(match source {
        Source::Link => "verify-source-link",
        Source::Png => "verify-source-png",
        Source::Svg => "verify-source-svg",
    });
    VerdictView {
        checks: check_lines(page, &badge, &verdict),
        standing: verdict.standing,
        good: summary.is_good(),
        headline,
        source,
        public_page: urls::public_badge(&badge.id),
        assertion: urls::ob_assertion(&badge.id),
        profile: badge.earner_handle.as_deref().map(urls::public_profile),
        badge,
    }
}

/// Where a problem is shown: next to the field it is about, or as the answer.
enum Shown {
    Field(&'static str),
    Answer,
}

fn shown(problem: &Problem) -> Shown {
    match problem {
        Problem::Nothing | Problem::Both | Problem::NotAUrl | Problem::NotABadgeAddress => {
            Shown::Field("url")
        }
        Problem::TooLarge
        | Problem::NotAnImage
        | Problem::UnreadableImage
        | Problem::NotBaked
        | Problem::SeveralBadges
        | Problem::Malformed
        | Problem::Inconsistent
        | Problem::Busy => Shown::Field("file"),
        Problem::OtherSite { .. } | Problem::NotFound | Problem::Altered { .. } => Shown::Answer,
    }
}

fn status(problem: &Problem) -> StatusCode {
    match problem {
        Problem::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Problem::NotFound => StatusCode::NOT_FOUND,
        Problem::Busy => StatusCode::SERVICE_UNAVAILABLE,
        Problem::OtherSite { .. } | Problem::Altered { .. } => StatusCode::OK,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

fn megabytes() -> i64 {
    i64::try_from(UPLOAD_LIMIT / (1024 * 1024)).unwrap_or(i64::MAX)
}

/// The page with `problem`, next to its field or as the answer.
fn problem_page(page: Page, form: VerifyForm, problem: &Problem) -> Result<HttpResponse, WebError> {
    let message = match problem {
        Problem::OtherSite { host: Some(host) } => page.msg1(problem.message_id(), "host", host),
        Problem::TooLarge => page.count(problem.message_id(), "megabytes", megabytes()),
        _ => page.msg(problem.message_id()),
    };
    let (errors, answer) = match shown(problem) {
        Shown::Field(field) => (Errors::one(field, message), None),
        Shown::Answer => {
            let (tone, heading, link) = match problem {
                Problem::OtherSite { .. } => (
                    "info",
                    "verify-other-site-heading",
                    Some((
                        lookup::VALIDATOR.to_owned(),
                        page.msg("verify-validator-open"),
                    )),
                ),
                Problem::Altered { award } => (
                    "bad",
                    "verify-altered-heading",
                    Some((urls::public_badge(award), page.msg("verify-open-genuine"))),
                ),
                _ => ("warn", "verify-not-found-heading", None),
            };
            let answer = Answer::Plain {
                tone,
                heading: page.msg(heading),
                text: message,
                link,
            };
            (Errors::default(), Some(answer))
        }
    };
    let body = VerifyPage {
        page,
        form,
        errors,
        answer,
        megabytes: megabytes(),
        validator: lookup::VALIDATOR,
    }
    .render()?;
    Ok(html(status(problem), body))
}

pub async fn get(page: Page) -> Result<HttpResponse, WebError> {
    Ok(ok(VerifyPage {
        page,
        form: VerifyForm::default(),
        errors: Errors::default(),
        answer: None,
        megabytes: megabytes(),
        validator: lookup::VALIDATOR,
    }
    .render()?))
}

pub async fn post(
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, WebError> {
    let mut upload = match MultipartForm::read(&req, payload, LIMITS).await {
        Ok(upload) => upload,
        Err(MultipartError::TooLarge) => {
            return problem_page(page, VerifyForm::default(), &Problem::TooLarge);
        }
        Err(MultipartError::Unreadable) => return Err(WebError::BadForm),
    };
    upload.check(&req, &FIELDS)?;
    let form = VerifyForm {
        csrf: String::new(),
        url: upload.text("url").trim().to_owned(),
        email: upload.text("email").trim().to_owned(),
    };
    let file = upload.take_file("file");
    let address = match form.email.as_str() {
        "" => None,
        typed => match EmailAddress::parse(typed) {
            Ok(address) => Some(address),
            Err(_) => {
                let errors = Errors::one("email", page.msg("form-email-invalid"));
                let body = VerifyPage {
                    page,
                    form,
                    errors,
                    answer: None,
                    megabytes: megabytes(),
                    validator: lookup::VALIDATOR,
                }
                .render()?;
                return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body));
            }
        },
    };
    let evidence = match (form.url.is_empty(), file) {
        (true, None) => Err(Problem::Nothing),
        (false, Some(_)) => Err(Problem::Both),
        (false, None) => Ok(Evidence::Link(form.url.clone())),
        (true, Some(bytes)) => Ok(Evidence::Image(bytes)),
    };
    let today = chrono::Utc::now().date_naive();
    let checked = match evidence {
        Ok(evidence) => {
            let typed = address.as_ref().map(EmailAddress::as_str);
            lookup::check(&state.db, &state.public_url, evidence, today, typed).await?
        }
        Err(problem) => Err(problem),
    };
    match checked {
        Ok(found) => {
            let view = verdict_view(&page, found, address.as_ref());
            Ok(ok(VerifyPage {
                page,
                form,
                errors: Errors::default(),
                answer: Some(Answer::Verdict(Box::new(view))),
                megabytes: megabytes(),
                validator: lookup::VALIDATOR,
            }
            .render()?))
        }
        Err(problem) => problem_page(page, form, &problem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_shown_with_a_status_that_fits() {
        assert_eq!(status(&Problem::TooLarge), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(status(&Problem::NotFound), StatusCode::NOT_FOUND);
        assert_eq!(status(&Problem::Busy), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(status(&Problem::OtherSite { host: None }), StatusCode::OK);
        assert_eq!(status(&Problem::NotBaked), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(matches!(shown(&Problem::NotBaked), Shown::Field("file")));
        assert!(matches!(shown(&Problem::NotAUrl), Shown::Field("url")));
        assert!(matches!(shown(&Problem::NotFound), Shown::Answer));
        assert_eq!(megabytes(), 2);
    }
}
