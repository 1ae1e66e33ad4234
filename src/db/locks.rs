//! The one person-lock helper: advisory locks on partitions of people, by address.
//!
//! The rules read a person's history, so two writers about one person must not interleave,
//! while writers about different people run side by side. People are spread over
//! [`PARTITIONS`] partitions by address, each with its own transaction-scoped advisory lock.
//! Everything that reads or changes which awards belong to whom takes these locks: the
//! results import (`results::import`), linking and unlinking addresses (`accounts`) and
//! deleting an account (`accounts::deletion`).

use std::collections::BTreeSet;

use sqlx::PgConnection;

/// People are spread over this many partitions.
pub const PARTITIONS: u64 = 64;
const LOCK_BASE: i64 = 0x4143_434f_4c00_0000; // "ACCOL" + partition

/// The partition of an address: FNV-1a, stable across builds and processes.
pub fn partition(email: &str) -> u64 {
    let hash = email.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    hash % PARTITIONS
}

/// Advisory lock keys of the partitions of `addresses`, ascending and without repeats (so no
/// two writers deadlock).
pub fn keys<'a>(addresses: impl IntoIterator<Item = &'a str>) -> Vec<i64> {
    let keys: BTreeSet<i64> = addresses
        .into_iter()
        .map(|a| LOCK_BASE + partition(a) as i64)
        .collect();
    keys.into_iter().collect()
}

/// Takes the advisory locks `keys` (ascending) until the end of the caller's transaction.
pub async fn lock(conn: &mut PgConnection, keys: &[i64]) -> Result<(), sqlx::Error> {
    sqlx::query(
        "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT unnest($1::int8[]) AS k ORDER BY 1) keys",
    )
    .bind(keys)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes the locks of the partitions of `addresses` until the end of the caller's
/// transaction.
pub async fn lock_people<'a>(
    conn: &mut PgConnection,
    addresses: impl IntoIterator<Item = &'a str>,
) -> Result<(), sqlx::Error> {
    lock(conn, &keys(addresses)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_ascending_and_each_partition_is_locked_once() {
        let keys = keys(["b@example.com", "a@example.com", "b@example.com"]);
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        assert!(keys.len() <= 2);
        assert!(
            keys.iter()
                .all(|k| (LOCK_BASE..LOCK_BASE + PARTITIONS as i64).contains(k))
        );
    }
}
