//! One schema.org `JobPosting` (a JSON object) read into a [`NewPosting`]: every value checked
//! and put in the form its column holds, or the reasons it is refused ([`PostingError`]).
//! Values the posting gives that Accolade cannot use (a certification code the catalog does
//! not know, an occupational category that is not a SOC code) are left out with a
//! [`PostingWarning`]: the posting itself is good. Properties Accolade does not read are
//! ignored. The accepted shape is described in `src/insights/jobs/mod.rs`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde_json::Value;

use super::places;
use crate::domain::date::parse_date;
use crate::domain::text::{Lines, is_storable};

/// Longest title, organization name and locality (characters).
pub const MAX_NAME: usize = 200;
/// Longest description (characters); a longer one is shortened, with a warning.
pub const MAX_DESCRIPTION: usize = 10_000;
/// Longest URL (apply, organization).
pub const MAX_URL: usize = 2000;
/// Longest identifier (the `source_key` it becomes).
pub const MAX_KEY: usize = 500;
/// Longest skill name.
pub const MAX_SKILL: usize = 100;
/// Most skills, certifications and occupations one posting may ask for (each).
pub const MAX_ASKED: usize = 50;
/// The largest yearly salary taken as real (in the salary's currency).
pub const MAX_ANNUAL_SALARY: i64 = 100_000_000;
/// `identifier.propertyID` of generated demo postings: they are stored with `demo = true`.
pub const DEMO_PROPERTY_ID: &str = "accolade-demo";
/// The extension property that lists certification or exam codes as plain text.
pub const CERTIFICATION_CODES: &str = "certificationCodes";

/// The property of the posting a message is about (the JSON name, for the API's `field`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Identifier,
    Title,
    HiringOrganization,
    JobLocation,
    DatePosted,
    ValidThrough,
    BaseSalary,
    Url,
    Description,
    OccupationalCategory,
    Skills,
    Certifications,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Identifier => "identifier",
            Field::Title => "title",
            Field::HiringOrganization => "hiringOrganization",
            Field::JobLocation => "jobLocation",
            Field::DatePosted => "datePosted",
            Field::ValidThrough => "validThrough",
            Field::BaseSalary => "baseSalary",
            Field::Url => "url",
            Field::Description => "description",
            Field::OccupationalCategory => "occupationalCategory",
            Field::Skills => "skills",
            Field::Certifications => "educationRequirements",
        }
    }
}

/// Why a posting is refused (nothing of it is stored).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostingError {
    #[error("the item is not a JSON object")]
    NotAnObject,
    #[error("the line is not JSON: {0}")]
    NotJson(String),
    #[error("the line is not valid UTF-8 text")]
    NotUtf8,
    #[error("the item is larger than {0} bytes")]
    ItemTooLarge(usize),
    #[error("the item's @type is {0:?}, not JobPosting")]
    NotAJobPosting(String),
    #[error("{} is missing", .0.name())]
    Missing(Field),
    #[error("{field} is too long ({max} characters at most)", field = .0.name(), max = .1)]
    TooLong(Field, usize),
    #[error("{field} lists too many values ({max} at most)", field = .0.name(), max = .1)]
    TooMany(Field, usize),
    #[error("{} contains a control character", .0.name())]
    ControlCharacter(Field),
    #[error("{} is not of a type this feed reads", .0.name())]
    WrongType(Field),
    #[error("the URL {url:?} of {field} is not an absolute https URL", field = .0.name(), url = .1)]
    NotHttps(Field, String),
    #[error("{value:?} ({field}) is not a date (YYYY-MM-DD) or a date-time (RFC 3339)", field = .0.name(), value = .1)]
    InvalidDate(Field, String),
    #[error("datePosted {0} is in the future")]
    PostedInFuture(NaiveDate),
    #[error("validThrough is before datePosted")]
    EndsBeforePosted,
    #[error("the posting names no place (jobLocation) and is not remote")]
    NoLocation,
    #[error("{0:?} is not a country")]
    InvalidCountry(String),
    #[error("{0:?} is not a state of the United States")]
    InvalidState(String),
    #[error("the salary's currency {0:?} is not an ISO 4217 code")]
    InvalidCurrency(String),
    #[error("the salary's unitText {0:?} is not HOUR, DAY, WEEK, MONTH or YEAR")]
    InvalidSalaryUnit(String),
    #[error("the salary {0:?} is not an amount")]
    InvalidSalaryAmount(String),
    #[error("the salary's minValue is larger than its maxValue")]
    SalaryRange,
}

impl PostingError {
    /// The property the error is about, if one.
    pub fn field(&self) -> Option<Field> {
        match self {
            Self::Missing(f)
            | Self::TooLong(f, _)
            | Self::TooMany(f, _)
            | Self::ControlCharacter(f)
            | Self::WrongType(f)
            | Self::NotHttps(f, _)
            | Self::InvalidDate(f, _) => Some(*f),
            Self::PostedInFuture(_) => Some(Field::DatePosted),
            Self::EndsBeforePosted => Some(Field::ValidThrough),
            Self::NoLocation | Self::InvalidCountry(_) | Self::InvalidState(_) => {
                Some(Field::JobLocation)
            }
            Self::InvalidCurrency(_)
            | Self::InvalidSalaryUnit(_)
            | Self::InvalidSalaryAmount(_)
            | Self::SalaryRange => Some(Field::BaseSalary),
            Self::NotAnObject
            | Self::NotJson(_)
            | Self::NotUtf8
            | Self::ItemTooLarge(_)
            | Self::NotAJobPosting(_) => None,
        }
    }

    /// A stable code for machines (the API's `code`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotAnObject => "not_an_object",
            Self::NotJson(_) => "not_json",
            Self::NotUtf8 => "not_utf8",
            Self::ItemTooLarge(_) => "item_too_large",
            Self::NotAJobPosting(_) => "not_a_job_posting",
            Self::Missing(_) => "missing",
            Self::TooLong(..) => "too_long",
            Self::TooMany(..) => "too_many",
            Self::ControlCharacter(_) => "control_character",
            Self::WrongType(_) => "wrong_type",
            Self::NotHttps(..) => "not_https",
            Self::InvalidDate(..) => "invalid_date",
            Self::PostedInFuture(_) => "future_date",
            Self::EndsBeforePosted => "ends_before_posted",
            Self::NoLocation => "no_location",
            Self::InvalidCountry(_) => "invalid_country",
            Self::InvalidState(_) => "invalid_state",
            Self::InvalidCurrency(_) => "invalid_currency",
            Self::InvalidSalaryUnit(_) => "invalid_salary_unit",
            Self::InvalidSalaryAmount(_) => "invalid_salary_amount",
            Self::SalaryRange => "salary_range",
        }
    }
}

/// Something of a good posting that was left out (the posting is stored without it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostingWarning {
    /// A certification or exam code (or title) the catalog does not know.
    UnknownCertification(String),
    /// An `occupationalCategory` that is not a SOC code.
    NotAnOccupation(String),
    /// A skill longer than [`MAX_SKILL`] characters.
    SkillTooLong(String),
    /// The organization's `sameAs` / `url` is not an https URL.
    OrganizationUrlIgnored(String),
    /// The description was longer than [`MAX_DESCRIPTION`] characters.
    DescriptionShortened,
}

impl PostingWarning {
    pub fn field(&self) -> Field {
        match self {
            Self::UnknownCertification(_) => Field::Certifications,
            Self::NotAnOccupation(_) => Field::OccupationalCategory,
            Self::SkillTooLong(_) => Field::Skills,
            Self::OrganizationUrlIgnored(_) => Field::HiringOrganization,
            Self::DescriptionShortened => Field::Description,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownCertification(_) => "unknown_certification",
            Self::NotAnOccupation(_) => "not_an_occupation",
            Self::SkillTooLong(_) => "skill_too_long",
            Self::OrganizationUrlIgnored(_) => "organization_url_ignored",
            Self::DescriptionShortened => "description_shortened",
        }
    }
}

/// The period a salary is paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SalaryUnit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl SalaryUnit {
    pub const ALL: &[SalaryUnit] = &[
        SalaryUnit::Hour,
        SalaryUnit::Day,
        SalaryUnit::Week,
        SalaryUnit::Month,
        SalaryUnit::Year,
    ];

    /// The spelling of schema.org's `unitText` and of the column `salary_unit`.
    pub fn as_str(self) -> &'static str {
        match self {
            SalaryUnit::Hour => "HOUR",
            SalaryUnit::Day => "DAY",
            SalaryUnit::Week => "WEEK",
            SalaryUnit::Month => "MONTH",
            SalaryUnit::Year => "YEAR",
        }
    }

    pub fn parse(text: &str) -> Option<SalaryUnit> {
        SalaryUnit::ALL.iter().copied().find(|u| u.as_str() == text)
    }

    /// How many of these make a working year: 2,080 hours, 260 days, 52 weeks, 12 months.
    pub fn per_year(self) -> i64 {
        match self {
            SalaryUnit::Hour => 2080,
            SalaryUnit::Day => 260,
            SalaryUnit::Week => 52,
            SalaryUnit::Month => 12,
            SalaryUnit::Year => 1,
        }
    }
}

/// A salary as the posting gives it, in cents of its currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Salary {
    pub currency: String,
    pub min_cents: i64,
    /// `None` when the posting gives one figure only (then `min_cents` is it).
    pub max_cents: Option<i64>,
    pub unit: SalaryUnit,
}

impl Salary {
    fn annual(&self, cents: i64) -> i32 {
        let whole = (cents * self.unit.per_year() + 50) / 100;
        i32::try_from(whole).unwrap_or(i32::MAX)
    }

    /// The yearly amount of the lower figure, in whole units of the currency.
    pub fn annual_min(&self) -> i32 {
        self.annual(self.min_cents)
    }

    pub fn annual_max(&self) -> Option<i32> {
        self.max_cents.map(|c| self.annual(c))
    }
}

/// A valid posting, in the form of its columns; what it asks for by code and name (the
/// store resolves the skills' names to rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPosting {
    pub source_key: String,
    pub title: String,
    pub organization: String,
    pub organization_url: Option<String>,
    pub description: Option<String>,
    pub remote: bool,
    pub locality: Option<String>,
    /// US postal code of the state.
    pub state: Option<String>,
    /// ISO 3166 alpha-2.
    pub country: Option<String>,
    pub date_posted: NaiveDate,
    /// Microsecond precision, as PostgreSQL keeps it.
    pub valid_through: DateTime<Utc>,
    pub salary: Option<Salary>,
    pub apply_url: String,
    pub demo: bool,
    /// Badge classes asked for (ids of the catalog), ascending.
    pub badge_classes: Vec<i64>,
    /// SOC codes (`15-1244`), ascending.
    pub occupations: Vec<String>,
    /// Skill names, the first spelling of each (letter case aside), in the posting's order.
    pub skills: Vec<String>,
}

/// The catalog's codes and titles, for the certifications a posting asks for.
#[derive(Debug, Clone, Default)]
pub struct CatalogCodes {
    by_code: HashMap<String, i64>,
    by_title: HashMap<String, i64>,
}

impl CatalogCodes {
    /// From (id, code, title) of every badge class.
    pub fn new(classes: impl IntoIterator<Item = (i64, String, String)>) -> CatalogCodes {
        let mut codes = CatalogCodes::default();
        for (id, code, title) in classes {
            codes.by_code.insert(code.to_lowercase(), id);
            codes.by_title.entry(title.to_lowercase()).or_insert(id);
        }
        codes
    }

    /// A badge class by its code (`AZ-104`, `azure-administrator`) or its title, letter case
    /// aside.
    pub fn find(&self, text: &str) -> Option<i64> {
        let key = text.trim().to_lowercase();
        self.by_code
            .get(&key)
            .or_else(|| self.by_title.get(&key))
            .copied()
    }
}

/// What reading one item gave.
pub type Parsed = Result<(NewPosting, Vec<PostingWarning>), Vec<PostingError>>;

/// Reads one posting. `now` decides what "in the future" means for `datePosted` (a day of
/// margin, for time zones).
pub fn parse(item: &Value, codes: &CatalogCodes, now: DateTime<Utc>) -> Parsed {
    let Some(object) = item.as_object() else {
        return Err(vec![PostingError::NotAnObject]);
    };
    if let Some(kind) = object.get("@type") {
        let is_posting = match kind {
            Value::String(s) => s == "JobPosting",
            Value::Array(kinds) => kinds.iter().any(|k| k.as_str() == Some("JobPosting")),
            _ => false,
        };
        if !is_posting {
            let shown = kind
                .as_str()
                .map_or_else(|| kind.to_string(), str::to_owned);
            return Err(vec![PostingError::NotAJobPosting(shown)]);
        }
    }
    let mut reader = Reader {
        item: object,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let posting = reader.posting(codes, now);
    match posting {
        Some(posting) if reader.errors.is_empty() => Ok((posting, reader.warnings)),
        _ => Err(reader.errors),
    }
}

struct Reader<'a> {
    item: &'a serde_json::Map<String, Value>,
    errors: Vec<PostingError>,
    warnings: Vec<PostingWarning>,
}

/// A value that may be one or a list: its members.
fn each(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(values)) => values.iter().collect(),
        Some(value) => vec![value],
    }
}

/// A text property, or a number written as text.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The `name` of an object, or the text itself.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::Object(o) => o.get("name").and_then(text_of),
        other => text_of(other),
    }
    .filter(|s| !s.is_empty())
}

fn is_type(value: &Value, kind: &str) -> bool {
    match value.get("@type") {
        Some(Value::String(s)) => s.eq_ignore_ascii_case(kind),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .any(|k| k.as_str().is_some_and(|s| s.eq_ignore_ascii_case(kind))),
        _ => false,
    }
}

impl<'a> Reader<'a> {
    fn get(&self, name: &str) -> Option<&'a Value> {
        self.item.get(name).filter(|v| !v.is_null())
    }

    fn fail(&mut self, error: PostingError) -> Option<String> {
        self.errors.push(error);
        None
    }

    /// A one-line text of at most `max` characters: `None` (and an error) otherwise.
    fn line(&mut self, text: String, field: Field, max: usize) -> Option<String> {
        if !is_storable(&text, Lines::Single) {
            return self.fail(PostingError::ControlCharacter(field));
        }
        if text.chars().count() > max {
            return self.fail(PostingError::TooLong(field, max));
        }
        Some(text)
    }

    /// A required one-line text.
    fn required(&mut self, value: Option<String>, field: Field, max: usize) -> Option<String> {
        match value.filter(|s| !s.is_empty()) {
            None => self.fail(PostingError::Missing(field)),
            Some(text) => self.line(text, field, max),
        }
    }

    fn posting(&mut self, codes: &CatalogCodes, now: DateTime<Utc>) -> Option<NewPosting> {
        let title = self.get("title").map(text_of);
        let title = match title {
            Some(None) => self.fail(PostingError::WrongType(Field::Title)),
            other => self.required(other.flatten(), Field::Title, MAX_NAME),
        };
        let (organization, organization_url) = self.organization();
        let apply_url = self.apply_url();
        let (source_key, demo) = self.source_key(organization.as_deref());
        let description = self.description();
        let place = self.place();
        let date_posted = self.date(Field::DatePosted);
        let valid_through = self.date(Field::ValidThrough);
        let date_posted = date_posted.map(|(day, _)| day);
        let last_day = valid_through.map(|(day, _)| day);
        // A date alone is valid through its whole day (UTC).
        let valid_through = valid_through.map(|(day, at)| {
            at.unwrap_or_else(|| {
                day.checked_add_days(Days::new(1))
                    .unwrap_or(day)
                    .and_time(NaiveTime::MIN)
                    .and_utc()
            })
        });
        if let Some(day) = date_posted {
            let tomorrow = now.date_naive().checked_add_days(Days::new(1));
            if tomorrow.is_some_and(|t| day > t) {
                self.errors.push(PostingError::PostedInFuture(day));
            }
        }
        // Not before the day posted, as written and as a UTC day (the column's CHECK).
        if let (Some(posted), Some(last), Some(until)) = (date_posted, last_day, valid_through)
            && (last < posted || until.date_naive() < posted)
        {
            self.errors.push(PostingError::EndsBeforePosted);
        }
        let salary = self.salary();
        let occupations = self.occupations();
        let skills = self.skills();
        let badge_classes = self.certifications(codes);
        Some(NewPosting {
            source_key: source_key?,
            title: title?,
            organization: organization?,
            organization_url,
            description,
            remote: place.as_ref()?.remote,
            locality: place.as_ref()?.locality.clone(),
            state: place.as_ref()?.state.clone(),
            country: place?.country,
            date_posted: date_posted?,
            valid_through: valid_through?,
            salary: salary?,
            apply_url: apply_url?,
            demo,
            badge_classes,
            occupations,
            skills,
        })
    }

    fn organization(&mut self) -> (Option<String>, Option<String>) {
        let value = self.get("hiringOrganization").cloned();
        let (name, urls) = match &value {
            None => (None, Vec::new()),
            Some(Value::String(s)) => (Some(s.trim().to_owned()), Vec::new()),
            Some(Value::Object(o)) => {
                let name = o.get("name").and_then(text_of);
                let mut urls: Vec<&Value> = each(o.get("sameAs"));
                urls.extend(each(o.get("url")));
                (name, urls.into_iter().filter_map(text_of).collect())
            }
            Some(_) => {
                self.errors
                    .push(PostingError::WrongType(Field::HiringOrganization));
                return (None, None);
            }
        };
        let name = self.required(name, Field::HiringOrganization, MAX_NAME);
        let mut url = None;
        for candidate in urls {
            match https_url(&candidate) {
                Some(good) if url.is_none() => url = Some(good),
                Some(_) => {}
                None => self
                    .warnings
                    .push(PostingWarning::OrganizationUrlIgnored(candidate)),
            }
        }
        (name, url)
    }

    /// The apply URL: the `target` of an `ApplyAction` in `potentialAction`, else `url`.
    fn apply_url(&mut self) -> Option<String> {
        let action = each(self.get("potentialAction"))
            .into_iter()
            .find(|a| is_type(a, "ApplyAction"))
            .and_then(|a| a.get("target"))
            .and_then(|target| match target {
                Value::Object(entry) => entry
                    .get("urlTemplate")
                    .or_else(|| entry.get("url"))
                    .and_then(text_of),
                other => text_of(other),
            });
        let given = action.or_else(|| self.get("url").and_then(text_of));
        let Some(given) = given.filter(|s| !s.is_empty()) else {
            return self.fail(PostingError::Missing(Field::Url));
        };
        if given.chars().count() > MAX_URL {
            return self.fail(PostingError::TooLong(Field::Url, MAX_URL));
        }
        match https_url(&given) {
            Some(url) => Some(url),
            None => self.fail(PostingError::NotHttps(Field::Url, given)),
        }
    }

    /// `identifier` (a PropertyValue: `propertyID:value`; a text: `organization:text`), else
    /// the posting's `url`. Whether it marks generated demo data.
    fn source_key(&mut self, organization: Option<&str>) -> (Option<String>, bool) {
        let identifier = each(self.get("identifier")).into_iter().next().cloned();
        let (key, demo) = match identifier {
            Some(Value::Object(o)) => {
                let property = o.get("propertyID").and_then(text_of);
                let value = o
                    .get("value")
                    .and_then(text_of)
                    .or_else(|| o.get("name").and_then(text_of))
                    .filter(|v| !v.is_empty());
                let demo = property.as_deref() == Some(DEMO_PROPERTY_ID);
                let scope = property
                    .filter(|p| !p.is_empty())
                    .or_else(|| organization.map(str::to_owned));
                match (scope, value) {
                    (Some(scope), Some(value)) => (Some(format!("{scope}:{value}")), demo),
                    (None, Some(_)) => return (None, false),
                    (_, None) => (None, false),
                }
            }
            Some(other) => match (text_of(&other).filter(|v| !v.is_empty()), organization) {
                (Some(value), Some(org)) => (Some(format!("{org}:{value}")), false),
                // Without the organization, the error is that of hiringOrganization.
                (Some(_), None) => return (None, false),
                (None, _) => (None, false),
            },
            None => (None, false),
        };
        let key = key.or_else(|| {
            self.get("url")
                .and_then(text_of)
                .filter(|u| !u.is_empty())
                .and_then(|u| https_url(&u).or(Some(u)))
        });
        (self.required(key, Field::Identifier, MAX_KEY), demo)
    }

    fn description(&mut self) -> Option<String> {
        let text = self.get("description").and_then(text_of)?;
        let mut text = plain_text(&text);
        if text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n'))
        {
            self.errors
                .push(PostingError::ControlCharacter(Field::Description));
            return None;
        }
        if text.chars().count() > MAX_DESCRIPTION {
            let cut: String = text.chars().take(MAX_DESCRIPTION - 1).collect();
            let cut = match cut.rfind(char::is_whitespace) {
                Some(at) if at > cut.len() / 2 => cut[..at].trim_end().to_owned(),
                _ => cut,
            };
            text = format!("{cut}…");
            self.warnings.push(PostingWarning::DescriptionShortened);
        }
        (!text.is_empty()).then_some(text)
    }

    fn place(&mut self) -> Option<Place> {
        let remote = each(self.get("jobLocationType"))
            .into_iter()
            .filter_map(Value::as_str)
            .any(|t| t.eq_ignore_ascii_case("TELECOMMUTE"));
        let mut place = Place {
            remote,
            ..Place::default()
        };
        let errors = self.errors.len();
        if let Some(location) = each(self.get("jobLocation")).into_iter().next().cloned() {
            let address = match &location {
                Value::Object(o) => o.get("address").cloned().or_else(|| {
                    // A PostalAddress given directly as the location.
                    is_type(&location, "PostalAddress").then(|| location.clone())
                }),
                Value::String(_) => Some(location.clone()),
                _ => {
                    self.errors
                        .push(PostingError::WrongType(Field::JobLocation));
                    None
                }
            };
            match address {
                Some(Value::String(text)) => {
                    place.locality = self.locality(text.trim().to_owned());
                }
                Some(Value::Object(a)) => {
                    if let Some(locality) = a.get("addressLocality").and_then(text_of) {
                        place.locality = self.locality(locality);
                    }
                    if let Some(country) = a.get("addressCountry").and_then(name_of) {
                        match places::country(&country) {
                            Some(code) => place.country = Some(code),
                            None => self.errors.push(PostingError::InvalidCountry(country)),
                        }
                    }
                    if let Some(region) = a.get("addressRegion").and_then(name_of) {
                        let us = place.country.as_deref().is_none_or(|c| c == "US");
                        match places::us_state(&region) {
                            Some(state) if us => {
                                place.state = Some(state.to_owned());
                                place.country = Some("US".to_owned());
                            }
                            None if place.country.as_deref() == Some("US") => {
                                self.errors.push(PostingError::InvalidState(region));
                            }
                            // A region of another country: the columns keep US states only.
                            _ => {}
                        }
                    }
                }
                Some(_) => self
                    .errors
                    .push(PostingError::WrongType(Field::JobLocation)),
                None => {}
            }
        }
        if place.remote && place.country.is_none() {
            place.country = each(self.get("applicantLocationRequirements"))
                .into_iter()
                .filter_map(name_of)
                .find_map(|name| places::country(&name));
        }
        if self.errors.len() > errors {
            return None;
        }
        if !place.remote
            && place.locality.is_none()
            && place.state.is_none()
            && place.country.is_none()
        {
            self.errors.push(PostingError::NoLocation);
            return None;
        }
        Some(place)
    }

    fn locality(&mut self, text: String) -> Option<String> {
        if text.is_empty() {
            return None;
        }
        self.line(text, Field::JobLocation, MAX_NAME)
    }

    /// A date, or a date-time with the moment it names (microseconds).
    fn date(&mut self, field: Field) -> Option<(NaiveDate, Option<DateTime<Utc>>)> {
        let Some(value) = self.get(field.name()) else {
            self.errors.push(PostingError::Missing(field));
            return None;
        };
        let text = text_of(value).unwrap_or_else(|| value.to_string());
        match parse_moment(&text) {
            Some(moment) => Some(moment),
            None => {
                self.errors.push(PostingError::InvalidDate(field, text));
                None
            }
        }
    }

    /// `Some(None)`: no salary given; `None`: a refused one.
    fn salary(&mut self) -> Option<Option<Salary>> {
        let Some(value) = self.get("baseSalary").cloned() else {
            return Some(None);
        };
        let Value::Object(amount) = &value else {
            self.errors.push(PostingError::WrongType(Field::BaseSalary));
            return None;
        };
        let currency = amount.get("currency").and_then(text_of).unwrap_or_default();
        let currency_ok = currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_alphabetic());
        if !currency_ok {
            self.errors.push(if currency.is_empty() {
                PostingError::Missing(Field::BaseSalary)
            } else {
                PostingError::InvalidCurrency(currency.clone())
            });
        }
        let (figures, unit) = match amount.get("value") {
            Some(Value::Object(q)) => {
                let figures = (
                    q.get("value"),
                    q.get("minValue").filter(|v| !v.is_null()),
                    q.get("maxValue").filter(|v| !v.is_null()),
                );
                (figures, q.get("unitText").and_then(text_of))
            }
            Some(figure @ (Value::Number(_) | Value::String(_))) => (
                (Some(figure), None, None),
                amount.get("unitText").and_then(text_of),
            ),
            _ => {
                self.errors.push(PostingError::Missing(Field::BaseSalary));
                return None;
            }
        };
        let unit = match unit.as_deref().map(str::to_ascii_uppercase) {
            Some(u) => match SalaryUnit::parse(&u) {
                Some(unit) => Some(unit),
                None => {
                    self.errors.push(PostingError::InvalidSalaryUnit(u));
                    None
                }
            },
            None => {
                self.errors
                    .push(PostingError::InvalidSalaryUnit(String::new()));
                None
            }
        };
        let mut cents = |value: Option<&Value>| -> Option<Option<i64>> {
            let Some(value) = value else {
                return Some(None);
            };
            match amount_cents(value) {
                Some(c) => Some(Some(c)),
                None => {
                    self.errors.push(PostingError::InvalidSalaryAmount(
                        text_of(value).unwrap_or_else(|| value.to_string()),
                    ));
                    None
                }
            }
        };
        let (single, min, max) = (cents(figures.0), cents(figures.1), cents(figures.2));
        let (single, min, max) = (single?, min?, max?);
        let (min_cents, max_cents) = match (min, max, single) {
            (Some(min), max, _) => (min, max),
            // "up to": the one figure given
            (None, Some(max), None) => (max, None),
            (None, Some(max), Some(single)) => (single.min(max), Some(max)),
            (None, None, Some(single)) => (single, None),
            (None, None, None) => {
                self.errors.push(PostingError::Missing(Field::BaseSalary));
                return None;
            }
        };
        if max_cents.is_some_and(|max| max < min_cents) {
            self.errors.push(PostingError::SalaryRange);
            return None;
        }
        let unit = unit?;
        let top = max_cents.unwrap_or(min_cents);
        if top / 100 * unit.per_year() > MAX_ANNUAL_SALARY {
            self.errors
                .push(PostingError::InvalidSalaryAmount(format!("{}", top / 100)));
            return None;
        }
        if !currency_ok {
            return None;
        }
        Some(Some(Salary {
            currency: currency.to_ascii_uppercase(),
            min_cents,
            max_cents,
            unit,
        }))
    }

    fn occupations(&mut self) -> Vec<String> {
        let mut codes = Vec::new();
        for value in each(self.get("occupationalCategory")) {
            let text = match value {
                Value::Object(o) => o
                    .get("codeValue")
                    .or_else(|| o.get("termCode"))
                    .and_then(text_of),
                other => text_of(other),
            };
            let Some(text) = text else { continue };
            match soc_code(&text) {
                Some(code) => codes.push(code),
                None => self.warnings.push(PostingWarning::NotAnOccupation(text)),
            }
        }
        codes.sort();
        codes.dedup();
        if codes.len() > MAX_ASKED {
            self.errors.push(PostingError::TooMany(
                Field::OccupationalCategory,
                MAX_ASKED,
            ));
        }
        codes
    }

    fn skills(&mut self) -> Vec<String> {
        let mut names = Vec::new();
        for value in each(self.get("skills")) {
            match value {
                Value::String(list) => names.extend(
                    list.split([',', ';', '\n'])
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty()),
                ),
                other => names.extend(name_of(other)),
            }
        }
        let mut seen = HashSet::new();
        let mut skills = Vec::new();
        for name in names {
            if !is_storable(&name, Lines::Single) {
                self.errors
                    .push(PostingError::ControlCharacter(Field::Skills));
                return Vec::new();
            }
            if name.chars().count() > MAX_SKILL {
                self.warnings.push(PostingWarning::SkillTooLong(name));
                continue;
            }
            if seen.insert(name.to_lowercase()) {
                skills.push(name);
            }
        }
        if skills.len() > MAX_ASKED {
            self.errors
                .push(PostingError::TooMany(Field::Skills, MAX_ASKED));
        }
        skills
    }

    /// Certifications asked for: `educationRequirements` and `qualifications` that are
    /// `EducationalOccupationalCredential`s of `credentialCategory` "certification" (by their
    /// `identifier`, else their `name`), and the codes of [`CERTIFICATION_CODES`].
    fn certifications(&mut self, codes: &CatalogCodes) -> Vec<i64> {
        let mut asked: Vec<String> = Vec::new();
        for property in ["educationRequirements", "qualifications"] {
            for credential in each(self.get(property)) {
                if !credential.is_object() {
                    continue;
                }
                let category = credential.get("credentialCategory").and_then(|c| match c {
                    Value::Object(o) => o
                        .get("name")
                        .or_else(|| o.get("termCode"))
                        .and_then(text_of),
                    other => text_of(other),
                });
                if !category.is_some_and(|c| c.eq_ignore_ascii_case("certification")) {
                    continue;
                }
                let code = each(credential.get("identifier"))
                    .into_iter()
                    .find_map(|i| match i {
                        Value::Object(o) => o.get("value").and_then(text_of),
                        other => text_of(other),
                    })
                    .filter(|c| !c.is_empty())
                    .or_else(|| credential.get("name").and_then(text_of));
                asked.extend(code.filter(|c| !c.is_empty()));
            }
        }
        for value in each(self.get(CERTIFICATION_CODES)) {
            if let Some(list) = text_of(value) {
                asked.extend(
                    list.split([',', ';'])
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty()),
                );
            }
        }
        if asked.len() > MAX_ASKED {
            self.errors
                .push(PostingError::TooMany(Field::Certifications, MAX_ASKED));
            return Vec::new();
        }
        let mut ids = Vec::new();
        for code in asked {
            match codes.find(&code) {
                Some(id) => ids.push(id),
                None => {
                    let code: String = code.chars().take(MAX_NAME).collect();
                    if !self
                        .warnings
                        .contains(&PostingWarning::UnknownCertification(code.clone()))
                    {
                        self.warnings
                            .push(PostingWarning::UnknownCertification(code));
                    }
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

#[derive(Debug, Default)]
struct Place {
    remote: bool,
    locality: Option<String>,
    state: Option<String>,
    country: Option<String>,
}

/// An absolute https URL with a host and no user name or password, as the `url` crate
/// writes it; `None` for anything else.
pub fn https_url(text: &str) -> Option<String> {
    if text.chars().count() > MAX_URL || !is_storable(text, Lines::Single) {
        return None;
    }
    let url = url::Url::parse(text.trim()).ok()?;
    let ok = url.scheme() == "https"
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none();
    (ok && url.as_str().len() <= MAX_URL).then(|| url.as_str().to_owned())
}

/// `2026-11-20` (the day, no moment), or an RFC 3339 date-time (`2026-11-20T09:00:00Z`,
/// `...+01:00`; without an offset, UTC): its day as written and its moment (microseconds).
pub fn parse_moment(text: &str) -> Option<(NaiveDate, Option<DateTime<Utc>>)> {
    let text = text.trim();
    let day = parse_date(text.get(..10)?).ok()?;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some((day, None));
    }
    let at = match DateTime::parse_from_rfc3339(text) {
        Ok(at) => at.with_timezone(&Utc),
        Err(_) => {
            let time = rest.strip_prefix(['T', 't', ' '])?;
            let local = NaiveDateTime::parse_from_str(
                &format!("{} {time}", &text[..10]),
                "%Y-%m-%d %H:%M:%S%.f",
            )
            .or_else(|_| {
                NaiveDateTime::parse_from_str(&format!("{} {time}", &text[..10]), "%Y-%m-%d %H:%M")
            })
            .ok()?;
            local.and_utc()
        }
    };
    let micros = at.nanosecond() / 1000 * 1000;
    Some((day, Some(at.with_nanosecond(micros).unwrap_or(at))))
}

/// A SOC code: `15-1244`, O*NET's `15-1244.00`, or either followed by the title.
pub fn soc_code(text: &str) -> Option<String> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let shape = bytes.len() >= 7
        && bytes[..7].iter().enumerate().all(|(i, b)| {
            if i == 2 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    let rest = &text[7..];
    let rest = match rest.strip_prefix('.') {
        Some(r) if r.len() >= 2 && r.as_bytes()[..2].iter().all(u8::is_ascii_digit) => &r[2..],
        Some(_) => return None,
        None => rest,
    };
    let ends = rest.is_empty()
        || rest.starts_with(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | ','));
    ends.then(|| text[..7].to_owned())
}

/// An amount in cents: a number or a numeric text (`"52000"`, `"52000.50"`), not negative.
fn amount_cents(value: &Value) -> Option<i64> {
    let number = match value {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    if !number.is_finite() || !(0.0..=1e10).contains(&number) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    Some((number * 100.0).round() as i64)
}

/// A description as plain text: HTML tags removed (block ends become line breaks), the
/// common character references decoded, blank runs folded, trimmed. Never rendered as HTML.
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let looks_like_html = text.contains('<') && text.contains('>');
    while !rest.is_empty() {
        let opens_tag = rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if looks_like_html
            && opens_tag
            && let Some(end) = rest.find('>')
        {
            let tag = rest[1..end]
                .trim_start_matches('/')
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let closing = rest[1..].starts_with('/');
            match tag.as_str() {
                "br" => out.push('\n'),
                "li" if !closing => out.push_str("\n- "),
                "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr"
                | "table" | "section" => out.push_str("\n\n"),
                _ => {}
            }
            rest = &rest[end + 1..];
            continue;
        }
        if rest.starts_with('&')
            && let Some(end) = rest.bytes().take(12).position(|b| b == b';')
            && let Some(c) = entity(&rest[1..end])
        {
            out.push(c);
            rest = &rest[end + 1..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        // In HTML, line breaks of the source are spaces; in plain text they are kept.
        out.push(match c {
            '\r' | '\n' if looks_like_html => ' ',
            '\r' => '\n',
            c => c,
        });
        rest = &rest[c.len_utf8()..];
    }
    // Trailing spaces of each line, and runs of blank lines, go.
    let mut folded = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !folded.is_empty() {
            folded.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        folded.push_str(if looks_like_html {
            line.trim_start()
        } else {
            line
        });
    }
    folded
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = name.strip_prefix('#')?;
            let n = match code.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => code.parse().ok()?,
            };
            char::from_u32(n)?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        "2026-12-01T12:00:00Z".parse().unwrap()
    }

    fn codes() -> CatalogCodes {
        CatalogCodes::new([
            (
                1,
                "AZ-104".to_owned(),
                "Microsoft Azure Administrator".to_owned(),
            ),
            (
                2,
                "azure-administrator".to_owned(),
                "Microsoft Certified: Azure Administrator Associate".to_owned(),
            ),
        ])
    }

    fn full() -> Value {
        json!({
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "identifier": {"@type": "PropertyValue", "propertyID": "contoso", "value": 1234},
            "title": "Cloud Administrator",
            "hiringOrganization": {"@type": "Organization", "name": "Contoso", "sameAs": "https://contoso.example"},
            "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
                "addressLocality": "Seattle", "addressRegion": "Washington", "addressCountry": "US"}},
            "datePosted": "2026-11-20",
            "validThrough": "2027-01-31T17:00:00-08:00",
            "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                "value": {"@type": "QuantitativeValue", "minValue": 45.5, "maxValue": 60, "unitText": "HOUR"}},
            "url": "https://jobs.example/contoso/1234",
            "description": "<p>Run our <b>Azure</b> tenants &amp; networks.</p><ul><li>AZ-104</li></ul>",
            "occupationalCategory": ["15-1244.00", {"@type": "CategoryCode", "codeValue": "15-1299"}, "IT"],
            "skills": "Azure, Networking; PowerShell, azure",
            "educationRequirements": [
                {"@type": "EducationalOccupationalCredential", "credentialCategory": "certification",
                 "identifier": "az-104"},
                {"@type": "EducationalOccupationalCredential", "credentialCategory": "certification",
                 "name": "Microsoft Certified: Azure Administrator Associate"},
                {"@type": "EducationalOccupationalCredential", "credentialCategory": "degree",
                 "name": "Bachelor's degree"}
            ],
            "certificationCodes": ["CISSP"],
            "employmentType": "FULL_TIME"
        })
    }

    #[test]
    fn a_full_posting_is_read_into_its_columns() {
        let (posting, warnings) = parse(&full(), &codes(), now()).unwrap();
        assert_eq!(posting.source_key, "contoso:1234");
        assert_eq!(posting.title, "Cloud Administrator");
        assert_eq!(posting.organization, "Contoso");
        assert_eq!(
            posting.organization_url.as_deref(),
            Some("https://contoso.example/")
        );
        assert_eq!(posting.locality.as_deref(), Some("Seattle"));
        assert_eq!(posting.state.as_deref(), Some("WA"));
        assert_eq!(posting.country.as_deref(), Some("US"));
        assert!(!posting.remote);
        assert_eq!(posting.date_posted.to_string(), "2026-11-20");
        assert_eq!(
            posting.valid_through.to_rfc3339(),
            "2027-02-01T01:00:00+00:00"
        );
        let salary = posting.salary.clone().unwrap();
        assert_eq!(salary.min_cents, 4550);
        assert_eq!(salary.max_cents, Some(6000));
        assert_eq!(salary.unit, SalaryUnit::Hour);
        assert_eq!(salary.annual_min(), 94_640);
        assert_eq!(salary.annual_max(), Some(124_800));
        assert_eq!(posting.apply_url, "https://jobs.example/contoso/1234");
        assert_eq!(
            posting.description.as_deref(),
            Some("Run our Azure tenants & networks.\n\n- AZ-104")
        );
        assert_eq!(posting.occupations, ["15-1244", "15-1299"]);
        assert_eq!(posting.skills, ["Azure", "Networking", "PowerShell"]);
        assert_eq!(posting.badge_classes, [1, 2]);
        assert!(!posting.demo);
        assert_eq!(
            warnings,
            [
                PostingWarning::NotAnOccupation("IT".into()),
                PostingWarning::UnknownCertification("CISSP".into()),
            ]
        );
    }

    #[test]
    fn a_minimal_remote_posting_is_enough() {
        let item = json!({
            "title": "Support Engineer", "hiringOrganization": "Fabrikam",
            "jobLocationType": "TELECOMMUTE",
            "applicantLocationRequirements": {"@type": "Country", "name": "USA"},
            "datePosted": "2026-11-30T08:00:00Z", "validThrough": "2026-12-31",
            "url": "https://fabrikam.example/jobs/7"
        });
        let (posting, warnings) = parse(&item, &codes(), now()).unwrap();
        assert!(warnings.is_empty());
        assert!(posting.remote);
        assert_eq!(posting.country.as_deref(), Some("US"));
        assert_eq!(posting.source_key, "https://fabrikam.example/jobs/7");
        assert_eq!(
            posting.valid_through.to_rfc3339(),
            "2027-01-01T00:00:00+00:00"
        );
        assert_eq!(posting.salary, None);
    }

    #[test]
    fn the_demo_marker_and_text_identifiers_make_keys() {
        let mut item = full();
        item["identifier"] = json!({"propertyID": DEMO_PROPERTY_ID, "value": "d-1"});
        let (posting, _) = parse(&item, &codes(), now()).unwrap();
        assert!(posting.demo);
        assert_eq!(posting.source_key, "accolade-demo:d-1");
        item["identifier"] = json!("R-77");
        let (posting, _) = parse(&item, &codes(), now()).unwrap();
        assert_eq!(posting.source_key, "Contoso:R-77");
        assert!(!posting.demo);
    }

    fn errors_of(change: impl FnOnce(&mut Value)) -> Vec<&'static str> {
        let mut item = full();
        change(&mut item);
        parse(&item, &codes(), now())
            .unwrap_err()
            .iter()
            .map(PostingError::code)
            .collect()
    }

    #[test]
    fn bad_values_are_refused_with_their_reason() {
        assert_eq!(errors_of(|i| i["title"] = json!("  ")), ["missing"]);
        assert_eq!(
            errors_of(|i| i["title"] = json!("a".repeat(201))),
            ["too_long"]
        );
        assert_eq!(
            errors_of(|i| i["title"] = json!("a\u{0}b")),
            ["control_character"]
        );
        assert_eq!(
            errors_of(|i| i["url"] = json!("http://jobs.example/1")),
            ["not_https"]
        );
        assert_eq!(errors_of(|i| i["url"] = json!("/jobs/1")), ["not_https"]);
        assert_eq!(
            errors_of(|i| i["url"] = json!(format!("https://a.example/{}", "x".repeat(2000)))),
            ["too_long"]
        );
        assert_eq!(
            errors_of(|i| i["datePosted"] = json!("20/11/2026")),
            ["invalid_date"]
        );
        assert_eq!(
            errors_of(|i| i["validThrough"] = json!("2026-02-30")),
            ["invalid_date"]
        );
        assert_eq!(
            errors_of(|i| {
                i.as_object_mut().unwrap().remove("validThrough");
            }),
            ["missing"]
        );
        assert_eq!(
            errors_of(|i| i["validThrough"] = json!("2026-11-19")),
            ["ends_before_posted"]
        );
        assert_eq!(
            errors_of(|i| i["datePosted"] = json!("2026-12-05")),
            ["future_date"]
        );
        assert_eq!(
            errors_of(|i| {
                i.as_object_mut().unwrap().remove("jobLocation");
            }),
            ["no_location"]
        );
        assert_eq!(
            errors_of(|i| i["jobLocation"]["address"]["addressRegion"] = json!("Ontario")),
            ["invalid_state"]
        );
        assert_eq!(
            errors_of(|i| i["jobLocation"]["address"]["addressCountry"] = json!("Atlantis")),
            ["invalid_country"]
        );
        assert_eq!(
            errors_of(|i| i["baseSalary"]["value"]["unitText"] = json!("FORTNIGHT")),
            ["invalid_salary_unit"]
        );
        assert_eq!(
            errors_of(|i| i["baseSalary"]["value"]["minValue"] = json!(80)),
            ["salary_range"]
        );
        assert_eq!(
            errors_of(|i| i["baseSalary"]["value"]["minValue"] = json!(-1)),
            ["invalid_salary_amount"]
        );
        assert_eq!(
            errors_of(|i| i["baseSalary"]["currency"] = json!("dollars")),
            ["invalid_currency"]
        );
        assert_eq!(
            errors_of(|i| i["@type"] = json!("Event")),
            ["not_a_job_posting"]
        );
        assert_eq!(
            errors_of(|i| {
                let o = i.as_object_mut().unwrap();
                o.remove("identifier");
                o.remove("url");
            }),
            ["missing", "missing"]
        );
        assert_eq!(
            parse(&json!([1]), &codes(), now()).unwrap_err(),
            [PostingError::NotAnObject]
        );
    }

    #[test]
    fn every_error_of_an_item_is_reported() {
        let item = json!({"hiringOrganization": 5, "datePosted": "soon", "url": "ftp://x"});
        let errors = parse(&item, &codes(), now()).unwrap_err();
        let fields: Vec<_> = errors
            .iter()
            .filter_map(|e| e.field())
            .map(Field::name)
            .collect();
        for field in [
            "title",
            "hiringOrganization",
            "url",
            "datePosted",
            "validThrough",
        ] {
            assert!(fields.contains(&field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn a_single_salary_figure_per_year_is_both_ends() {
        let mut item = full();
        item["baseSalary"] =
            json!({"currency": "usd", "value": {"value": "98000", "unitText": "year"}});
        let (posting, _) = parse(&item, &codes(), now()).unwrap();
        let salary = posting.salary.unwrap();
        assert_eq!(
            (salary.currency.as_str(), salary.min_cents, salary.max_cents),
            ("USD", 9_800_000, None)
        );
        assert_eq!(salary.annual_min(), 98_000);
        assert_eq!(salary.annual_max(), None);
    }

    #[test]
    fn soc_codes_are_read_in_their_forms() {
        assert_eq!(soc_code("15-1244").as_deref(), Some("15-1244"));
        assert_eq!(soc_code("15-1244.00").as_deref(), Some("15-1244"));
        assert_eq!(
            soc_code("15-1244 Network and Computer Systems Administrators").as_deref(),
            Some("15-1244")
        );
        assert_eq!(soc_code("151244"), None);
        assert_eq!(soc_code("15-12445"), None);
        assert_eq!(soc_code("Software"), None);
    }

    #[test]
    fn moments_keep_microseconds_and_dates_their_day() {
        let (day, at) = parse_moment("2026-11-20T23:30:00.1234567-05:00").unwrap();
        assert_eq!(day.to_string(), "2026-11-20");
        assert_eq!(at.unwrap().to_rfc3339(), "2026-11-21T04:30:00.123456+00:00");
        let (_, at) = parse_moment("2026-11-20T09:15").unwrap();
        assert_eq!(at.unwrap().to_rfc3339(), "2026-11-20T09:15:00+00:00");
        assert_eq!(parse_moment("2026-11-20").unwrap().1, None);
        assert_eq!(parse_moment("2026-11-20Tnoon"), None);
        assert_eq!(parse_moment("+02026-11-20"), None);
    }

    #[test]
    fn html_descriptions_become_plain_text() {
        assert_eq!(
            plain_text(
                "<h2>About</h2><p>We&#39;re <i>hiring</i>.</p>\r\n\r\n\r\n<p>Apply&nbsp;now</p>"
            ),
            "About\n\nWe're hiring.\n\nApply now"
        );
        assert_eq!(plain_text("5 < 6 and AT&T"), "5 < 6 and AT&T");
        assert_eq!(plain_text("<script>x</script>"), "x");
        assert_eq!(plain_text("&ééééééé; &#x2014;"), "&ééééééé; —");
    }

    #[test]
    fn a_long_description_is_shortened_with_a_warning() {
        let mut item = full();
        item["description"] = json!("word ".repeat(3000));
        let (posting, warnings) = parse(&item, &codes(), now()).unwrap();
        let description = posting.description.unwrap();
        assert!(description.chars().count() <= MAX_DESCRIPTION);
        assert!(description.ends_with("word…"));
        assert!(warnings.contains(&PostingWarning::DescriptionShortened));
    }

    #[test]
    fn non_https_organization_urls_are_left_out() {
        let mut item = full();
        item["hiringOrganization"]["sameAs"] = json!([
            "http://contoso.example",
            "https://www.contoso.example/about"
        ]);
        let (posting, warnings) = parse(&item, &codes(), now()).unwrap();
        assert_eq!(
            posting.organization_url.as_deref(),
            Some("https://www.contoso.example/about")
        );
        assert!(warnings.contains(&PostingWarning::OrganizationUrlIgnored(
            "http://contoso.example".into()
        )));
    }

    #[test]
    fn an_apply_action_names_the_apply_url() {
        let mut item = full();
        item["potentialAction"] = json!({"@type": "ApplyAction",
            "target": {"@type": "EntryPoint", "urlTemplate": "https://apply.example/1?src=a"}});
        let (posting, _) = parse(&item, &codes(), now()).unwrap();
        assert_eq!(posting.apply_url, "https://apply.example/1?src=a");
    }
}
