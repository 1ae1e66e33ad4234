//! actix-session's store in PostgreSQL: any number of server processes share the sessions.
//!
//! Only the SHA-256 of a session key is stored, so the table alone signs nobody in. A session
//! ends after `idle` without a request or `absolute` after it began, whichever comes first;
//! its row also names the candidate signed in, so a password change or a deleted account ends
//! every session of that account.

use std::collections::HashMap;
use std::time::Duration;

use actix_session::storage::{
    LoadError, SaveError, SessionKey, SessionStore, UpdateError, generate_session_key,
};
use actix_web::cookie::time::Duration as CookieDuration;
use sqlx::PgPool;
use sqlx::types::Json;

use crate::domain::token::hash_hex;

/// The session entry that holds the signed-in candidate's id.
pub const CANDIDATE_KEY: &str = "candidate_id";

/// How long sessions last.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    /// Ends after this long without a request.
    pub idle: Duration,
    /// Ends this long after it began, however busy.
    pub absolute: Duration,
}

#[derive(Clone)]
pub struct PgSessionStore {
    db: PgPool,
    limits: SessionLimits,
}

type State = HashMap<String, String>;

/// A request within this long of the last one does not write `last_seen_at` again.
const TOUCH_EVERY_SECS: f64 = 60.0;

impl PgSessionStore {
    pub fn new(db: PgPool, limits: SessionLimits) -> PgSessionStore {
        PgSessionStore { db, limits }
    }

    fn candidate_of(state: &State) -> Option<i64> {
        state.get(CANDIDATE_KEY).and_then(|v| v.parse().ok())
    }

    /// Removes the sessions that have ended; returns how many.
    pub async fn delete_expired(db: &PgPool, limits: SessionLimits) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query(
            "DELETE FROM sessions
              WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1)",
        )
        .bind(limits.idle.as_secs_f64())
        .execute(db)
        .await?
        .rows_affected())
    }
}

fn secs(d: &CookieDuration) -> f64 {
    d.as_seconds_f64().max(0.0)
}

impl SessionStore for PgSessionStore {
    async fn load(&self, key: &SessionKey) -> Result<Option<State>, LoadError> {
        let row: Option<(Json<State>, bool)> = sqlx::query_as(
            "SELECT state, last_seen_at < now() - make_interval(secs => $3)
               FROM sessions
              WHERE key_hash = $1 AND expires_at > now()
                AND last_seen_at > now() - make_interval(secs => $2)",
        )
        .bind(hash_hex(key.as_ref().as_bytes()))
        .bind(self.limits.idle.as_secs_f64())
        .bind(TOUCH_EVERY_SECS)
        .fetch_optional(&self.db)
        .await
        .map_err(|e| LoadError::Other(e.into()))?;
        let Some((Json(state), stale)) = row else {
            return Ok(None);
        };
        if stale {
            sqlx::query("UPDATE sessions SET last_seen_at = now() WHERE key_hash = $1")
                .bind(hash_hex(key.as_ref().as_bytes()))
                .execute(&self.db)
                .await
                .map_err(|e| LoadError::Other(e.into()))?;
        }
        Ok(Some(state))
    }

    async fn save(&self, state: State, ttl: &CookieDuration) -> Result<SessionKey, SaveError> {
        let key = generate_session_key();
        let lifetime = secs(ttl).min(self.limits.absolute.as_secs_f64());
        sqlx::query(
            "INSERT INTO sessions (key_hash, state, candidate_id, expires_at)
             VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
        )
        .bind(hash_hex(key.as_ref().as_bytes()))
        .bind(Json(&state))
        .bind(Self::candidate_of(&state))
        .bind(lifetime)
        .execute(&self.db)
        .await
        .map_err(|e| SaveError::Other(e.into()))?;
        Ok(key)
    }

    async fn update(
        &self,
        key: SessionKey,
        state: State,
        ttl: &CookieDuration,
    ) -> Result<SessionKey, UpdateError> {
        // The absolute limit counts from the session's start: an update never extends it.
        let updated = sqlx::query(
            "UPDATE sessions SET state = $2, candidate_id = $3, last_seen_at = now()
              WHERE key_hash = $1 AND expires_at > now()",
        )
        .bind(hash_hex(key.as_ref().as_bytes()))
        .bind(Json(&state))
        .bind(Self::candidate_of(&state))
        .execute(&self.db)
        .await
        .map_err(|e| UpdateError::Other(e.into()))?
        .rows_affected();
        if updated == 1 {
            return Ok(key);
        }
        // Ended meanwhile (or deleted by a sign-out elsewhere): start a new one.
        self.save(state, ttl).await.map_err(|e| match e {
            SaveError::Serialization(e) => UpdateError::Serialization(e),
            SaveError::Other(e) => UpdateError::Other(e),
        })
    }

    async fn update_ttl(&self, key: &SessionKey, _ttl: &CookieDuration) -> anyhow::Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = now() WHERE key_hash = $1")
            .bind(hash_hex(key.as_ref().as_bytes()))
            .execute(&self.db)
            .await?;
        Ok(())
    }

    async fn delete(&self, key: &SessionKey) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE key_hash = $1")
            .bind(hash_hex(key.as_ref().as_bytes()))
            .execute(&self.db)
            .await?;
        Ok(())
    }
}
