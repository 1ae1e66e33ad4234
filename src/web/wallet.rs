//! `/wallet`: the candidate's badges as a grid of tiles (pending ones first), filtered by
//! `?show=`; a badge's page, which looks like the credential; the "now share it" view an
//! accepted badge lands on; and the forms that accept, decline or hide them.

use std::ops::Deref;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;

use super::forms::{Checked, Flash, ok, see_other};
use super::page::Page;
use super::path::InPath;
use super::session::SignedIn;
use super::share::SharePanel;
use super::{AppState, WebError};
use crate::awards::{self, Changed, EarnedBadge};
use crate::domain::{AwardId, AwardState, Standing, Visibility};
use crate::sharing::download_name;
use crate::urls;

crate::form!(ActionForm { back });
crate::form!(VisibilityForm { visibility, back });

/// Which badges the wallet lists: `/wallet?show=pending` (plain links, so the filters work
/// without JavaScript).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    All,
    Pending,
    /// Accepted (valid, expiring or expired).
    Earned,
    /// Made private by their earner, whatever their state.
    Private,
}

impl Show {
    pub const ALL: [Show; 4] = [Show::All, Show::Pending, Show::Earned, Show::Private];

    /// What a query asks for (`show=pending`); anything else lists every badge.
    pub fn of_query(query: &str) -> Show {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let asked = pairs
            .iter()
            .find(|(name, _)| name == "show")
            .map(|(_, value)| value.as_str());
        Show::ALL
            .into_iter()
            .find(|show| Some(show.name()) == asked)
            .unwrap_or(Show::All)
    }

    pub fn name(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Pending => "pending",
            Show::Earned => "earned",
            Show::Private => "private",
        }
    }

    /// The wallet with this filter.
    pub fn url(self) -> String {
        match self {
            Show::All => urls::wallet().to_owned(),
            other => urls::wallet_showing(other.name()),
        }
    }

    /// The Fluent id of the filter's link.
    pub fn message_id(self) -> &'static str {
        match self {
            Show::All => "wallet-show-all",
            Show::Pending => "wallet-show-pending",
            Show::Earned => "wallet-show-earned",
            Show::Private => "wallet-show-private",
        }
    }

    /// The Fluent id of what the wallet says when the filter leaves nothing.
    pub fn none_message_id(self) -> &'static str {
        match self {
            Show::All => "wallet-empty",
            Show::Pending => "wallet-none-pending",
            Show::Earned => "wallet-none-earned",
            Show::Private => "wallet-none-private",
        }
    }

    pub fn keeps(self, badge: &EarnedBadge) -> bool {
        match self {
            Show::All => true,
            Show::Pending => badge.state.is_pending(),
            Show::Earned => badge.state.is_accepted(),
            Show::Private => badge.is_private(),
        }
    }
}

/// A badge of the wallet with its standing today: what its tile and pages show.
#[derive(Debug, Clone)]
pub struct Held {
    badge: EarnedBadge,
    pub standing: Standing,
}

impl Deref for Held {
    type Target = EarnedBadge;
    fn deref(&self) -> &EarnedBadge {
        &self.badge
    }
}

impl Held {
    pub fn new(badge: EarnedBadge, today: NaiveDate) -> Held {
        let standing = badge.standing(today);
        Held { badge, standing }
    }

    /// The style of the pill beside its title (`pill-pending`, `pill-valid`, ...).
    pub fn pill_css(&self) -> &'static str {
        match self.state {
            AwardState::Pending => "pending",
            AwardState::Declined => "declined",
            AwardState::Accepted | AwardState::Revoked => self.standing.css(),
        }
    }

    /// The Fluent id of the pill's word: pending and declined as the earner left them,
    /// then the standing anyone sees (valid, expires soon, expired, revoked).
    pub fn pill_message_id(&self) -> &'static str {
        match self.state {
            AwardState::Pending => "wallet-pill-pending",
            AwardState::Declined => "wallet-pill-declined",
            AwardState::Accepted | AwardState::Revoked => self.standing.message_id(),
        }
    }

    pub fn is_earned(&self) -> bool {
        self.state.is_accepted()
    }

    pub fn is_revoked(&self) -> bool {
        self.state == AwardState::Revoked
    }

    pub fn is_expired(&self) -> bool {
        self.standing.is_expired()
    }

    /// Its title as a tile shows it: the program's prefix, on a line of its own, and the
    /// name ("Microsoft Certified", "Azure Fundamentals"); see [`title_parts`].
    pub fn title_parts(&self) -> (Option<&str>, &str) {
        title_parts(&self.title)
    }

    /// The file name its downloaded image gets.
    pub fn download_name(&self) -> String {
        download_name(&self.title, "png")
    }
}

/// A title split at its last colon, when there is text on both sides: "Microsoft
/// Certified: Azure Fundamentals" is the prefix "Microsoft Certified" and the name "Azure
/// Fundamentals"; a title without a colon is all name. So the tiles of a wallet full of
/// certifications do not all read "Microsoft Certified: Azure…".
pub fn title_parts(title: &str) -> (Option<&str>, &str) {
    match title.rsplit_once(':') {
        Some((prefix, name)) if !prefix.trim().is_empty() && !name.trim().is_empty() => {
            (Some(prefix.trim()), name.trim())
        }
        _ => (None, title),
    }
}

/// The badges of one state, under their heading.
pub struct Section {
    /// `pending`, `earned`, `declined` or `revoked`: its heading's id is `{name}-heading`.
    pub name: &'static str,
    /// The Fluent id of its heading, a count.
    pub heading_id: &'static str,
    pub tiles: Vec<Held>,
}

/// One link of the filters, with how many badges it lists.
pub struct Filter {
    pub show: Show,
    pub count: usize,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "wallet/index.html")]
struct WalletPage {
    page: Page,
    show: Show,
    filters: Vec<Filter>,
    sections: Vec<Section>,
    pending: usize,
}

#[derive(Template)]
#[template(path = "wallet/badge.html")]
struct BadgePage {
    page: Page,
    badge: Held,
    share: SharePanel,
    /// Occupations, wages and postings of an accepted badge (`web::career`).
    career: Option<super::career::BadgeCareer>,
}

#[derive(Template)]
#[template(path = "wallet/share.html")]
struct SharePage {
    page: Page,
    badge: Held,
    share: SharePanel,
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

pub async fn index(
    page: Page,
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let show = Show::of_query(req.query_string());
    let today = today();
    let badges = awards::wallet(&state.db, user.id()).await?;
    let filters = Show::ALL
        .into_iter()
        .map(|filter| Filter {
            show: filter,
            count: badges.iter().filter(|b| filter.keeps(b)).count(),
            current: filter == show,
        })
        .collect();
    let pending = badges.iter().filter(|b| b.state.is_pending()).count();
    let mut sections = [
        ("pending", "wallet-pending", AwardState::Pending),
        ("earned", "wallet-earned", AwardState::Accepted),
        ("declined", "wallet-declined", AwardState::Declined),
        ("revoked", "wallet-revoked", AwardState::Revoked),
    ]
    .map(|(name, heading_id, _)| Section {
        name,
        heading_id,
        tiles: Vec::new(),
    });
    for badge in badges.into_iter().filter(|b| show.keeps(b)) {
        let at = match badge.state {
            AwardState::Pending => 0,
            AwardState::Accepted => 1,
            AwardState::Declined => 2,
            AwardState::Revoked => 3,
        };
        sections[at].tiles.push(Held::new(badge, today));
    }
    let sections = sections
        .into_iter()
        .filter(|s| !s.tiles.is_empty())
        .collect();
    Ok(ok(WalletPage {
        page,
        show,
        filters,
        sections,
        pending,
    }
    .render()?))
}

async fn held(state: &AppState, user: &SignedIn, id: &AwardId) -> Result<Held, WebError> {
    let badge = awards::in_wallet(&state.db, user.id(), id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(Held::new(badge, today()))
}

pub async fn show(
    page: Page,
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
) -> Result<HttpResponse, WebError> {
    let badge = held(&state, &user, &id).await?;
    let share = SharePanel::for_earned(&badge, &page, &state.public_url);
    let career = if badge.is_earned() {
        super::career::BadgeCareer::load(&state, &page.t, user.id(), &badge.code, &badge.title)
            .await?
    } else {
        None
    };
    Ok(ok(BadgePage {
        page,
        badge,
        share,
        career,
    }
    .render()?))
}

/// `GET /wallet/{id}/share`: the badge just accepted, a congratulation, and every way to
/// share it. A badge that is not earned has nothing to share: its page instead.
pub async fn share(
    page: Page,
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
) -> Result<HttpResponse, WebError> {
    let badge = held(&state, &user, &id).await?;
    if !badge.is_earned() {
        return Ok(see_other(&urls::wallet_badge(&*id)));
    }
    let share = SharePanel::for_earned(&badge, &page, &state.public_url);
    Ok(ok(SharePage { page, badge, share }.render()?))
}

/// Where to go after a form: the badge's page or its share view when the form came from
/// there, else the wallet.
fn back_to(back: &str, id: &AwardId) -> String {
    match back {
        "badge" => urls::wallet_badge(id),
        "share" => urls::wallet_share(id),
        _ => urls::wallet().to_owned(),
    }
}

async fn change(
    state: &AppState,
    user: SignedIn,
    id: &AwardId,
    back: &str,
    to: AwardState,
) -> Result<Flash, WebError> {
    let outcome = awards::set_state(&state.db, user.id(), id, to).await?;
    Ok(match (outcome, to) {
        (Changed::NotYours, _) => return Err(WebError::NotFound),
        (Changed::Revoked, _) => Flash::new(back_to(back, id), "flash-badge-revoked"),
        (Changed::AlreadyHeld, _) => Flash::new(back_to(back, id), "flash-badge-already-held"),
        // Accepted: straight to the ways of showing it.
        (_, AwardState::Accepted) => Flash::new(urls::wallet_share(id), "flash-badge-accepted"),
        _ => Flash::new(back_to(back, id), "flash-badge-declined"),
    })
}

pub async fn accept(
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
    Checked(form): Checked<ActionForm>,
) -> Result<Flash, WebError> {
    change(&state, user, &id, &form.back, AwardState::Accepted).await
}

pub async fn decline(
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
    Checked(form): Checked<ActionForm>,
) -> Result<Flash, WebError> {
    change(&state, user, &id, &form.back, AwardState::Declined).await
}

pub async fn accept_all(
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(_): Checked<ActionForm>,
) -> Result<Flash, WebError> {
    awards::accept_all(&state.db, user.id()).await?;
    Ok(Flash::new(urls::wallet(), "flash-badges-accepted"))
}

pub async fn visibility(
    user: SignedIn,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
    Checked(form): Checked<VisibilityForm>,
) -> Result<Flash, WebError> {
    let visibility = Visibility::parse(&form.visibility).ok_or(WebError::BadForm)?;
    if !awards::set_visibility(&state.db, user.id(), &id, visibility).await? {
        return Err(WebError::NotFound);
    }
    let flash = if visibility.is_public() {
        "flash-badge-public"
    } else {
        "flash-badge-private"
    };
    Ok(Flash::new(back_to(&form.back, &id), flash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_comes_from_the_query_and_anything_unknown_lists_everything() {
        assert_eq!(Show::of_query(""), Show::All);
        assert_eq!(Show::of_query("show=pending"), Show::Pending);
        assert_eq!(Show::of_query("lang=fr&show=earned"), Show::Earned);
        assert_eq!(Show::of_query("show=private&lang=fr"), Show::Private);
        assert_eq!(Show::of_query("show=archived"), Show::All);
        assert_eq!(Show::of_query("show=%ZZ&&=="), Show::All);
        for show in Show::ALL {
            let url = show.url();
            let query = url.split_once('?').map_or("", |(_, q)| q);
            assert_eq!(Show::of_query(query), show, "{url}");
        }
        assert_eq!(Show::All.url(), "/wallet");
    }

    #[test]
    fn a_tile_puts_the_programs_prefix_above_the_name() {
        assert_eq!(
            title_parts("Microsoft Certified: Azure Administrator Associate"),
            (Some("Microsoft Certified"), "Azure Administrator Associate")
        );
        assert_eq!(
            title_parts("MCSA: Windows Server 2016"),
            (Some("MCSA"), "Windows Server 2016")
        );
        assert_eq!(
            title_parts("Microsoft Azure Fundamentals"),
            (None, "Microsoft Azure Fundamentals")
        );
        assert_eq!(title_parts("Odd title:"), (None, "Odd title:"));
        assert_eq!(title_parts(": odd"), (None, ": odd"));
    }
}
