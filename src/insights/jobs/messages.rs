//! What a person reads about a refused posting or what was left out of one
//! (`locales/*/jobs.ftl`).

use super::posting::{PostingError, PostingWarning};
use crate::i18n::{Localized, Tr};

impl Localized for PostingError {
    fn localize(&self, t: &Tr) -> String {
        let field = |f: super::posting::Field| f.name().to_owned();
        match self {
            PostingError::NotAnObject => t.msg("jobs-not-an-object"),
            PostingError::NotJson(detail) => t.msg1("jobs-not-json", "detail", detail),
            PostingError::NotUtf8 => t.msg("jobs-not-utf8"),
            PostingError::ItemTooLarge(max) => {
                t.msg1("jobs-item-too-large", "max", t.number(*max as i64))
            }
            PostingError::NotAJobPosting(kind) => t.msg1("jobs-not-a-job-posting", "type", kind),
            PostingError::Missing(f) => t.msg1("jobs-missing", "field", field(*f)),
            PostingError::TooLong(f, max) => t.msg2(
                "jobs-too-long",
                "field",
                field(*f),
                "max",
                t.number(*max as i64),
            ),
            PostingError::TooMany(f, max) => t.msg2(
                "jobs-too-many",
                "field",
                field(*f),
                "max",
                t.number(*max as i64),
            ),
            PostingError::ControlCharacter(f) => {
                t.msg1("jobs-control-character", "field", field(*f))
            }
            PostingError::WrongType(f) => t.msg1("jobs-wrong-type", "field", field(*f)),
            PostingError::NotHttps(f, url) => {
                t.msg2("jobs-not-https", "field", field(*f), "url", url)
            }
            PostingError::InvalidDate(f, value) => {
                t.msg2("jobs-invalid-date", "field", field(*f), "value", value)
            }
            PostingError::PostedInFuture(day) => t.msg1("jobs-future-date", "date", t.date(*day)),
            PostingError::EndsBeforePosted => t.msg("jobs-ends-before-posted"),
            PostingError::NoLocation => t.msg("jobs-no-location"),
            PostingError::InvalidCountry(value) => t.msg1("jobs-invalid-country", "value", value),
            PostingError::InvalidState(value) => t.msg1("jobs-invalid-state", "value", value),
            PostingError::InvalidCurrency(value) => t.msg1("jobs-invalid-currency", "value", value),
            PostingError::InvalidSalaryUnit(value) => {
                t.msg1("jobs-invalid-salary-unit", "value", value)
            }
            PostingError::InvalidSalaryAmount(value) => {
                t.msg1("jobs-invalid-salary-amount", "value", value)
            }
            PostingError::SalaryRange => t.msg("jobs-salary-range"),
        }
    }
}

impl Localized for PostingWarning {
    fn localize(&self, t: &Tr) -> String {
        match self {
            PostingWarning::UnknownCertification(code) => {
                t.msg1("jobs-warning-unknown-certification", "code", code)
            }
            PostingWarning::NotAnOccupation(value) => {
                t.msg1("jobs-warning-not-an-occupation", "value", value)
            }
            PostingWarning::SkillTooLong(value) => t.msg2(
                "jobs-warning-skill-too-long",
                "value",
                value.chars().take(40).collect::<String>(),
                "max",
                t.number(super::posting::MAX_SKILL as i64),
            ),
            PostingWarning::OrganizationUrlIgnored(url) => {
                t.msg1("jobs-warning-organization-url", "url", url)
            }
            PostingWarning::DescriptionShortened => t.msg1(
                "jobs-warning-description-shortened",
                "max",
                t.number(super::posting::MAX_DESCRIPTION as i64),
            ),
        }
    }
}
