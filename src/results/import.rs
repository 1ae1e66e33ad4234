//! Writing a batch of validated results.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};

use crate::db::locks;
use crate::domain::rules::{self, Decision, History, NoBadgeReason};
use crate::domain::{AwardId, AwardState, Catalog, NewResult, RowError, SecretToken};
use crate::i18n::Locale;
use crate::mail::{self, Message, Outgoing};

/// What became of one item of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemOutcome {
    /// Stored, and gave these badges.
    Awarded(Vec<AwardedBadge>),
    /// Stored; the rules gave no badge, for this reason.
    NoBadge(NoBadgeReason),
    /// This (source, result id) was reported before: nothing changed.
    AlreadyKnown,
    /// Refused; nothing stored.
    Rejected(Vec<RowError>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwardedBadge {
    pub award_id: String,
    pub badge: String,
}

/// Counts of a whole import.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub received: u64,
    /// Results stored (with or without a badge).
    pub imported: u64,
    pub already_known: u64,
    /// Awards created (one result can give two: a certification and the one it completes).
    pub awarded: u64,
    pub no_badge: u64,
    pub rejected: u64,
}

impl Summary {
    pub fn add(&mut self, outcome: &ItemOutcome) {
        self.received += 1;
        match outcome {
            ItemOutcome::Awarded(badges) => {
                self.imported += 1;
                self.awarded += badges.len() as u64;
            }
            ItemOutcome::NoBadge(_) => {
                self.imported += 1;
                self.no_badge += 1;
            }
            ItemOutcome::AlreadyKnown => self.already_known += 1,
            ItemOutcome::Rejected(_) => self.rejected += 1,
        }
    }
}

/// Whose history a result joins: every verified address of an account, or one address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Person {
    Candidate(i64),
    Address(String),
}

/// The batch's people: who each address belongs to, and the accounts' languages.
struct People {
    person_of: HashMap<String, Person>,
    candidate_locale: HashMap<i64, Locale>,
    /// Accounts with auto-accept on: their new awards go straight to the wallet.
    auto_accept: HashSet<i64>,
}

impl People {
    fn new(addresses: &[String], links: &[Link]) -> People {
        let mut person_of: HashMap<String, Person> = addresses
            .iter()
            .map(|a| (a.clone(), Person::Address(a.clone())))
            .collect();
        let mut candidate_locale = HashMap::new();
        let mut auto_accept = HashSet::new();
        for (address, linked, candidate, locale, accepts) in links {
            person_of.insert(address.clone(), Person::Candidate(*candidate));
            person_of.insert(linked.clone(), Person::Candidate(*candidate));
            if let Some(locale) = Locale::from_tag(locale) {
                candidate_locale.insert(*candidate, locale);
            }
            if *accepts {
                auto_accept.insert(*candidate);
            }
        }
        People {
            person_of,
            candidate_locale,
            auto_accept,
        }
    }

    fn of(&self, address: &str) -> Person {
        self.person_of
            .get(address)
            .cloned()
            .unwrap_or_else(|| Person::Address(address.to_owned()))
    }

    fn addresses(&self) -> Vec<String> {
        self.person_of.keys().cloned().collect()
    }
}

/// (an address of the batch, another verified address of its account, the account, its language)
type Link = (String, String, i64, String, bool);

/// The results to store, column by column (for `unnest`).
#[derive(Default)]
struct Rows {
    source: Vec<String>,
    result_id: Vec<String>,
    email: Vec<String>,
    email_normalized: Vec<String>,
    given_name: Vec<String>,
    family_name: Vec<String>,
    exam_code: Vec<String>,
    exam_id: Vec<i64>,
    passed_on: Vec<chrono::NaiveDate>,
    locale: Vec<Option<String>>,
    outcome: Vec<&'static str>,
    reason: Vec<Option<&'static str>>,
}

impl Rows {
    fn push(&mut self, row: &NewResult, decision: &Decision) {
        self.source.push(row.source.clone());
        self.result_id.push(row.result_id.clone());
        self.email.push(row.email_reported.clone());
        self.email_normalized.push(row.email.as_str().to_owned());
        self.given_name.push(row.given_name.clone());
        self.family_name.push(row.family_name.clone());
        self.exam_code.push(row.exam_code_reported.clone());
        self.exam_id.push(row.exam_id);
        self.passed_on.push(row.passed_on);
        self.locale.push(row.locale.clone());
        match decision {
            Decision::Award(_) => {
                self.outcome.push("awarded");
                self.reason.push(None);
            }
            Decision::NoBadge(reason) => {
                self.outcome.push("no_badge");
                self.reason.push(Some(reason.as_str()));
            }
        }
    }
}

struct NewAward {
    item: usize,
    id: AwardId,
    badge_class_id: i64,
    recipient: String,
    salt: String,
    result_key: (String, String),
    candidate_id: Option<i64>,
    issued_on: chrono::NaiveDate,
    token: SecretToken,
    locale: Locale,
    /// The account accepts new awards automatically: accepted at once, no claim link.
    accepted: bool,
}

/// Imports one batch in one transaction and says what became of each item, in order.
/// Results already known (also twice in the batch) change nothing.
pub async fn import_batch(
    pool: &PgPool,
    catalog: &Catalog,
    batch: &[NewResult],
) -> Result<Vec<ItemOutcome>, sqlx::Error> {
    let mut outcomes: Vec<Option<ItemOutcome>> = vec![None; batch.len()];
    let addresses: Vec<String> = batch
        .iter()
        .map(|r| r.email.as_str().to_owned())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let (mut tx, links) = lock_people(pool, &addresses).await?;

    let fresh = new_items(&mut tx, batch, &mut outcomes).await?;
    if fresh.is_empty() {
        tx.commit().await?;
        return Ok(outcomes.into_iter().flatten().collect());
    }
    let people = People::new(&addresses, &links);
    let mut histories = load_histories(&mut tx, &people).await?;
    let (rows, awards) = decide(
        catalog,
        batch,
        &fresh,
        &people,
        &mut histories,
        &mut outcomes,
    );

    let stored = insert_results(&mut tx, &rows).await?;
    // A result id reported at the same moment under another address (a broken feed): the
    // other batch stored it first, so here it is already known and gives nothing.
    for &i in &fresh {
        let row = &batch[i];
        if !stored.contains_key(&(row.source.clone(), row.result_id.clone())) {
            outcomes[i] = Some(ItemOutcome::AlreadyKnown);
        }
    }
    let awards = insert_awards(&mut tx, awards, &stored).await?;
    tx.commit().await?;

    for award in awards {
        let badge = catalog
            .get(award.badge_class_id)
            .map(|c| c.code.clone())
            .unwrap_or_default();
        if let Some(Some(ItemOutcome::Awarded(list))) = outcomes.get_mut(award.item) {
            list.push(AwardedBadge {
                award_id: award.id.into_string(),
                badge,
            });
        }
    }
    Ok(outcomes
        .into_iter()
        .map(|o| match o {
            // An award lost to a concurrent writer: the person already has that badge.
            Some(ItemOutcome::Awarded(list)) if list.is_empty() => {
                ItemOutcome::NoBadge(NoBadgeReason::AlreadyAwarded)
            }
            Some(o) => o,
            None => ItemOutcome::AlreadyKnown,
        })
        .collect())
}

/// Awards what the joined history of account `candidate_id` earns and none of its addresses
/// earned alone: a certification whose exams were passed under addresses that were apart
/// then and are one person's now (an address added or attached, two accounts merged). Each
/// comes from the pass that completed it (the latest of its exams), is issued on that day to
/// that address, and is announced as an import's award is (auto-accept included). In the
/// caller's transaction, under the person locks of every address of the account.
pub async fn award_joined_history(
    conn: &mut PgConnection,
    candidate_id: i64,
) -> Result<Vec<AwardedBadge>, sqlx::Error> {
    let Some((locale, auto_accept)): Option<(String, bool)> =
        sqlx::query_as("SELECT locale, auto_accept FROM candidates WHERE id = $1")
            .bind(candidate_id)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(Vec::new());
    };
    type Pass = (i64, String, String, String, i64, chrono::NaiveDate);
    let passes: Vec<Pass> = sqlx::query_as(
        "SELECT r.id, r.source, r.result_id, r.email_normalized, r.exam_id, r.passed_on
           FROM results r JOIN candidate_emails e ON e.email = r.email_normalized
          WHERE e.candidate_id = $1 AND e.verified_at IS NOT NULL
          ORDER BY r.passed_on, r.id",
    )
    .bind(candidate_id)
    .fetch_all(&mut *conn)
    .await?;
    if passes.is_empty() {
        return Ok(Vec::new());
    }
    let awarded: Vec<i64> = sqlx::query_scalar(
        "SELECT badge_class_id FROM awards
          WHERE candidate_id = $1
             OR recipient_email IN (SELECT email FROM candidate_emails
                                     WHERE candidate_id = $1 AND verified_at IS NOT NULL)",
    )
    .bind(candidate_id)
    .fetch_all(&mut *conn)
    .await?;
    let history = History {
        passed_exams: passes.iter().map(|p| p.4).collect(),
        awarded: awarded.into_iter().collect(),
    };
    let catalog = crate::catalog::store::current_in(&mut *conn).await?;
    // Only what the addresses earn together: what one of them earned alone was decided
    // when its results came (a certification added to the catalog since stays unawarded).
    let mut alone: HashMap<&str, History> = HashMap::new();
    for pass in &passes {
        alone
            .entry(&pass.3)
            .or_default()
            .passed_exams
            .insert(pass.4);
    }
    let earned_alone: HashSet<i64> = alone
        .values()
        .flat_map(|h| h.earned_certifications(&catalog))
        .collect();
    let owed: Vec<i64> = history
        .owed_certifications(&catalog)
        .into_iter()
        .filter(|c| !earned_alone.contains(c))
        .collect();
    if owed.is_empty() {
        return Ok(Vec::new());
    }
    let locale = Locale::from_tag(&locale).unwrap_or_default();
    let mut stored = HashMap::new();
    let mut awards = Vec::new();
    let mut rng = rand::rng();
    for class in owed {
        let Some(cert) = catalog.get(class) else {
            continue;
        };
        // The pass that completed it: the latest of its exams (passes are in date order).
        let Some(pass) = passes.iter().rev().find(|p| cert.exams.contains(&p.4)) else {
            continue;
        };
        let (id, source, result_id, email, _, passed_on) = pass.clone();
        let key = (source, result_id);
        stored.insert(key.clone(), id);
        let salt: [u8; 16] = rand::Rng::random(&mut rng);
        awards.push(NewAward {
            item: 0,
            id: AwardId::generate(&mut rng),
            badge_class_id: class,
            recipient: email,
            salt: hex::encode(salt),
            result_key: key,
            candidate_id: Some(candidate_id),
            issued_on: passed_on,
            token: SecretToken::generate(&mut rng),
            locale,
            accepted: auto_accept,
        });
    }
    drop(rng);
    let awards = insert_awards(conn, awards, &stored).await?;
    Ok(awards
        .into_iter()
        .map(|a| AwardedBadge {
            badge: catalog
                .get(a.badge_class_id)
                .map(|c| c.code.clone())
                .unwrap_or_default(),
            award_id: a.id.into_string(),
        })
        .collect())
}

/// Begins the transaction and locks the partitions of everyone involved: the batch's
/// addresses and the other verified addresses of their accounts. An address linked
/// meanwhile to an account in a partition not locked yet means starting again with it.
async fn lock_people(
    pool: &PgPool,
    addresses: &[String],
) -> Result<(Transaction<'static, Postgres>, Vec<Link>), sqlx::Error> {
    let mut keys = locks::keys(addresses.iter().map(String::as_str));
    loop {
        let mut tx = pool.begin().await?;
        locks::lock(&mut tx, &keys).await?;
        let links: Vec<Link> = sqlx::query_as(
            "SELECT a.email, b.email, a.candidate_id, c.locale, c.auto_accept
               FROM candidate_emails a
               JOIN candidate_emails b ON b.candidate_id = a.candidate_id AND b.verified_at IS NOT NULL
               JOIN candidates c ON c.id = a.candidate_id
              WHERE a.email = ANY($1) AND a.verified_at IS NOT NULL",
        )
        .bind(addresses)
        .fetch_all(&mut *tx)
        .await?;
        let needed = locks::keys(
            addresses
                .iter()
                .map(String::as_str)
                .chain(links.iter().map(|l| l.1.as_str())),
        );
        if needed.iter().all(|k| keys.contains(k)) {
            return Ok((tx, links));
        }
        tx.rollback().await?;
        keys = needed;
    }
}

/// The items not reported before (nor earlier in the batch); the others are marked known.
async fn new_items(
    tx: &mut PgConnection,
    batch: &[NewResult],
    outcomes: &mut [Option<ItemOutcome>],
) -> Result<Vec<usize>, sqlx::Error> {
    let (sources, result_ids): (Vec<&str>, Vec<&str>) = batch
        .iter()
        .map(|r| (r.source.as_str(), r.result_id.as_str()))
        .unzip();
    let known: HashSet<(String, String)> = sqlx::query_as(
        "SELECT r.source, r.result_id
           FROM results r JOIN unnest($1::text[], $2::text[]) AS k (source, result_id)
                USING (source, result_id)",
    )
    .bind(&sources)
    .bind(&result_ids)
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .collect();
    let mut seen = HashSet::new();
    let mut fresh = Vec::new();
    for (i, row) in batch.iter().enumerate() {
        let key = (row.source.clone(), row.result_id.clone());
        if known.contains(&key) || !seen.insert(key) {
            outcomes[i] = Some(ItemOutcome::AlreadyKnown);
        } else {
            fresh.push(i);
        }
    }
    Ok(fresh)
}

/// What each person has passed and been awarded so far, whenever it was reported.
async fn load_histories(
    tx: &mut PgConnection,
    people: &People,
) -> Result<HashMap<Person, History>, sqlx::Error> {
    let addresses = people.addresses();
    let mut histories: HashMap<Person, History> = HashMap::new();
    let passed: Vec<(String, i64)> = sqlx::query_as(
        "SELECT email_normalized, exam_id FROM results WHERE email_normalized = ANY($1)",
    )
    .bind(&addresses)
    .fetch_all(&mut *tx)
    .await?;
    for (address, exam) in passed {
        let history = histories.entry(people.of(&address)).or_default();
        history.passed_exams.insert(exam);
    }
    let awarded: Vec<(String, i64)> = sqlx::query_as(
        "SELECT recipient_email, badge_class_id FROM awards WHERE recipient_email = ANY($1)",
    )
    .bind(&addresses)
    .fetch_all(&mut *tx)
    .await?;
    for (address, class) in awarded {
        histories
            .entry(people.of(&address))
            .or_default()
            .awarded
            .insert(class);
    }
    Ok(histories)
}

/// Applies the rules to the new items, in the order of the feed (no I/O).
fn decide(
    catalog: &Catalog,
    batch: &[NewResult],
    fresh: &[usize],
    people: &People,
    histories: &mut HashMap<Person, History>,
    outcomes: &mut [Option<ItemOutcome>],
) -> (Rows, Vec<NewAward>) {
    let mut rows = Rows::default();
    let mut awards = Vec::new();
    let mut rng = rand::rng();
    for &i in fresh {
        let row = &batch[i];
        let Some(exam) = catalog.get(row.exam_id) else {
            // Validation only lets known exams through; the catalog was read before it.
            outcomes[i] = Some(ItemOutcome::Rejected(vec![RowError::UnknownExam(
                row.exam_code_reported.clone(),
            )]));
            continue;
        };
        let person = people.of(row.email.as_str());
        let candidate_id = match person {
            Person::Candidate(id) => Some(id),
            Person::Address(_) => None,
        };
        let history = histories.entry(person).or_default();
        let decision = rules::decide(catalog, history, exam);
        history.record(exam.id, &decision);
        rows.push(row, &decision);
        outcomes[i] = Some(match &decision {
            Decision::Award(classes) => {
                let locale = candidate_id
                    .and_then(|c| people.candidate_locale.get(&c).copied())
                    .or_else(|| row.locale.as_deref().and_then(Locale::from_tag))
                    .unwrap_or_default();
                for &class in classes {
                    let salt: [u8; 16] = rand::Rng::random(&mut rng);
                    awards.push(NewAward {
                        item: i,
                        id: AwardId::generate(&mut rng),
                        badge_class_id: class,
                        recipient: row.email.as_str().to_owned(),
                        salt: hex::encode(salt),
                        result_key: (row.source.clone(), row.result_id.clone()),
                        candidate_id,
                        issued_on: row.passed_on,
                        token: SecretToken::generate(&mut rng),
                        locale,
                        accepted: candidate_id.is_some_and(|c| people.auto_accept.contains(&c)),
                    });
                }
                ItemOutcome::Awarded(Vec::new())
            }
            Decision::NoBadge(reason) => ItemOutcome::NoBadge(*reason),
        });
    }
    (rows, awards)
}

/// Stores the results; returns the database id of each one stored, by (source, result id).
async fn insert_results(
    tx: &mut PgConnection,
    rows: &Rows,
) -> Result<HashMap<(String, String), i64>, sqlx::Error> {
    Ok(sqlx::query_as::<_, (i64, String, String)>(
        "INSERT INTO results (source, result_id, email, email_normalized, given_name, family_name,
                              exam_code, exam_id, passed_on, locale, outcome, no_badge_reason)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                              $7::text[], $8::bigint[], $9::date[], $10::text[], $11::text[], $12::text[])
         ON CONFLICT (source, result_id) DO NOTHING
         RETURNING id, source, result_id",
    )
    .bind(&rows.source)
    .bind(&rows.result_id)
    .bind(&rows.email)
    .bind(&rows.email_normalized)
    .bind(&rows.given_name)
    .bind(&rows.family_name)
    .bind(&rows.exam_code)
    .bind(&rows.exam_id)
    .bind(&rows.passed_on)
    .bind(&rows.locale)
    .bind(&rows.outcome)
    .bind(&rows.reason)
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|(id, source, result_id)| ((source, result_id), id))
    .collect())
}

/// Stores the awards of stored results, their claim tokens (hashed) and their emails;
/// returns the awards stored.
async fn insert_awards(
    tx: &mut PgConnection,
    mut awards: Vec<NewAward>,
    stored: &HashMap<(String, String), i64>,
) -> Result<Vec<NewAward>, sqlx::Error> {
    awards.retain(|a| stored.contains_key(&a.result_key));
    if awards.is_empty() {
        return Ok(awards);
    }
    let ids: Vec<&str> = awards.iter().map(|a| a.id.as_str()).collect();
    let classes: Vec<i64> = awards.iter().map(|a| a.badge_class_id).collect();
    let recipients: Vec<&str> = awards.iter().map(|a| a.recipient.as_str()).collect();
    let salts: Vec<&str> = awards.iter().map(|a| a.salt.as_str()).collect();
    let result_ids: Vec<i64> = awards
        .iter()
        .map(|a| stored.get(&a.result_key).copied().unwrap_or_default())
        .collect();
    let candidates: Vec<Option<i64>> = awards.iter().map(|a| a.candidate_id).collect();
    let issued: Vec<chrono::NaiveDate> = awards.iter().map(|a| a.issued_on).collect();
    let states: Vec<AwardState> = awards
        .iter()
        .map(|a| {
            if a.accepted {
                AwardState::Accepted
            } else {
                AwardState::Pending
            }
        })
        .collect();
    let inserted: HashSet<String> = sqlx::query_scalar(
        // A badge of a certification that must be renewed expires its validity after it
        // was earned; an auto-accepted one is accepted from the start.
        "INSERT INTO awards (id, badge_class_id, recipient_email, recipient_salt, result_id,
                             candidate_id, issued_on, state, expires_on, accepted_at)
         SELECT n.*, (n.issued_on + make_interval(months => b.valid_months))::date,
                CASE WHEN n.state = 'accepted' THEN now() END
           FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[],
                       $6::bigint[], $7::date[], $8::text[])
                AS n (id, badge_class_id, recipient_email, recipient_salt, result_id,
                      candidate_id, issued_on, state)
           JOIN badge_classes b ON b.id = n.badge_class_id
         ON CONFLICT (badge_class_id, recipient_email) DO NOTHING
         RETURNING id",
    )
    .bind(&ids)
    .bind(&classes)
    .bind(&recipients)
    .bind(&salts)
    .bind(&result_ids)
    .bind(&candidates)
    .bind(&issued)
    .bind(&states)
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .collect();
    awards.retain(|a| inserted.contains(a.id.as_str()));

    // Awards to claim get a claim link; auto-accepted ones are in the wallet already.
    let (hashes, claimable): (Vec<String>, Vec<&str>) = awards
        .iter()
        .filter(|a| !a.accepted)
        .map(|a| (a.token.hash(), a.id.as_str()))
        .unzip();
    mail::store_claim_links(&mut *tx, &hashes, &claimable, None).await?;

    // Each award is announced: a claim link to claim it, or a link to it in the wallet.
    let messages: Vec<Outgoing<'_>> = awards
        .iter()
        .map(|a| Outgoing {
            to: &a.recipient,
            locale: a.locale,
            message: if a.accepted {
                Message::BadgeAdded {
                    award: a.id.as_str(),
                }
            } else {
                Message::BadgeEarned {
                    award: a.id.as_str(),
                    token: &a.token,
                }
            },
        })
        .collect();
    mail::queue_all(&mut *tx, &messages).await?;
    Ok(awards)
}
