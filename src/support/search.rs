//! Finding a candidate: by address (a prefix; also the addresses of results that no account
//! holds yet), by name (a prefix of an account's name or of the name a result reported), or
//! exactly by award id or result id.
//!
//! Every list is read in pages by key: the page after the key (lower-cased name, address)
//! of the last hit shown, over indexes in that order (migration `..000210`), so a page costs
//! the same on the first page as on the thousandth, and nothing counts a whole table.

use sqlx::PgPool;

use super::{AccountRef, owners, prefix_bounds};
use crate::domain::AwardId;

/// Hits on a page.
pub const PAGE: usize = 25;

/// Where a page starts: after this (name key, address). The name key is empty in an
/// address search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct After {
    pub key: String,
    pub email: String,
}

/// An address (and the name it goes by) that a search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The name of the account, or the name a result reported under the address.
    pub name: Option<String>,
    pub email: String,
    /// The account holding the address, if one does.
    pub account: Option<AccountRef>,
    key: String,
}

/// What an exact id found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exact {
    Award {
        id: String,
        email: String,
        account: Option<AccountRef>,
    },
    Result {
        source: String,
        result_id: String,
        email: String,
        account: Option<AccountRef>,
    },
}

/// A page of a search.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub exact: Vec<Exact>,
    pub hits: Vec<Hit>,
    /// Where the next page starts, when there is one.
    pub next: Option<After>,
}

/// What the agent typed, read: an address when it holds `@`, else a name or an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    Address(String),
    Text(String),
}

impl Query {
    /// `None` for nothing typed.
    pub fn parse(typed: &str) -> Option<Query> {
        let typed = typed.trim();
        if typed.is_empty() || typed.chars().any(char::is_control) {
            return None;
        }
        let folded = typed.to_lowercase();
        Some(if typed.contains('@') {
            Query::Address(folded)
        } else {
            Query::Text(typed.to_owned())
        })
    }
}

pub async fn search(db: &PgPool, query: &Query, after: &After) -> Result<Found, sqlx::Error> {
    let (exact, mut hits) = match query {
        Query::Address(prefix) => (Vec::new(), by_address(db, prefix, after).await?),
        Query::Text(text) => (
            exact(db, text).await?,
            by_name(db, &text.to_lowercase(), after).await?,
        ),
    };
    hits.sort_by(|a, b| (&a.key, &a.email).cmp(&(&b.key, &b.email)));
    // An address found both as an account's and as a result's: the account's hit stays.
    let mut seen = std::collections::HashSet::new();
    hits.retain(|h| seen.insert((h.key.clone(), h.email.clone())));
    let next = (hits.len() > PAGE).then(|| {
        let last = &hits[PAGE - 1];
        After {
            key: last.key.clone(),
            email: last.email.clone(),
        }
    });
    hits.truncate(PAGE);
    let emails: Vec<String> = hits.iter().map(|h| h.email.clone()).collect();
    let held = owners(db, &emails).await?;
    for hit in &mut hits {
        if hit.account.is_none() {
            hit.account = held
                .iter()
                .find(|(e, _)| *e == hit.email)
                .map(|(_, a)| a.clone());
        }
    }
    Ok(Found { exact, hits, next })
}

const LIMIT: i64 = PAGE as i64 + 1;

/// Addresses starting with `prefix`: of accounts, and of results.
async fn by_address(db: &PgPool, prefix: &str, after: &After) -> Result<Vec<Hit>, sqlx::Error> {
    let (low, high) = prefix_bounds(prefix);
    let emails: Vec<String> = sqlx::query_scalar(
        "SELECT email FROM (
            (SELECT email COLLATE \"C\" AS email FROM candidate_emails
              WHERE email COLLATE \"C\" >= $1 AND email COLLATE \"C\" < $2
                AND email COLLATE \"C\" > $3
              ORDER BY 1 LIMIT $4)
            UNION
            (SELECT DISTINCT email_normalized COLLATE \"C\" FROM results
              WHERE email_normalized COLLATE \"C\" >= $1 AND email_normalized COLLATE \"C\" < $2
                AND email_normalized COLLATE \"C\" > $3
              ORDER BY 1 LIMIT $4)) found
          ORDER BY 1 LIMIT $4",
    )
    .bind(&low)
    .bind(&high)
    .bind(&after.email)
    .bind(LIMIT)
    .fetch_all(db)
    .await?;
    Ok(emails
        .into_iter()
        .map(|email| Hit {
            name: None,
            email,
            account: None,
            key: String::new(),
        })
        .collect())
}

/// Accounts whose name, and results whose reported name, start with `prefix` (lower-cased).
async fn by_name(db: &PgPool, prefix: &str, after: &After) -> Result<Vec<Hit>, sqlx::Error> {
    let (low, high) = prefix_bounds(prefix);
    let start = std::cmp::max(low.as_str(), after.key.as_str());
    let accounts: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT lower(c.display_name) COLLATE \"C\" AS k, coalesce(e.email, '') COLLATE \"C\" AS email,
                c.id, c.display_name
           FROM candidates c
           LEFT JOIN candidate_emails e ON e.candidate_id = c.id AND e.is_primary
          WHERE lower(c.display_name) COLLATE \"C\" >= $1 AND lower(c.display_name) COLLATE \"C\" < $2
            AND (lower(c.display_name) COLLATE \"C\", coalesce(e.email, '') COLLATE \"C\") > ($3, $4)
          ORDER BY 1, 2 LIMIT $5",
    )
    .bind(start)
    .bind(&high)
    .bind(&after.key)
    .bind(&after.email)
    .bind(LIMIT)
    .fetch_all(db)
    .await?;
    let reported: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT DISTINCT ON (1, 2)
                lower(given_name || ' ' || family_name) COLLATE \"C\" AS k,
                email_normalized COLLATE \"C\" AS email, given_name || ' ' || family_name
           FROM results
          WHERE lower(given_name || ' ' || family_name) COLLATE \"C\" >= $1
            AND lower(given_name || ' ' || family_name) COLLATE \"C\" < $2
            AND (lower(given_name || ' ' || family_name) COLLATE \"C\", email_normalized COLLATE \"C\")
                > ($3, $4)
          ORDER BY 1, 2 LIMIT $5",
    )
    .bind(start)
    .bind(&high)
    .bind(&after.key)
    .bind(&after.email)
    .bind(LIMIT)
    .fetch_all(db)
    .await?;
    Ok(accounts
        .into_iter()
        .map(|(key, email, id, display_name)| Hit {
            name: Some(display_name.clone()),
            email,
            account: Some(AccountRef { id, display_name }),
            key,
        })
        .chain(reported.into_iter().map(|(key, email, name)| Hit {
            name: Some(name),
            email,
            account: None,
            key,
        }))
        .collect())
}

/// An award id or a result id, exactly.
async fn exact(db: &PgPool, text: &str) -> Result<Vec<Exact>, sqlx::Error> {
    let mut found = Vec::new();
    if let Some(id) = AwardId::parse(text) {
        let award: Option<(String, Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT a.recipient_email, c.id, c.display_name
               FROM awards a LEFT JOIN candidates c ON c.id = a.candidate_id WHERE a.id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(db)
        .await?;
        if let Some((email, account, name)) = award {
            found.push(Exact::Award {
                id: id.into_string(),
                email,
                account: account
                    .zip(name)
                    .map(|(id, display_name)| AccountRef { id, display_name }),
            });
        }
    }
    let results: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT source, result_id, email_normalized FROM results WHERE result_id = $1
          ORDER BY source LIMIT 20",
    )
    .bind(text)
    .fetch_all(db)
    .await?;
    let emails: Vec<String> = results.iter().map(|r| r.2.clone()).collect();
    let held = owners(db, &emails).await?;
    for (source, result_id, email) in results {
        let account = held
            .iter()
            .find(|(e, _)| *e == email)
            .map(|(_, a)| a.clone());
        found.push(Exact::Result {
            source,
            result_id,
            email,
            account,
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_at_sign_makes_an_address_search_in_lower_case() {
        assert_eq!(
            Query::parse(" Ada.L@Example.COM "),
            Some(Query::Address("ada.l@example.com".into()))
        );
        assert_eq!(
            Query::parse("Ada Lovelace"),
            Some(Query::Text("Ada Lovelace".into()))
        );
        assert_eq!(Query::parse("  "), None);
        assert_eq!(Query::parse("a\u{0}"), None);
    }
}
