//! One reported exam result: the raw row as the certification system sent it, and the
//! validated result the rules work on.

use chrono::NaiveDate;

use super::catalog::Catalog;
use super::date::{DateError, parse_date};
use super::email::{EmailAddress, EmailError};
use super::text::{Lines, is_storable};

/// The columns of a results feed, in the order of the CSV header.
pub const COLUMNS: [&str; 8] = [
    "result_id",
    "source",
    "email",
    "given_name",
    "family_name",
    "exam_code",
    "passed_on",
    "locale",
];

/// A row or JSON item as received: every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct RawResult {
    pub result_id: Option<String>,
    pub source: Option<String>,
    pub email: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub exam_code: Option<String>,
    pub passed_on: Option<String>,
    pub locale: Option<String>,
}

/// A result that passed every check: all that the rules and the database need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResult {
    pub source: String,
    pub result_id: String,
    /// The address exactly as reported.
    pub email_reported: String,
    pub email: EmailAddress,
    pub given_name: String,
    pub family_name: String,
    /// The exam code exactly as reported.
    pub exam_code_reported: String,
    pub exam_id: i64,
    pub passed_on: NaiveDate,
    pub locale: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    ResultId,
    Source,
    Email,
    GivenName,
    FamilyName,
    ExamCode,
    PassedOn,
    Locale,
}

impl Field {
    pub fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }
}

/// Why a row was refused. A row may have several.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    #[error("{} is missing", .0.name())]
    Missing(Field),
    #[error("{} is too long", .0.name())]
    TooLong(Field),
    /// NUL or another control character: PostgreSQL cannot store U+0000, and the others
    /// have no place in a result.
    #[error("{} contains a control character (such as U+0000), which cannot be stored", .0.name())]
    ControlCharacter(Field),
    #[error("the email address {0:?} is not valid")]
    InvalidEmail(String),
    #[error("the exam code {0:?} is not in the catalog")]
    UnknownExam(String),
    #[error("the date {0:?} is not a real date (YYYY-MM-DD)")]
    InvalidDate(String),
    #[error("the date {0} is in the future")]
    FutureDate(NaiveDate),
    /// A real date, but before any certification exam (see [`super::date::FIRST_YEAR`]).
    #[error("the date {0} is before {year}, older than any certification exam", year = super::date::FIRST_YEAR)]
    ImplausibleDate(NaiveDate),
    #[error("the source {0:?} must be lower-case letters, digits, dots, dashes or underscores")]
    InvalidSource(String),
    #[error("the locale {0:?} is not a language tag")]
    InvalidLocale(String),
    #[error("the row has {found} columns instead of {expected}")]
    ColumnCount { expected: usize, found: usize },
    #[error("the item is not a JSON object with the result's fields")]
    NotAnObject,
    #[error("the row is not valid UTF-8 text")]
    NotUtf8,
}

impl RowError {
    /// The field the error is about, if one.
    pub fn field(&self) -> Option<Field> {
        match self {
            Self::Missing(f) | Self::TooLong(f) | Self::ControlCharacter(f) => Some(*f),
            Self::InvalidEmail(_) => Some(Field::Email),
            Self::UnknownExam(_) => Some(Field::ExamCode),
            Self::InvalidDate(_) | Self::FutureDate(_) | Self::ImplausibleDate(_) => {
                Some(Field::PassedOn)
            }
            Self::InvalidSource(_) => Some(Field::Source),
            Self::InvalidLocale(_) => Some(Field::Locale),
            Self::ColumnCount { .. } | Self::NotAnObject | Self::NotUtf8 => None,
        }
    }

    /// A stable code for machines (the API's `code`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Missing(_) => "missing",
            Self::TooLong(_) => "too_long",
            Self::ControlCharacter(_) => "control_character",
            Self::InvalidEmail(_) => "invalid_email",
            Self::UnknownExam(_) => "unknown_exam",
            Self::InvalidDate(_) => "invalid_date",
            Self::FutureDate(_) => "future_date",
            Self::ImplausibleDate(_) => "implausible_date",
            Self::InvalidSource(_) => "invalid_source",
            Self::InvalidLocale(_) => "invalid_locale",
            Self::ColumnCount { .. } => "column_count",
            Self::NotAnObject => "not_an_object",
            Self::NotUtf8 => "not_utf8",
        }
    }
}

const MAX_TEXT: usize = 200;

/// A required field's text, trimmed; else its error is pushed.
fn required(value: Option<String>, field: Field, errors: &mut Vec<RowError>) -> Option<String> {
    let text = value.map(|v| v.trim().to_owned()).unwrap_or_default();
    let error = if text.is_empty() {
        RowError::Missing(field)
    } else if !is_storable(&text, Lines::Single) {
        RowError::ControlCharacter(field)
    } else if text.chars().count() > MAX_TEXT {
        RowError::TooLong(field)
    } else {
        return Some(text);
    };
    errors.push(error);
    None
}

fn valid_source(source: &str) -> bool {
    let bytes = source.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes[0].is_ascii_alphanumeric()
        && bytes.iter().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'-')
        })
}

fn valid_locale(tag: &str) -> bool {
    tag.len() <= 35
        && tag.split('-').enumerate().all(|(i, part)| {
            let len_ok = if i == 0 {
                (2..=3).contains(&part.len())
            } else {
                (1..=8).contains(&part.len())
            };
            len_ok && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

impl RawResult {
    /// Checks every field and returns the result, or every reason it is refused. Every field
    /// is trimmed and refused if it still holds a control character (see [`super::text`]);
    /// the date is `YYYY-MM-DD` from [`super::date::FIRST_YEAR`] on. `today` is the date
    /// after which a pass is in the future.
    pub fn validate(self, catalog: &Catalog, today: NaiveDate) -> Result<NewResult, Vec<RowError>> {
        let mut errors = Vec::new();
        let result_id = required(self.result_id, Field::ResultId, &mut errors);
        let source = required(self.source, Field::Source, &mut errors)
            .map(|s| s.to_lowercase())
            .and_then(|s| {
                if valid_source(&s) {
                    Some(s)
                } else {
                    errors.push(RowError::InvalidSource(s));
                    None
                }
            });
        let email_reported = self.email.map(|e| e.trim().to_owned());
        let email = match email_reported.as_deref() {
            None | Some("") => {
                errors.push(RowError::Missing(Field::Email));
                None
            }
            Some(text) if !is_storable(text, Lines::Single) => {
                errors.push(RowError::ControlCharacter(Field::Email));
                None
            }
            Some(text) => match EmailAddress::parse(text) {
                Ok(email) => Some(email),
                Err(EmailError::Empty) => {
                    errors.push(RowError::Missing(Field::Email));
                    None
                }
                Err(EmailError::TooLong) => {
                    errors.push(RowError::TooLong(Field::Email));
                    None
                }
                Err(EmailError::Invalid) => {
                    errors.push(RowError::InvalidEmail(text.to_owned()));
                    None
                }
            },
        };
        let given_name = required(self.given_name, Field::GivenName, &mut errors);
        let family_name = required(self.family_name, Field::FamilyName, &mut errors);
        let exam_code = required(self.exam_code, Field::ExamCode, &mut errors);
        let exam_id = exam_code
            .as_deref()
            .and_then(|code| match catalog.exam_by_code(code) {
                Some(exam) => Some(exam.id),
                None => {
                    errors.push(RowError::UnknownExam(code.to_owned()));
                    None
                }
            });
        let passed_on =
            required(self.passed_on, Field::PassedOn, &mut errors).and_then(
                |text| match parse_date(&text) {
                    Ok(date) if date > today => {
                        errors.push(RowError::FutureDate(date));
                        None
                    }
                    Ok(date) => Some(date),
                    Err(DateError::Implausible(date)) => {
                        errors.push(RowError::ImplausibleDate(date));
                        None
                    }
                    Err(DateError::Invalid) => {
                        errors.push(RowError::InvalidDate(text));
                        None
                    }
                },
            );
        let locale = match self.locale.map(|l| l.trim().to_owned()) {
            Some(tag) if tag.is_empty() => None,
            Some(tag) if !is_storable(&tag, Lines::Single) => {
                errors.push(RowError::ControlCharacter(Field::Locale));
                None
            }
            Some(tag) if valid_locale(&tag) => Some(tag),
            Some(tag) => {
                errors.push(RowError::InvalidLocale(tag));
                None
            }
            None => None,
        };

        match (
            result_id,
            source,
            email_reported,
            email,
            given_name,
            family_name,
            exam_code,
            exam_id,
            passed_on,
        ) {
            (
                Some(result_id),
                Some(source),
                Some(email_reported),
                Some(email),
                Some(given_name),
                Some(family_name),
                Some(exam_code_reported),
                Some(exam_id),
                Some(passed_on),
            ) if errors.is_empty() => Ok(NewResult {
                source,
                result_id,
                email_reported,
                email,
                given_name,
                family_name,
                exam_code_reported,
                exam_id,
                passed_on,
                locale,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CatalogFile, DEMO_CATALOG};

    fn catalog() -> Catalog {
        CatalogFile::parse(DEMO_CATALOG).unwrap().to_catalog()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn good() -> RawResult {
        RawResult {
            result_id: Some("R-1".into()),
            source: Some("pearsonvue".into()),
            email: Some("camille@example.org".into()),
            given_name: Some("Camille".into()),
            family_name: Some("Durand".into()),
            exam_code: Some("AZ-900".into()),
            passed_on: Some("2026-01-01".into()),
            locale: Some("fr-FR".into()),
        }
    }

    fn with_date(date: &str) -> Result<NewResult, Vec<RowError>> {
        RawResult {
            passed_on: Some(date.into()),
            ..good()
        }
        .validate(&catalog(), today())
    }

    #[test]
    fn a_good_row_is_valid() {
        let result = good().validate(&catalog(), today()).unwrap();
        assert_eq!(result.given_name, "Camille");
        assert_eq!(result.locale.as_deref(), Some("fr-FR"));
    }

    #[test]
    fn the_year_zero_and_years_before_1990_are_implausible() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            with_date("0000-01-01"),
            Err(vec![RowError::ImplausibleDate(date(0, 1, 1))])
        );
        assert_eq!(
            with_date("1989-12-31"),
            Err(vec![RowError::ImplausibleDate(date(1989, 12, 31))])
        );
        let error = RowError::ImplausibleDate(date(1989, 12, 31));
        assert_eq!(error.code(), "implausible_date");
        assert_eq!(error.field(), Some(Field::PassedOn));
    }

    #[test]
    fn a_signed_or_six_digit_year_is_not_a_date() {
        for text in ["+002026-01-01", "+2026-01-01", "002026-01-01", "2026-1-1"] {
            assert_eq!(
                with_date(text),
                Err(vec![RowError::InvalidDate(text.into())]),
                "{text}"
            );
        }
    }

    #[test]
    fn the_first_of_january_1990_is_accepted() {
        let result = with_date("1990-01-01").unwrap();
        assert_eq!(
            result.passed_on,
            NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
        );
    }

    #[test]
    fn a_nul_in_any_field_is_refused_as_a_control_character_of_that_field() {
        type Slot = fn(&mut RawResult) -> &mut Option<String>;
        let fields: [(Field, Slot); 8] = [
            (Field::ResultId, |r| &mut r.result_id),
            (Field::Source, |r| &mut r.source),
            (Field::Email, |r| &mut r.email),
            (Field::GivenName, |r| &mut r.given_name),
            (Field::FamilyName, |r| &mut r.family_name),
            (Field::ExamCode, |r| &mut r.exam_code),
            (Field::PassedOn, |r| &mut r.passed_on),
            (Field::Locale, |r| &mut r.locale),
        ];
        for (field, slot) in fields {
            let mut raw = good();
            let value = slot(&mut raw).take().unwrap();
            *slot(&mut raw) = Some(format!("{}\u{0}{}", &value[..1], &value[1..]));
            let errors = raw.validate(&catalog(), today()).unwrap_err();
            assert_eq!(errors, vec![RowError::ControlCharacter(field)], "{field:?}");
            assert_eq!(errors[0].code(), "control_character");
            assert_eq!(errors[0].field(), Some(field));
        }
    }

    #[test]
    fn other_controls_inside_a_field_are_refused_and_whitespace_around_it_is_trimmed() {
        for name in [
            "Ca\tmille",
            "Ca\nmille",
            "Ca\u{7f}mille",
            "Ca\u{85}mille",
            "\u{1b}[2J",
        ] {
            let raw = RawResult {
                given_name: Some(name.into()),
                ..good()
            };
            assert_eq!(
                raw.validate(&catalog(), today()),
                Err(vec![RowError::ControlCharacter(Field::GivenName)]),
                "{name:?}"
            );
        }
        let raw = RawResult {
            given_name: Some("\tCamille\r\n".into()),
            ..good()
        };
        assert_eq!(
            raw.validate(&catalog(), today()).unwrap().given_name,
            "Camille"
        );
    }

    #[test]
    fn the_message_of_a_control_character_names_the_field() {
        assert_eq!(
            RowError::ControlCharacter(Field::GivenName).to_string(),
            "given_name contains a control character (such as U+0000), which cannot be stored"
        );
    }
}
