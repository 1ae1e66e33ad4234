//! The actions of the console. Each is a page that says what will happen and asks for the
//! reason (`GET`), and the same address takes the form (`POST`): on a missing reason or a
//! refusal the page comes back with the message at the top of its form; on success, a 303
//! to the profile (or the missing-badge view) with a message.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::{AwardId, EmailAddress};
use crate::support::profile::{self, Award, Mail};
use crate::support::{self, AccountRef, Reason, SupportError, actions, merge};
use crate::urls;
use crate::web::forms::{Checked, Errors, html, see_other_with};
use crate::web::page::Page;
use crate::web::path::InPath;
use crate::web::staff::Support;
use crate::web::{AppState, WebError};

crate::form!(ReasonForm { reason });

/// A fact the page states before the form (a label and its value).
#[derive(Debug, Clone)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "support/action.html")]
struct ActionPage {
    page: Page,
    title: String,
    intro: String,
    facts: Vec<Fact>,
    warning: Option<String>,
    submit: String,
    /// A merge or anything else that cannot be undone from the console.
    danger: bool,
    back: String,
    reason: String,
    errors: Errors,
}

impl ActionPage {
    fn new(page: Page, title: String, intro: String, submit: String, back: String) -> ActionPage {
        ActionPage {
            page,
            title,
            intro,
            facts: Vec::new(),
            warning: None,
            submit,
            danger: false,
            back,
            reason: String::new(),
            errors: Errors::default(),
        }
    }

    fn fact(mut self, label_id: &str, value: impl Into<String>) -> ActionPage {
        self.facts.push(Fact {
            label: self.page.msg(label_id),
            value: value.into(),
        });
        self
    }

    fn show(self, status: StatusCode) -> Result<HttpResponse, WebError> {
        Ok(html(status, self.render()?))
    }

    /// The page again with the form's reason and its error.
    fn refused(mut self, form: &ReasonForm, message: String) -> Result<HttpResponse, WebError> {
        self.reason = form.reason.clone();
        self.errors = Errors::one("reason", message);
        self.show(StatusCode::UNPROCESSABLE_ENTITY)
    }
}

/// The reason of the form, or the page again saying it is needed.
fn reason_of(form: &ReasonForm) -> Option<Reason> {
    Reason::parse(&form.reason)
}

/// After an action failed: a message for the agent, or the error page.
fn refusal(page: &Page, error: SupportError) -> Result<String, WebError> {
    match error.message_id() {
        Some(id) => Ok(match &error {
            SupportError::AddressTaken(owner) => page.msg1(id, "id", owner.to_string()),
            SupportError::ProviderClash(provider) => page.msg1(id, "provider", provider),
            _ => page.msg(id),
        }),
        None => match error {
            SupportError::Database(e) => Err(e.into()),
            _ => Err(WebError::NotFound),
        },
    }
}

// --- Resend a notification -----------------------------------------------------------

/// Where an award's page leads back to: its account's profile, else its address's view.
fn back_of_award(award: &Award) -> String {
    match award.candidate_id {
        Some(id) => urls::support_candidate(id),
        None => urls::support_missing(&award.recipient_email),
    }
}

async fn resend_page(page: Page, state: &AppState, id: &AwardId) -> Result<ActionPage, WebError> {
    let award = profile::award(&state.db, id)
        .await?
        .ok_or(WebError::NotFound)?;
    let title = page.msg("support-resend-title");
    let intro = page.msg1("support-resend-intro", "email", &award.recipient_email);
    let submit = page.msg("support-resend-submit");
    let state_words = page.msg(award.state_message_id());
    let mut action = ActionPage::new(page, title, intro, submit, back_of_award(&award))
        .fact("support-badge", award.title.clone())
        .fact("support-award-id", award.id.clone())
        .fact("support-sent-to", award.recipient_email.clone())
        .fact("support-state", state_words);
    if !award.is_pending() {
        action.warning = Some(action.page.msg("support-error-not-pending"));
    }
    Ok(action)
}

pub async fn resend_form(
    page: Page,
    _staff: Support,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
) -> Result<HttpResponse, WebError> {
    resend_page(page, &state, &id).await?.show(StatusCode::OK)
}

pub async fn resend(
    page: Page,
    req: HttpRequest,
    Support(staff): Support,
    state: web::Data<AppState>,
    id: InPath<AwardId>,
    Checked(form): Checked<ReasonForm>,
) -> Result<HttpResponse, WebError> {
    let action = resend_page(page, &state, &id).await?;
    let Some(reason) = reason_of(&form) else {
        let message = action.page.msg("support-reason-required");
        return action.refused(&form, message);
    };
    match actions::resend(&state.db, staff.actor(), &id, &reason).await {
        Ok(()) => Ok(see_other_with(&action.back, "flash-support-resent", &req)),
        Err(error) => {
            let message = refusal(&action.page, error)?;
            action.refused(&form, message)
        }
    }
}

// --- Attach an address --------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AttachQuery {
    email: String,
}

async fn attach_page(
    page: Page,
    state: &AppState,
    id: i64,
    email: &str,
) -> Result<(ActionPage, EmailAddress), WebError> {
    let account = profile::account_ref(&state.db, id)
        .await?
        .ok_or(WebError::NotFound)?;
    let email = EmailAddress::parse(email).map_err(|_| WebError::NotFound)?;
    let title = page.msg("support-attach-title");
    let intro = page.msg2(
        "support-attach-intro",
        "email",
        email.as_str(),
        "name",
        &account.display_name,
    );
    let submit = page.msg("support-attach-submit");
    let mut action = ActionPage::new(page, title, intro, submit, urls::support_candidate(id))
        .fact("support-account", account_words(&account))
        .fact("support-address", email.as_str());
    let held = support::owners(&state.db, &[email.as_str().to_owned()]).await?;
    if let Some((_, owner)) = held.first() {
        action.warning = Some(if owner.id == id {
            action.page.msg("support-error-already-attached")
        } else {
            action
                .page
                .msg1("support-error-address-taken", "id", owner.id.to_string())
        });
    }
    Ok((action, email))
}

/// "Ada Lovelace (#12)".
fn account_words(account: &AccountRef) -> String {
    format!("{} (#{})", account.display_name, account.id)
}

pub async fn attach_form(
    page: Page,
    _staff: Support,
    state: web::Data<AppState>,
    id: InPath<i64>,
    query: web::Query<AttachQuery>,
) -> Result<HttpResponse, WebError> {
    let (action, _) = attach_page(page, &state, *id, &query.email).await?;
    action.show(StatusCode::OK)
}

pub async fn attach(
    page: Page,
    req: HttpRequest,
    Support(staff): Support,
    state: web::Data<AppState>,
    id: InPath<i64>,
    query: web::Query<AttachQuery>,
    Checked(form): Checked<ReasonForm>,
) -> Result<HttpResponse, WebError> {
    let (action, email) = attach_page(page, &state, *id, &query.email).await?;
    let Some(reason) = reason_of(&form) else {
        let message = action.page.msg("support-reason-required");
        return action.refused(&form, message);
    };
    match actions::attach(&state.db, staff.actor(), *id, &email, &reason).await {
        Ok(_) => Ok(see_other_with(&action.back, "flash-support-attached", &req)),
        Err(error) => {
            let message = refusal(&action.page, error)?;
            action.refused(&form, message)
        }
    }
}

// --- Merge two accounts --------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MergeQuery {
    /// The other account: its number, or one of its addresses.
    other: String,
}

/// The account a merge form names: `12`, `#12` or an address of it.
async fn other_account(state: &AppState, other: &str) -> Result<Option<i64>, WebError> {
    let other = other.trim();
    if let Ok(id) = other.trim_start_matches('#').parse::<i64>() {
        return Ok(Some(id));
    }
    let Ok(email) = EmailAddress::parse(other) else {
        return Ok(None);
    };
    let held = support::owners(&state.db, &[email.as_str().to_owned()]).await?;
    Ok(held.first().map(|(_, a)| a.id))
}

/// What the page says of one account: name and number, addresses, awards, providers.
async fn merge_facts(
    state: &AppState,
    id: i64,
) -> Result<Option<(AccountRef, String, usize, usize)>, WebError> {
    let Some(p) = profile::load(&state.db, id).await? else {
        return Ok(None);
    };
    let addresses: Vec<&str> = p.addresses.iter().map(|a| a.email.as_str()).collect();
    Ok(Some((
        AccountRef {
            id,
            display_name: p.account.display_name.clone(),
        },
        addresses.join(", "),
        p.awards.len(),
        p.identities.len(),
    )))
}

async fn merge_page(
    page: Page,
    state: &AppState,
    id: i64,
    other: &str,
) -> Result<(ActionPage, i64), WebError> {
    let other = other_account(state, other)
        .await?
        .ok_or(WebError::NotFound)?;
    let (kept, kept_addresses, kept_awards, kept_providers) =
        merge_facts(state, id).await?.ok_or(WebError::NotFound)?;
    let (closed, closed_addresses, closed_awards, closed_providers) =
        merge_facts(state, other).await?.ok_or(WebError::NotFound)?;
    let title = page.msg("support-merge-title");
    let intro = page.msg2(
        "support-merge-intro",
        "closed",
        account_words(&closed),
        "kept",
        account_words(&kept),
    );
    let submit = page.msg("support-merge-submit");
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let kept_counts = page.msg2(
        "support-merge-counts",
        "awards",
        count(kept_awards).to_string(),
        "providers",
        count(kept_providers).to_string(),
    );
    let closed_counts = page.msg2(
        "support-merge-counts",
        "awards",
        count(closed_awards).to_string(),
        "providers",
        count(closed_providers).to_string(),
    );
    let mut action = ActionPage::new(page, title, intro, submit, urls::support_candidate(id))
        .fact("support-merge-kept", account_words(&kept))
        .fact("support-addresses", kept_addresses)
        .fact("support-merge-holds", kept_counts)
        .fact("support-merge-closed", account_words(&closed))
        .fact("support-addresses", closed_addresses)
        .fact("support-merge-holds", closed_counts);
    action.danger = true;
    action.warning = Some(if id == other {
        action.page.msg("support-error-same-account")
    } else {
        action.page.msg("support-merge-warning")
    });
    Ok((action, other))
}

pub async fn merge_form(
    page: Page,
    _staff: Support,
    state: web::Data<AppState>,
    id: InPath<i64>,
    query: web::Query<MergeQuery>,
) -> Result<HttpResponse, WebError> {
    let (action, _) = merge_page(page, &state, *id, &query.other).await?;
    action.show(StatusCode::OK)
}

pub async fn merge(
    page: Page,
    req: HttpRequest,
    Support(staff): Support,
    state: web::Data<AppState>,
    id: InPath<i64>,
    query: web::Query<MergeQuery>,
    Checked(form): Checked<ReasonForm>,
) -> Result<HttpResponse, WebError> {
    let (action, other) = merge_page(page, &state, *id, &query.other).await?;
    let Some(reason) = reason_of(&form) else {
        let message = action.page.msg("support-reason-required");
        return action.refused(&form, message);
    };
    match merge::merge(&state.db, staff.actor(), *id, other, &reason).await {
        Ok(_) => Ok(see_other_with(&action.back, "flash-support-merged", &req)),
        Err(error) => {
            let message = refusal(&action.page, error)?;
            action.refused(&form, message)
        }
    }
}

// --- Retry a failed email ------------------------------------------------------------

async fn retry_page(page: Page, state: &AppState, id: i64) -> Result<ActionPage, WebError> {
    let mail: Mail = profile::mail(&state.db, id)
        .await?
        .ok_or(WebError::NotFound)?;
    let held = support::owners(&state.db, std::slice::from_ref(&mail.recipient)).await?;
    let back = match held.first() {
        Some((_, owner)) => urls::support_candidate(owner.id),
        None => urls::support_missing(&mail.recipient),
    };
    let title = page.msg("support-retry-title");
    let intro = page.msg1("support-retry-intro", "email", &mail.recipient);
    let submit = page.msg("support-retry-submit");
    let kind = page.msg(mail.kind_message_id());
    let delivery = page.msg(mail.state_message_id());
    let mut action = ActionPage::new(page, title, intro, submit, back)
        .fact("support-mail-kind", kind)
        .fact("support-sent-to", mail.recipient.clone())
        .fact("support-mail-state", delivery)
        .fact("support-mail-attempts", mail.attempts.to_string())
        .fact(
            "support-mail-error",
            mail.last_error.clone().unwrap_or_default(),
        );
    if !mail.is_failed() {
        action.warning = Some(action.page.msg("support-error-not-failed"));
    }
    Ok(action)
}

pub async fn retry_form(
    page: Page,
    _staff: Support,
    state: web::Data<AppState>,
    id: InPath<i64>,
) -> Result<HttpResponse, WebError> {
    retry_page(page, &state, *id).await?.show(StatusCode::OK)
}

pub async fn retry(
    page: Page,
    req: HttpRequest,
    Support(staff): Support,
    state: web::Data<AppState>,
    id: InPath<i64>,
    Checked(form): Checked<ReasonForm>,
) -> Result<HttpResponse, WebError> {
    let action = retry_page(page, &state, *id).await?;
    let Some(reason) = reason_of(&form) else {
        let message = action.page.msg("support-reason-required");
        return action.refused(&form, message);
    };
    match actions::retry(&state.db, staff.actor(), *id, &reason).await {
        Ok(()) => Ok(see_other_with(&action.back, "flash-support-retried", &req)),
        Err(error) => {
            let message = refusal(&action.page, error)?;
            action.refused(&form, message)
        }
    }
}
