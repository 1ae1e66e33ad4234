//! The program's badge rules, as a pure function of the catalog and a candidate's history.
//!
//! 1. A badge for every active exam and certification.
//! 2. When an exam pass earns a certification, the badge is for the certification instead of
//!    the exam; a pass that earns no certification gets the exam's own badge.
//! 3. Excluded exams and certifications (named exceptions) never give a badge.
//! 4. Legacy exams and certifications (older than the program) never give a badge.
//! 5. Retired but eligible ones still give their badge.
//! 6. All history counts: the passes reported before, whenever they were, are part of the
//!    history that earns a certification.
//!
//! A certification is earned when all of its exams are passed and, if it names
//! prerequisites, at least one of them is held. Prerequisites may be earned after the exam
//! (AZ-305 passed before AZ-104): the certification is earned when the last piece arrives.

use std::collections::HashSet;

use super::catalog::{BadgeClass, BadgeKind, Catalog, Policy};

/// What one person (an address, or every verified address of one account) has done so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Exams passed (badge class ids of kind exam).
    pub passed_exams: HashSet<i64>,
    /// Badge classes already awarded to this person.
    pub awarded: HashSet<i64>,
}

/// Why a passed exam gave no badge. Kept with the result, for support to explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoBadgeReason {
    /// The exam, or the certification it earns, is a named exclusion of the program.
    Excluded,
    /// The exam, or the certification it earns, predates the badge program.
    Legacy,
    /// The exam's own badge was already awarded (a retake).
    AlreadyAwarded,
    /// The pass belongs to a certification this person already holds.
    AlreadyHeld,
}

impl NoBadgeReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Excluded => "excluded",
            Self::Legacy => "legacy",
            Self::AlreadyAwarded => "already_awarded",
            Self::AlreadyHeld => "already_held",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Excluded,
            Self::Legacy,
            Self::AlreadyAwarded,
            Self::AlreadyHeld,
        ]
        .into_iter()
        .find(|reason| reason.as_str() == text)
    }
}

/// What a newly passed exam gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Badge classes to award, certifications first, in catalog order. Never empty.
    Award(Vec<i64>),
    NoBadge(NoBadgeReason),
}

impl History {
    /// The certifications these passes earn: every exam passed, and a prerequisite held.
    /// Prerequisites chain, so this runs to a fixed point.
    pub fn earned_certifications(&self, catalog: &Catalog) -> HashSet<i64> {
        earned_certifications(catalog, &self.passed_exams)
    }

    /// The certifications these passes earn that give a badge and were not awarded: owed
    /// to a person whose passes were reported under addresses that have joined since (a
    /// certification's exams under two addresses), by id.
    pub fn owed_certifications(&self, catalog: &Catalog) -> Vec<i64> {
        let mut owed: Vec<i64> = self
            .earned_certifications(catalog)
            .into_iter()
            .filter(|id| !self.awarded.contains(id))
            .filter(|id| {
                catalog
                    .get(*id)
                    .is_some_and(|c| c.policy == Policy::Eligible)
            })
            .collect();
        owed.sort_unstable();
        owed
    }

    /// Records a decision, so that the next result of the same person sees it.
    pub fn record(&mut self, exam: i64, decision: &Decision) {
        self.passed_exams.insert(exam);
        if let Decision::Award(classes) = decision {
            self.awarded.extend(classes.iter().copied());
        }
    }
}

fn earned_certifications(catalog: &Catalog, passed: &HashSet<i64>) -> HashSet<i64> {
    let mut earned = HashSet::new();
    loop {
        let before = earned.len();
        for cert in catalog.certifications() {
            if earned.contains(&cert.id) {
                continue;
            }
            let exams_done =
                !cert.exams.is_empty() && cert.exams.iter().all(|e| passed.contains(e));
            let prerequisite_held = cert.prerequisites_any.is_empty()
                || cert.prerequisites_any.iter().any(|p| earned.contains(p));
            if exams_done && prerequisite_held {
                earned.insert(cert.id);
            }
        }
        if earned.len() == before {
            return earned;
        }
    }
}

fn no_badge_reason(policy: Policy) -> Option<NoBadgeReason> {
    match policy {
        Policy::Eligible => None,
        Policy::Excluded => Some(NoBadgeReason::Excluded),
        Policy::Legacy => Some(NoBadgeReason::Legacy),
    }
}

/// Decides what a newly passed `exam` gives to a person with `history` (not yet including it).
pub fn decide(catalog: &Catalog, history: &History, exam: &BadgeClass) -> Decision {
    debug_assert_eq!(exam.kind, BadgeKind::Exam);
    if let Some(reason) = no_badge_reason(exam.policy) {
        return Decision::NoBadge(reason);
    }

    let before = history.earned_certifications(catalog);
    let mut passed = history.passed_exams.clone();
    passed.insert(exam.id);
    let after = earned_certifications(catalog, &passed);

    // Certifications this pass completes, directly or as the missing prerequisite.
    let mut newly_earned: Vec<&BadgeClass> = catalog
        .certifications()
        .filter(|c| after.contains(&c.id) && !before.contains(&c.id))
        .collect();
    newly_earned.sort_by_key(|c| c.id);

    let awards: Vec<i64> = newly_earned
        .iter()
        .filter(|c| c.policy == Policy::Eligible && !history.awarded.contains(&c.id))
        .map(|c| c.id)
        .collect();
    if !awards.is_empty() {
        return Decision::Award(awards);
    }
    if let Some(reason) = newly_earned.iter().find_map(|c| no_badge_reason(c.policy)) {
        return Decision::NoBadge(reason);
    }
    if !newly_earned.is_empty() {
        // Earned again, but its badge is already there (the catalog changed since).
        return Decision::NoBadge(NoBadgeReason::AlreadyHeld);
    }

    // A pass of an exam whose certification is already held earns nothing new.
    let part_of_held = catalog
        .certifications()
        .any(|c| before.contains(&c.id) && c.exams.contains(&exam.id));
    if part_of_held {
        return Decision::NoBadge(NoBadgeReason::AlreadyHeld);
    }
    if history.awarded.contains(&exam.id) {
        return Decision::NoBadge(NoBadgeReason::AlreadyAwarded);
    }
    Decision::Award(vec![exam.id])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CatalogFile, DEMO_CATALOG};

    fn catalog() -> Catalog {
        CatalogFile::parse(DEMO_CATALOG).unwrap().to_catalog()
    }

    fn id(catalog: &Catalog, code: &str) -> i64 {
        catalog
            .exam_by_code(code)
            .map(|c| c.id)
            .or_else(|| {
                catalog
                    .certifications()
                    .find(|c| c.code == code)
                    .map(|c| c.id)
            })
            .unwrap_or_else(|| panic!("{code} is not in the catalog"))
    }

    /// Feeds `exams` in order to one person; returns the codes of each decision.
    fn run(catalog: &Catalog, exams: &[&str]) -> Vec<Result<Vec<String>, NoBadgeReason>> {
        let mut history = History::default();
        exams
            .iter()
            .map(|code| {
                let exam = catalog.exam_by_code(code).unwrap();
                let decision = decide(catalog, &history, exam);
                history.record(exam.id, &decision);
                match decision {
                    Decision::Award(ids) => Ok(ids
                        .into_iter()
                        .map(|i| catalog.get(i).unwrap().code.clone())
                        .collect()),
                    Decision::NoBadge(reason) => Err(reason),
                }
            })
            .collect()
    }

    fn award(codes: &[&str]) -> Result<Vec<String>, NoBadgeReason> {
        Ok(codes.iter().map(|c| (*c).to_owned()).collect())
    }

    #[test]
    fn an_exam_that_earns_a_certification_gives_the_certification_instead() {
        let c = catalog();
        assert_eq!(run(&c, &["AZ-900"]), [award(&["azure-fundamentals"])]);
    }

    #[test]
    fn an_exam_that_earns_no_certification_gives_its_own_badge() {
        let c = catalog();
        assert_eq!(run(&c, &["70-480"]), [award(&["70-480"])]);
    }

    #[test]
    fn a_certification_of_three_exams_comes_with_the_last_one() {
        let c = catalog();
        assert_eq!(
            run(&c, &["70-740", "70-741", "70-742"]),
            [
                award(&["70-740"]),
                award(&["70-741"]),
                award(&["mcsa-windows-server-2016"])
            ]
        );
    }

    #[test]
    fn an_expert_exam_with_its_prerequisite_gives_the_expert_certification() {
        let c = catalog();
        assert_eq!(
            run(&c, &["AZ-900", "AZ-104", "AZ-305"]),
            [
                award(&["azure-fundamentals"]),
                award(&["azure-administrator"]),
                award(&["azure-solutions-architect"])
            ]
        );
    }

    #[test]
    fn a_prerequisite_earned_after_the_expert_exam_completes_the_expert_certification() {
        let c = catalog();
        assert_eq!(
            run(&c, &["AZ-305", "AZ-104"]),
            [
                award(&["AZ-305"]),
                award(&["azure-administrator", "azure-solutions-architect"])
            ]
        );
    }

    #[test]
    fn any_one_of_several_prerequisites_is_enough() {
        let c = catalog();
        assert_eq!(
            run(&c, &["AZ-204", "AZ-400"]),
            [award(&["azure-developer"]), award(&["devops-engineer"])]
        );
        assert_eq!(
            run(&c, &["AZ-104", "AZ-400"]),
            [award(&["azure-administrator"]), award(&["devops-engineer"])]
        );
    }

    #[test]
    fn excluded_exams_never_give_a_badge() {
        let c = catalog();
        for code in [
            "74-343", "MB2-706", "MB2-712", "MB2-714", "77-881", "77-882",
        ] {
            assert_eq!(run(&c, &[code]), [Err(NoBadgeReason::Excluded)], "{code}");
        }
    }

    #[test]
    fn legacy_exams_never_give_a_badge() {
        let c = catalog();
        for code in ["70-290", "70-536"] {
            assert_eq!(run(&c, &[code]), [Err(NoBadgeReason::Legacy)], "{code}");
        }
    }

    #[test]
    fn retired_but_eligible_exams_still_give_their_badge() {
        let c = catalog();
        assert_eq!(
            c.exam_by_code("DP-203").unwrap().status,
            crate::domain::Status::Retired
        );
        assert_eq!(run(&c, &["DP-203"]), [award(&["azure-data-engineer"])]);
    }

    #[test]
    fn a_retake_gives_nothing_new() {
        let c = catalog();
        assert_eq!(
            run(&c, &["AZ-900", "AZ-900", "70-480", "70-480"]),
            [
                award(&["azure-fundamentals"]),
                Err(NoBadgeReason::AlreadyHeld),
                award(&["70-480"]),
                Err(NoBadgeReason::AlreadyAwarded)
            ]
        );
    }

    #[test]
    fn history_from_before_counts_whatever_its_age() {
        let c = catalog();
        // Passes reported years ago (as history), then the last exam of the MCSA.
        let mut history = History::default();
        history.passed_exams.insert(id(&c, "70-740"));
        history.passed_exams.insert(id(&c, "70-741"));
        let exam = c.exam_by_code("70-742").unwrap();
        assert_eq!(
            decide(&c, &history, exam),
            Decision::Award(vec![id(&c, "mcsa-windows-server-2016")])
        );
    }

    #[test]
    fn exam_codes_are_matched_without_letter_case() {
        let c = catalog();
        assert_eq!(
            c.exam_by_code("az-900").map(|e| e.code.as_str()),
            Some("AZ-900")
        );
        assert!(c.exam_by_code("XX-999").is_none());
    }

    #[test]
    fn no_badge_reasons_round_trip_through_their_text() {
        for reason in [
            NoBadgeReason::Excluded,
            NoBadgeReason::Legacy,
            NoBadgeReason::AlreadyAwarded,
            NoBadgeReason::AlreadyHeld,
        ] {
            assert_eq!(NoBadgeReason::parse(reason.as_str()), Some(reason));
        }
    }
}
