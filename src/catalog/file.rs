//! The catalog file (TOML): issuers, exams and certifications, as in `src/demo/catalog.toml`.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

use crate::domain::date::parse_date;
use crate::domain::text::{Lines, is_storable};
use crate::domain::{BadgeClass, BadgeKind, Catalog, Level, Policy, Status};
use crate::insights::SocCode;

/// The most occupations an exam or certification leads to.
pub const MAX_OCCUPATIONS: usize = 3;
/// The longest reason of an occupation mapping, in characters.
pub const MAX_OCCUPATION_REASON: usize = 300;
/// The longest title of an occupation, in characters.
pub const MAX_OCCUPATION_TITLE: usize = 200;
/// The longest skill name, in characters.
pub const MAX_SKILL: usize = 100;

/// A retirement date: `YYYY-MM-DD` with a plausible year, as every date the program reads
/// (see [`parse_date`]); the TOML error then names the line.
fn plausible_date<'de, D: Deserializer<'de>>(input: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<String>::deserialize(input)?
        .map(|text| {
            parse_date(&text)
                .map_err(|e| serde::de::Error::custom(format!("the date {text:?} {e}")))
        })
        .transpose()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    #[serde(default)]
    pub issuer: Vec<IssuerEntry>,
    #[serde(default)]
    pub exam: Vec<ExamEntry>,
    #[serde(default)]
    pub certification: Vec<CertificationEntry>,
    /// The occupations (Standard Occupational Classification, 2018) that exams and
    /// certifications lead to: `[[occupation]] soc = "15-1244" title = "..." titles = { fr = "..." }`.
    #[serde(default)]
    pub occupation: Vec<OccupationEntry>,
}

/// An occupation of the Standard Occupational Classification (SOC 2018).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OccupationEntry {
    /// `NN-NNNN`, e.g. `15-1244`.
    pub soc: String,
    /// The SOC's own (English) title, as the wage data names it.
    pub title: String,
    /// Its title in other languages, by language code: `{ fr = "..." }`.
    #[serde(default)]
    pub titles: BTreeMap<String, String>,
}

/// An occupation an exam or certification leads to, and why, in one line:
/// `occupations = [{ soc = "15-1244", reason = "..." }]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OccupationLink {
    pub soc: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerEntry {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub email: String,
    /// The issuer's numeric LinkedIn organization id: "Add to profile" then shows its logo.
    pub linkedin_organization_id: Option<String>,
}

/// What a badge of the program stands for beyond its code and title, the same for exams and
/// certifications: each entry carries these fields (`details()` gives them).
#[derive(Debug, Clone, Copy)]
pub struct Details<'a> {
    pub level: Option<Level>,
    pub label: Option<&'a str>,
    pub description: Option<&'a str>,
    pub criteria_url: Option<&'a str>,
    pub valid_months: Option<u16>,
    pub alignment: &'a [AlignmentEntry],
}

/// An Open Badges alignment: a framework or standard the badge is aligned with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct AlignmentEntry {
    pub name: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamEntry {
    pub code: String,
    pub title: String,
    pub status: Status,
    #[serde(default, deserialize_with = "plausible_date")]
    pub retired_on: Option<NaiveDate>,
    pub badge: Policy,
    /// The issuer's slug; may be left out when the file has a single issuer.
    pub issuer: Option<String>,
    pub source: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    /// The zero to three occupations it leads to, first the closest.
    #[serde(default)]
    pub occupations: Vec<OccupationLink>,
    pub level: Option<Level>,
    pub label: Option<String>,
    pub description: Option<String>,
    pub criteria_url: Option<String>,
    pub valid_months: Option<u16>,
    #[serde(default)]
    pub alignment: Vec<AlignmentEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationEntry {
    pub code: String,
    pub title: String,
    pub status: Status,
    #[serde(default, deserialize_with = "plausible_date")]
    pub retired_on: Option<NaiveDate>,
    pub badge: Policy,
    pub issuer: Option<String>,
    pub exams: Vec<String>,
    #[serde(default)]
    pub prerequisites_any: Vec<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    /// The zero to three occupations it leads to, first the closest.
    #[serde(default)]
    pub occupations: Vec<OccupationLink>,
    pub level: Option<Level>,
    pub label: Option<String>,
    pub description: Option<String>,
    pub criteria_url: Option<String>,
    /// How long the certification is valid once earned (role-based certifications: 12).
    pub valid_months: Option<u16>,
    #[serde(default)]
    pub alignment: Vec<AlignmentEntry>,
}

macro_rules! details {
    ($entry:ty) => {
        impl $entry {
            pub fn details(&self) -> Details<'_> {
                Details {
                    level: self.level,
                    label: self.label.as_deref(),
                    description: self.description.as_deref(),
                    criteria_url: self.criteria_url.as_deref(),
                    valid_months: self.valid_months,
                    alignment: &self.alignment,
                }
            }
        }
    };
}
details!(ExamEntry);
details!(CertificationEntry);

/// What is wrong with a catalog file. Nothing is loaded from a file with any of these.
#[derive(Debug, thiserror::Error)]
pub enum CatalogFileError {
    #[error("the file is not valid TOML for a catalog: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("the file names no issuer")]
    NoIssuer,
    #[error(
        "{entry:?}: {field} contains a control character (such as U+0000), which cannot be stored"
    )]
    ControlCharacter { entry: String, field: &'static str },
    #[error("issuer slug {0:?} must be lower-case letters, digits and dashes")]
    BadSlug(String),
    #[error("issuer {0:?}: its url must start with http:// or https://")]
    BadUrl(String),
    #[error("issuer {0:?}: linkedin_organization_id must be the digits of a LinkedIn page id")]
    BadLinkedInId(String),
    #[error("{code:?}: {field} {problem}")]
    BadDetail {
        code: String,
        field: &'static str,
        problem: &'static str,
    },
    #[error("code {0:?} must be letters, digits and dashes (at most 63)")]
    BadCode(String),
    #[error("code {0:?} appears more than once")]
    DuplicateCode(String),
    #[error("{0:?}: the title is empty")]
    EmptyTitle(String),
    #[error("{0:?}: only a retired entry has a retirement date")]
    RetiredOnWhileActive(String),
    #[error("{0:?}: the file has several issuers, so each entry must name its issuer")]
    IssuerRequired(String),
    #[error("{code:?} names issuer {issuer:?}, which the file does not define")]
    UnknownIssuer { code: String, issuer: String },
    #[error("certification {certification:?} lists exam {exam:?}, which the file does not define")]
    UnknownExam { certification: String, exam: String },
    #[error("certification {0:?} lists no exam")]
    NoExams(String),
    #[error(
        "certification {certification:?} names prerequisite {prerequisite:?}, which is not a certification of the file"
    )]
    UnknownPrerequisite {
        certification: String,
        prerequisite: String,
    },
    #[error(
        "occupation {0:?}: a SOC code is two digits, a dash and four digits, such as \"15-1244\""
    )]
    BadSoc(String),
    #[error("occupation {0:?} appears more than once")]
    DuplicateOccupation(String),
    #[error("occupation {soc:?}: {field} {problem}")]
    BadOccupation {
        soc: String,
        field: String,
        problem: &'static str,
    },
    #[error(
        "{entry:?} lists occupation {soc:?}, which is not a SOC code (two digits, a dash and four digits, such as \"15-1244\")"
    )]
    BadOccupationCode { entry: String, soc: String },
    #[error(
        "{entry:?} lists occupation {soc:?}, which the file does not define (add an [[occupation]] with this soc)"
    )]
    UnknownOccupation { entry: String, soc: String },
    #[error("{entry:?} lists occupation {soc:?} more than once")]
    OccupationListedTwice { entry: String, soc: String },
    #[error("{entry:?} lists {count} occupations: at most {MAX_OCCUPATIONS}")]
    TooManyOccupations { entry: String, count: usize },
    #[error("{entry:?}, occupation {soc:?}: the reason {problem}")]
    BadReason {
        entry: String,
        soc: String,
        problem: &'static str,
    },
    #[error("{entry:?}: the skill {skill:?} {problem}")]
    BadSkill {
        entry: String,
        skill: String,
        problem: &'static str,
    },
}

fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 63
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && code.as_bytes()[0].is_ascii_alphanumeric()
}

fn is_web_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// The details of entry `code` fit what the pages and the database take.
fn check_details(code: &str, details: &Details<'_>) -> Result<(), CatalogFileError> {
    let bad = |field, problem| {
        Err(CatalogFileError::BadDetail {
            code: code.to_owned(),
            field,
            problem,
        })
    };
    if let Some(label) = details.label
        && (label.trim().is_empty() || label.chars().count() > 24)
    {
        return bad("label", "must be 1 to 24 characters");
    }
    if let Some(description) = details.description {
        if description.chars().count() > 2000 {
            return bad("description", "must be at most 2000 characters");
        }
        if !is_storable(description, Lines::Multi) {
            return bad(
                "description",
                "contains a control character, which cannot be stored",
            );
        }
    }
    if details.criteria_url.is_some_and(|u| !is_web_url(u)) {
        return bad("criteria_url", "must start with http:// or https://");
    }
    if details
        .valid_months
        .is_some_and(|m| !(1..=240).contains(&m))
    {
        return bad("valid_months", "must be between 1 and 240");
    }
    for alignment in details.alignment {
        if alignment.name.trim().is_empty() {
            return bad("alignment", "needs a name");
        }
        if !is_web_url(&alignment.url) {
            return bad(
                "alignment",
                "needs a url that starts with http:// or https://",
            );
        }
    }
    Ok(())
}

/// The one-line texts of an entry's details, for the control-character check (the
/// description may have several lines: `check_details` checks it).
fn detail_texts(details: Details<'_>) -> Vec<(&'static str, &str)> {
    let mut texts: Vec<(&'static str, &str)> = Vec::new();
    texts.extend(details.label.map(|t| ("label", t)));
    texts.extend(details.criteria_url.map(|t| ("criteria_url", t)));
    for alignment in details.alignment {
        texts.push(("alignment", &alignment.name));
        texts.push(("alignment", &alignment.url));
        for text in [
            &alignment.description,
            &alignment.framework,
            &alignment.code,
        ]
        .into_iter()
        .flatten()
        {
            texts.push(("alignment", text));
        }
    }
    texts
}

fn valid_slug(slug: &str) -> bool {
    valid_code(slug) && !slug.bytes().any(|b| b.is_ascii_uppercase())
}

impl CatalogFile {
    /// Parses and checks a whole file: every reference resolves, every code is unique.
    pub fn parse(text: &str) -> Result<Self, CatalogFileError> {
        let file: CatalogFile = toml::from_str(text)?;
        file.check()?;
        Ok(file)
    }

    fn check(&self) -> Result<(), CatalogFileError> {
        if self.issuer.is_empty() {
            return Err(CatalogFileError::NoIssuer);
        }
        self.check_occupations()?;
        self.check_text()?;
        self.check_skills()?;
        let issuers: HashSet<&str> = self.issuer.iter().map(|i| i.slug.as_str()).collect();
        for issuer in &self.issuer {
            if !valid_slug(&issuer.slug) {
                return Err(CatalogFileError::BadSlug(issuer.slug.clone()));
            }
            if !is_web_url(&issuer.url) {
                return Err(CatalogFileError::BadUrl(issuer.slug.clone()));
            }
            if let Some(id) = &issuer.linkedin_organization_id
                && (!(1..=20).contains(&id.len()) || !id.bytes().all(|b| b.is_ascii_digit()))
            {
                return Err(CatalogFileError::BadLinkedInId(issuer.slug.clone()));
            }
        }
        let details = self
            .exam
            .iter()
            .map(|e| (&e.code, e.details()))
            .chain(self.certification.iter().map(|c| (&c.code, c.details())));
        for (code, details) in details {
            check_details(code, &details)?;
        }
        let mut codes = HashSet::new();
        let entries = self
            .exam
            .iter()
            .map(|e| (&e.code, &e.title, e.status, e.retired_on, &e.issuer))
            .chain(
                self.certification
                    .iter()
                    .map(|c| (&c.code, &c.title, c.status, c.retired_on, &c.issuer)),
            );
        for (code, title, status, retired_on, issuer) in entries {
            if !valid_code(code) {
                return Err(CatalogFileError::BadCode(code.clone()));
            }
            if !codes.insert(code.to_lowercase()) {
                return Err(CatalogFileError::DuplicateCode(code.clone()));
            }
            if title.trim().is_empty() {
                return Err(CatalogFileError::EmptyTitle(code.clone()));
            }
            if status == Status::Active && retired_on.is_some() {
                return Err(CatalogFileError::RetiredOnWhileActive(code.clone()));
            }
            match issuer {
                None if self.issuer.len() > 1 => {
                    return Err(CatalogFileError::IssuerRequired(code.clone()));
                }
                Some(slug) if !issuers.contains(slug.as_str()) => {
                    return Err(CatalogFileError::UnknownIssuer {
                        code: code.clone(),
                        issuer: slug.clone(),
                    });
                }
                _ => {}
            }
        }
        let exams: HashSet<String> = self.exam.iter().map(|e| e.code.to_uppercase()).collect();
        let certs: HashSet<&str> = self.certification.iter().map(|c| c.code.as_str()).collect();
        for cert in &self.certification {
            if cert.exams.is_empty() {
                return Err(CatalogFileError::NoExams(cert.code.clone()));
            }
            if let Some(exam) = cert
                .exams
                .iter()
                .find(|e| !exams.contains(&e.to_uppercase()))
            {
                return Err(CatalogFileError::UnknownExam {
                    certification: cert.code.clone(),
                    exam: exam.clone(),
                });
            }
            if let Some(p) = cert
                .prerequisites_any
                .iter()
                .find(|p| !certs.contains(p.as_str()) || *p == &cert.code)
            {
                return Err(CatalogFileError::UnknownPrerequisite {
                    certification: cert.code.clone(),
                    prerequisite: p.clone(),
                });
            }
        }
        Ok(())
    }

    /// Every `[[occupation]]` has a SOC code and titles that can be stored, and every entry
    /// leads to at most three of them, each once, for a reason of one line.
    fn check_occupations(&self) -> Result<(), CatalogFileError> {
        let mut defined = HashSet::new();
        for occupation in &self.occupation {
            let soc = &occupation.soc;
            if SocCode::parse(soc).is_none() {
                return Err(CatalogFileError::BadSoc(soc.clone()));
            }
            if !defined.insert(soc.as_str()) {
                return Err(CatalogFileError::DuplicateOccupation(soc.clone()));
            }
            let titles = std::iter::once(("title".to_owned(), &occupation.title)).chain(
                occupation
                    .titles
                    .iter()
                    .map(|(locale, title)| (format!("titles.{locale}"), title)),
            );
            for (field, title) in titles {
                let problem = if title.trim().is_empty() {
                    Some("is empty")
                } else if title.chars().count() > MAX_OCCUPATION_TITLE {
                    Some("must be at most 200 characters")
                } else if !is_storable(title, Lines::Single) {
                    Some("must be one line, without control characters")
                } else {
                    None
                };
                if let Some(problem) = problem {
                    return Err(CatalogFileError::BadOccupation {
                        soc: soc.clone(),
                        field,
                        problem,
                    });
                }
            }
            if let Some(locale) = occupation.titles.keys().find(|locale| {
                locale.len() != 2
                    || !locale.bytes().all(|b| b.is_ascii_lowercase())
                    || locale.as_str() == "en"
            }) {
                return Err(CatalogFileError::BadOccupation {
                    soc: soc.clone(),
                    field: format!("titles.{locale}"),
                    problem: "must be named by a two-letter language code other than en (the title is the English one)",
                });
            }
        }
        let links = self
            .exam
            .iter()
            .map(|e| (&e.code, &e.occupations))
            .chain(self.certification.iter().map(|c| (&c.code, &c.occupations)));
        for (entry, links) in links {
            if links.len() > MAX_OCCUPATIONS {
                return Err(CatalogFileError::TooManyOccupations {
                    entry: entry.clone(),
                    count: links.len(),
                });
            }
            let mut seen = HashSet::new();
            for link in links {
                let soc = || link.soc.clone();
                if SocCode::parse(&link.soc).is_none() {
                    return Err(CatalogFileError::BadOccupationCode {
                        entry: entry.clone(),
                        soc: soc(),
                    });
                }
                if !defined.contains(link.soc.as_str()) {
                    return Err(CatalogFileError::UnknownOccupation {
                        entry: entry.clone(),
                        soc: soc(),
                    });
                }
                if !seen.insert(link.soc.as_str()) {
                    return Err(CatalogFileError::OccupationListedTwice {
                        entry: entry.clone(),
                        soc: soc(),
                    });
                }
                let problem = if link.reason.trim().is_empty() {
                    Some("is empty")
                } else if !is_storable(&link.reason, Lines::Single) {
                    Some("must be one line, without control characters")
                } else if link.reason.chars().count() > MAX_OCCUPATION_REASON {
                    Some("must be at most 300 characters")
                } else {
                    None
                };
                if let Some(problem) = problem {
                    return Err(CatalogFileError::BadReason {
                        entry: entry.clone(),
                        soc: soc(),
                        problem,
                    });
                }
            }
        }
        Ok(())
    }

    /// Every skill is a name of 1 to 100 characters without spaces around it, listed once
    /// per entry (letter case aside: skills are shared rows, one per name).
    fn check_skills(&self) -> Result<(), CatalogFileError> {
        let lists = self
            .exam
            .iter()
            .map(|e| (&e.code, &e.skills))
            .chain(self.certification.iter().map(|c| (&c.code, &c.skills)));
        for (entry, skills) in lists {
            let mut seen = HashSet::new();
            for skill in skills {
                let problem = if skill.trim().is_empty() {
                    Some("is empty")
                } else if skill.trim() != skill {
                    Some("must not begin or end with a space")
                } else if skill.chars().count() > MAX_SKILL {
                    Some("must be at most 100 characters")
                } else if !seen.insert(skill.to_lowercase()) {
                    Some("is listed twice")
                } else {
                    None
                };
                if let Some(problem) = problem {
                    return Err(CatalogFileError::BadSkill {
                        entry: entry.clone(),
                        skill: skill.clone(),
                        problem,
                    });
                }
            }
        }
        Ok(())
    }

    /// Every text of the file can be stored: no NUL nor any other control character.
    fn check_text(&self) -> Result<(), CatalogFileError> {
        fn each<'a>(texts: impl IntoIterator<Item = &'a String>) -> impl Iterator<Item = &'a str> {
            texts.into_iter().map(String::as_str)
        }
        let issuers = self.issuer.iter().map(|i| {
            let mut texts: Vec<(&'static str, &str)> = vec![
                ("slug", &i.slug),
                ("name", &i.name),
                ("url", &i.url),
                ("email", &i.email),
            ];
            texts
                .extend(each(&i.linkedin_organization_id).map(|t| ("linkedin_organization_id", t)));
            (&i.slug, texts)
        });
        let exams = self.exam.iter().map(|e| {
            let mut texts: Vec<(&'static str, &str)> = vec![("code", &e.code), ("title", &e.title)];
            texts.extend(each(&e.issuer).map(|t| ("issuer", t)));
            texts.extend(each(&e.source).map(|t| ("source", t)));
            texts.extend(each(&e.skills).map(|t| ("skills", t)));
            texts.extend(detail_texts(e.details()));
            (&e.code, texts)
        });
        let certifications = self.certification.iter().map(|c| {
            let mut texts: Vec<(&'static str, &str)> = vec![("code", &c.code), ("title", &c.title)];
            texts.extend(each(&c.issuer).map(|t| ("issuer", t)));
            texts.extend(each(&c.exams).map(|t| ("exams", t)));
            texts.extend(each(&c.prerequisites_any).map(|t| ("prerequisites_any", t)));
            texts.extend(each(&c.skills).map(|t| ("skills", t)));
            texts.extend(detail_texts(c.details()));
            (&c.code, texts)
        });
        for (entry, texts) in issuers.chain(exams).chain(certifications) {
            if let Some((field, _)) = texts
                .into_iter()
                .find(|(_, text)| !is_storable(text, Lines::Single))
            {
                return Err(CatalogFileError::ControlCharacter {
                    entry: entry.clone(),
                    field,
                });
            }
        }
        Ok(())
    }

    /// The level of every entry, by lower-cased code: as the entry states it, else as its
    /// title names it, and for an exam that has neither, the level of the first
    /// certification that lists it.
    pub fn levels(&self) -> HashMap<String, Level> {
        let mut levels: HashMap<String, Level> = HashMap::new();
        for cert in &self.certification {
            if let Some(level) = cert.level.or_else(|| Level::named_in(&cert.title)) {
                levels.insert(cert.code.to_lowercase(), level);
                for exam in &cert.exams {
                    levels.entry(exam.to_lowercase()).or_insert(level);
                }
            }
        }
        for exam in &self.exam {
            if let Some(level) = exam.level.or_else(|| Level::named_in(&exam.title)) {
                levels.insert(exam.code.to_lowercase(), level);
            }
        }
        levels
    }

    /// The issuer slug of an entry (the only issuer when the entry names none).
    pub fn issuer_of<'a>(&'a self, named: &'a Option<String>) -> &'a str {
        match named {
            Some(slug) => slug,
            None => self.issuer.first().map_or("", |i| i.slug.as_str()),
        }
    }

    /// The catalog as the rules see it, with ids given in file order (exams first). Used by
    /// tests and tools that work without a database.
    pub fn to_catalog(&self) -> Catalog {
        let mut ids: HashMap<String, i64> = HashMap::new();
        let mut next = 0;
        for code in self
            .exam
            .iter()
            .map(|e| e.code.to_uppercase())
            .chain(self.certification.iter().map(|c| c.code.clone()))
        {
            next += 1;
            ids.insert(code, next);
        }
        let id = |code: &str| ids.get(code).copied().unwrap_or_default();
        let exams = self.exam.iter().map(|e| BadgeClass {
            id: id(&e.code.to_uppercase()),
            kind: BadgeKind::Exam,
            code: e.code.clone(),
            title: e.title.clone(),
            policy: e.badge,
            status: e.status,
            retired_on: e.retired_on,
            exams: Vec::new(),
            prerequisites_any: Vec::new(),
        });
        let certs = self.certification.iter().map(|c| BadgeClass {
            id: id(&c.code),
            kind: BadgeKind::Certification,
            code: c.code.clone(),
            title: c.title.clone(),
            policy: c.badge,
            status: c.status,
            retired_on: c.retired_on,
            exams: c.exams.iter().map(|e| id(&e.to_uppercase())).collect(),
            prerequisites_any: c.prerequisites_any.iter().map(|p| id(p)).collect(),
        });
        Catalog::new(exams.chain(certs))
    }
}

/// The catalog the project ships for the demo and the tests.
pub const DEMO_CATALOG: &str = include_str!("../demo/catalog.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_catalog_parses() {
        let file = CatalogFile::parse(DEMO_CATALOG).unwrap();
        assert_eq!(file.issuer.len(), 1);
        assert!(file.exam.len() > 20);
        assert_eq!(
            file.to_catalog().len(),
            file.exam.len() + file.certification.len()
        );
    }

    #[test]
    fn a_certification_naming_an_unknown_exam_is_refused() {
        let text = r#"
            [[issuer]]
            slug = "x"
            name = "X"
            url = "https://x.example"
            email = "b@x.example"
            [[certification]]
            code = "c"
            title = "C"
            status = "active"
            badge = "eligible"
            exams = ["NOPE-1"]
        "#;
        assert!(matches!(
            CatalogFile::parse(text),
            Err(CatalogFileError::UnknownExam { .. })
        ));
    }

    const ONE_ISSUER: &str =
        "[[issuer]]\nslug=\"x\"\nname=\"X\"\nurl=\"https://x\"\nemail=\"b@x.example\"\n";

    #[test]
    fn a_nul_in_a_title_is_refused_with_the_entry_named() {
        let text = format!(
            "{ONE_ISSUER}[[exam]]\ncode=\"A-1\"\ntitle=\"Azure\\u0000 Basics\"\nstatus=\"active\"\nbadge=\"eligible\"\n"
        );
        let error = CatalogFile::parse(&text).unwrap_err();
        assert!(
            matches!(&error, CatalogFileError::ControlCharacter { entry, field: "title" } if entry == "A-1"),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "\"A-1\": title contains a control character (such as U+0000), which cannot be stored"
        );
    }

    #[test]
    fn a_control_character_in_any_text_of_the_file_is_refused() {
        let issuer_name = ONE_ISSUER.replace("name=\"X\"", "name=\"X\\u001b[2J\"");
        assert!(matches!(
            CatalogFile::parse(&issuer_name),
            Err(CatalogFileError::ControlCharacter { field: "name", .. })
        ));
        let skill = format!(
            "{ONE_ISSUER}[[exam]]\ncode=\"A-1\"\ntitle=\"A\"\nstatus=\"active\"\nbadge=\"eligible\"\nskills=[\"ok\", \"tab\\there\"]\n"
        );
        assert!(matches!(
            CatalogFile::parse(&skill),
            Err(CatalogFileError::ControlCharacter {
                field: "skills",
                ..
            })
        ));
    }

    #[test]
    fn a_retirement_date_before_1990_or_with_a_signed_year_is_refused() {
        let retired = |date: &str| {
            format!(
                "{ONE_ISSUER}[[exam]]\ncode=\"A-1\"\ntitle=\"A\"\nstatus=\"retired\"\nretired_on=\"{date}\"\nbadge=\"eligible\"\n"
            )
        };
        for date in ["0000-01-01", "1989-12-31", "+002026-01-01", "2019-7-31"] {
            let error = CatalogFile::parse(&retired(date)).unwrap_err();
            assert!(
                matches!(error, CatalogFileError::Syntax(_)),
                "{date}: {error:?}"
            );
            assert!(error.to_string().contains(date), "{date}: {error}");
        }
        let file = CatalogFile::parse(&retired("1990-01-01")).unwrap();
        assert_eq!(file.exam[0].retired_on, NaiveDate::from_ymd_opt(1990, 1, 1));
        let active = format!(
            "{ONE_ISSUER}[[exam]]\ncode=\"A-1\"\ntitle=\"A\"\nstatus=\"active\"\nbadge=\"eligible\"\n"
        );
        assert_eq!(
            CatalogFile::parse(&active).unwrap().exam[0].retired_on,
            None
        );
    }

    #[test]
    fn unknown_fields_and_bad_policies_are_refused() {
        let base = "[[issuer]]\nslug=\"x\"\nname=\"X\"\nurl=\"https://x\"\nemail=\"b@x.example\"\n";
        let typo = format!(
            "{base}[[exam]]\ncode=\"A-1\"\ntitle=\"A\"\nstatus=\"active\"\nbadge=\"eligible\"\nskils=[]\n"
        );
        assert!(matches!(
            CatalogFile::parse(&typo),
            Err(CatalogFileError::Syntax(_))
        ));
        let policy = format!(
            "{base}[[exam]]\ncode=\"A-1\"\ntitle=\"A\"\nstatus=\"active\"\nbadge=\"maybe\"\n"
        );
        assert!(matches!(
            CatalogFile::parse(&policy),
            Err(CatalogFileError::Syntax(_))
        ));
    }

    /// One issuer, the occupation 15-1244, and an exam with `extra` lines.
    fn with_exam(extra: &str) -> String {
        format!(
            "{ONE_ISSUER}[[occupation]]\nsoc=\"15-1244\"\ntitle=\"Network and Computer Systems Administrators\"\ntitles={{ fr=\"Administrateurs\" }}\n\
             [[occupation]]\nsoc=\"15-1231\"\ntitle=\"Computer Network Support Specialists\"\n\
             [[exam]]\ncode=\"A-1\"\ntitle=\"A\"\nstatus=\"active\"\nbadge=\"eligible\"\n{extra}\n"
        )
    }

    #[test]
    fn occupations_are_read_with_their_reasons_and_titles() {
        let file = CatalogFile::parse(&with_exam(
            "occupations=[{ soc=\"15-1244\", reason=\"administers systems\" }, { soc=\"15-1231\", reason=\"supports networks\" }]",
        ))
        .unwrap();
        assert_eq!(file.occupation.len(), 2);
        assert_eq!(file.occupation[0].titles["fr"], "Administrateurs");
        assert_eq!(
            file.exam[0].occupations,
            [
                OccupationLink {
                    soc: "15-1244".into(),
                    reason: "administers systems".into()
                },
                OccupationLink {
                    soc: "15-1231".into(),
                    reason: "supports networks".into()
                }
            ]
        );
    }

    #[test]
    fn bad_occupation_mappings_are_refused_with_the_entry_named() {
        let link = |soc: &str, reason: &str| format!("{{ soc={soc:?}, reason={reason:?} }}");
        let cases: Vec<(String, &str)> = vec![
            (
                format!("occupations=[{}]", link("15-9999", "r")),
                "\"A-1\" lists occupation \"15-9999\", which the file does not define (add an [[occupation]] with this soc)",
            ),
            (
                format!("occupations=[{}]", link("151244", "r")),
                "\"A-1\" lists occupation \"151244\", which is not a SOC code (two digits, a dash and four digits, such as \"15-1244\")",
            ),
            (
                format!(
                    "occupations=[{}, {}]",
                    link("15-1244", "a"),
                    link("15-1244", "b")
                ),
                "\"A-1\" lists occupation \"15-1244\" more than once",
            ),
            (
                format!(
                    "occupations=[{}, {}, {}, {}]",
                    link("15-1244", "a"),
                    link("15-1231", "b"),
                    link("15-1244", "c"),
                    link("15-1231", "d")
                ),
                "\"A-1\" lists 4 occupations: at most 3",
            ),
            (
                format!("occupations=[{}]", link("15-1244", "  ")),
                "\"A-1\", occupation \"15-1244\": the reason is empty",
            ),
            (
                format!("occupations=[{}]", link("15-1244", "one\ntwo")),
                "\"A-1\", occupation \"15-1244\": the reason must be one line, without control characters",
            ),
            (
                format!("occupations=[{}]", link("15-1244", &"x".repeat(301))),
                "\"A-1\", occupation \"15-1244\": the reason must be at most 300 characters",
            ),
        ];
        for (extra, message) in cases {
            let error = CatalogFile::parse(&with_exam(&extra)).unwrap_err();
            assert_eq!(error.to_string(), message, "{extra}");
        }
        // A mapping needs its reason, and nothing else.
        for extra in [
            "occupations=[{ soc=\"15-1244\" }]",
            "occupations=[{ soc=\"15-1244\", reason=\"r\", weight=1 }]",
        ] {
            assert!(
                matches!(
                    CatalogFile::parse(&with_exam(extra)),
                    Err(CatalogFileError::Syntax(_))
                ),
                "{extra}"
            );
        }
    }

    #[test]
    fn bad_occupations_are_refused() {
        let occupation = |soc: &str, rest: &str| {
            format!("{ONE_ISSUER}[[occupation]]\nsoc={soc:?}\ntitle=\"T\"\n{rest}\n")
        };
        let refused = |text: String| CatalogFile::parse(&text).unwrap_err().to_string();
        assert_eq!(
            refused(occupation("15 1244", "")),
            "occupation \"15 1244\": a SOC code is two digits, a dash and four digits, such as \"15-1244\""
        );
        assert_eq!(
            refused(format!(
                "{}[[occupation]]\nsoc=\"15-1244\"\ntitle=\"U\"\n",
                occupation("15-1244", "")
            )),
            "occupation \"15-1244\" appears more than once"
        );
        assert_eq!(
            refused(occupation("15-1244", "titles={ fr=\"\" }")),
            "occupation \"15-1244\": titles.fr is empty"
        );
        assert_eq!(
            refused(occupation("15-1244", "titles={ en=\"T\" }")),
            "occupation \"15-1244\": titles.en must be named by a two-letter language code other than en (the title is the English one)"
        );
        assert_eq!(
            refused(occupation("15-1244", "titles={ french=\"T\" }")),
            "occupation \"15-1244\": titles.french must be named by a two-letter language code other than en (the title is the English one)"
        );
    }

    #[test]
    fn bad_skills_are_refused_with_the_entry_named() {
        for (skills, message) in [
            ("[\"\"]", "\"A-1\": the skill \"\" is empty"),
            (
                "[\" Storage\"]",
                "\"A-1\": the skill \" Storage\" must not begin or end with a space",
            ),
            (
                "[\"Storage\", \"storage\"]",
                "\"A-1\": the skill \"storage\" is listed twice",
            ),
        ] {
            let error = CatalogFile::parse(&with_exam(&format!("skills={skills}"))).unwrap_err();
            assert_eq!(error.to_string(), message);
        }
    }

    #[test]
    fn every_certification_and_eligible_exam_of_the_demo_leads_to_one_to_three_occupations() {
        let file = CatalogFile::parse(DEMO_CATALOG).unwrap();
        let mapped = file
            .certification
            .iter()
            .map(|c| (&c.code, c.occupations.len()))
            .chain(
                file.exam
                    .iter()
                    .filter(|e| e.badge == Policy::Eligible)
                    .map(|e| (&e.code, e.occupations.len())),
            );
        for (code, count) in mapped {
            assert!((1..=MAX_OCCUPATIONS).contains(&count), "{code}: {count}");
        }
        // Every occupation it defines is used, and has a French title.
        for occupation in &file.occupation {
            assert!(occupation.titles.contains_key("fr"), "{}", occupation.soc);
            let used = file
                .exam
                .iter()
                .flat_map(|e| &e.occupations)
                .chain(file.certification.iter().flat_map(|c| &c.occupations))
                .any(|link| link.soc == occupation.soc);
            assert!(used, "{} is defined but not used", occupation.soc);
        }
        // Every eligible exam stands for skills.
        for exam in file.exam.iter().filter(|e| e.badge == Policy::Eligible) {
            assert!(!exam.skills.is_empty(), "{}", exam.code);
        }
    }
}
