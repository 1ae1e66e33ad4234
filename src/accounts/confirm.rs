//! What a confirmation link does once its button is pressed: a sign-up's link creates the
//! account; an added address's link adds the address to the account that asked.

use serde_json::Value;
use sqlx::PgPool;

use super::links::{self, Purpose, Taken};
use super::{Added, Created, NewAccount};
use crate::domain::SecretToken;
use crate::i18n::Locale;

/// The purposes of the links `/confirm/{token}` takes.
pub const PURPOSES: [Purpose; 2] = [Purpose::SignUp, Purpose::AddEmail];

/// What a confirmation link is, without using it (to show its button).
pub async fn peek(db: &PgPool, token: &SecretToken) -> Result<Taken, sqlx::Error> {
    let mut conn = db.acquire().await?;
    links::peek(&mut conn, token, &PURPOSES).await
}

/// What became of a confirmation.
#[derive(Debug)]
pub enum Confirmed {
    /// The link cannot be used (used, expired, unknown): nothing changed.
    Refused(Taken),
    /// The address of the account `owner` is confirmed (or was taken meanwhile).
    Address {
        owner: i64,
        added: Added,
        /// Where the link was asked to lead (unchecked).
        next: String,
    },
    /// A new account, speaking `locale`.
    Account {
        id: i64,
        locale: Locale,
        next: String,
    },
    /// The address got an account meanwhile: nothing was created.
    AddressHasAccount,
}

/// Uses a confirmation link once. A sign-up without a language speaks `page_locale`.
pub async fn confirm(
    db: &PgPool,
    token: &SecretToken,
    page_locale: Locale,
) -> Result<Confirmed, sqlx::Error> {
    let mut tx = db.begin().await?;
    let link = match links::take(&mut tx, token, &PURPOSES).await? {
        Taken::Valid(link) => link,
        other => return Ok(Confirmed::Refused(other)),
    };
    let text = |key: &str| {
        link.data
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let next = text("next").to_owned();
    // The link was mailed to the address and opened: the address takes mail again, even if
    // it bounced before.
    crate::mail::suppression::forget(&mut tx, &link.email).await?;
    let confirmed = match (link.purpose, link.candidate_id) {
        (Purpose::AddEmail, Some(owner)) => {
            let added = super::add_address(&mut tx, owner, &link.email).await?;
            Confirmed::Address { owner, added, next }
        }
        _ => {
            let locale = Locale::from_tag(text("locale")).unwrap_or(page_locale);
            let hash = text("password_hash");
            let created = super::create(
                &mut tx,
                NewAccount {
                    email: &link.email,
                    display_name: text("display_name"),
                    locale,
                    password_hash: (!hash.is_empty()).then_some(hash),
                },
            )
            .await?;
            match created {
                Created::Account(id) => Confirmed::Account { id, locale, next },
                Created::AddressTaken(_) => Confirmed::AddressHasAccount,
            }
        }
    };
    tx.commit().await?;
    Ok(confirmed)
}
