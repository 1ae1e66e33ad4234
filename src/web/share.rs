//! The share block of one badge, for its earner: `templates/share/panel.html`, shown on the
//! public badge page (when its earner looks at it) and on the wallet's badge page.
//!
//! Use it from any page whose template struct has a `page: Page`:
//!
//! ```text
//! // the handler
//! let share = SharePanel::for_earned(&badge, &page, &state.public_url);
//! // the template
//! {% import "share/panel.html" as share_panel %}
//! {% call share_panel::panel(page, share) %}{% endcall %}
//! ```
//!
//! What it shows follows from the badge: accepted and public (its page is public), every way
//! to share it; accepted but private, the button that makes it public (a form posting to
//! `urls::visibility`, back to the wallet's badge page) and, when the earner's profile is
//! private, a link to the settings that make it public; pending, declined or revoked,
//! nothing at all. The
//! texts it hands the networks (the X post, the email) are in the reader's language; the
//! links are plain links to the networks' own share pages (`crate::sharing`).

use chrono::NaiveDate;

use crate::awards::{EarnedBadge, PublicBadge};
use crate::domain::{AwardState, Visibility};
use crate::i18n::Tr;
use crate::sharing::{ShareLinks, Shared, Texts};
use crate::urls::{self, PublicUrl};

/// What `templates/share/panel.html` shows for one badge.
#[derive(Debug, Clone)]
pub struct SharePanel {
    /// The award's id: the element ids of the panel end with it.
    pub id: String,
    /// The badge's title, for the accessible names of the actions ("Post on LinkedIn:
    /// Microsoft Certified: Azure Administrator Associate").
    pub title: String,
    /// Every way to share it, when it can be shared.
    pub ways: Option<ShareWays>,
    /// Accepted but private: where the form that makes it public posts (its `visibility`
    /// field `public`, its `back` field `badge`).
    pub make_public: Option<String>,
    /// Accepted, but the earner's profile is private: the settings section that changes it.
    pub profile_private: Option<String>,
}

/// Every way to share a public badge.
#[derive(Debug, Clone)]
pub struct ShareWays {
    /// LinkedIn (add to profile, post), Facebook, X, email, and the embed snippet.
    pub links: ShareLinks,
    /// The public page's absolute URL, to copy.
    pub page_url: String,
    /// The baked PNG (the assertion inside), to download.
    pub download_url: String,
    /// Its file name: `Azure-Administrator-Associate.png`.
    pub download_name: String,
}

/// What a panel needs to know of a badge, whichever view it comes from.
struct Badge<'a> {
    id: &'a str,
    title: &'a str,
    issuer: &'a str,
    issuer_linkedin: Option<&'a str>,
    issued_on: NaiveDate,
    expires_on: Option<NaiveDate>,
}

impl SharePanel {
    /// For the earner of a badge shown on its public page: it is public, so it can be
    /// shared unless it was revoked.
    pub fn for_public(badge: &PublicBadge, t: &Tr, site: &PublicUrl) -> SharePanel {
        Badge {
            id: &badge.id,
            title: &badge.title,
            issuer: &badge.issuer,
            issuer_linkedin: badge.issuer_linkedin.as_deref(),
            issued_on: badge.issued_on,
            expires_on: badge.expires_on,
        }
        .panel(badge.state == AwardState::Accepted, t, site)
    }

    /// For a badge of the earner's wallet, in any state.
    pub fn for_earned(badge: &EarnedBadge, t: &Tr, site: &PublicUrl) -> SharePanel {
        let accepted = badge.state == AwardState::Accepted;
        let mut panel = Badge {
            id: &badge.id,
            title: &badge.title,
            issuer: &badge.issuer,
            issuer_linkedin: badge.issuer_linkedin.as_deref(),
            issued_on: badge.issued_on,
            expires_on: badge.expires_on,
        }
        .panel(accepted && badge.exposure().is_shown(), t, site);
        if accepted && badge.visibility == Visibility::Private {
            panel.make_public = Some(urls::visibility(&badge.id));
        }
        if accepted && badge.profile_visibility == Visibility::Private {
            panel.profile_private = Some(urls::settings_section("profile"));
        }
        panel
    }

    /// Whether the panel shows nothing at all.
    pub fn is_empty(&self) -> bool {
        self.ways.is_none() && self.make_public.is_none() && self.profile_private.is_none()
    }
}

impl Badge<'_> {
    /// A panel with every way to share the badge when it is `shareable`, else an empty one.
    fn panel(&self, shareable: bool, t: &Tr, site: &PublicUrl) -> SharePanel {
        SharePanel {
            id: self.id.to_owned(),
            title: self.title.to_owned(),
            ways: shareable.then(|| self.ways(t, site)),
            make_public: None,
            profile_private: None,
        }
    }

    fn ways(&self, t: &Tr, site: &PublicUrl) -> ShareWays {
        let page_url = site.absolute(&urls::public_badge(self.id));
        let image_url = site.absolute(&urls::baked_png(self.id));
        let named = |id| t.msg2(id, "badge", self.title, "issuer", self.issuer);
        let post = named("share-post");
        let email_subject = t.msg1("share-email-subject", "badge", self.title);
        let email_body = named("share-email-body");
        let alt = named("share-alt");
        let links = Shared {
            award_id: self.id,
            title: self.title,
            issuer: self.issuer,
            issuer_linkedin: self.issuer_linkedin,
            issued_on: self.issued_on,
            expires_on: self.expires_on,
            page_url: &page_url,
            image_url: &image_url,
        }
        .links(Texts {
            post: &post,
            email_subject: &email_subject,
            email_body: &email_body,
            alt: &alt,
        });
        ShareWays {
            links,
            page_url,
            download_url: urls::baked_png(self.id),
            download_name: crate::sharing::download_name(self.title, "png"),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::BadgeKind;
    use crate::i18n::Locale;

    fn earned(state: AwardState, visibility: Visibility, profile: Visibility) -> EarnedBadge {
        EarnedBadge {
            id: "abc_DEF-123".into(),
            code: "azure-administrator".into(),
            title: "Microsoft Certified: Azure Administrator Associate".into(),
            kind: BadgeKind::Certification,
            level: None,
            label: None,
            issuer: "Microsoft".into(),
            issuer_linkedin: Some("1035".into()),
            recipient_email: "ada@example.com".into(),
            state,
            visibility,
            issued_on: NaiveDate::from_ymd_opt(2025, 3, 9).unwrap(),
            expires_on: NaiveDate::from_ymd_opt(2026, 3, 9),
            state_changed_at: chrono::Utc::now(),
            state_reason: None,
            skills: vec![],
            retired_on: None,
            candidate_id: Some(1),
            profile_visibility: profile,
        }
    }

    #[test]
    fn a_public_badge_can_be_shared_a_private_one_made_public_first_and_others_not_at_all() {
        use Visibility::{Private, Public};
        let site = PublicUrl::parse("https://badges.example").unwrap();
        let t = Tr::new(Locale::default());
        let panel = |state, visibility, profile| {
            SharePanel::for_earned(&earned(state, visibility, profile), &t, &site)
        };

        let shared = panel(AwardState::Accepted, Public, Public);
        let ways = shared.ways.as_ref().unwrap();
        assert_eq!(ways.page_url, "https://badges.example/badges/abc_DEF-123");
        assert_eq!(ways.download_url, "/badges/abc_DEF-123/image.png");
        assert_eq!(ways.download_name, "Azure-Administrator-Associate.png");
        assert!(ways.links.linkedin_add.contains("organizationId=1035"));
        assert!(ways.links.embed.contains("/badges/abc_DEF-123/image.png"));
        assert_eq!(shared.make_public, None);

        let private = panel(AwardState::Accepted, Private, Public);
        assert!(private.ways.is_none());
        assert_eq!(
            private.make_public.as_deref(),
            Some("/wallet/abc_DEF-123/visibility")
        );
        assert_eq!(private.profile_private, None);
        let hidden_profile = panel(AwardState::Accepted, Public, Private);
        assert!(hidden_profile.ways.is_none() && hidden_profile.make_public.is_none());
        assert_eq!(
            hidden_profile.profile_private.as_deref(),
            Some("/settings#profile")
        );
        let both = panel(AwardState::Accepted, Private, Private);
        assert!(both.make_public.is_some() && both.profile_private.is_some());
        for state in [
            AwardState::Pending,
            AwardState::Declined,
            AwardState::Revoked,
        ] {
            assert!(panel(state, Public, Public).is_empty(), "{state:?}");
        }
    }
}
