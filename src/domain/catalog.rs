//! The catalog as the rules see it: badge classes of exams and certifications.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::text_enum::text_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BadgeKind {
    Exam,
    Certification,
}

/// Whether a badge is issued when the exam or certification is earned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// A badge is issued, also after the exam or certification is retired.
    Eligible,
    /// A named exception of the program: never a badge.
    Excluded,
    /// Older than the badge program: never had a badge.
    Legacy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    Retired,
}

/// How advanced a badge is, as the program ranks its certifications. The badge art takes
/// its colour from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Fundamentals,
    Associate,
    Expert,
    Specialty,
}

impl Level {
    /// The level a title names ("Microsoft Certified: Azure Fundamentals"), if any: what a
    /// catalog entry that does not state its level is taken to be.
    pub fn named_in(title: &str) -> Option<Level> {
        let words: Vec<String> = title
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .collect();
        Level::ALL
            .iter()
            .copied()
            .find(|level| words.iter().any(|w| w == level.as_str()))
    }
}

text_enum!(BadgeKind { Exam => "exam", Certification => "certification" });
text_enum!(Level { Fundamentals => "fundamentals", Associate => "associate", Expert => "expert", Specialty => "specialty" });
text_enum!(Policy { Eligible => "eligible", Excluded => "excluded", Legacy => "legacy" });
text_enum!(Status { Active => "active", Retired => "retired" });

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeClass {
    pub id: i64,
    pub kind: BadgeKind,
    pub code: String,
    pub title: String,
    pub policy: Policy,
    pub status: Status,
    pub retired_on: Option<NaiveDate>,
    /// For a certification: every one of these exams must be passed.
    pub exams: Vec<i64>,
    /// For a certification: at least one of these certifications must be held (none: no condition).
    pub prerequisites_any: Vec<i64>,
}

/// The whole catalog, indexed for the rules and for validating incoming results.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    classes: HashMap<i64, BadgeClass>,
    exams_by_code: HashMap<String, i64>,
    certifications: Vec<i64>,
}

impl Catalog {
    pub fn new(classes: impl IntoIterator<Item = BadgeClass>) -> Self {
        let mut catalog = Self::default();
        for class in classes {
            match class.kind {
                BadgeKind::Exam => {
                    catalog
                        .exams_by_code
                        .insert(class.code.to_uppercase(), class.id);
                }
                BadgeKind::Certification => catalog.certifications.push(class.id),
            }
            catalog.classes.insert(class.id, class);
        }
        catalog.certifications.sort_unstable();
        catalog
    }

    pub fn get(&self, id: i64) -> Option<&BadgeClass> {
        self.classes.get(&id)
    }

    /// Exam codes are matched without regard to letter case (`az-900` is `AZ-900`).
    pub fn exam_by_code(&self, code: &str) -> Option<&BadgeClass> {
        self.exams_by_code
            .get(&code.trim().to_uppercase())
            .and_then(|id| self.classes.get(id))
    }

    pub fn certifications(&self) -> impl Iterator<Item = &BadgeClass> {
        self.certifications
            .iter()
            .filter_map(|id| self.classes.get(id))
    }

    pub fn len(&self) -> usize {
        self.classes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }
}
