//! The "Second factor" section of `/settings`, shown to staff only: set up an authenticator
//! app (QR code, the secret as text, an `otpauth://` link), confirm it with a code, then see
//! the ten recovery codes once; later, make new recovery codes or set up another app, each
//! with a current code (or a recovery code). Every form answers 404 to anyone without a
//! role, as the consoles do.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::SettingsPage;
use crate::auth::roles::{self, Roles};
use crate::auth::second_factor::{self, Outcome, RecoveryCode, Status};
use crate::auth::totp::{self, Secret};
use crate::urls;
use crate::web::forms::{Checked, Errors, Flash, ok, see_other_with};
use crate::web::page::Page;
use crate::web::session::SignedIn;
use crate::web::staff::{give_factor, remember_roles};
use crate::web::{AppState, WebError};

/// What an authenticator app is shown to set it up.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The QR code of the `otpauth://` URI, as inline SVG.
    pub qr: String,
    /// The secret in base32, in groups of four.
    pub secret: String,
    pub uri: String,
    /// Another app replaces the one in use (which works until this one is confirmed).
    pub again: bool,
}

/// The section as the page shows it.
#[derive(Debug, Clone)]
pub struct SecondFactorSection {
    pub status: Status,
    /// A secret being set up, when there is one.
    pub setup: Option<Setup>,
    pub confirm_errors: Errors,
    pub again_errors: Errors,
    pub codes_errors: Errors,
}

impl SecondFactorSection {
    /// The section of `candidate_id`'s settings; a member of staff without a factor gets a
    /// secret to set up at once.
    pub async fn load(
        page: &Page,
        state: &AppState,
        candidate_id: i64,
        email: &str,
    ) -> Result<SecondFactorSection, WebError> {
        let mut status = second_factor::status(&state.db, candidate_id).await?;
        if !status.enrolled() && status.pending.is_none() {
            status.pending = Some(second_factor::pending_or_new(&state.db, candidate_id).await?);
        }
        let setup = match &status.pending {
            Some(secret) => Some(setup(page, state, secret, email, status.enrolled())?),
            None => None,
        };
        Ok(SecondFactorSection {
            status,
            setup,
            confirm_errors: Errors::default(),
            again_errors: Errors::default(),
            codes_errors: Errors::default(),
        })
    }
}

fn setup(
    page: &Page,
    state: &AppState,
    secret: &Secret,
    email: &str,
    again: bool,
) -> Result<Setup, WebError> {
    let issuer = format!("Accolade ({})", state.public_url.host());
    let uri = secret.otpauth_uri(&issuer, email);
    let qr = totp::qr_svg(&uri, &page.msg("second-factor-qr-label"))
        .ok_or_else(|| WebError::Internal(anyhow::anyhow!("the QR code could not be made")))?;
    Ok(Setup {
        qr,
        secret: secret.to_base32_grouped(),
        uri,
        again,
    })
}

/// The roles of `user`, or 404 for a candidate (the forms of this section are staff's).
async fn staff_roles(state: &AppState, user: SignedIn) -> Result<Roles, WebError> {
    let held = roles::of(&state.db, user.id()).await?;
    if held.any() {
        Ok(held)
    } else {
        Err(WebError::NotFound)
    }
}

/// Back to the section, which shows `flash` once.
fn back(flash: &'static str) -> Flash {
    Flash::new(urls::settings_section(urls::SECOND_FACTOR_SECTION), flash)
}

/// [`back`], for a handler that may also answer a page.
fn back_from(req: &HttpRequest, flash: &'static str) -> HttpResponse {
    see_other_with(
        &urls::settings_section(urls::SECOND_FACTOR_SECTION),
        flash,
        req,
    )
}

/// The message of a code that did not work.
fn refusal<T>(page: &Page, outcome: &Outcome<T>) -> String {
    match outcome {
        Outcome::Replayed => page.msg("second-factor-replayed"),
        Outcome::Refused(refused) => {
            page.count("second-factor-throttled", "minutes", refused.minutes())
        }
        _ => page.msg("second-factor-wrong"),
    }
}

/// The page shown again with `errors` by one of the section's forms.
async fn invalid(
    page: Page,
    state: &AppState,
    user: SignedIn,
    set: impl FnOnce(&mut SecondFactorSection),
) -> Result<HttpResponse, WebError> {
    let mut again = SettingsPage::load(page, state, user).await?;
    if let Some(section) = again.second_factor.as_mut() {
        set(section);
    }
    again.invalid()
}

#[derive(Template)]
#[template(path = "staff/recovery_codes.html")]
struct RecoveryCodesPage {
    page: Page,
    codes: Vec<RecoveryCode>,
    /// Shown right after setting up (else: new codes made in settings).
    enrolled: bool,
}

fn show_codes(
    page: Page,
    codes: Vec<RecoveryCode>,
    enrolled: bool,
) -> Result<HttpResponse, WebError> {
    Ok(ok(RecoveryCodesPage {
        page,
        codes,
        enrolled,
    }
    .render()?))
}

crate::form!(ConfirmForm { setup_code });
crate::form!(AgainForm { again_code });
crate::form!(CodesForm { codes_code });
crate::form!(CancelForm {});

/// `POST /settings?form=second_factor`: the code of the app being set up. Right, it becomes
/// the factor in use, counts as given for this session, and the recovery codes are shown.
pub async fn confirm(
    page: Page,
    req: HttpRequest,
    user: SignedIn,
    session: Session,
    state: web::Data<AppState>,
    Checked(form): Checked<ConfirmForm>,
) -> Result<HttpResponse, WebError> {
    remember_roles(&session, staff_roles(&state, user).await?);
    let outcome = second_factor::confirm(
        &state.db,
        &state.throttle,
        user.id(),
        &form.setup_code,
        second_factor::now(),
    )
    .await?;
    match outcome {
        Outcome::Done(codes) => {
            give_factor(&session, user.id())?;
            show_codes(page, codes, true)
        }
        Outcome::NotSetUp => Ok(back_from(&req, "flash-second-factor-setup-gone")),
        other => {
            let message = if form.setup_code.trim().is_empty() {
                page.msg("second-factor-code-missing")
            } else {
                refusal(&page, &other)
            };
            invalid(page, &state, user, |s| {
                s.confirm_errors = Errors::one("setup_code", message)
            })
            .await
        }
    }
}

/// `POST /settings?form=second_factor_again`: set up another app, with a current code.
pub async fn again(
    page: Page,
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(form): Checked<AgainForm>,
) -> Result<HttpResponse, WebError> {
    staff_roles(&state, user).await?;
    let outcome = second_factor::start_again(
        &state.db,
        &state.throttle,
        user.id(),
        &form.again_code,
        second_factor::now(),
    )
    .await?;
    match outcome {
        Outcome::Done(_) => Ok(back_from(&req, "flash-second-factor-scan")),
        other => {
            let message = refusal(&page, &other);
            invalid(page, &state, user, |s| {
                s.again_errors = Errors::one("again_code", message)
            })
            .await
        }
    }
}

/// `POST /settings?form=recovery_codes`: ten new recovery codes, with a current code.
pub async fn recovery_codes(
    page: Page,
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(form): Checked<CodesForm>,
) -> Result<HttpResponse, WebError> {
    staff_roles(&state, user).await?;
    let outcome = second_factor::renew_recovery_codes(
        &state.db,
        &state.throttle,
        user.id(),
        &form.codes_code,
        second_factor::now(),
    )
    .await?;
    match outcome {
        Outcome::Done(codes) => show_codes(page, codes, false),
        other => {
            let message = refusal(&page, &other);
            invalid(page, &state, user, |s| {
                s.codes_errors = Errors::one("codes_code", message)
            })
            .await
        }
    }
}

/// `POST /settings?form=second_factor_cancel`: give up setting up another app.
pub async fn cancel(
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(_): Checked<CancelForm>,
) -> Result<Flash, WebError> {
    staff_roles(&state, user).await?;
    second_factor::cancel_pending(&state.db, user.id()).await?;
    Ok(back("flash-second-factor-setup-cancelled"))
}
