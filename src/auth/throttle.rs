//! Throttling of what strangers can make the server do: guessing passwords, and asking for
//! mail to be sent. Counters live in PostgreSQL (`throttle_counters`), so every server process
//! sees the same counts, and an attempt is *reserved* before the work it guards: one
//! statement adds it to each of its counters and reads them back under a row lock, so forty
//! guesses at once are counted one after the other and the sixth is refused, however many
//! arrive in the same millisecond. A refused attempt is counted nowhere.
//!
//! A password guess is counted under three keys:
//! - the address *and* the client together (5 in 15 minutes): one attacker guessing one
//!   account;
//! - the address from every client (20 in 15 minutes): a guess spread over many clients;
//! - the client over every address (30 in 15 minutes): one client spraying many accounts.
//!
//! A browser the account's owner signed in from before (a known device, see
//! [`devices`]) is counted under its own key only (5 in 15 minutes), so that strangers'
//! failures at the address, or on a shared network, do not lock the owner out of a browser
//! they already use.

use std::net::IpAddr;
use std::time::Duration;

use sqlx::PgPool;

use crate::auth::password::{Busy, Slot};
use crate::domain::EmailAddress;

#[derive(Debug, Clone, Copy)]
pub struct ThrottleLimits {
    /// Every sign-in counter starts again after this long.
    pub window: Duration,
    /// Guesses of one address from one client.
    pub per_address_and_client: i64,
    /// Guesses of one address from all clients together.
    pub per_address: i64,
    /// Guesses from one client, whatever the address.
    pub per_client: i64,
    /// Guesses from a browser the account signed in from before.
    pub per_known_device: i64,
    /// Wrong second-factor codes (TOTP or recovery) of one account per [`Self::window`].
    pub per_second_factor: i64,
    /// Account emails (confirmations, resets) one client may ask for per [`Self::mail_window`].
    pub mail_per_client: i64,
    pub mail_window: Duration,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        ThrottleLimits {
            window: Duration::from_secs(15 * 60),
            per_address_and_client: 5,
            per_address: 20,
            per_client: 30,
            per_known_device: 5,
            per_second_factor: 5,
            mail_per_client: 20,
            mail_window: Duration::from_secs(60 * 60),
        }
    }
}

/// One counter an attempt is added to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Counter {
    key: String,
    /// The address the counter is about (erased with the account).
    email: Option<String>,
    limit: i64,
    window: Duration,
}

/// Who is guessing a password.
#[derive(Debug, Clone, Copy)]
pub struct Guess<'a> {
    /// The address typed (None when it is not an address at all).
    pub email: Option<&'a EmailAddress>,
    pub client: IpAddr,
    /// The hash of the known-device token presented, when it belongs to the account of
    /// `email`.
    pub known_device: Option<&'a str>,
}

impl ThrottleLimits {
    fn guess_counters(&self, guess: &Guess<'_>) -> Vec<Counter> {
        let counter = |key: String, email: Option<&EmailAddress>, limit: i64| Counter {
            key,
            email: email.map(|e| e.as_str().to_owned()),
            limit,
            window: self.window,
        };
        if let Some(device) = guess.known_device {
            return vec![counter(
                format!("device:{device}"),
                guess.email,
                self.per_known_device,
            )];
        }
        let mut counters = vec![counter(
            format!("client:{}", guess.client),
            None,
            self.per_client,
        )];
        if let Some(email) = guess.email {
            counters.push(counter(
                format!("address-client:{}|{}", email.as_str(), guess.client),
                Some(email),
                self.per_address_and_client,
            ));
            counters.push(counter(
                format!("address:{}", email.as_str()),
                Some(email),
                self.per_address,
            ));
        }
        counters
    }
}

/// An attempt that was let through and is counted until it proves right
/// ([`Reservation::succeeded`]); dropping it keeps it counted as a failure.
#[must_use = "a reservation is given back with `succeeded`, or kept as a failure"]
#[derive(Debug)]
struct Reservation {
    keys: Vec<String>,
    /// Keys forgotten entirely on success (the address with this client, a known device).
    cleared_on_success: Vec<String>,
}

/// Too many attempts: try again after this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused(pub Duration);

impl Refused {
    /// The wait in whole minutes, at least one, for messages.
    pub fn minutes(self) -> i64 {
        i64::try_from(self.0.as_secs().div_ceil(60).max(1)).unwrap_or(i64::MAX)
    }
}

/// Adds one attempt to every counter, unless one of them is at its limit: then nothing is
/// counted and the wait until that counter starts again is returned. One transaction: the
/// upsert locks each counter's row, so concurrent attempts queue behind each other.
async fn reserve(db: &PgPool, counters: &[Counter]) -> Result<Result<(), Refused>, sqlx::Error> {
    let mut sorted = counters.to_vec();
    // Always lock rows in the same order, so two attempts never deadlock.
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    sorted.dedup_by(|a, b| a.key == b.key);
    let keys: Vec<&str> = sorted.iter().map(|c| c.key.as_str()).collect();
    let emails: Vec<Option<&str>> = sorted.iter().map(|c| c.email.as_deref()).collect();
    let windows: Vec<f64> = sorted.iter().map(|c| c.window.as_secs_f64()).collect();
    let mut tx = db.begin().await?;
    let rows: Vec<(String, i32, f64)> = sqlx::query_as(
        "INSERT INTO throttle_counters AS c (key, email, count, resets_at)
         SELECT k, e, 1, now() + make_interval(secs => w)
           FROM unnest($1::text[], $2::text[], $3::float8[]) AS t (k, e, w)
          ORDER BY k
         ON CONFLICT (key) DO UPDATE
            SET count = CASE WHEN c.resets_at <= now() THEN 1 ELSE c.count + 1 END,
                resets_at = CASE WHEN c.resets_at <= now() THEN excluded.resets_at
                                 ELSE c.resets_at END
         RETURNING key, count, extract(epoch FROM resets_at - now())::float8",
    )
    .bind(&keys)
    .bind(&emails)
    .bind(&windows)
    .fetch_all(&mut *tx)
    .await?;
    let wait = rows
        .iter()
        .filter(|(key, count, _)| {
            sorted
                .iter()
                .find(|c| &c.key == key)
                .is_some_and(|c| i64::from(*count) > c.limit)
        })
        .map(|(_, _, wait)| Duration::from_secs_f64(wait.max(1.0)))
        .max();
    match wait {
        Some(wait) => {
            tx.rollback().await?;
            Ok(Err(Refused(wait)))
        }
        None => {
            tx.commit().await?;
            Ok(Ok(()))
        }
    }
}

/// What a throttled password check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Right,
    Wrong,
    /// Too many guesses lately: not checked.
    Refused(Refused),
}

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// The hashers could not check it; the guess is not counted.
    #[error(transparent)]
    Busy(#[from] Busy),
}

/// The one way a password typed by someone is checked (sign-in, the current password in
/// settings): the guess is reserved with the throttle, then hashed in `slot`. A right
/// password gives its attempt back, a wrong one stays counted, and one the hashers could
/// not check is given back too.
pub async fn check_password(
    db: &PgPool,
    limits: &ThrottleLimits,
    slot: Slot,
    guess: Guess<'_>,
    candidate: String,
    stored: Option<String>,
) -> Result<Check, CheckError> {
    let reservation = match reserve_guess(db, limits, guess).await? {
        Ok(reservation) => reservation,
        Err(refused) => return Ok(Check::Refused(refused)),
    };
    match slot.verify(candidate, stored).await {
        Ok(true) => {
            reservation.succeeded(db).await?;
            Ok(Check::Right)
        }
        Ok(false) => Ok(Check::Wrong),
        Err(busy) => {
            reservation.give_back(db).await?;
            Err(busy.into())
        }
    }
}

/// Reserves a password guess before its hash is checked.
async fn reserve_guess(
    db: &PgPool,
    limits: &ThrottleLimits,
    guess: Guess<'_>,
) -> Result<Result<Reservation, Refused>, sqlx::Error> {
    let counters = limits.guess_counters(&guess);
    if let Err(refused) = reserve(db, &counters).await? {
        return Ok(Err(refused));
    }
    let cleared_on_success = counters
        .iter()
        .filter(|c| c.key.starts_with("address-client:") || c.key.starts_with("device:"))
        .map(|c| c.key.clone())
        .collect();
    Ok(Ok(Reservation {
        keys: counters.into_iter().map(|c| c.key).collect(),
        cleared_on_success,
    }))
}

impl Reservation {
    /// The password was right: the attempt is given back, and the counters of this address
    /// with this client (or this device) start again.
    async fn succeeded(self, db: &PgPool) -> Result<(), sqlx::Error> {
        self.give_back(db).await?;
        sqlx::query("DELETE FROM throttle_counters WHERE key = ANY($1)")
            .bind(&self.cleared_on_success)
            .execute(db)
            .await?;
        Ok(())
    }

    /// The attempt did not happen after all (the server was too busy to check it).
    async fn give_back(&self, db: &PgPool) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE throttle_counters SET count = greatest(count - 1, 0)
              WHERE key = ANY($1) AND resets_at > now()",
        )
        .bind(&self.keys)
        .execute(db)
        .await?;
        Ok(())
    }
}

/// A second-factor code being checked, counted against its account until it proves right
/// ([`CodeAttempt::succeeded`]); dropped, it stays counted as a wrong code.
#[must_use = "an attempt is given back with `succeeded`, or kept as a failure"]
#[derive(Debug)]
pub struct CodeAttempt(Reservation);

impl CodeAttempt {
    /// The code was right: the account's wrong codes are forgotten.
    pub async fn succeeded(self, db: &PgPool) -> Result<(), sqlx::Error> {
        self.0.succeeded(db).await
    }
}

/// Reserves one second-factor code typed for account `candidate_id` (5 wrong ones in 15
/// minutes, whatever the client: the password was right already, so the account is the
/// one being guessed at).
pub async fn reserve_code(
    db: &PgPool,
    limits: &ThrottleLimits,
    candidate_id: i64,
) -> Result<Result<CodeAttempt, Refused>, sqlx::Error> {
    let key = format!("second-factor:{candidate_id}");
    let counter = Counter {
        key: key.clone(),
        email: None,
        limit: limits.per_second_factor,
        window: limits.window,
    };
    if let Err(refused) = reserve(db, &[counter]).await? {
        return Ok(Err(refused));
    }
    Ok(Ok(CodeAttempt(Reservation {
        keys: vec![key.clone()],
        cleared_on_success: vec![key],
    })))
}

/// Reserves one account email asked for by `client` (sign-up, forgotten password, adding an
/// address): a client may not make the site mail hundreds of addresses.
pub async fn reserve_mail(
    db: &PgPool,
    limits: &ThrottleLimits,
    client: IpAddr,
) -> Result<Result<(), Refused>, sqlx::Error> {
    reserve(
        db,
        &[Counter {
            key: format!("mail-client:{client}"),
            email: None,
            limit: limits.mail_per_client,
            window: limits.mail_window,
        }],
    )
    .await
}

/// Forgets every counter about these addresses (the account is deleted).
pub async fn forget_addresses(
    conn: &mut sqlx::PgConnection,
    addresses: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM throttle_counters WHERE email = ANY($1)")
        .bind(addresses)
        .execute(conn)
        .await?;
    Ok(())
}

/// Forgets counters whose window has passed.
pub async fn delete_old(db: &PgPool) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM throttle_counters WHERE resets_at <= now()")
            .execute(db)
            .await?
            .rows_affected(),
    )
}

/// Browsers an account signed in from with its password: the `accolade_device` cookie holds
/// a random token, the database its SHA-256 and the account.
pub mod devices {
    use sqlx::PgPool;

    use crate::domain::SecretToken;

    /// The cookie that marks a known device.
    pub const COOKIE: &str = "accolade_device";
    /// A device unused for this long is forgotten, and so is its cookie.
    pub const LIFETIME_DAYS: i64 = 365;

    /// The hash of `token` when it is a known device of `candidate_id`.
    pub async fn recognise(
        db: &PgPool,
        token: &str,
        candidate_id: i64,
    ) -> Result<Option<String>, sqlx::Error> {
        let hash = SecretToken::from_presented(token).hash();
        let known: Option<i64> = sqlx::query_scalar(
            "SELECT candidate_id FROM known_devices
              WHERE token_hash = $1 AND last_used_at > now() - make_interval(days => $2)",
        )
        .bind(&hash)
        .bind(i32::try_from(LIFETIME_DAYS).unwrap_or(i32::MAX))
        .fetch_optional(db)
        .await?;
        Ok((known == Some(candidate_id)).then_some(hash))
    }

    /// Records a sign-in from a browser: the token it presented when that is still this
    /// account's device, else a new one. Returns the token for the cookie.
    pub async fn remember(
        db: &PgPool,
        presented: Option<&str>,
        candidate_id: i64,
    ) -> Result<SecretToken, sqlx::Error> {
        if let Some(token) = presented {
            let token = SecretToken::from_presented(token);
            let updated = sqlx::query(
                "UPDATE known_devices SET last_used_at = now()
                  WHERE token_hash = $1 AND candidate_id = $2",
            )
            .bind(token.hash())
            .bind(candidate_id)
            .execute(db)
            .await?
            .rows_affected();
            if updated == 1 {
                return Ok(token);
            }
        }
        let token = SecretToken::generate(&mut rand::rng());
        sqlx::query("INSERT INTO known_devices (token_hash, candidate_id) VALUES ($1, $2)")
            .bind(token.hash())
            .bind(candidate_id)
            .execute(db)
            .await?;
        Ok(token)
    }

    /// Forgets devices unused for a year.
    pub async fn delete_old(db: &PgPool) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query(
            "DELETE FROM known_devices WHERE last_used_at <= now() - make_interval(days => $1)",
        )
        .bind(i32::try_from(LIFETIME_DAYS).unwrap_or(i32::MAX))
        .execute(db)
        .await?
        .rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guess_counts_against_its_address_and_client_apart_and_together() {
        let limits = ThrottleLimits::default();
        let email = EmailAddress::parse("ada@example.com").unwrap();
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        let keys: Vec<String> = limits
            .guess_counters(&Guess {
                email: Some(&email),
                client,
                known_device: None,
            })
            .into_iter()
            .map(|c| c.key)
            .collect();
        assert_eq!(
            keys,
            [
                "client:203.0.113.7",
                "address-client:ada@example.com|203.0.113.7",
                "address:ada@example.com"
            ]
        );
        let device = limits.guess_counters(&Guess {
            email: Some(&email),
            client,
            known_device: Some("abc"),
        });
        assert_eq!(device.len(), 1);
        assert_eq!(device[0].key, "device:abc");
    }

    #[test]
    fn a_wait_is_shown_in_whole_minutes() {
        assert_eq!(Refused(Duration::from_secs(1)).minutes(), 1);
        assert_eq!(Refused(Duration::from_secs(61)).minutes(), 2);
        assert_eq!(Refused(Duration::from_secs(900)).minutes(), 15);
    }
}
