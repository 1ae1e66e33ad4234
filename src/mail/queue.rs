//! Queuing mail: the one writer of outbox rows. A message is queued in the caller's
//! transaction, with what it announces (an award, a link), and sent by the outbox worker
//! once that transaction commits.
//!
//! - [`queue`]: one message a form sends to an address anyone can type, under a
//!   [`Permit`] (at most [`MAX_PER_HOUR`] such messages to one address in an hour);
//! - [`queue_all`]: messages about awards, any number in one statement (an import batch,
//!   the due reminders).

use sqlx::PgConnection;

use super::message::{Kind, Message};
use crate::domain::EmailAddress;
use crate::i18n::Locale;

/// At most this many of the messages of forms go to one address in an hour: forms that
/// send mail to an address typed by anyone must not become a way to flood a mailbox.
pub const MAX_PER_HOUR: i64 = 5;

/// Leave to queue one message of a form to an address: the address got fewer than
/// [`MAX_PER_HOUR`] of them in the last hour. Only [`permit`] makes one, and [`queue`] needs
/// one, so a handler cannot create a link for a message that will not be sent.
#[derive(Debug)]
pub struct Permit<'a> {
    to: &'a EmailAddress,
}

/// Lock space of the per-address mail lock (two-key advisory locks: `'MAIL'`, address hash).
const MAIL_LOCK: i32 = 0x4d41_494c;

/// Takes the address's mail lock until the end of the caller's transaction (so two requests
/// at once count one after the other), then counts its messages of forms of the last hour.
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
    let kinds: Vec<&str> = Kind::ALL
        .into_iter()
        .filter(|kind| kind.needs_permit())
        .map(Kind::as_str)
        .collect();
    let recent: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox
          WHERE recipient = $1 AND kind = ANY($2) AND created_at > now() - interval '1 hour'",
    )
    .bind(to.as_str())
    .bind(&kinds)
    .fetch_one(&mut *conn)
    .await?;
    if recent >= MAX_PER_HOUR {
        tracing::warn!(to = %to.masked(), "too many emails of forms to one address: not sent");
        return Ok(None);
    }
    Ok(Some(Permit { to }))
}

/// Queues a message of a form in the caller's transaction (the one that took the permit).
pub async fn queue(
    conn: &mut PgConnection,
    permit: Permit<'_>,
    locale: Locale,
    message: Message<'_>,
) -> Result<(), sqlx::Error> {
    insert(
        conn,
        &[Outgoing {
            to: permit.to.as_str(),
            locale,
            message,
        }],
    )
    .await
}

/// A message to an address, for [`queue_all`].
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub locale: Locale,
    pub message: Message<'a>,
}

/// Queues messages that need no permit (about awards) in the caller's transaction, in one
/// statement. A message of a form among them is refused (an error, nothing is queued): it
/// goes through [`queue`], with its permit.
pub async fn queue_all(
    conn: &mut PgConnection,
    messages: &[Outgoing<'_>],
) -> Result<(), sqlx::Error> {
    if let Some(unpermitted) = messages.iter().find(|m| m.message.kind().needs_permit()) {
        return Err(sqlx::Error::InvalidArgument(format!(
            "a {} email needs a permit: queue it with mail::queue",
            unpermitted.message.kind()
        )));
    }
    insert(conn, messages).await
}

/// The one statement of the program that writes outbox rows.
async fn insert(conn: &mut PgConnection, messages: &[Outgoing<'_>]) -> Result<(), sqlx::Error> {
    if messages.is_empty() {
        return Ok(());
    }
    let mut recipients = Vec::with_capacity(messages.len());
    let mut kinds = Vec::with_capacity(messages.len());
    let mut locales = Vec::with_capacity(messages.len());
    let mut data = Vec::with_capacity(messages.len());
    let mut awards = Vec::with_capacity(messages.len());
    for outgoing in messages {
        recipients.push(outgoing.to);
        kinds.push(outgoing.message.kind().as_str());
        locales.push(outgoing.locale.code());
        data.push(
            serde_json::to_string(&outgoing.message.data())
                .map_err(|e| sqlx::Error::Encode(Box::new(e)))?,
        );
        awards.push(outgoing.message.award());
    }
    sqlx::query(
        "INSERT INTO outbox (recipient, kind, locale, data, award_id)
         SELECT recipient, kind, locale, data::jsonb, award_id
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                AS x (recipient, kind, locale, data, award_id)",
    )
    .bind(&recipients)
    .bind(&kinds)
    .bind(&locales)
    .bind(&data)
    .bind(&awards)
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores the claim links of awards (each token's hash, with its award) in the caller's
/// transaction, in one statement, next to the emails that carry them.
///
/// `reminders`, when given, names for each link the reminder email it was derived for (the
/// hash of that email's one-click secret), so one click stops what the email listed.
pub async fn store_claim_links(
    conn: &mut PgConnection,
    hashes: &[String],
    awards: &[&str],
    reminders: Option<&[String]>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO claim_tokens (token_hash, award_id, reminder_hash)
         SELECT h, a, r FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS l(h, a, n)
           LEFT JOIN unnest($3::text[]) WITH ORDINALITY AS m(r, k) ON m.k = l.n",
    )
    .bind(hashes)
    .bind(awards)
    .bind(reminders.unwrap_or_default())
    .execute(conn)
    .await?;
    Ok(())
}

/// The locale to write to an account in (its stored language code).
pub fn locale_of(code: &str) -> Locale {
    Locale::from_tag(code).unwrap_or_default()
}
