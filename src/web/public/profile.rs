//! `GET /u/{handle}`: a public profile: its owner's name and text, and their public badges,
//! newest first, as tiles that open each badge's public page. A private profile, or a handle
//! nobody has, is the 404 page.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::kind_and_level;
use crate::awards::{self, PublicBadge, PublicProfile};
use crate::domain::Standing;
use crate::urls;
use crate::web::forms::ok;
use crate::web::page::Page;
use crate::web::{AppState, WebError};

/// One badge of the profile.
struct Tile {
    badge: PublicBadge,
    standing: Standing,
    kind_level: String,
}

#[derive(Template)]
#[template(path = "public/profile.html")]
struct ProfilePage {
    page: Page,
    profile: PublicProfile,
    tiles: Vec<Tile>,
    /// The profile's absolute URL (canonical, and for the previews of networks).
    url: String,
}

impl ProfilePage {
    /// The initials of the name (at most two), drawn where a photo would be.
    fn initials(&self) -> String {
        initials(&self.profile.name)
    }
}

/// `Ada Lovelace` → `AL`; `ada` → `A`; the first and last words' first letters.
fn initials(name: &str) -> String {
    let mut words = name.split_whitespace().filter_map(|w| w.chars().next());
    let first = words.next();
    let last = words.next_back();
    first
        .into_iter()
        .chain(last)
        .flat_map(char::to_uppercase)
        .collect()
}

pub async fn get(
    page: Page,
    state: web::Data<AppState>,
    handle: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let mut profile = awards::public_profile(&state.db, &handle)
        .await?
        .ok_or(WebError::NotFound)?;
    let today = chrono::Utc::now().date_naive();
    let tiles = std::mem::take(&mut profile.badges)
        .into_iter()
        .map(|badge| Tile {
            standing: badge.standing(today),
            kind_level: kind_and_level(&page.t, badge.kind, badge.level),
            badge,
        })
        .collect();
    let url = state
        .public_url
        .absolute(&urls::public_profile(&profile.handle));
    Ok(ok(ProfilePage {
        page,
        profile,
        tiles,
        url,
    }
    .render()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_are_the_first_letters_of_the_first_and_last_words() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("Ada King Lovelace"), "AL");
        assert_eq!(initials("élodie"), "É");
        assert_eq!(initials("  "), "");
    }
}
