//! What the public badge page shows of careers: the occupations a badge class is relevant to
//! (titles only) and how many open job postings ask for it by name, made at most once a
//! minute per badge class and language.
//!
//! Anonymous public pages are kept rendered at the version of what they show
//! (`AppState::public_pages`); the count changes with imports and with time (postings
//! expire), and the occupations with catalog loads, so both are part of that version.
//! Reading them on every anonymous request would cost the queries the kept page exists to
//! avoid: they are kept here for [`FRESH_FOR`], so a page shows a change at most a minute late
//! and a busy page costs two small queries a minute.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::PgPool;

use crate::cache::lock;
use crate::i18n::Locale;

/// How long a reach is used before it is read again.
pub const FRESH_FOR: Duration = Duration::from_secs(60);

/// What the public page shows of a badge class's careers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reach {
    /// The titles of its occupations, in the reader's language.
    pub occupations: Vec<String>,
    /// Open postings that ask for it by name.
    pub postings: i64,
}

impl Reach {
    /// A short text that changes when the reach does: part of a kept page's version.
    pub fn version(&self) -> String {
        let mut hasher = DefaultHasher::new();
        self.hash(&mut hasher);
        format!("{}-{:x}", self.postings, hasher.finish())
    }
}

/// A reach and when it was read.
type Kept = (Instant, Arc<Reach>);

/// The kept reaches, by badge class and language.
#[derive(Default)]
pub struct AskedFor(Mutex<HashMap<(i64, &'static str), Kept>>);

impl AskedFor {
    /// The reach of `class_id` in `locale`, at most [`FRESH_FOR`] old.
    pub async fn reach(
        &self,
        db: &PgPool,
        class_id: i64,
        locale: Locale,
    ) -> Result<Arc<Reach>, sqlx::Error> {
        let key = (class_id, locale.code());
        let now = Instant::now();
        let kept = lock(&self.0).get(&key).cloned();
        if let Some((at, reach)) = kept
            && now.saturating_duration_since(at) < FRESH_FOR
        {
            return Ok(reach);
        }
        let reach = Arc::new(Reach {
            occupations: super::occupations::occupation_titles(db, class_id, locale).await?,
            postings: super::matching::asking_for(db, class_id).await?,
        });
        let mut kept = lock(&self.0);
        // A catalog has a few hundred classes; this bounds it all the same.
        if kept.len() > 10_000 {
            kept.clear();
        }
        kept.insert(key, (now, reach.clone()));
        Ok(reach)
    }

    /// Forgets every reach: the next page reads them again.
    pub fn forget(&self) {
        lock(&self.0).clear();
    }
}
