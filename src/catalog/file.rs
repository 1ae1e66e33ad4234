//! The catalog file (TOML): issuers, exams and certifications, as in `src/demo/catalog.toml`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::{BadgeClass, BadgeKind, Catalog, Policy, Status};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    #[serde(default)]
    pub issuer: Vec<IssuerEntry>,
    #[serde(default)]
    pub exam: Vec<ExamEntry>,
    #[serde(default)]
    pub certification: Vec<CertificationEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerEntry {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub email: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamEntry {
    pub code: String,
    pub title: String,
    pub status: Status,
    pub retired_on: Option<NaiveDate>,
    pub badge: Policy,
    /// The issuer's slug; may be left out when the file has a single issuer.
    pub issuer: Option<String>,
    pub source: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationEntry {
    pub code: String,
    pub title: String,
    pub status: Status,
    pub retired_on: Option<NaiveDate>,
    pub badge: Policy,
    pub issuer: Option<String>,
    pub exams: Vec<String>,
    #[serde(default)]
    pub prerequisites_any: Vec<String>,
    #[serde(default)]
    pub skills: Vec<String>,
}

/// What is wrong with a catalog file. Nothing is loaded from a file with any of these.
#[derive(Debug, thiserror::Error)]
pub enum CatalogFileError {
    #[error("the file is not valid TOML for a catalog: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("the file names no issuer")]
    NoIssuer,
    #[error("issuer slug {0:?} must be lower-case letters, digits and dashes")]
    BadSlug(String),
    #[error("issuer {0:?}: its url must start with http:// or https://")]
    BadUrl(String),
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
}

fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 63
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && code.as_bytes()[0].is_ascii_alphanumeric()
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
        let issuers: HashSet<&str> = self.issuer.iter().map(|i| i.slug.as_str()).collect();
        for issuer in &self.issuer {
            if !valid_slug(&issuer.slug) {
                return Err(CatalogFileError::BadSlug(issuer.slug.clone()));
            }
            if !(issuer.url.starts_with("https://") || issuer.url.starts_with("http://")) {
                return Err(CatalogFileError::BadUrl(issuer.slug.clone()));
            }
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
}
