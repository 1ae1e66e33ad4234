//! Dates typed by people or reported by other systems: one strict form and plausible years
//! only, so that `0000-01-01` or `+002026-01-01` never become a pass date or a retirement.

use chrono::{Datelike, NaiveDate};

/// The earliest year a date of the program can be from. Microsoft's first certification
/// exams date from the early 1990s, so no result, and no exam's retirement, is older;
/// a date before this year is a typing or export error.
pub const FIRST_YEAR: i32 = 1990;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("is not a real date in the form YYYY-MM-DD")]
    Invalid,
    #[error("is before {FIRST_YEAR}, older than any certification exam")]
    Implausible(NaiveDate),
}

/// Parses `YYYY-MM-DD` exactly: four ASCII digits for the year (no sign, no more digits),
/// two for the month and two for the day, a real day of the calendar, from [`FIRST_YEAR`] on.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(DateError::Invalid);
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| DateError::Invalid)?;
    if date.year() < FIRST_YEAR {
        return Err(DateError::Implausible(date));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_date_from_1990_on_is_accepted() {
        assert_eq!(
            parse_date("1990-01-01"),
            Ok(NaiveDate::from_ymd_opt(1990, 1, 1).unwrap())
        );
        assert_eq!(
            parse_date("2024-02-29"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
    }

    #[test]
    fn a_date_before_1990_is_implausible() {
        for text in ["1989-12-31", "0000-01-01", "0001-01-01"] {
            assert!(
                matches!(parse_date(text), Err(DateError::Implausible(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn signs_extra_digits_and_other_shapes_are_not_dates() {
        for text in [
            "+002026-01-01",
            "+2026-01-01",
            "-2026-01-01",
            "02026-01-01",
            "2026-1-01",
            "2026-01-1",
            "2026/01/01",
            "01/02/2026",
            "2026-02-30",
            "2026-01-01T00:00",
            " 2026-01-01",
            "２０２６-01-01",
            "",
        ] {
            assert_eq!(parse_date(text), Err(DateError::Invalid), "{text:?}");
        }
    }
}
