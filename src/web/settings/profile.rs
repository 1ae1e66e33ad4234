//! The profile form of `/settings`: name, public handle and text, profile visibility,
//! auto-accept and language.

use actix_web::{HttpRequest, HttpResponse, Responder, web};

use super::{SettingsPage, back};
use crate::accounts::{self, Account, Profile, ProfileSaved};
use crate::domain::Visibility;
use crate::i18n::Locale;
use crate::web::accounts::parse_display_name;
use crate::web::forms::{Checked, Errors, remember_locale};
use crate::web::page::Page;
use crate::web::session::SignedIn;
use crate::web::{AppState, WebError};

crate::form!(ProfileForm {
    display_name,
    handle,
    bio,
    profile_visibility,
    auto_accept,
    language
});

impl ProfileForm {
    pub fn from_account(account: &Account) -> ProfileForm {
        ProfileForm {
            csrf: String::new(),
            display_name: account.display_name.clone(),
            handle: account.handle.clone().unwrap_or_default(),
            bio: account.bio.clone(),
            profile_visibility: account.profile_visibility.to_string(),
            auto_accept: if account.auto_accept {
                "on".into()
            } else {
                String::new()
            },
            language: account.locale.clone(),
        }
    }

    pub fn auto_accept_on(&self) -> bool {
        self.auto_accept == "on"
    }

    pub fn is_public(&self) -> bool {
        Visibility::parse(&self.profile_visibility) == Some(Visibility::Public)
    }
}

/// A public handle: 3 to 40 of a-z, 0-9 and dashes, starting with a letter or digit.
pub fn parse_handle(raw: &str) -> Option<String> {
    let handle = raw.trim().to_lowercase();
    let ok = (3..=40).contains(&handle.len())
        && handle
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !handle.starts_with('-');
    ok.then_some(handle)
}

fn parse(form: &ProfileForm, page: &Page) -> Result<Profile, Errors> {
    let mut errors = Errors::default();
    let display_name = parse_display_name(&form.display_name);
    if display_name.is_none() {
        errors.add("display_name", page.msg("form-display-name-invalid"));
    }
    let handle = match form.handle.trim() {
        "" => Some(None),
        raw => parse_handle(raw).map(Some),
    };
    if handle.is_none() {
        errors.add("handle", page.msg("settings-handle-invalid"));
    }
    let bio = form.bio.trim().to_owned();
    if bio.chars().count() > 1000 {
        errors.add("bio", page.msg("settings-bio-too-long"));
    }
    let visibility = Visibility::parse(&form.profile_visibility);
    if visibility.is_none() {
        errors.add("profile_visibility", page.msg("form-choose-one"));
    }
    let locale = Locale::from_tag(&form.language);
    if locale.is_none() {
        errors.add("language", page.msg("form-choose-one"));
    }
    match (display_name, handle, visibility, locale) {
        (Some(display_name), Some(handle), Some(profile_visibility), Some(locale))
            if errors.is_empty() =>
        {
            Ok(Profile {
                display_name,
                handle,
                bio,
                profile_visibility,
                auto_accept: form.auto_accept == "on",
                locale,
            })
        }
        _ => Err(errors),
    }
}

pub async fn post(
    page: Page,
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(form): Checked<ProfileForm>,
) -> Result<HttpResponse, WebError> {
    let errors = match parse(&form, &page) {
        Ok(profile) => match accounts::save_profile(&state.db, user.id(), &profile).await? {
            ProfileSaved::HandleTaken => Errors::one("handle", page.msg("settings-handle-taken")),
            ProfileSaved::Saved => {
                // The site follows the account's language from now on.
                let response = back("flash-settings-saved").respond_to(&req);
                return Ok(remember_locale(response, profile.locale, &req));
            }
        },
        Err(errors) => errors,
    };
    let mut again = SettingsPage::load(page, &state, user).await?;
    again.profile = form;
    again.profile_errors = errors;
    again.invalid()
}

#[cfg(test)]
mod tests {
    use super::parse_handle;

    #[test]
    fn handles_are_short_lowercase_words() {
        assert_eq!(
            parse_handle(" Ada-Lovelace ").as_deref(),
            Some("ada-lovelace")
        );
        assert_eq!(parse_handle("ab"), None);
        assert_eq!(parse_handle("-ada"), None);
        assert_eq!(parse_handle("ada lovelace"), None);
        assert_eq!(parse_handle("adà"), None);
        assert_eq!(parse_handle(&"a".repeat(41)), None);
    }
}
