//! Dates, numbers and amounts of money in the reader's language: one place for the pages, the
//! emails and the command line.
//!
//! The conventions are CLDR's, through ICU4X with its data compiled into the binary
//! (`icu_datetime`, `icu_decimal`): nothing is read at run time and no locale is missing.
//! Each language of `locales/` names the CLDR locale whose conventions it follows in its
//! `format-locale` message (English: `en-001`, international English, so `15 January 2020`
//! rather than the United States' `January 15, 2020`); a new language says its own there.
//!
//! - [`date`]: the long form, `15 January 2020`, `15 janvier 2020`;
//! - [`date_time`]: date and time to the minute, as given (the site's times are UTC);
//! - [`integer`]: whole numbers with the language's grouping, `1,234`, `1 234`; every number
//!   a Fluent message shows (`t.count(…)`) goes through it too ([`fluent_number`]);
//! - [`money`]: an amount in US dollars or euros, `US$85,000`, `85 000 €`; the number is
//!   CLDR's, the symbol and its place come from the `money-*` messages of the language.
//!
//! Callers with a [`Locale`] call these functions (`format::date(locale, day)`); templates
//! and code holding a [`Tr`](super::Tr) call its methods of the same names (`page.date(d)`).
//! Formatters are built once per thread and language.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::fluent_bundle::memoizer::MemoizerKind;
use fluent_templates::fluent_bundle::types::FluentNumberOptions;
use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{Date, Time};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use unic_langid::LanguageIdentifier;

use super::{Locale, Tr};

/// A currency the site shows amounts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Currency {
    Usd,
    Eur,
}

impl Currency {
    /// The ISO 4217 code: `USD`, `EUR`.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
        }
    }

    /// The message that places an amount and this currency's symbol.
    fn message_id(self) -> &'static str {
        match self {
            Currency::Usd => "money-usd",
            Currency::Eur => "money-eur",
        }
    }
}

/// An amount of money, counted in the currency's minor unit (cents) so that no float rounds
/// it: `Money::cents(4150, Currency::Usd)` is 41.50 dollars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub cents: i64,
    pub currency: Currency,
}

impl Money {
    pub fn cents(cents: i64, currency: Currency) -> Money {
        Money { cents, currency }
    }

    /// A whole amount, such as a yearly salary: `Money::whole(85_000, Currency::Usd)`.
    pub fn whole(units: i64, currency: Currency) -> Money {
        Money {
            cents: units.saturating_mul(100),
            currency,
        }
    }
}

/// A value a caller holds, or a reference to one: templates hand methods their values behind
/// one or two references (`page.date(badge.issued_on)` inside an `if let` or a loop), so
/// [`Tr`]'s methods take any of them.
pub trait Held<T: Copy> {
    fn held(&self) -> T;
}

macro_rules! held {
    ($($t:ty),*) => {$(
        impl Held<$t> for $t {
            fn held(&self) -> $t {
                *self
            }
        }
    )*};
}
held!(NaiveDate, DateTime<Utc>, i64, Money);

impl<T: Copy, H: Held<T> + ?Sized> Held<T> for &H {
    fn held(&self) -> T {
        (**self).held()
    }
}

/// The ICU4X formatters of one language.
struct Formatters {
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    date_time: FixedCalendarDateTimeFormatter<Gregorian, YMDT>,
    decimal: DecimalFormatter,
}

impl Formatters {
    fn new(locale: Locale) -> Option<Formatters> {
        let tag = Tr::new(locale).msg("format-locale");
        let cldr = icu_locale_core::Locale::try_from_str(tag.trim())
            .or_else(|_| icu_locale_core::Locale::try_from_str(locale.code()))
            .ok()?;
        Some(Formatters {
            date: FixedCalendarDateTimeFormatter::try_new((&cldr).into(), YMD::long()).ok()?,
            date_time: FixedCalendarDateTimeFormatter::try_new(
                (&cldr).into(),
                YMD::long().with_time_hm(),
            )
            .ok()?,
            decimal: DecimalFormatter::try_new((&cldr).into(), Default::default()).ok()?,
        })
    }
}

thread_local! {
    static FORMATTERS: RefCell<HashMap<Locale, Option<Rc<Formatters>>>> =
        RefCell::new(HashMap::new());
}

/// Runs `f` with the formatters of `locale`, or answers `None` if CLDR had none (it has one
/// for every language, falling back to its root locale: this is not expected to happen).
fn with_formatters<R>(locale: Locale, f: impl FnOnce(&Formatters) -> R) -> Option<R> {
    let known = FORMATTERS.with(|cache| cache.borrow().get(&locale).cloned());
    let formatters = match known {
        Some(formatters) => formatters,
        None => {
            // Built outside the borrow: building reads a message, whose numbers come back here.
            let built = Formatters::new(locale).map(Rc::new);
            FORMATTERS.with(|cache| cache.borrow_mut().insert(locale, built.clone()));
            built
        }
    };
    formatters.map(|formatters| f(&formatters))
}

fn gregorian(day: NaiveDate) -> Option<Date<Gregorian>> {
    let month = u8::try_from(day.month()).ok()?;
    let day_of_month = u8::try_from(day.day()).ok()?;
    Date::try_new_gregorian(day.year(), month, day_of_month).ok()
}

/// A day in the long form of the language: `15 January 2020`, `15 janvier 2020`.
pub fn date(locale: Locale, day: NaiveDate) -> String {
    gregorian(day)
        .and_then(|date| with_formatters(locale, |f| f.date.format(&date).to_string()))
        .unwrap_or_else(|| day.to_string())
}

/// A moment to the minute, as given (no time zone is shown): `15 January 2020 at 2:05 pm`,
/// `15 janvier 2020 à 14:05`.
pub fn date_time(locale: Locale, at: DateTime<Utc>) -> String {
    let moment = gregorian(at.date_naive()).and_then(|date| {
        let hour = u8::try_from(at.hour()).ok()?;
        let minute = u8::try_from(at.minute()).ok()?;
        let time = Time::try_new(hour, minute, 0, 0).ok()?;
        Some(icu_datetime::input::DateTime { date, time })
    });
    moment
        .and_then(|moment| with_formatters(locale, |f| f.date_time.format(&moment).to_string()))
        .unwrap_or_else(|| at.format("%Y-%m-%d %H:%M").to_string())
}

/// A whole number with the language's grouping: `1,234,567`, `1 234 567` (narrow
/// no-break spaces in French).
pub fn integer(locale: Locale, n: i64) -> String {
    with_formatters(locale, |f| f.decimal.format(&Decimal::from(n)).to_string())
        .unwrap_or_else(|| n.to_string())
}

/// An amount of money: the number with the language's separators (cents shown unless the
/// amount is whole), the currency's symbol placed as the language places it: `US$85,000`,
/// `€41.50`, `85 000 $US`, `41,50 €`.
pub fn money(locale: Locale, amount: Money) -> String {
    let mut number = Decimal::from(amount.cents);
    number.multiply_pow10(-2);
    number.trim_end_if_integer();
    let figures = with_formatters(locale, |f| f.decimal.format(&number).to_string())
        .unwrap_or_else(|| number.to_string());
    Tr::new(locale).msg1(amount.currency.message_id(), "amount", figures)
}

/// The language of a Fluent bundle, for [`fluent_number`]: Fluent keeps one formatter of
/// each type per bundle, and hands the bundle's language to its constructor.
struct BundleLocale(Locale);

impl intl_memoizer::Memoizable for BundleLocale {
    type Args = ();
    type Error = ();
    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        Locale::from_tag(lang.language.as_str())
            .map(BundleLocale)
            .ok_or(())
    }
}

/// Fluent's number formatter (set on every bundle in [`super::LOCALES`]): a plain whole
/// number, such as the `$count` of a plural, gets the grouping of the bundle's language
/// through [`integer`]; anything else (fractions, `NUMBER()` options) is left to Fluent.
pub fn fluent_number<M: MemoizerKind>(value: &FluentValue, bundle: &M) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let plain = FluentNumberOptions::default();
    // Integers up to 2^53 are exact in an f64, and so is the conversion back.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if number.options != plain || number.value.fract() != 0.0 || number.value.abs() > EXACT {
        return None;
    }
    // The language only: the bundle's lock is held in the callback, and formatting may
    // look a message up in the same bundle.
    let locale = bundle
        .with_try_get_threadsafe::<BundleLocale, _, _>((), |language| language.0)
        .ok()?;
    Some(integer(locale, number.value as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Locale {
        Locale::from_tag("en").unwrap()
    }

    fn fr() -> Locale {
        Locale::from_tag("fr").unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_date_reads_in_the_long_form_of_each_language() {
        assert_eq!(date(en(), day(2020, 1, 15)), "15 January 2020");
        assert_eq!(date(fr(), day(2020, 1, 15)), "15 janvier 2020");
        assert_eq!(date(en(), day(2026, 12, 1)), "1 December 2026");
        assert_eq!(date(fr(), day(2026, 12, 1)), "1 décembre 2026");
    }

    #[test]
    fn a_moment_reads_as_its_date_and_time_to_the_minute() {
        let at = day(2020, 1, 15).and_hms_opt(14, 5, 59).unwrap().and_utc();
        // International English's clock has twelve hours (CLDR `en-001`).
        assert_eq!(date_time(en(), at), "15 January 2020 at 2:05\u{202f}pm");
        assert_eq!(date_time(fr(), at), "15 janvier 2020 à 14:05");
    }

    #[test]
    fn whole_numbers_are_grouped_as_each_language_groups_them() {
        assert_eq!(integer(en(), 1234), "1,234");
        assert_eq!(integer(fr(), 1234), "1\u{202f}234");
        assert_eq!(integer(en(), 1_000_000), "1,000,000");
        assert_eq!(integer(fr(), 1_000_000), "1\u{202f}000\u{202f}000");
        assert_eq!(integer(en(), 999), "999");
        assert_eq!(integer(fr(), -1234), "-1\u{202f}234");
    }

    #[test]
    fn amounts_of_money_follow_each_language() {
        let salary = Money::whole(85_000, Currency::Usd);
        assert_eq!(money(en(), salary), "US$85,000");
        assert_eq!(money(fr(), salary), "85\u{202f}000\u{a0}$US");
        let hourly = Money::cents(4150, Currency::Eur);
        assert_eq!(money(en(), hourly), "€41.50");
        assert_eq!(money(fr(), hourly), "41,50\u{a0}€");
        assert_eq!(
            money(fr(), Money::cents(123_456_705, Currency::Eur)),
            "1\u{202f}234\u{202f}567,05\u{a0}€"
        );
        assert_eq!(Currency::Eur.code(), "EUR");
    }

    #[test]
    fn counts_in_messages_are_grouped_and_still_choose_their_plural() {
        let en = Tr::new(en());
        let fr = Tr::new(fr());
        assert_eq!(en.count("wallet-earned", "count", 1), "Earned (1)");
        assert_eq!(en.count("wallet-earned", "count", 1234), "Earned (1,234)");
        assert_eq!(
            fr.count("settings-address-badges", "count", 1234),
            "1\u{202f}234 badges envoyés"
        );
        assert_eq!(
            fr.count("settings-address-badges", "count", 1),
            "1 badge envoyé"
        );
    }

    #[test]
    fn templates_reach_every_format_through_the_translator() {
        let t = Tr::new(fr());
        let issued = day(2020, 1, 15);
        // Askama hands values behind one or two references (loops, `if let`).
        let in_a_loop: &&NaiveDate = &&issued;
        assert_eq!(t.date(issued), "15 janvier 2020");
        assert_eq!(t.date(in_a_loop), "15 janvier 2020");
        let count: &i64 = &1234;
        assert_eq!(t.number(count), "1\u{202f}234");
        let at = issued.and_hms_opt(9, 30, 0).unwrap().and_utc();
        assert_eq!(t.date_time(at), "15 janvier 2020 à 09:30");
        assert_eq!(t.money(Money::whole(1, Currency::Eur)), "1\u{a0}€");
    }
}
