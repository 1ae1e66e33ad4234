//! One reported exam result: the raw row as the certification system sent it, and the
//! validated result the rules work on.

use chrono::NaiveDate;

use super::catalog::Catalog;
use super::email::{EmailAddress, EmailError};

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
    #[error("the email address {0:?} is not valid")]
    InvalidEmail(String),
    #[error("the exam code {0:?} is not in the catalog")]
    UnknownExam(String),
    #[error("the date {0:?} is not a real date (YYYY-MM-DD)")]
    InvalidDate(String),
    #[error("the date {0} is in the future")]
    FutureDate(NaiveDate),
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
            Self::Missing(f) | Self::TooLong(f) => Some(*f),
            Self::InvalidEmail(_) => Some(Field::Email),
            Self::UnknownExam(_) => Some(Field::ExamCode),
            Self::InvalidDate(_) | Self::FutureDate(_) => Some(Field::PassedOn),
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
            Self::InvalidEmail(_) => "invalid_email",
            Self::UnknownExam(_) => "unknown_exam",
            Self::InvalidDate(_) => "invalid_date",
            Self::FutureDate(_) => "future_date",
            Self::InvalidSource(_) => "invalid_source",
            Self::InvalidLocale(_) => "invalid_locale",
            Self::ColumnCount { .. } => "column_count",
            Self::NotAnObject => "not_an_object",
            Self::NotUtf8 => "not_utf8",
        }
    }
}

const MAX_TEXT: usize = 200;

fn required(value: Option<String>, field: Field, errors: &mut Vec<RowError>) -> Option<String> {
    match value.map(|v| v.trim().to_owned()) {
        Some(v) if v.is_empty() => {
            errors.push(RowError::Missing(field));
            None
        }
        None => {
            errors.push(RowError::Missing(field));
            None
        }
        Some(v) if v.chars().count() > MAX_TEXT => {
            errors.push(RowError::TooLong(field));
            None
        }
        Some(v) => Some(v),
    }
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
    /// Checks every field and returns the result, or every reason it is refused.
    /// `today` is the date after which a pass is in the future.
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
        let passed_on = required(self.passed_on, Field::PassedOn, &mut errors).and_then(|text| {
            match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                Ok(date) if date > today => {
                    errors.push(RowError::FutureDate(date));
                    None
                }
                Ok(date) => Some(date),
                Err(_) => {
                    errors.push(RowError::InvalidDate(text));
                    None
                }
            }
        });
        let locale = match self.locale.map(|l| l.trim().to_owned()) {
            Some(tag) if tag.is_empty() => None,
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
