//! Passwords: the rules a new one must meet, hashing with argon2id, and verification that
//! takes as long for an unknown account as for a wrong password.

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{self, Output, ParamsString, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 256;

static COMMON: &str = include_str!("common_passwords.txt");

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("too short")]
    TooShort,
    #[error("too long")]
    TooLong,
    #[error("too common")]
    TooCommon,
}

impl PasswordError {
    /// The Fluent id of the message shown next to the field.
    pub fn message_id(self) -> &'static str {
        match self {
            PasswordError::TooShort => "password-too-short",
            PasswordError::TooLong => "password-too-long",
            PasswordError::TooCommon => "password-too-common",
        }
    }
}

/// A new password that meets the rules: long enough, not absurdly long, not a common one.
/// It never appears in `Debug` output.
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

fn common() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

impl NewPassword {
    pub fn parse(raw: &str) -> Result<NewPassword, PasswordError> {
        let length = raw.chars().count();
        if length < MIN_LENGTH {
            return Err(PasswordError::TooShort);
        }
        if length > MAX_LENGTH {
            return Err(PasswordError::TooLong);
        }
        if common().contains(raw.to_lowercase().as_str()) {
            return Err(PasswordError::TooCommon);
        }
        Ok(NewPassword(raw.to_owned()))
    }

    /// The argon2id hash (PHC string) to store.
    pub fn hash(&self) -> anyhow::Result<String> {
        self.hash_in(&mut Memory::new())
    }

    /// The same, computed in `memory`.
    fn hash_in(&self, memory: &mut Memory) -> anyhow::Result<String> {
        let salt = SaltString::generate(&mut OsRng);
        Ok(compute(
            memory,
            self.0.as_bytes(),
            Algorithm::Argon2id,
            Version::V0x13,
            params(),
            salt.as_salt(),
        )
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?
        .to_string())
    }
}

/// argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane).
fn params() -> Params {
    Params::new(19 * 1024, 2, 1, None).unwrap_or_default()
}

/// argon2's working memory (19 MiB of blocks). A hashing thread allocates it once and every
/// hash it computes reuses it, so the memory of hashing is fixed however many hashes run one
/// after the other (the allocator would otherwise keep freed blocks around, arena by arena).
pub struct Memory(Vec<Block>);

impl Memory {
    pub fn new() -> Memory {
        Memory(vec![Block::default(); params().block_count()])
    }
}

impl Default for Memory {
    fn default() -> Self {
        Memory::new()
    }
}

/// What argon2's `PasswordHasher` computes, in `memory` rather than a fresh allocation.
fn compute<'a>(
    memory: &mut Memory,
    password: &[u8],
    algorithm: Algorithm,
    version: Version,
    params: Params,
    salt: Salt<'a>,
) -> password_hash::Result<PasswordHash<'a>> {
    let blocks = params.block_count();
    if memory.0.len() < blocks {
        // A stored hash made with more memory than today's parameters.
        memory.0.resize(blocks, Block::default());
    }
    let mut salt_buffer = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_buffer)?;
    let output_len = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let output = Output::init_with(output_len, |out| {
        Ok(argon2.hash_password_into_with_memory(
            password,
            salt_bytes,
            out,
            &mut memory.0[..blocks],
        )?)
    })?;
    Ok(PasswordHash {
        algorithm: algorithm.ident(),
        version: Some(version.into()),
        params: ParamsString::try_from(&params)?,
        salt: Some(salt),
        hash: Some(output),
    })
}

/// A hash of a password nobody knows, checked when the account does not exist, so that an
/// unknown address takes as long as a wrong password.
fn decoy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let random: [u8; 24] = rand::random();
        NewPassword(hex::encode(random)).hash().unwrap_or_default()
    })
}

/// Whether `candidate` matches `stored`; with no stored hash, checks against a decoy so the
/// time spent is the same, and answers false.
pub fn verify(candidate: &str, stored: Option<&str>) -> bool {
    verify_in(&mut Memory::new(), candidate, stored)
}

fn verify_in(memory: &mut Memory, candidate: &str, stored: Option<&str>) -> bool {
    let (hash, real) = match stored {
        Some(h) => (h, true),
        None => (decoy_hash(), false),
    };
    let mut matches = || -> password_hash::Result<bool> {
        let parsed = PasswordHash::new(hash)?;
        let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
            return Ok(false);
        };
        let algorithm = Algorithm::try_from(parsed.algorithm)?;
        let version = parsed
            .version
            .map(Version::try_from)
            .transpose()?
            .unwrap_or_default();
        let params = Params::try_from(&parsed)?;
        let computed = compute(
            memory,
            candidate.as_bytes(),
            algorithm,
            version,
            params,
            salt,
        )?;
        // `Output` compares in constant time.
        Ok(computed.hash == Some(expected))
    };
    matches().unwrap_or(false) && real
}

/// The server is checking as many passwords as it can: try again in a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many passwords are being checked at once")]
pub struct Busy;

/// How many passwords wait for a hashing thread at most; past it, [`Busy`] at once.
pub const QUEUE: usize = 256;

type Job = Box<dyn FnOnce(&mut Memory) + Send>;

/// Where every password is hashed: a few threads of its own (a hash takes 19 MiB and tens of
/// milliseconds of one core), fed by a bounded queue. However many sign-ins arrive at once,
/// at most `threads` hashes run, and at most [`QUEUE`] wait; the rest are answered [`Busy`]
/// straight away. Each thread allocates argon2's memory once ([`Memory`]) and reuses it, so
/// hashing holds `threads` x 19 MiB, never more.
#[derive(Clone)]
pub struct Hasher {
    jobs: tokio::sync::mpsc::Sender<Job>,
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hasher").finish_non_exhaustive()
    }
}

impl Hasher {
    /// Starts `threads` hashing threads (at least one).
    pub fn start(threads: usize) -> std::io::Result<Hasher> {
        let (jobs, receiver) = tokio::sync::mpsc::channel::<Job>(QUEUE);
        let receiver = std::sync::Arc::new(std::sync::Mutex::new(receiver));
        for i in 0..threads.max(1) {
            let receiver = receiver.clone();
            std::thread::Builder::new()
                .name(format!("password-{i}"))
                .spawn(move || {
                    // Allocated at the first hash, so a server nobody signs in to keeps
                    // its memory small.
                    let mut memory: Option<Memory> = None;
                    loop {
                        // One thread waits on the queue at a time; the others on the lock.
                        let job = match receiver.lock() {
                            Ok(mut jobs) => jobs.blocking_recv(),
                            Err(_) => None,
                        };
                        match job {
                            Some(job) => job(memory.get_or_insert_with(Memory::new)),
                            None => break,
                        }
                    }
                })?;
        }
        Ok(Hasher { jobs })
    }

    /// The number of threads for this machine: one per core, as hashing is pure CPU.
    pub fn default_threads() -> usize {
        std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
    }

    /// A place in the queue, taken before any other work of the request (throttle, database),
    /// so that a flood of requests past the queue costs one refusal each and nothing more.
    pub fn slot(&self) -> Result<Slot, Busy> {
        self.jobs
            .clone()
            .try_reserve_owned()
            .map(Slot)
            .map_err(|_| Busy)
    }

    /// The argon2id hash of a new password.
    pub async fn hash(&self, password: NewPassword) -> Result<anyhow::Result<String>, Busy> {
        self.slot()?.hash(password).await
    }
}

/// A place in the hashing queue ([`Hasher::slot`]); dropping it gives the place back.
pub struct Slot(tokio::sync::mpsc::OwnedPermit<Job>);

impl std::fmt::Debug for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Slot")
    }
}

impl Slot {
    async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let (done, result) = tokio::sync::oneshot::channel();
        self.0.send(Box::new(move |memory| {
            let _ = done.send(work(memory));
        }));
        result.await.map_err(|_| Busy)
    }

    /// Whether `candidate` matches `stored` (see [`verify`]). A candidate longer than any
    /// password can be is wrong without being hashed.
    pub async fn verify(self, candidate: String, stored: Option<String>) -> Result<bool, Busy> {
        if candidate.len() > MAX_LENGTH * 4 {
            return Ok(false);
        }
        self.run(move |memory| verify_in(memory, &candidate, stored.as_deref()))
            .await
    }

    /// The argon2id hash of a new password.
    pub async fn hash(self, password: NewPassword) -> Result<anyhow::Result<String>, Busy> {
        self.run(move |memory| password.hash_in(memory)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_long_and_common_passwords_are_refused() {
        assert_eq!(
            NewPassword::parse("short").unwrap_err(),
            PasswordError::TooShort
        );
        let long = "x".repeat(MAX_LENGTH + 1);
        assert_eq!(
            NewPassword::parse(&long).unwrap_err(),
            PasswordError::TooLong
        );
        assert_eq!(
            NewPassword::parse("1234567890").unwrap_err(),
            PasswordError::TooCommon
        );
        assert_eq!(
            NewPassword::parse("Password123").unwrap_err(),
            PasswordError::TooCommon
        );
        assert!(NewPassword::parse("correct horse battery staple").is_ok());
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(NewPassword::parse("ééééééééé").is_err());
        assert!(NewPassword::parse("éléphant rose").is_ok());
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let password = NewPassword::parse("correct horse battery staple").unwrap();
        let hash = password.hash().unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify("correct horse battery staple", Some(&hash)));
        assert!(!verify("correct horse battery stapler", Some(&hash)));
    }

    #[test]
    fn no_account_never_verifies() {
        assert!(!verify("anything at all", None));
        assert!(!verify("", Some("not a hash")));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_hasher_answers_busy_when_its_queue_is_full() {
        let hasher = Hasher::start(1).unwrap();
        // Hold the only thread, then fill the queue.
        let (started_tx, started) = std::sync::mpsc::channel::<()>();
        let (release, held) = std::sync::mpsc::channel::<()>();
        let slot = hasher.slot().unwrap();
        let blocker = tokio::spawn(async move {
            slot.run(move |_| {
                let _ = started_tx.send(());
                held.recv().is_ok()
            })
            .await
        });
        started.recv().unwrap();
        let mut waiting = Vec::new();
        for _ in 0..QUEUE {
            waiting.push(hasher.jobs.try_reserve().unwrap());
        }
        assert!(matches!(hasher.slot(), Err(Busy)));
        drop(waiting);
        release.send(()).unwrap();
        assert_eq!(blocker.await.unwrap(), Ok(true));
        let slot = hasher.slot().unwrap();
        assert_eq!(slot.verify("a password".into(), None).await, Ok(false));
    }

    #[tokio::test]
    async fn an_overlong_candidate_is_wrong_without_hashing() {
        let hasher = Hasher::start(1).unwrap();
        let hash = NewPassword::parse("correct horse battery staple")
            .unwrap()
            .hash()
            .unwrap();
        let long = "x".repeat(16_000);
        let verify =
            |candidate: String| hasher.slot().unwrap().verify(candidate, Some(hash.clone()));
        assert_eq!(verify(long).await, Ok(false));
        assert_eq!(
            verify("correct horse battery staple".into()).await,
            Ok(true)
        );
    }

    #[test]
    fn debug_hides_the_password() {
        let password = NewPassword::parse("correct horse battery staple").unwrap();
        assert_eq!(format!("{password:?}"), "NewPassword(***)");
    }
}
