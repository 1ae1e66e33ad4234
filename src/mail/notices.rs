//! The emails other than "you earned a badge": what each kind says, and how it is queued.
//!
//! Each kind is a row of the outbox whose `data` carries what the text needs (a name, a
//! token for a link). Tokens are erased from the outbox once the message is sent or fails.

use serde_json::{Value, json};
use sqlx::PgConnection;

use super::templates::{Action, Notice};
use crate::domain::{EmailAddress, SecretToken};
use crate::i18n::{Locale, Tr};

/// A message to queue.
#[derive(Debug)]
pub enum Queued<'a> {
    /// Confirm the address of a new account. It greets nobody by name: the name was typed
    /// by whoever filled in the form, and the address is not proven theirs yet.
    SignUpConfirm { token: &'a SecretToken },
    /// Someone signed up with an address that already has an account.
    SignUpExisting { name: &'a str },
    /// A link to choose a new password.
    PasswordReset {
        name: &'a str,
        token: &'a SecretToken,
    },
    /// A reset was asked for an address without an account.
    PasswordResetUnknown,
    /// Confirm an address added in settings (no name either: the address is not proven to
    /// be the account's).
    EmailVerify { token: &'a SecretToken },
    /// An address added in settings belongs to another account.
    EmailTaken { name: &'a str },
}

impl Queued<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Queued::SignUpConfirm { .. } => "sign_up_confirm",
            Queued::SignUpExisting { .. } => "sign_up_existing",
            Queued::PasswordReset { .. } => "password_reset",
            Queued::PasswordResetUnknown => "password_reset_unknown",
            Queued::EmailVerify { .. } => "email_verify",
            Queued::EmailTaken { .. } => "email_taken",
        }
    }

    fn data(&self) -> Value {
        match self {
            Queued::PasswordReset { name, token } => json!({"name": name, "token": token.expose()}),
            Queued::SignUpConfirm { token } | Queued::EmailVerify { token } => {
                json!({"token": token.expose()})
            }
            Queued::SignUpExisting { name } | Queued::EmailTaken { name } => json!({"name": name}),
            Queued::PasswordResetUnknown => json!({}),
        }
    }
}

/// At most this many of these messages go to one address in an hour: forms that send mail
/// to an address typed by anyone must not become a way to flood a mailbox.
pub const MAX_PER_HOUR: i64 = 5;

const KINDS: [&str; 6] = [
    "sign_up_confirm",
    "sign_up_existing",
    "password_reset",
    "password_reset_unknown",
    "email_verify",
    "email_taken",
];

/// Leave to queue one account email to an address: the address got fewer than
/// [`MAX_PER_HOUR`] of them in the last hour. Only [`permit`] makes one, and [`queue`] needs
/// one, so a handler cannot create a link for a message that will not be sent.
#[derive(Debug)]
pub struct Permit<'a> {
    to: &'a EmailAddress,
}

/// Lock space of the per-address mail lock (two-key advisory locks: `'MAIL'`, address hash).
const MAIL_LOCK: i32 = 0x4d41_494c;

/// Takes the address's mail lock until the end of the caller's transaction (so two requests
/// at once count one after the other), then counts its account emails of the last hour.
/// `None` when the address has had [`MAX_PER_HOUR`]: send nothing, create nothing, and
/// answer the page as if it had been sent.
pub async fn permit<'a>(
    conn: &mut PgConnection,
    to: &'a EmailAddress,
) -> Result<Option<Permit<'a>>, sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
        .bind(MAIL_LOCK)
        .bind(to.as_str())
        .execute(&mut *conn)
        .await?;
    let recent: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox
          WHERE recipient = $1 AND kind = ANY($2) AND created_at > now() - interval '1 hour'",
    )
    .bind(to.as_str())
    .bind(&KINDS[..])
    .fetch_one(&mut *conn)
    .await?;
    if recent >= MAX_PER_HOUR {
        tracing::warn!(to = %to.masked(), "too many account emails to one address: not sent");
        return Ok(None);
    }
    Ok(Some(Permit { to }))
}

/// Queues a message in the caller's transaction (the one that took the permit); the outbox
/// worker sends it.
pub async fn queue(
    conn: &mut PgConnection,
    permit: Permit<'_>,
    locale: Locale,
    message: Queued<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO outbox (recipient, kind, locale, data) VALUES ($1, $2, $3, $4)")
        .bind(permit.to.as_str())
        .bind(message.kind())
        .bind(locale.code())
        .bind(sqlx::types::Json(message.data()))
        .execute(conn)
        .await?;
    Ok(())
}

/// What a queued row of one of these kinds becomes.
pub struct Row<'a> {
    pub kind: &'a str,
    pub to: &'a str,
    pub data: &'a Value,
    pub award_id: Option<&'a str>,
    pub badge: &'a str,
    pub issuer: &'a str,
    pub given_name: &'a str,
}

/// Builds the notice of a row, or `None` when the kind is not one of these or a token it
/// needs is gone.
pub fn notice(t: Tr, row: &Row<'_>, site: &str) -> Option<Notice> {
    let text = |key: &str| row.data.get(key).and_then(Value::as_str);
    let name = text("name").unwrap_or(row.given_name).to_owned();
    let token = text("token");
    let action = |label: &str, url: String| Action {
        label: t.msg(label),
        url,
    };
    let mut notice = Notice {
        t,
        to: row.to.to_owned(),
        subject: String::new(),
        heading: String::new(),
        name,
        paragraphs: Vec::new(),
        actions: Vec::new(),
        note: None,
        unsubscribe_url: None,
        one_click_unsubscribe: None,
        site_url: site.to_owned(),
    };
    let (subject, heading) = match row.kind {
        "sign_up_confirm" => {
            notice.paragraphs.push(t.msg("mail-sign-up-confirm-body"));
            notice.actions.push(action(
                "mail-sign-up-confirm-action",
                format!("{site}/confirm/{}", token?),
            ));
            notice.note = Some(t.msg("mail-not-you"));
            (
                "mail-sign-up-confirm-subject",
                "mail-sign-up-confirm-heading",
            )
        }
        "sign_up_existing" => {
            notice.paragraphs.push(t.msg("mail-sign-up-existing-body"));
            notice
                .actions
                .push(action("mail-sign-in-action", format!("{site}/sign-in")));
            notice.actions.push(action(
                "mail-forgot-action",
                format!("{site}/password/forgot"),
            ));
            notice.note = Some(t.msg("mail-not-you"));
            (
                "mail-sign-up-existing-subject",
                "mail-sign-up-existing-heading",
            )
        }
        "password_reset" => {
            notice.paragraphs.push(t.msg("mail-password-reset-body"));
            notice.actions.push(action(
                "mail-password-reset-action",
                format!("{site}/password/reset/{}", token?),
            ));
            notice.note = Some(t.msg("mail-password-reset-note"));
            ("mail-password-reset-subject", "mail-password-reset-heading")
        }
        "password_reset_unknown" => {
            notice
                .paragraphs
                .push(t.msg("mail-password-reset-unknown-body"));
            notice
                .actions
                .push(action("mail-sign-up-action", format!("{site}/sign-up")));
            notice.note = Some(t.msg("mail-not-you"));
            (
                "mail-password-reset-unknown-subject",
                "mail-password-reset-unknown-heading",
            )
        }
        "email_verify" => {
            notice.paragraphs.push(t.msg("mail-email-verify-body"));
            notice.actions.push(action(
                "mail-email-verify-action",
                format!("{site}/confirm/{}", token?),
            ));
            notice.note = Some(t.msg("mail-not-you"));
            ("mail-email-verify-subject", "mail-email-verify-heading")
        }
        "email_taken" => {
            notice.paragraphs.push(t.msg("mail-email-taken-body"));
            notice.note = Some(t.msg("mail-not-you"));
            ("mail-email-taken-subject", "mail-email-taken-heading")
        }
        "badge_added" => {
            notice.paragraphs.push(t.msg2(
                "mail-badge-added-body",
                "badge",
                row.badge,
                "issuer",
                row.issuer,
            ));
            notice.actions.push(action(
                "mail-badge-added-action",
                format!("{site}/wallet/{}", row.award_id?),
            ));
            notice.note = Some(t.msg("mail-badge-added-note"));
            notice.subject = t.msg1("mail-badge-added-subject", "badge", row.badge);
            notice.heading = t.msg("mail-badge-added-heading");
            return Some(notice);
        }
        "badge_reminder" => {
            let token = token?;
            notice.paragraphs.push(t.msg2(
                "mail-reminder-body",
                "badge",
                row.badge,
                "issuer",
                row.issuer,
            ));
            notice.actions.push(action(
                "mail-badge-earned-action",
                format!("{site}/claim/{token}"),
            ));
            notice.note = Some(t.msg("mail-badge-earned-wait"));
            notice.unsubscribe_url = Some(format!("{site}/reminders/stop/{token}"));
            notice.one_click_unsubscribe = Some(format!("{site}/reminders/stop/{token}/one-click"));
            notice.subject = t.msg1("mail-reminder-subject", "badge", row.badge);
            notice.heading = t.msg("mail-reminder-heading");
            return Some(notice);
        }
        _ => return None,
    };
    notice.subject = t.msg(subject);
    notice.heading = t.msg(heading);
    Some(notice)
}

/// The locale to write to an account in.
pub fn locale_of(code: &str) -> Locale {
    Locale::from_tag(code).unwrap_or_default()
}
