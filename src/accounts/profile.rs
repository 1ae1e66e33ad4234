//! The settings a candidate changes on `/settings`: name, public handle and text,
//! visibility, auto-accept and language.

use crate::domain::Visibility;
use serde_json::{Map, Value, json};
use sqlx::PgPool;

use super::{Action, audit_entry, own};
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
    pub profile_visibility: Visibility,
    pub auto_accept: bool,
    pub locale: Locale,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileSaved {
    Saved,
    HandleTaken,
}

/// Saves the profile. A change of who sees the profile, of auto-accept or of the language is
/// written to the audit log with the values before and after; the name, handle and text are
/// the person's own words and stay out of the log.
pub async fn save_profile(
    db: &PgPool,
    candidate_id: i64,
    profile: &Profile,
) -> Result<ProfileSaved, sqlx::Error> {
    let mut tx = db.begin().await?;
    let before: Option<(Visibility, bool, String)> = sqlx::query_as(
        "SELECT profile_visibility, auto_accept, locale FROM candidates WHERE id = $1 FOR UPDATE",
    )
    .bind(candidate_id)
    .fetch_optional(&mut *tx)
    .await?;
    let result = sqlx::query(
        "UPDATE candidates SET display_name = $2, handle = $3, bio = $4, profile_visibility = $5,
                auto_accept = $6, locale = $7
          WHERE id = $1",
    )
    .bind(candidate_id)
    .bind(&profile.display_name)
    .bind(&profile.handle)
    .bind(&profile.bio)
    .bind(profile.profile_visibility)
    .bind(profile.auto_accept)
    .bind(profile.locale.code())
    .execute(&mut *tx)
    .await;
    match result {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.constraint() == Some("candidates_handle_key") => {
            return Ok(ProfileSaved::HandleTaken);
        }
        Err(e) => return Err(e),
    }
    if let Some((visibility, auto_accept, locale)) = before {
        let (mut was, mut now) = (Map::new(), Map::new());
        if visibility != profile.profile_visibility {
            was.insert("profile_visibility".into(), json!(visibility));
            now.insert(
                "profile_visibility".into(),
                json!(profile.profile_visibility),
            );
        }
        if auto_accept != profile.auto_accept {
            was.insert("auto_accept".into(), json!(auto_accept));
            now.insert("auto_accept".into(), json!(profile.auto_accept));
        }
        if locale != profile.locale.code() {
            was.insert("locale".into(), json!(locale));
            now.insert("locale".into(), json!(profile.locale.code()));
        }
        if !now.is_empty() {
            let entry = own(candidate_id, Action::SettingsChanged)
                .change(Some(Value::Object(was)), Value::Object(now));
            audit_entry(&mut tx, candidate_id, entry).await?;
        }
    }
    tx.commit().await?;
    Ok(ProfileSaved::Saved)
}
