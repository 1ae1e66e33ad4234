//! `GET /support/candidates/{id}`: a candidate's profile. Opening it is logged.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::TrailRow;
use crate::support::profile::{self, Profile};
use crate::urls;
use crate::web::forms::ok;
use crate::web::page::Page;
use crate::web::path::InPath;
use crate::web::staff::Support;
use crate::web::{AppState, WebError};

#[derive(Template)]
#[template(path = "support/profile.html")]
struct ProfilePage {
    page: Page,
    p: Profile,
    trail: Vec<TrailRow>,
}

impl ProfilePage {
    fn primary(&self) -> &str {
        self.p
            .addresses
            .iter()
            .find(|a| a.is_primary)
            .map_or("", |a| a.email.as_str())
    }
}

pub async fn get(
    page: Page,
    Support(staff): Support,
    state: web::Data<AppState>,
    id: InPath<i64>,
) -> Result<HttpResponse, WebError> {
    let Some(p) = profile::load(&state.db, *id).await? else {
        return Err(WebError::NotFound);
    };
    profile::log_view(&state.db, staff.actor(), *id).await?;
    let trail = p.trail.iter().map(|r| TrailRow::of(&page.t, r)).collect();
    Ok(ok(ProfilePage { page, p, trail }.render()?))
}
