//! This site's Open Badges 2.0 documents: the public views of the catalog and of awards
//! (`catalog::PublicIssuer`, `catalog::PublicBadgeClass`, `awards::PublicBadge`) as
//! [`v2`](super::v2) documents whose every `id` is the absolute URL they are served at.
//!
//! The documents are in English whatever the reader's language: they are data for programs,
//! and a verifier compares them byte for byte over time.

use super::v2::{
    Alignment, Assertion, BadgeClass, Criteria, Issuer, Recipient, RevocationList, Revoked,
};
use crate::awards::{PublicBadge, Revocation};
use crate::catalog::{PublicBadgeClass, PublicIssuer};
use crate::domain::{AwardState, BadgeKind};
use crate::urls::{self, PublicUrl};

pub fn issuer(issuer: &PublicIssuer, site: &PublicUrl) -> Issuer {
    let mut document = Issuer::new(
        site.absolute(&urls::ob_issuer(&issuer.slug)),
        issuer.name.clone(),
        issuer.url.clone(),
        site.absolute(&urls::ob_revocations(&issuer.slug)),
    );
    document.email = Some(issuer.email.clone());
    document
}

/// How a badge of `kind` is earned, in a sentence.
pub fn narrative(kind: BadgeKind, exams: &[String]) -> String {
    match (kind, exams) {
        (BadgeKind::Exam, [exam, ..]) => format!("Pass exam {exam}."),
        (_, [exam]) => format!("Earn the certification by passing exam {exam}."),
        (_, exams) => format!(
            "Earn the certification by passing every one of these exams: {}.",
            exams.join(", ")
        ),
    }
}

/// The description of a badge class: the catalog's, or a sentence made from its title.
pub fn description(title: &str, kind: BadgeKind, given: &str) -> String {
    if !given.trim().is_empty() {
        return given.to_owned();
    }
    match kind {
        BadgeKind::Exam => format!("Awarded for passing the exam {title}."),
        BadgeKind::Certification => format!("Awarded for earning the certification {title}."),
    }
}

pub fn badge_class(class: &PublicBadgeClass, site: &PublicUrl) -> BadgeClass {
    let mut document = BadgeClass::new(
        site.absolute(&urls::ob_badge(&class.code)),
        class.title.clone(),
        description(&class.title, class.kind, &class.description),
        site.absolute(&urls::badge_image_png(&class.code)),
        Criteria {
            id: class.criteria_url.clone(),
            narrative: narrative(class.kind, &class.exams),
        },
        site.absolute(&urls::ob_issuer(&class.issuer_slug)),
        class.skills.clone(),
    );
    document.alignment = class
        .alignments
        .iter()
        .map(|a| Alignment {
            target_name: a.name.clone(),
            target_url: a.url.clone(),
            target_description: a.description.clone(),
            target_framework: a.framework.clone(),
            target_code: a.code.clone(),
        })
        .collect();
    document
}

/// The hosted assertion of a public award; a revoked one says so, with its reason.
pub fn assertion(badge: &PublicBadge, site: &PublicUrl) -> Assertion {
    let mut document = Assertion::hosted(
        site.absolute(&urls::ob_assertion(&badge.id)),
        Recipient {
            kind: "email",
            hashed: true,
            salt: badge.recipient_salt.clone(),
            identity: badge.recipient_identity.clone(),
        },
        site.absolute(&urls::ob_badge(&badge.code)),
        badge.issued_on,
        badge.expires_on,
        site.absolute(&urls::public_badge(&badge.id)),
    );
    document.image = Some(site.absolute(&urls::baked_png(&badge.id)));
    if badge.state == AwardState::Revoked {
        document = document.revoked(badge.revocation_reason.as_deref().unwrap_or_default());
    }
    document
}

pub fn revocation_list(slug: &str, revoked: &[Revocation], site: &PublicUrl) -> RevocationList {
    RevocationList::new(
        site.absolute(&urls::ob_revocations(slug)),
        site.absolute(&urls::ob_issuer(slug)),
        revoked
            .iter()
            .map(|r| Revoked {
                id: site.absolute(&urls::ob_assertion(&r.award_id)),
                revocation_reason: r.reason.clone(),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_narrative_names_the_exams_that_earn_the_badge() {
        assert_eq!(
            narrative(BadgeKind::Exam, &["AZ-104".into()]),
            "Pass exam AZ-104."
        );
        assert_eq!(
            narrative(
                BadgeKind::Certification,
                &["AZ-400".into(), "AZ-104".into()]
            ),
            "Earn the certification by passing every one of these exams: AZ-400, AZ-104."
        );
    }
}
