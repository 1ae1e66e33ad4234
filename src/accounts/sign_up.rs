//! Which email a sign-up gets. Nothing tells the person at the form whether the address has
//! an account: a new address gets a link that creates the account once opened and
//! confirmed (see [`super::confirm`]); an address with an account gets a note to its owner,
//! by their own name, not by what the form said.

use serde_json::json;
use sqlx::PgPool;

use super::links;
use crate::domain::EmailAddress;
use crate::i18n::Locale;
use crate::mail::{self, Message};

/// What the sign-up form gave, checked.
pub struct SignUp<'a> {
    pub email: &'a EmailAddress,
    pub display_name: &'a str,
    /// The password, hashed (whether or not the address has an account, so both take the
    /// same time).
    pub password_hash: &'a str,
    /// The language of the page, which the account will speak.
    pub locale: Locale,
    /// Where to go once the address is confirmed (a path of this site).
    pub next: Option<&'a str>,
}

/// Sends the email a sign-up gets (at most [`mail::MAX_PER_HOUR`] an hour to one address;
/// past that nothing is sent or made, and the answer is the same).
pub async fn request(db: &PgPool, sign_up: SignUp<'_>) -> Result<(), sqlx::Error> {
    let email = sign_up.email;
    let mut tx = db.begin().await?;
    let owner = super::find_by_email(db, email).await?;
    if let Some(permit) = mail::permit(&mut tx, email).await? {
        match owner {
            // The owner is greeted by their own name, not by what the form said.
            Some((owner, _, locale)) => {
                let owner_name = super::display_name(db, owner).await?;
                let queued = Message::SignUpExisting { name: &owner_name };
                mail::queue(&mut tx, permit, mail::locale_of(&locale), queued).await?;
            }
            None => {
                let data = json!({
                    "display_name": sign_up.display_name,
                    "password_hash": sign_up.password_hash,
                    "locale": sign_up.locale.code(),
                    "next": sign_up.next,
                });
                let token =
                    links::create(&mut tx, links::Purpose::SignUp, email, None, data).await?;
                let queued = Message::SignUpConfirm { token: &token };
                mail::queue(&mut tx, permit, sign_up.locale, queued).await?;
            }
        }
    }
    tx.commit().await
}
