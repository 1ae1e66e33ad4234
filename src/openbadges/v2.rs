//! The Open Badges 2.0 documents, as serde types that can only be built whole: every
//! document has its `@context`, `type` and `id` (the URL it is served at).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use super::hashed_identity;

/// The JSON-LD context of every Open Badges 2.0 document.
pub const CONTEXT: &str = "https://w3id.org/openbadges/v2";

/// What every document starts with: its context, its type, and its `id`, the URL it is
/// served at.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: String,
}

impl Header {
    fn new(kind: &'static str, id: String) -> Header {
        Header {
            context: CONTEXT,
            kind,
            id,
        }
    }
}

/// Who issues the badges (`Profile`, `type: Issuer`).
#[derive(Debug, Clone, Serialize)]
pub struct Issuer {
    #[serde(flatten)]
    pub header: Header,
    pub name: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(rename = "revocationList")]
    pub revocation_list: String,
}

impl Issuer {
    /// `id`: the profile's URL; `url`: the issuer's web site; `revocation_list`: the URL of
    /// its [`RevocationList`].
    pub fn new(id: String, name: String, url: String, revocation_list: String) -> Issuer {
        Issuer {
            header: Header::new("Issuer", id),
            name,
            url,
            email: None,
            revocation_list,
        }
    }
}

/// Criteria of a badge class: a page that says how it is earned (when there is one), and a
/// short narrative.
#[derive(Debug, Clone, Serialize)]
pub struct Criteria {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub narrative: String,
}

/// A framework or standard a badge class is aligned with (`AlignmentObject`).
#[derive(Debug, Clone, Serialize)]
pub struct Alignment {
    #[serde(rename = "targetName")]
    pub target_name: String,
    #[serde(rename = "targetUrl")]
    pub target_url: String,
    #[serde(rename = "targetDescription", skip_serializing_if = "Option::is_none")]
    pub target_description: Option<String>,
    #[serde(rename = "targetFramework", skip_serializing_if = "Option::is_none")]
    pub target_framework: Option<String>,
    #[serde(rename = "targetCode", skip_serializing_if = "Option::is_none")]
    pub target_code: Option<String>,
}

/// What a badge is (`BadgeClass`).
#[derive(Debug, Clone, Serialize)]
pub struct BadgeClass {
    #[serde(flatten)]
    pub header: Header,
    pub name: String,
    pub description: String,
    pub image: String,
    pub criteria: Criteria,
    /// The issuer profile's URL.
    pub issuer: String,
    /// The skills the badge stands for.
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alignment: Vec<Alignment>,
}

impl BadgeClass {
    pub fn new(
        id: String,
        name: String,
        description: String,
        image: String,
        criteria: Criteria,
        issuer: String,
        tags: Vec<String>,
    ) -> BadgeClass {
        BadgeClass {
            header: Header::new("BadgeClass", id),
            name,
            description,
            image,
            criteria,
            issuer,
            tags,
            alignment: Vec::new(),
        }
    }
}

/// The recipient of an assertion: never the address itself, its salted hash.
#[derive(Debug, Clone, Serialize)]
pub struct Recipient {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub hashed: bool,
    pub salt: String,
    pub identity: String,
}

impl Recipient {
    /// The hashed recipient of `address` with `salt` (the award's own).
    pub fn email(address: &str, salt: &str) -> Recipient {
        Recipient {
            kind: "email",
            hashed: true,
            salt: salt.to_owned(),
            identity: hashed_identity(address, salt),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// One award (`Assertion`), verified by being served at its `id` (hosted verification).
#[derive(Debug, Clone, Serialize)]
pub struct Assertion {
    #[serde(flatten)]
    pub header: Header,
    pub recipient: Recipient,
    /// The badge class's URL.
    pub badge: String,
    pub verification: Verification,
    #[serde(rename = "issuedOn")]
    pub issued_on: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<DateTime<Utc>>,
    /// The baked image of this assertion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The public badge page.
    pub evidence: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked: Option<bool>,
    #[serde(rename = "revocationReason", skip_serializing_if = "Option::is_none")]
    pub revocation_reason: Option<String>,
}

/// A day as the instant it begins in UTC: Open Badges dates carry a time zone.
pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc()
}

impl Assertion {
    /// A hosted assertion of `recipient` for `badge`, served at `id`, its public page
    /// `evidence`.
    pub fn hosted(
        id: String,
        recipient: Recipient,
        badge: String,
        issued_on: NaiveDate,
        expires: Option<NaiveDate>,
        evidence: String,
    ) -> Assertion {
        Assertion {
            header: Header::new("Assertion", id),
            recipient,
            badge,
            verification: Verification { kind: "hosted" },
            issued_on: start_of(issued_on),
            expires: expires.map(start_of),
            image: None,
            evidence,
            revoked: None,
            revocation_reason: None,
        }
    }

    /// The same assertion, revoked for `reason` (it is then answered with 410 Gone).
    pub fn revoked(mut self, reason: &str) -> Assertion {
        self.revoked = Some(true);
        self.revocation_reason = Some(reason.to_owned());
        self
    }
}

/// A revoked assertion as the revocation list names it.
#[derive(Debug, Clone, Serialize)]
pub struct Revoked {
    pub id: String,
    #[serde(rename = "revocationReason")]
    pub revocation_reason: String,
}

/// The issuer's list of revoked assertions.
#[derive(Debug, Clone, Serialize)]
pub struct RevocationList {
    #[serde(flatten)]
    pub header: Header,
    /// The issuer profile's URL.
    pub issuer: String,
    #[serde(rename = "revokedAssertions")]
    pub revoked_assertions: Vec<Revoked>,
}

impl RevocationList {
    pub fn new(id: String, issuer: String, revoked_assertions: Vec<Revoked>) -> RevocationList {
        RevocationList {
            header: Header::new("RevocationList", id),
            issuer,
            revoked_assertions,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use serde_json::{Value, json};

    use super::*;

    const SITE: &str = "https://badges.example";

    fn assertion() -> Assertion {
        Assertion::hosted(
            format!("{SITE}/ob/v2/assertions/abc"),
            Recipient::email("Ada@Example.com", "s4lt"),
            format!("{SITE}/ob/v2/badges/AZ-900"),
            NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            None,
            format!("{SITE}/badges/abc"),
        )
    }

    #[test]
    fn a_hosted_assertion_has_the_shape_the_specification_asks_for() {
        let json: Value = serde_json::to_value(assertion()).unwrap();
        assert_eq!(json["@context"], CONTEXT);
        assert_eq!(json["type"], "Assertion");
        assert_eq!(json["id"], "https://badges.example/ob/v2/assertions/abc");
        assert_eq!(json["verification"], json!({"type": "hosted"}));
        assert_eq!(json["issuedOn"], "2025-06-01T00:00:00Z");
        assert!(json.get("expires").is_none(), "no expiry, no field");
        assert!(json.get("revoked").is_none());
        assert_eq!(
            json["recipient"],
            json!({
                "type": "email",
                "hashed": true,
                "salt": "s4lt",
                "identity": crate::openbadges::hashed_identity("ada@example.com", "s4lt"),
            })
        );
        assert!(
            !json.to_string().to_lowercase().contains("ada@example.com"),
            "the address itself is never in the assertion: {json}"
        );
    }

    #[test]
    fn a_revoked_assertion_says_so_with_its_reason() {
        let json: Value = serde_json::to_value(assertion().revoked("issued in error")).unwrap();
        assert_eq!(json["revoked"], true);
        assert_eq!(json["revocationReason"], "issued in error");
    }

    #[test]
    fn an_expiring_assertion_carries_its_expiry_with_a_time_zone() {
        let mut expiring = assertion();
        expiring.expires = Some(start_of(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()));
        let json: Value = serde_json::to_value(expiring).unwrap();
        assert_eq!(json["expires"], "2026-06-01T00:00:00Z");
    }

    #[test]
    fn issuer_badge_class_and_revocation_list_name_their_types_and_links() {
        let issuer = serde_json::to_value(Issuer::new(
            format!("{SITE}/ob/v2/issuers/microsoft"),
            "Microsoft".into(),
            "https://www.microsoft.com".into(),
            format!("{SITE}/ob/v2/issuers/microsoft/revocations"),
        ))
        .unwrap();
        assert_eq!(issuer["type"], "Issuer");
        assert_eq!(
            issuer["revocationList"],
            "https://badges.example/ob/v2/issuers/microsoft/revocations"
        );
        assert!(issuer.get("email").is_none());

        let class = serde_json::to_value(BadgeClass::new(
            format!("{SITE}/ob/v2/badges/AZ-900"),
            "Azure Fundamentals".into(),
            "Cloud concepts and Azure services.".into(),
            format!("{SITE}/images/badges/AZ-900.svg"),
            Criteria {
                id: Some("https://learn.microsoft.com/credentials/az-900".into()),
                narrative: "Pass exam AZ-900.".into(),
            },
            format!("{SITE}/ob/v2/issuers/microsoft"),
            vec!["Cloud concepts".into()],
        ))
        .unwrap();
        assert_eq!(class["type"], "BadgeClass");
        assert_eq!(class["criteria"]["narrative"], "Pass exam AZ-900.");
        assert_eq!(class["tags"], json!(["Cloud concepts"]));
        assert!(class.get("alignment").is_none(), "no alignment, no field");

        let list = serde_json::to_value(RevocationList::new(
            format!("{SITE}/ob/v2/issuers/microsoft/revocations"),
            format!("{SITE}/ob/v2/issuers/microsoft"),
            vec![Revoked {
                id: format!("{SITE}/ob/v2/assertions/abc"),
                revocation_reason: "issued in error".into(),
            }],
        ))
        .unwrap();
        assert_eq!(list["type"], "RevocationList");
        assert_eq!(
            list["revokedAssertions"][0]["revocationReason"],
            "issued in error"
        );
    }
}
