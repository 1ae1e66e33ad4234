//! `/settings`: profile and privacy, auto-accept, language, email addresses, sign-in
//! providers, password, the second factor (staff only), export of one's data and deletion
//! of the account.
//!
//! One page with a form per section; each form posts to `/settings?form=SECTION` (the page's
//! own address) and, on an error, the whole page is shown again there with the entered values
//! and the messages by the fields.

pub mod account;
pub mod emails;
pub mod profile;
pub mod second_factor;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::forms::{Errors, Flash, html};
use super::page::Page;
use super::session::SignedIn;
use super::{AppState, WebError};
use crate::accounts::identities::{self, ConnectedAs};
use crate::accounts::{Account, Address, addresses};
use crate::auth::roles::{self, Roles};
use crate::domain::Visibility;
use crate::i18n::Locale;
use crate::urls;

pub use emails::EmailForm;
pub use profile::ProfileForm;

/// A sign-in provider as the settings page shows it.
#[derive(Debug, Clone)]
pub struct ProviderRow {
    pub name: String,
    pub label: String,
    /// What identifies the provider account, when connected.
    pub connected: Option<ConnectedAs>,
}

#[derive(Template)]
#[template(path = "settings/index.html")]
pub struct SettingsPage {
    pub page: Page,
    pub account: Account,
    pub addresses: Vec<Address>,
    pub pending_addresses: Vec<String>,
    pub providers: Vec<ProviderRow>,
    pub locales: Vec<Locale>,
    pub profile: ProfileForm,
    pub profile_errors: Errors,
    pub email: EmailForm,
    pub email_errors: Errors,
    pub password_errors: Errors,
    /// The roles of the account (staff see the second factor's section).
    pub roles: Roles,
    pub second_factor: Option<second_factor::SecondFactorSection>,
    /// The area of the Career page's wages and postings.
    pub career_areas: super::career::AreaGroups,
}

impl SettingsPage {
    /// The page with the account's current values and no errors.
    pub async fn load(
        page: Page,
        state: &AppState,
        user: SignedIn,
    ) -> Result<SettingsPage, WebError> {
        let account = user.account(state).await?;
        let addresses = addresses::addresses(&state.db, user.id()).await?;
        let pending_addresses = addresses::pending_addresses(&state.db, user.id()).await?;
        let connected = identities::connected(&state.db, user.id()).await?;
        let providers = state
            .providers
            .all()
            .iter()
            .map(|p| ProviderRow {
                name: p.name.clone(),
                label: p.label.clone(),
                connected: connected
                    .iter()
                    .find(|c| c.provider == p.name)
                    .map(|c| c.shown_as.clone()),
            })
            .collect();
        let roles = roles::of(&state.db, user.id()).await?;
        let second_factor = if roles.any() {
            Some(
                second_factor::SecondFactorSection::load(
                    &page,
                    state,
                    user.id(),
                    &account.primary_email,
                )
                .await?,
            )
        } else {
            None
        };
        let remembered = crate::insights::occupations::career_area(&state.db, user.id()).await?;
        let areas = crate::insights::occupations::areas(&state.db).await?;
        let career_areas = super::career::AreaGroups::new(
            &page.t,
            &areas,
            remembered
                .as_ref()
                .map_or(crate::insights::occupations::NATIONAL, |a| a.code.as_str()),
            true,
        );
        Ok(SettingsPage {
            career_areas,
            roles,
            second_factor,
            profile: ProfileForm::from_account(&account),
            account,
            addresses,
            pending_addresses,
            providers,
            locales: Locale::all(),
            page,
            email: EmailForm::default(),
            email_errors: Errors::default(),
            profile_errors: Errors::default(),
            password_errors: Errors::default(),
        })
    }

    /// The page shown again after a form with errors.
    pub fn invalid(self) -> Result<HttpResponse, WebError> {
        Ok(html(StatusCode::UNPROCESSABLE_ENTITY, self.render()?))
    }

    pub fn is_current_locale(&self, locale: &Locale) -> bool {
        self.profile.language == locale.code()
    }

    /// The language's name in that language.
    pub fn language_name(&self, locale: &Locale) -> String {
        self.page.language_name(locale)
    }
}

/// Back to the settings page, which shows `flash` once: the answer of a form that worked.
pub fn back(flash: &'static str) -> Flash {
    Flash::new(urls::settings(), flash)
}

pub async fn get(
    page: Page,
    user: SignedIn,
    session: actix_session::Session,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let settings = SettingsPage::load(page, &state, user).await?;
    // A role granted since sign-in shows in the header from here on.
    super::staff::remember_roles(&session, settings.roles);
    Ok(super::forms::ok(settings.render()?))
}

crate::form!(CareerAreaForm { area });

/// `POST /settings?form=career`: the area of the Career page.
pub async fn career_area(
    user: SignedIn,
    state: web::Data<AppState>,
    super::forms::Checked(form): super::forms::Checked<CareerAreaForm>,
) -> Result<Flash, WebError> {
    if !crate::insights::occupations::set_career_area(&state.db, user.id(), Some(form.area.trim()))
        .await?
    {
        return Err(WebError::BadForm);
    }
    Ok(back("flash-career-area-saved"))
}
