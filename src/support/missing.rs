//! "Where is my badge?" for one address: the account holding it (if any), the results found
//! under it with what the rules made of each, the awards sent to it and their emails, and
//! the near misses that explain most missing badges:
//!
//! - the same name reported, or held by an account, under another address (the result went
//!   to an old work address; two accounts at the test provider);
//! - the same mailbox written another way: letter case (addresses are compared folded),
//!   dots or a `+tag` in the local part (`support_mailbox_key` in the migration);
//! - an account that asked to add the address and never opened the link, so the awards
//!   wait under an address nobody verified.

use std::collections::BTreeMap;

use sqlx::PgPool;

use super::AccountRef;
use super::profile::{self, Award, Mail, ResultRow};
use crate::domain::EmailAddress;

/// The most near misses listed.
pub const NEAR_LIMIT: i64 = 20;

/// Why another address may be the one the badge went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    /// The same mailbox, written with dots, a `+tag` or other letter case.
    Variant,
    /// The same name, reported with a result or held by an account.
    SameName,
}

impl Why {
    pub fn message_id(self) -> &'static str {
        match self {
            Why::Variant => "support-near-variant",
            Why::SameName => "support-near-same-name",
        }
    }
}

/// Another address, and what makes it a near miss.
#[derive(Debug, Clone)]
pub struct NearMiss {
    pub email: String,
    pub why: Vec<Why>,
    /// The account holding it, if one does.
    pub account: Option<AccountRef>,
    /// Awards waiting under it that no account holds.
    pub unclaimed: i64,
}

/// An account that asked to add the address and never opened the link.
#[derive(Debug, Clone)]
pub struct Asked {
    pub account: AccountRef,
    pub asked_at: chrono::DateTime<chrono::Utc>,
    pub expired: bool,
}

#[derive(Debug, Clone)]
pub struct Missing {
    pub email: EmailAddress,
    /// The account holding the address.
    pub owner: Option<AccountRef>,
    pub results: Vec<ResultRow>,
    pub awards: Vec<Award>,
    pub mails: Vec<Mail>,
    pub asked: Vec<Asked>,
    pub near: Vec<NearMiss>,
}

/// The missing-badge view of `email`; `name` is a name the candidate gave (else the names of
/// the address's results and of its account are looked for).
pub async fn look(
    db: &PgPool,
    email: &EmailAddress,
    name: Option<&str>,
) -> Result<Missing, sqlx::Error> {
    let list = [email.as_str().to_owned()];
    let owner = super::owners(db, &list)
        .await?
        .into_iter()
        .next()
        .map(|(_, a)| a);
    let awards = profile::awards_of(db, None, &list).await?;
    let results = profile::results_of(db, &list, &awards).await?;
    let mails = profile::mails_to(db, &list).await?;
    let asked_rows: Vec<(i64, String, chrono::DateTime<chrono::Utc>, bool)> = sqlx::query_as(
        "SELECT DISTINCT ON (c.id) c.id, c.display_name, l.created_at, l.expires_at <= now()
           FROM email_links l JOIN candidates c ON c.id = l.candidate_id
          WHERE l.email = $1 AND l.purpose = 'add_email' AND l.used_at IS NULL
          ORDER BY c.id, l.created_at DESC",
    )
    .bind(email.as_str())
    .fetch_all(db)
    .await?;
    let asked = asked_rows
        .into_iter()
        .map(|(id, display_name, asked_at, expired)| Asked {
            account: AccountRef { id, display_name },
            asked_at,
            expired,
        })
        .collect();

    let mut names: Vec<String> = results.iter().map(|r| r.name.to_lowercase()).collect();
    if let Some(owner) = &owner {
        names.push(owner.display_name.to_lowercase());
    }
    if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
        names.push(name.to_lowercase());
    }
    names.sort();
    names.dedup();

    let mut near: BTreeMap<String, Vec<Why>> = BTreeMap::new();
    let variants: Vec<String> = sqlx::query_scalar(
        "(SELECT DISTINCT email_normalized FROM results
           WHERE support_mailbox_key(email_normalized) = support_mailbox_key($1)
             AND email_normalized <> $1 LIMIT $2)
         UNION
         (SELECT email FROM candidate_emails
           WHERE support_mailbox_key(email) = support_mailbox_key($1) AND email <> $1 LIMIT $2)",
    )
    .bind(email.as_str())
    .bind(NEAR_LIMIT)
    .fetch_all(db)
    .await?;
    for v in variants {
        near.entry(v).or_default().push(Why::Variant);
    }
    let same_name: Vec<String> = sqlx::query_scalar(
        "(SELECT DISTINCT email_normalized COLLATE \"C\" FROM results
           WHERE lower(given_name || ' ' || family_name) COLLATE \"C\" = ANY($1)
             AND email_normalized <> $2 LIMIT $3)
         UNION
         (SELECT e.email COLLATE \"C\" FROM candidates c
            JOIN candidate_emails e ON e.candidate_id = c.id AND e.is_primary
           WHERE lower(c.display_name) COLLATE \"C\" = ANY($1) AND e.email <> $2 LIMIT $3)",
    )
    .bind(&names)
    .bind(email.as_str())
    .bind(NEAR_LIMIT)
    .fetch_all(db)
    .await?;
    for s in same_name {
        near.entry(s).or_default().push(Why::SameName);
    }
    let emails: Vec<String> = near.keys().take(NEAR_LIMIT as usize).cloned().collect();
    let held = super::owners(db, &emails).await?;
    let unclaimed: Vec<(String, i64)> = sqlx::query_as(
        "SELECT recipient_email, count(*) FROM awards
          WHERE recipient_email = ANY($1) AND candidate_id IS NULL AND state = 'pending'
          GROUP BY recipient_email",
    )
    .bind(&emails)
    .fetch_all(db)
    .await?;
    let near = emails
        .into_iter()
        .map(|email| NearMiss {
            why: near.get(&email).cloned().unwrap_or_default(),
            account: held
                .iter()
                .find(|(e, _)| *e == email)
                .map(|(_, a)| a.clone()),
            unclaimed: unclaimed
                .iter()
                .find(|(e, _)| *e == email)
                .map_or(0, |(_, n)| *n),
            email,
        })
        .collect();
    Ok(Missing {
        email: email.clone(),
        owner,
        results,
        awards,
        mails,
        asked,
        near,
    })
}
