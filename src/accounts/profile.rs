//! The settings a candidate changes on `/settings`: name, public handle and text,
//! visibility, auto-accept and language.

use sqlx::PgPool;

use crate::i18n::Locale;

/// A display name: trimmed, 1 to 100 characters, no control characters.
pub fn parse_display_name(raw: &str) -> Option<String> {
    let name = raw.trim();
    let ok = (1..=100).contains(&name.chars().count()) && !name.chars().any(char::is_control);
    ok.then(|| name.to_owned())
}

/// The settings a candidate changes on `/settings`.
#[derive(Debug, Clone)]
pub struct Profile {
    pub display_name: String,
    pub handle: Option<String>,
    pub bio: String,
    pub profile_visibility: String,
    pub auto_accept: bool,
    pub locale: Locale,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileSaved {
    Saved,
    HandleTaken,
}

pub async fn save_profile(
    db: &PgPool,
    candidate_id: i64,
    profile: &Profile,
) -> Result<ProfileSaved, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE candidates SET display_name = $2, handle = $3, bio = $4, profile_visibility = $5,
                auto_accept = $6, locale = $7
          WHERE id = $1",
    )
    .bind(candidate_id)
    .bind(&profile.display_name)
    .bind(&profile.handle)
    .bind(&profile.bio)
    .bind(&profile.profile_visibility)
    .bind(profile.auto_accept)
    .bind(profile.locale.code())
    .execute(db)
    .await;
    match result {
        Ok(_) => Ok(ProfileSaved::Saved),
        Err(sqlx::Error::Database(e)) if e.constraint() == Some("candidates_handle_key") => {
            Ok(ProfileSaved::HandleTaken)
        }
        Err(e) => Err(e),
    }
}
