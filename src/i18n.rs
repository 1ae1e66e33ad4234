//! Languages: Fluent messages from `locales/<lang>/*.ftl`, compiled into the binary.
//! Adding a language is adding a folder there; English is the fallback for a missing message.
//! Dates, numbers and money in the reader's language: [`format`].

pub mod format;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    pub static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they end up in HTML and plain-text mail.
        // Numbers (the counts of plurals) are grouped as the language groups them.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(format::fluent_number));
        },
    };
}

/// A language the site speaks: one of the folders of `locales/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Locale(&'static LanguageIdentifier);

impl Locale {
    /// Every language of the site, English first, then by code.
    pub fn all() -> Vec<Locale> {
        let mut all: Vec<Locale> = LOCALES.locales().map(Locale).collect();
        all.sort_by_key(|l| (l.code() != "en", l.code()));
        all
    }

    pub fn fallback() -> Locale {
        Locale(LOCALES.fallback())
    }

    /// The language of a tag such as `fr-FR`, `fr` or `FR`, if the site speaks it.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let language = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        LOCALES
            .locales()
            .find(|id| id.language.as_str() == language)
            .map(Locale)
    }

    /// The preferred language of an `Accept-Language` header that the site speaks.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut ranges: Vec<(f32, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(position, part)| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (quality > 0.0 && !tag.is_empty()).then_some((quality, position, tag))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges
            .into_iter()
            .find_map(|(_, _, tag)| Locale::from_tag(tag))
    }

    /// The language code, as in `lang` attributes and URLs: `en`, `fr`.
    pub fn code(self) -> &'static str {
        self.0.language.as_str()
    }

    pub fn id(self) -> &'static LanguageIdentifier {
        self.0
    }
}

impl Default for Locale {
    fn default() -> Self {
        Self::fallback()
    }
}

/// Looks messages up in one language. Templates call `t.msg("id")`; every id used with
/// `msg`, `msg1`, `msg2` or `count` is checked against every locale by a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub locale: Locale,
}

impl Tr {
    pub fn new(locale: Locale) -> Self {
        Self { locale }
    }

    pub fn msg(&self, id: &str) -> String {
        LOCALES.lookup(self.locale.id(), id)
    }

    pub fn msg1(&self, id: &str, name: &'static str, value: impl AsRef<str>) -> String {
        self.lookup(id, [(name, FluentValue::from(value.as_ref().to_owned()))])
    }

    pub fn msg2(
        &self,
        id: &str,
        n1: &'static str,
        v1: impl AsRef<str>,
        n2: &'static str,
        v2: impl AsRef<str>,
    ) -> String {
        self.lookup(
            id,
            [
                (n1, FluentValue::from(v1.as_ref().to_owned())),
                (n2, FluentValue::from(v2.as_ref().to_owned())),
            ],
        )
    }

    /// A message with a number, for plurals: `count("rows-imported", "count", 3)`.
    pub fn count(&self, id: &str, name: &'static str, n: impl std::borrow::Borrow<i64>) -> String {
        self.lookup(id, [(name, FluentValue::from(*n.borrow()))])
    }

    /// A day in the long form of the language: `15 January 2020` ([`format::date`]).
    pub fn date(&self, day: impl format::Held<chrono::NaiveDate>) -> String {
        format::date(self.locale, day.held())
    }

    /// A moment to the minute: `15 January 2020 at 2:05 pm` ([`format::date_time`]).
    pub fn date_time(&self, at: impl format::Held<chrono::DateTime<chrono::Utc>>) -> String {
        format::date_time(self.locale, at.held())
    }

    /// A whole number, grouped: `1,234`, `1 234` ([`format::integer`]).
    pub fn number(&self, n: impl format::Held<i64>) -> String {
        format::integer(self.locale, n.held())
    }

    /// An amount of money: `US$85,000`, `85 000 $US` ([`format::money`]).
    pub fn money(&self, amount: impl format::Held<format::Money>) -> String {
        format::money(self.locale, amount.held())
    }

    /// A message with several text arguments.
    pub fn msgn<const N: usize>(&self, id: &str, args: [(&'static str, String); N]) -> String {
        self.lookup(
            id,
            args.map(|(name, value)| (name, FluentValue::from(value))),
        )
    }

    fn lookup<const N: usize>(&self, id: &str, args: [(&'static str, FluentValue); N]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .into_iter()
            .map(|(name, value)| (Cow::Borrowed(name), value))
            .collect();
        LOCALES.lookup_with_args(self.locale.id(), id, &args)
    }
}

impl Default for Tr {
    fn default() -> Self {
        Self::new(Locale::default())
    }
}

/// Something with a message for the person who caused it.
pub trait Localized {
    fn localize(&self, t: &Tr) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_french_are_spoken() {
        let codes: Vec<&str> = Locale::all().into_iter().map(Locale::code).collect();
        assert_eq!(codes[0], "en");
        assert!(codes.contains(&"fr"));
    }

    #[test]
    fn tags_map_to_their_language() {
        assert_eq!(Locale::from_tag("fr-FR").map(Locale::code), Some("fr"));
        assert_eq!(Locale::from_tag("EN_us").map(Locale::code), Some("en"));
        assert_eq!(Locale::from_tag("de-DE"), None);
    }

    #[test]
    fn accept_language_prefers_the_highest_quality_spoken_language() {
        let pick = |h| Locale::negotiate(h).map(Locale::code);
        assert_eq!(pick("de-DE,fr;q=0.8,en;q=0.5"), Some("fr"));
        assert_eq!(pick("en;q=0.3, fr-CA;q=0.9"), Some("fr"));
        assert_eq!(pick("de, ja"), None);
        assert_eq!(pick("fr;q=0, en"), Some("en"));
        assert_eq!(pick("garbage;;;q=x"), None);
    }
}
