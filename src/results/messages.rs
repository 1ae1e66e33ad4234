//! What a person reads about a refused row or a result without a badge.

use crate::domain::exam_result::Field;
use crate::domain::{NoBadgeReason, RowError};
use crate::i18n::{Localized, Tr};

fn field_name(t: &Tr, field: Field) -> String {
    t.msg(match field {
        Field::ResultId => "field-result-id",
        Field::Source => "field-source",
        Field::Email => "field-email",
        Field::GivenName => "field-given-name",
        Field::FamilyName => "field-family-name",
        Field::ExamCode => "field-exam-code",
        Field::PassedOn => "field-passed-on",
        Field::Locale => "field-locale",
    })
}

impl Localized for RowError {
    fn localize(&self, t: &Tr) -> String {
        match self {
            RowError::Missing(field) => t.msg1("row-missing", "field", field_name(t, *field)),
            RowError::TooLong(field) => t.msg1("row-too-long", "field", field_name(t, *field)),
            RowError::ControlCharacter(field) => {
                t.msg1("row-control-character", "field", field_name(t, *field))
            }
            RowError::InvalidEmail(value) => t.msg1("row-invalid-email", "value", value),
            RowError::UnknownExam(code) => t.msg1("row-unknown-exam", "code", code),
            RowError::InvalidDate(value) => t.msg1("row-invalid-date", "value", value),
            RowError::FutureDate(date) => t.msg1("row-future-date", "date", date.to_string()),
            RowError::ImplausibleDate(date) => t.msg2(
                "row-implausible-date",
                "date",
                date.to_string(),
                "year",
                crate::domain::date::FIRST_YEAR.to_string(),
            ),
            RowError::InvalidSource(value) => t.msg1("row-invalid-source", "value", value),
            RowError::InvalidLocale(value) => t.msg1("row-invalid-locale", "value", value),
            RowError::ColumnCount { expected, found } => t.msg2(
                "row-column-count",
                "expected",
                expected.to_string(),
                "found",
                found.to_string(),
            ),
            RowError::NotAnObject => t.msg("row-not-an-object"),
            RowError::NotUtf8 => t.msg("row-not-utf8"),
        }
    }
}

impl Localized for NoBadgeReason {
    fn localize(&self, t: &Tr) -> String {
        t.msg(match self {
            NoBadgeReason::Excluded => "reason-excluded",
            NoBadgeReason::Legacy => "reason-legacy",
            NoBadgeReason::AlreadyAwarded => "reason-already-awarded",
            NoBadgeReason::AlreadyHeld => "reason-already-held",
        })
    }
}
