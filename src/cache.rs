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

#[cfg(test)]
mod tests {
    use super::Lru as Cache;

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
