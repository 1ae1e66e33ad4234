//! `GET /badges/{award_id}`: a badge's public page, the page employers open most. It shows
//! the badge as a credential (image, title, issuer, earner, dates, standing), what it stands
//! for (description, criteria, skills) and the verdict of its verification, each check with
//! its outcome. Its head carries Open Graph and Twitter-card tags (the 1200x630 PNG preview,
//! since networks do not render SVG) and a link to the Open Badges assertion.
//!
//! A visitor who is not signed in costs at most one lookup by key per recheck period
//! (`AppState::public_version`, over `awards::public_version`): the page is rendered once per
//! version of the award's public view and language, and kept (`AppState::public_pages`). Otherwise one more query reads the public view; a signed-in viewer
//! costs one more, to know whether they earned it, in which case the page also offers them
//! the share actions (`web::share`). Below the credential, the occupations the badge is
//! relevant to and how many open job postings ask for it (no personal data), kept a minute
//! in memory (`insights::asked`) and part of the kept page's version. The standing is computed from today's date, part of
//! the kept page's version, so an expiry shows the day it passes.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::kind_and_level;
use crate::awards::{self, PublicBadge};
use crate::domain::{AwardId, BadgeKind, Standing};
use crate::i18n::Tr;
use crate::openbadges::verify;
use crate::urls;
use crate::web::forms::ok;
use crate::web::page::Page;
use crate::web::path::InPath;
use crate::web::session::signed_in_candidate;
use crate::web::share::SharePanel;
use crate::web::verify::{CheckLine, check_lines};
use crate::web::{AppState, WebError};

/// The size of the badge's image on the page, in CSS pixels.
pub const IMAGE_SIZE: u32 = 220;

/// The tags of the page's head that networks and programs read.
#[derive(Debug, Clone)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// Absolute URLs.
    pub url: String,
    pub image: String,
    pub image_alt: String,
    pub assertion: String,
}

#[derive(Template)]
#[template(path = "public/badge.html")]
struct BadgePage {
    page: Page,
    badge: PublicBadge,
    standing: Standing,
    kind_level: String,
    description: String,
    criteria: Option<String>,
    checks: Vec<CheckLine>,
    /// The verdict holds: not expired, not revoked.
    valid: bool,
    head: Head,
    /// The earner is looking: the share actions.
    share: Option<SharePanel>,
    /// The occupations it is relevant to and the open postings that ask for it.
    reach: std::sync::Arc<crate::insights::asked::Reach>,
}

impl BadgePage {
    fn image_alt(&self) -> String {
        self.page
            .msg1("public-image-alt", "badge", &self.badge.title)
    }

    fn preview_width(&self) -> u32 {
        crate::art::PREVIEW_WIDTH
    }

    fn preview_height(&self) -> u32 {
        crate::art::PREVIEW_HEIGHT
    }

    fn image_size(&self) -> u32 {
        IMAGE_SIZE
    }

    /// The verdict in a sentence, above its checks.
    fn verdict_id(&self) -> &'static str {
        match self.standing {
            Standing::Valid | Standing::ExpiresSoon => "public-verdict-valid",
            Standing::Expired => "public-verdict-expired",
            Standing::Revoked => "public-verdict-revoked",
        }
    }
}

/// The catalog's description, or a sentence made from the title in the reader's language.
fn description(t: &Tr, badge: &PublicBadge) -> String {
    if !badge.description.trim().is_empty() {
        return badge.description.clone();
    }
    let id = match badge.kind {
        BadgeKind::Exam => "public-description-exam",
        BadgeKind::Certification => "public-description-certification",
    };
    t.msg1(id, "title", &badge.title)
}

/// How the badge is earned, from its exams, in the reader's language.
fn criteria(t: &Tr, kind: BadgeKind, exams: &[String]) -> Option<String> {
    Some(match (kind, exams) {
        (_, []) => return None,
        (BadgeKind::Exam, [exam, ..]) => t.msg1("public-criteria-exam", "exam", exam),
        (BadgeKind::Certification, [exam]) => t.msg1("public-criteria-one-exam", "exam", exam),
        (BadgeKind::Certification, exams) => {
            t.msg1("public-criteria-exams", "exams", exams.join(", "))
        }
    })
}

pub async fn get(
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
) -> Result<HttpResponse, WebError> {
    // What a visitor who is not signed in sees is rendered once per version of the view.
    let (version, class_id) = state.public_version(&id).await?.ok_or(WebError::NotFound)?;
    // Its careers, kept a minute (`insights::asked`): part of the version.
    let reach = state
        .asked_for
        .reach(&state.db, class_id, page.t.locale)
        .await?;
    let today = chrono::Utc::now().date_naive();
    let kept = page.same_for_everyone().then(|| {
        (
            format!("{}/{}", id.as_str(), page.lang()),
            format!("{version}/{today}/{}", reach.version()),
        )
    });
    if let Some((key, version)) = &kept
        && let Some(body) = state.public_pages.get(key, version)
    {
        return Ok(ok(body));
    }
    let badge = awards::public_badge(&state.db, &id)
        .await?
        .ok_or(WebError::NotFound)?;
    let earner_is_viewing = match signed_in_candidate(&req) {
        Some(viewer) => awards::is_earner(&state.db, &id, viewer).await?,
        None => false,
    };
    let verdict = verify::verdict(&badge, today, None);
    let site = &state.public_url;
    let t = &page.t;
    let head = Head {
        title: badge.title.clone(),
        description: t.msgn(
            "public-og-description",
            [
                ("earner", badge.earner.clone()),
                ("issuer", badge.issuer.clone()),
                ("date", t.date(badge.issued_on)),
            ],
        ),
        url: site.absolute(&urls::public_badge(&badge.id)),
        image: site.absolute(&urls::share_preview(&badge.id)),
        image_alt: t.msg2("share-alt", "badge", &badge.title, "issuer", &badge.issuer),
        assertion: site.absolute(&urls::ob_assertion(&badge.id)),
    };
    let body = BadgePage {
        standing: verdict.standing,
        kind_level: kind_and_level(t, badge.kind, badge.level),
        description: description(t, &badge),
        criteria: criteria(t, badge.kind, &badge.exams),
        checks: check_lines(t, &badge, &verdict),
        valid: verdict.standing.is_valid(),
        share: earner_is_viewing.then(|| SharePanel::for_public(&badge, t, site)),
        head,
        badge,
        reach,
        page,
    }
    .render()?;
    let body = actix_web::web::Bytes::from(body);
    if let Some((key, version)) = &kept {
        state.public_pages.keep(key, version, body.clone());
    }
    Ok(ok(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn the_criteria_name_the_exams_in_the_readers_language() {
        let fr = Tr::new(Locale::from_tag("fr").unwrap_or_default());
        let en = Tr::new(Locale::default());
        let exams = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            criteria(&en, BadgeKind::Exam, &exams(&["AZ-900"])).as_deref(),
            Some("Pass the exam AZ-900.")
        );
        assert_eq!(
            criteria(&en, BadgeKind::Certification, &exams(&["AZ-104"])).as_deref(),
            Some("Earn the certification by passing the exam AZ-104.")
        );
        let three = criteria(
            &fr,
            BadgeKind::Certification,
            &exams(&["70-740", "70-741", "70-742"]),
        )
        .unwrap_or_default();
        assert!(three.contains("70-740, 70-741, 70-742"), "{three}");
        assert_eq!(criteria(&en, BadgeKind::Certification, &[]), None);
    }
}
