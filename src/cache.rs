//! A small cache of values by key and version, used where something costly to make (a
//! drawing, a rendered page) is asked for again and again: a value is kept until its key is
//! asked for at another version, and at most `capacity` are kept, the least recently used
//! going first. Callers hold it in a `Mutex` (see `lock`); nothing in it awaits.

use std::collections::HashMap;
use std::sync::Mutex;

/// The lock of a cache; a cache whose lock was poisoned is still a valid cache.
pub fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Values by key and version, at most `capacity`; the least recently used goes first.
pub struct Lru<T> {
    capacity: usize,
    clock: u64,
    entries: HashMap<String, Entry<T>>,
}

struct Entry<T> {
    version: String,
    value: T,
    used: u64,
}

impl<T: Clone> Lru<T> {
    pub fn new(capacity: usize) -> Self {
        Lru {
            capacity: capacity.max(1),
            clock: 0,
            entries: HashMap::new(),
        }
    }

    pub fn get(&mut self, key: &str, version: &str) -> Option<T> {
        self.clock += 1;
        let clock = self.clock;
        let entry = self.entries.get_mut(key).filter(|e| e.version == version)?;
        entry.used = clock;
        Some(entry.value.clone())
    }

    /// The value of `key` at `version`, made and kept if there is none (another version of
    /// `key` is replaced).
    pub fn get_or_insert(&mut self, key: &str, version: &str, make: impl FnOnce() -> T) -> T {
        if let Some(value) = self.get(key, version) {
            return value;
        }
        if !self.entries.contains_key(key) && self.entries.len() >= self.capacity {
            let oldest = self
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                self.entries.remove(&oldest);
            }
        }
        let value = make();
        self.entries.insert(
            key.to_owned(),
            Entry {
                version: version.to_owned(),
                value: value.clone(),
                used: self.clock,
            },
        );
        value
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<T: Clone> Lru<T> {
    /// Keeps `value` as `key` at `version` (replacing another version of `key`).
    pub fn insert(&mut self, key: &str, version: &str, value: T) {
        self.entries.remove(key);
        self.get_or_insert(key, version, || value);
    }
}

/// An [`Lru`] shared between threads: what handlers keep between requests (rendered public
/// pages, baked images), each at the version of what it was made from.
pub struct Kept<T>(Mutex<Lru<T>>);

impl<T: Clone> Kept<T> {
    pub fn new(capacity: usize) -> Self {
        Kept(Mutex::new(Lru::new(capacity)))
    }

    pub fn get(&self, key: &str, version: &str) -> Option<T> {
        lock(&self.0).get(key, version)
    }

    pub fn keep(&self, key: &str, version: &str, value: T) {
        lock(&self.0).insert(key, version, value);
    }
}

/// Answers of a lookup, each kept for a short `period` by key: what every request for a key
/// would ask the database (the version of a public view, which the kept page is checked
/// against) is asked once per key and period. A change is seen at most `period` after it is
/// made, in every process serving the site; a zero period asks every time.
pub struct Recent<T> {
    period: std::time::Duration,
    kept: Kept<(T, std::time::Instant)>,
}

impl<T: Clone> Recent<T> {
    pub fn new(capacity: usize, period: std::time::Duration) -> Self {
        Recent {
            period,
            kept: Kept::new(capacity),
        }
    }

    /// The answer for `key` if it was asked less than a period ago, else `fetch`'s (kept).
    pub async fn get_or_fetch<E, F>(&self, key: &str, fetch: F) -> Result<T, E>
    where
        F: std::future::Future<Output = Result<T, E>>,
    {
        if !self.period.is_zero()
            && let Some((value, at)) = self.kept.get(key, "")
            && at.elapsed() < self.period
        {
            return Ok(value);
        }
        let asked = std::time::Instant::now();
        let value = fetch.await?;
        if !self.period.is_zero() {
            self.kept.keep(key, "", (value.clone(), asked));
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Lru as Cache;
    use super::Recent;
    use std::time::Duration;

    #[actix_web::test]
    async fn a_recent_answer_is_reused_for_its_period_then_asked_again() {
        let recent = Recent::new(8, Duration::from_millis(50));
        let ask = |n: u32| async move { Ok::<u32, ()>(n) };
        assert_eq!(recent.get_or_fetch("a", ask(1)).await, Ok(1));
        assert_eq!(
            recent.get_or_fetch("a", ask(2)).await,
            Ok(1),
            "within the period"
        );
        assert_eq!(recent.get_or_fetch("b", ask(3)).await, Ok(3), "another key");
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(
            recent.get_or_fetch("a", ask(4)).await,
            Ok(4),
            "after the period"
        );
        // A failed lookup is not kept.
        assert_eq!(
            recent.get_or_fetch("c", async { Err::<u32, ()>(()) }).await,
            Err(())
        );
        assert_eq!(recent.get_or_fetch("c", ask(5)).await, Ok(5));
    }

    #[actix_web::test]
    async fn a_zero_period_asks_every_time() {
        let recent = Recent::new(8, Duration::ZERO);
        assert_eq!(
            recent.get_or_fetch("a", async { Ok::<u32, ()>(1) }).await,
            Ok(1)
        );
        assert_eq!(
            recent.get_or_fetch("a", async { Ok::<u32, ()>(2) }).await,
            Ok(2)
        );
    }

    #[test]
    fn the_least_recently_used_goes_first_and_a_new_version_replaces_the_old() {
        let mut cache = Cache::new(3);
        for key in ["a", "b", "c"] {
            cache.get_or_insert(key, "1", || key.to_owned());
        }
        assert_eq!(cache.get("a", "1").as_deref(), Some("a"));
        cache.get_or_insert("d", "1", || "d".to_owned());
        assert_eq!(cache.len(), 3);
        assert_eq!(cache.get("b", "1"), None, "the least recently used went");
        assert_eq!(cache.get("a", "1").as_deref(), Some("a"));
        cache.insert("a", "2", "a2".to_owned());
        assert_eq!(cache.get("a", "1"), None);
        assert_eq!(cache.get("a", "2").as_deref(), Some("a2"));
        assert_eq!(cache.len(), 3);
    }
}
