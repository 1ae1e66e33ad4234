//! The verdict on a badge of this site, as its public page and the verification tool show
//! it: each check with its outcome. The assertion was found by its id at this site (hosted
//! verification), so the issuer and the assertion checks pass by construction; the
//! recipient is checked when the verifier typed an address; expiry and revocation come from
//! the award.

use chrono::NaiveDate;

use crate::awards::PublicBadge;
use crate::domain::Standing;

/// One check of a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The issuer's profile is published by this site.
    Issuer,
    /// The assertion is hosted at its own id.
    Hosted,
    /// The address the verifier typed is the recipient's.
    Recipient,
    NotExpired,
    NotRevoked,
}

impl Check {
    /// The Fluent id of what the check found (`check-recipient-failed`, ...). The issuer and
    /// the hosted assertion are found or there is no verdict at all, so they only pass.
    pub fn message_id(self, outcome: Outcome) -> &'static str {
        match (self, outcome) {
            (Check::Issuer, _) => "check-issuer-passed",
            (Check::Hosted, _) => "check-hosted-passed",
            (Check::Recipient, Outcome::Passed) => "check-recipient-passed",
            (Check::Recipient, Outcome::Failed) => "check-recipient-failed",
            (Check::Recipient, Outcome::Skipped) => "check-recipient-skipped",
            (Check::NotExpired, Outcome::Failed) => "check-not-expired-failed",
            (Check::NotExpired, _) => "check-not-expired-passed",
            (Check::NotRevoked, Outcome::Failed) => "check-not-revoked-failed",
            (Check::NotRevoked, _) => "check-not-revoked-passed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    /// Not checked: no address was typed.
    Skipped,
}

impl Outcome {
    pub fn is_passed(self) -> bool {
        self == Outcome::Passed
    }

    pub fn is_failed(self) -> bool {
        self == Outcome::Failed
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub checks: Vec<(Check, Outcome)>,
    pub standing: Standing,
}

impl Verdict {
    /// Every check passed or was skipped.
    pub fn is_valid(&self) -> bool {
        self.checks.iter().all(|(_, outcome)| !outcome.is_failed())
    }
}

/// The verdict on `badge` on `today`, checking `address` against its recipient when given.
pub fn verdict(badge: &PublicBadge, today: NaiveDate, address: Option<&str>) -> Verdict {
    let standing = badge.standing(today);
    let pass = |ok: bool| if ok { Outcome::Passed } else { Outcome::Failed };
    let recipient = match address.map(str::trim).filter(|a| !a.is_empty()) {
        Some(address) => pass(super::is_recipient(
            &badge.recipient_identity,
            &badge.recipient_salt,
            address,
        )),
        None => Outcome::Skipped,
    };
    Verdict {
        checks: vec![
            (Check::Issuer, Outcome::Passed),
            (Check::Hosted, Outcome::Passed),
            (Check::Recipient, recipient),
            (Check::NotExpired, pass(!standing.is_expired())),
            (Check::NotRevoked, pass(!standing.is_revoked())),
        ],
        standing,
    }
}
