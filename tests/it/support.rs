//! The support console: who may open each route, what the searches, the profile and the
//! missing-badge view show, each action's effect and its audit row, and the merge's edge
//! cases (the same badge in both accounts; an accept or an import at the same moment).

use std::time::Duration;

use accolade::auth::roles::Role;
use sqlx::PgPool;

use crate::helpers::{TestApp, import_csv_text};
use crate::journey::{
    MailApp, award_state, awards_of, create_account, link_in, location, spawn_mail_app,
    visible_text,
};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const REASON: &str = "Ticket 4711: the candidate called";

/// Imports one pass of `exam` for `email`, reported as `name` ("Given Family").
async fn pass(db: &PgPool, result_id: &str, email: &str, name: &str, exam: &str) {
    let (given, family) = name.split_once(' ').unwrap();
    let (_, rejected) = import_csv_text(
        db,
        format!(
            "{HEADER}{result_id},pearsonvue,{email},{given},{family},{exam},2025-06-01,en-US\n"
        ),
    )
    .await;
    assert!(rejected.is_empty(), "{rejected:?}");
}

async fn account_of(db: &PgPool, email: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT candidate_id FROM candidate_emails WHERE email = $1")
        .bind(email)
        .fetch_optional(db)
        .await
        .unwrap()
}

async fn agent(app: &MailApp) -> (TestApp, i64) {
    let agent = app
        .signed_in_as_staff("agent@support.example", Role::Support)
        .await;
    let id = account_of(&app.db, "agent@support.example").await.unwrap();
    (agent, id)
}

/// Support's audit rows: (action, subject, actor, reason, before, after).
type AuditRow = (
    String,
    String,
    String,
    Option<String>,
    Option<serde_json::Value>,
    Option<serde_json::Value>,
);

async fn support_rows(db: &PgPool, action: &str) -> Vec<AuditRow> {
    sqlx::query_as(
        "SELECT action, subject, actor, reason, before, after FROM audit_log
          WHERE action = $1 ORDER BY id",
    )
    .bind(action)
    .fetch_all(db)
    .await
    .unwrap()
}

#[actix_web::test]
async fn every_console_route_opens_for_support_and_admin_and_is_a_404_for_anyone_else() {
    let app = spawn_mail_app().await;
    pass(&app.db, "R-1", "lost@example.com", "Ada Lovelace", "AZ-900").await;
    let award = awards_of(&app.db, "lost@example.com").await.remove(0);
    let one = create_account(&app.db, "one@example.com").await;
    let two = create_account(&app.db, "two@example.com").await;
    let mail: i64 = sqlx::query_scalar("SELECT id FROM outbox ORDER BY id LIMIT 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let pages = [
        "/support".to_owned(),
        "/support?q=lost%40".to_owned(),
        format!("/support/candidates/{one}"),
        "/support/missing?email=lost%40example.com".to_owned(),
        format!("/support/awards/{award}/resend"),
        format!("/support/candidates/{one}/attach?email=lost%40example.com"),
        format!("/support/candidates/{one}/merge?other={two}"),
        format!("/support/mail/{mail}/retry"),
    ];
    let anonymous = app.with_new_client();
    let candidate = app.signed_in_as("candidate@example.com").await;
    let support = app
        .signed_in_as_staff("agent@support.example", Role::Support)
        .await;
    let admin = app
        .signed_in_as_staff("boss@support.example", Role::Admin)
        .await;
    for path in &pages {
        anonymous.page(path, 404).await;
        candidate.page(path, 404).await;
        support.page(path, 200).await;
        admin.page(path, 200).await;
    }
    // Nobody but staff acts, with or without a reason.
    let posts = &pages[4..];
    for path in posts {
        for who in [&anonymous, &candidate] {
            let response = who.post_form(path, &[("reason", REASON)]).await;
            assert_eq!(response.status(), 404, "POST {path}");
        }
    }
    let changed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action LIKE 'support.%' AND action <> 'support.profile_viewed'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(changed, 0);
    assert_eq!(account_of(&app.db, "lost@example.com").await, None);
    assert!(account_of(&app.db, "two@example.com").await.is_some());
}

#[actix_web::test]
async fn search_finds_addresses_without_an_account_names_award_ids_and_result_ids_page_by_page() {
    let app = spawn_mail_app().await;
    let (agent, _) = agent(&app).await;
    pass(
        &app.db,
        "R-77",
        "ada@old-work.example",
        "Ada Lovelace",
        "AZ-900",
    )
    .await;
    create_account(&app.db, "ada@home.example").await;
    let award = awards_of(&app.db, "ada@old-work.example").await.remove(0);

    let page = visible_text(&agent.page("/support?q=ADA%40", 200).await);
    assert!(page.contains("ada@old-work.example"), "{page}");
    assert!(page.contains("No account"), "{page}");
    assert!(page.contains("ada@home.example"), "{page}");
    assert!(page.contains("Test Candidate"), "{page}");

    let page = visible_text(&agent.page("/support?q=ada+lov", 200).await);
    assert!(page.contains("Ada Lovelace ada@old-work.example"), "{page}");
    let page = visible_text(&agent.page(&format!("/support?q={award}"), 200).await);
    assert!(
        page.contains(&award) && page.contains("ada@old-work.example"),
        "{page}"
    );
    let page = visible_text(&agent.page("/support?q=R-77", 200).await);
    assert!(page.contains("pearsonvue:R-77"), "{page}");
    let page = visible_text(&agent.page("/support?q=nobody", 200).await);
    assert!(page.contains("Nothing found"), "{page}");

    // 30 people of one name: two pages, no one twice, no one missed.
    let mut csv = HEADER.to_owned();
    for i in 0..30 {
        csv += &format!(
            "P-{i},pearsonvue,grace{i:02}@example.com,Grace,Hopper,AZ-900,2025-06-01,en-US\n"
        );
    }
    import_csv_text(&app.db, csv).await;
    let first = agent.page("/support?q=grace", 200).await;
    let next = regex::Regex::new(r#"href="(/support\?q=grace&(?:amp|#38);after_key=[^"]+)""#)
        .unwrap()
        .captures(&first)
        .map(|c| c[1].replace("&amp;", "&").replace("&#38;", "&"))
        .unwrap_or_else(|| panic!("a link to the next page: {first}"));
    let second = agent.page(&next, 200).await;
    let found = |html: &str| -> Vec<String> {
        regex::Regex::new(r"grace\d\d@example\.com")
            .unwrap()
            .find_iter(&visible_text(html))
            .map(|m| m.as_str().to_owned())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let (one, two) = (found(&first), found(&second));
    assert_eq!(one.len(), 25);
    assert_eq!(two.len(), 5);
    assert!(one.iter().all(|e| !two.contains(e)));
    assert!(!second.contains("Next page"), "a third page of nothing");
}

#[actix_web::test]
async fn a_profile_shows_everything_in_words_and_opening_it_is_logged() {
    let app = spawn_mail_app().await;
    let (agent, agent_id) = agent(&app).await;
    let id = create_account(&app.db, "ada@home.example").await;
    pass(&app.db, "R-1", "ada@home.example", "Ada Lovelace", "AZ-900").await;
    pass(&app.db, "R-2", "ada@home.example", "Ada Lovelace", "74-343").await;
    pass(&app.db, "R-3", "ada@home.example", "Ada Lovelace", "70-536").await;
    let page = visible_text(&agent.page(&format!("/support/candidates/{id}"), 200).await);
    for words in [
        "ada@home.example",
        "Certification awarded instead",
        "Excluded exam: no badge",
        "Legacy exam: no badge",
        "Badge to claim",
        "Pending",
        "pearsonvue:R-2",
    ] {
        assert!(page.contains(words), "{words}: {page}");
    }
    let viewed = support_rows(&app.db, "support.profile_viewed").await;
    assert_eq!(viewed.len(), 1);
    assert_eq!(viewed[0].1, format!("candidate:{id}"));
    assert_eq!(viewed[0].2, format!("staff:{agent_id}"));
    // The trail shows the view itself the next time.
    let page = visible_text(&agent.page(&format!("/support/candidates/{id}"), 200).await);
    assert!(page.contains("support.profile_viewed"), "{page}");
    agent.page("/support/candidates/999999", 404).await;
}

#[actix_web::test]
async fn the_missing_badge_view_shows_variants_the_same_name_and_an_address_nobody_verified() {
    let app = spawn_mail_app().await;
    let (agent, _) = agent(&app).await;
    let id = create_account(&app.db, "ada@home.example").await;
    pass(
        &app.db,
        "R-1",
        "a.da+exam@home.example",
        "Ada Lovelace",
        "AZ-900",
    )
    .await;
    pass(&app.db, "R-2", "ada@work.example", "Ada Lovelace", "AZ-104").await;
    pass(&app.db, "R-3", "ada@old.example", "Ada Byron", "AI-900").await;

    let page = agent
        .page(
            "/support/missing?email=ada%40home.example&name=Ada+Lovelace",
            200,
        )
        .await;
    let text = visible_text(&page);
    assert!(
        text.contains("a.da+exam@home.example Same mailbox written differently"),
        "{text}"
    );
    assert!(text.contains("1 badge waiting, on no account"), "{text}");
    assert!(text.contains("ada@work.example Same name"), "{text}");
    assert!(!text.contains("ada@old.example"), "{text}");
    assert!(page.contains(&format!(
        "/support/candidates/{id}/attach?email=a.da%2Bexam%40home.example"
    )));

    // An account asked to add an address and never opened the link.
    let owner = app.signed_in_as("byron@example.com").await;
    let asked = owner
        .post_form("/settings?form=emails", &[("email", "ada@old.example")])
        .await;
    assert_eq!(asked.status(), 303);
    let text = visible_text(
        &agent
            .page("/support/missing?email=ada%40old.example", 200)
            .await,
    );
    assert!(text.contains("No account holds this address"), "{text}");
    assert!(
        text.contains("asked to add this address and never opened the link"),
        "{text}"
    );
    assert!(text.contains("Address not on any account"), "{text}");

    let bad = agent
        .page("/support/missing?email=not-an-address", 422)
        .await;
    assert!(visible_text(&bad).contains("valid email address") || bad.contains("field-error"));
}

#[actix_web::test]
async fn resending_a_notification_needs_a_reason_sends_a_fresh_claim_link_and_is_audited() {
    let app = spawn_mail_app().await;
    let (agent, agent_id) = agent(&app).await;
    pass(&app.db, "R-1", "lost@example.com", "Ada Lovelace", "AZ-900").await;
    let award = awards_of(&app.db, "lost@example.com").await.remove(0);
    let first = app.last_mail_to("lost@example.com").await;
    let path = format!("/support/awards/{award}/resend");

    let refused = agent.post_form(&path, &[("reason", "  ")]).await;
    assert_eq!(refused.status(), 422);
    assert!(visible_text(&refused.text().await.unwrap()).contains("Give the reason"));
    assert!(
        support_rows(&app.db, "support.notification_resent")
            .await
            .is_empty()
    );

    let done = agent.post_form(&path, &[("reason", REASON)]).await;
    assert_eq!(done.status(), 303);
    assert_eq!(location(&done), "/support/missing?email=lost%40example.com");
    let again = app.last_mail_to("lost@example.com").await;
    let (old, new) = (link_in(&first, "/claim/"), link_in(&again, "/claim/"));
    assert_ne!(old, new, "a fresh claim link");
    app.with_new_client().page(&new, 200).await;
    app.with_new_client().page(&old, 200).await;

    let rows = support_rows(&app.db, "support.notification_resent").await;
    assert_eq!(rows.len(), 1);
    let (_, subject, actor, reason, before, after) = &rows[0];
    assert_eq!(subject, &format!("award:{award}"));
    assert_eq!(actor, &format!("staff:{agent_id}"));
    assert_eq!(reason.as_deref(), Some(REASON));
    assert_eq!(before, &Some(serde_json::json!({ "claim_links": 1 })));
    assert_eq!(after, &Some(serde_json::json!({ "claim_links": 2 })));

    // An accepted badge has nothing to claim.
    sqlx::query("UPDATE awards SET state = 'accepted', accepted_at = now() WHERE id = $1")
        .bind(&award)
        .execute(&app.db)
        .await
        .unwrap();
    let refused = agent.post_form(&path, &[("reason", REASON)]).await;
    assert_eq!(refused.status(), 422);
    assert!(visible_text(&refused.text().await.unwrap()).contains("not pending"));
}

#[actix_web::test]
async fn attaching_an_address_moves_its_badges_tells_the_owner_and_is_audited() {
    let app = spawn_mail_app().await;
    let (agent, agent_id) = agent(&app).await;
    let owner = app.signed_in_as("ada@home.example").await;
    let id = account_of(&app.db, "ada@home.example").await.unwrap();
    pass(
        &app.db,
        "R-1",
        "ada@old-work.example",
        "Ada Lovelace",
        "AZ-900",
    )
    .await;
    let award = awards_of(&app.db, "ada@old-work.example").await.remove(0);
    let path = format!("/support/candidates/{id}/attach?email=ada%40old-work.example");

    let done = agent.post_form(&path, &[("reason", REASON)]).await;
    assert_eq!(done.status(), 303);
    assert_eq!(location(&done), format!("/support/candidates/{id}"));
    assert_eq!(account_of(&app.db, "ada@old-work.example").await, Some(id));
    let wallet = visible_text(&owner.page("/wallet", 200).await);
    assert!(wallet.contains("Azure Fundamentals"), "{wallet}");
    let told = app.last_mail_to("ada@home.example").await;
    assert!(
        told.text().contains("ada@old-work.example"),
        "{}",
        told.text()
    );
    assert!(told.text().contains("Support added an address"));
    let candidate: Option<i64> =
        sqlx::query_scalar("SELECT candidate_id FROM awards WHERE id = $1")
            .bind(&award)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(candidate, Some(id));
    let rows = support_rows(&app.db, "support.address_attached").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, format!("candidate:{id}"));
    assert_eq!(rows[0].2, format!("staff:{agent_id}"));
    assert_eq!(rows[0].3.as_deref(), Some(REASON));
    assert_eq!(rows[0].4, Some(serde_json::json!({ "addresses": 1 })));

    // Again: it is on the account already. Someone else's address: merge instead.
    let again = agent.post_form(&path, &[("reason", REASON)]).await;
    assert_eq!(again.status(), 422);
    let other = create_account(&app.db, "someone@example.com").await;
    let taken = agent
        .post_form(
            &format!("/support/candidates/{id}/attach?email=someone%40example.com"),
            &[("reason", REASON)],
        )
        .await;
    assert_eq!(taken.status(), 422);
    assert!(visible_text(&taken.text().await.unwrap()).contains(&format!("account #{other}")));
    assert_eq!(
        support_rows(&app.db, "support.address_attached")
            .await
            .len(),
        1
    );
}

#[actix_web::test]
async fn retrying_a_failed_email_queues_it_again_with_a_fresh_claim_link_and_is_audited() {
    let app = spawn_mail_app().await;
    let (agent, _) = agent(&app).await;
    pass(&app.db, "R-1", "lost@example.com", "Ada Lovelace", "AZ-900").await;
    let award = awards_of(&app.db, "lost@example.com").await.remove(0);
    // As the worker leaves a message that failed for good: no token any more.
    let mail: i64 = sqlx::query_scalar(
        "UPDATE outbox SET state = 'failed', attempts = 12, last_error = 'mailbox full',
                data = data - 'token'
          WHERE award_id = $1 RETURNING id",
    )
    .bind(&award)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let page = visible_text(
        &agent
            .page("/support/missing?email=lost%40example.com", 200)
            .await,
    );
    assert!(
        page.contains("Failed") && page.contains("mailbox full"),
        "{page}"
    );

    let path = format!("/support/mail/{mail}/retry");
    let done = agent.post_form(&path, &[("reason", REASON)]).await;
    assert_eq!(done.status(), 303);
    let received = app.last_mail_to("lost@example.com").await;
    app.with_new_client()
        .page(&link_in(&received, "/claim/"), 200)
        .await;
    let (state, attempts): (String, i32) =
        sqlx::query_as("SELECT state, attempts FROM outbox WHERE id = $1")
            .bind(mail)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((state.as_str(), attempts), ("sent", 1));
    // The one retry of both consoles, about the award, with the agent's reason.
    let rows = support_rows(&app.db, "mail.retried").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, format!("award:{award}"));
    assert_eq!(rows[0].3.as_deref(), Some(REASON));
    assert_eq!(
        rows[0].4,
        Some(serde_json::json!({ "state": "failed", "attempts": 12 }))
    );
    // Sent now: nothing to retry.
    let again = agent.post_form(&path, &[("reason", REASON)]).await;
    assert_eq!(again.status(), 422);
}

/// The award that the pass of `exam` reported under `email` gave.
async fn award_of(db: &PgPool, email: &str, exam: &str) -> String {
    sqlx::query_scalar(
        "SELECT a.id FROM awards a JOIN results r ON r.id = a.result_id
          WHERE a.recipient_email = $1 AND r.exam_code = $2",
    )
    .bind(email)
    .bind(exam)
    .fetch_one(db)
    .await
    .unwrap()
}

#[actix_web::test]
async fn a_merge_moves_everything_closes_the_other_account_and_keeps_the_accepted_badge() {
    let app = spawn_mail_app().await;
    let (agent, agent_id) = agent(&app).await;
    let kept = create_account(&app.db, "ada@home.example").await;
    let other_browser = app.signed_in_as("ada@work.example").await;
    let other = account_of(&app.db, "ada@work.example").await.unwrap();
    pass(&app.db, "R-1", "ada@home.example", "Ada Lovelace", "AZ-900").await;
    pass(&app.db, "R-2", "ada@work.example", "Ada Lovelace", "AZ-900").await;
    pass(&app.db, "R-3", "ada@work.example", "Ada Lovelace", "AZ-104").await;
    sqlx::query("INSERT INTO identities (candidate_id, provider, subject) VALUES ($1, 'microsoft', 'sub-1')")
        .bind(other)
        .execute(&app.db)
        .await
        .unwrap();
    let pending = award_of(&app.db, "ada@home.example", "AZ-900").await;
    // The closed account holds the accepted one.
    let accepted = award_of(&app.db, "ada@work.example", "AZ-900").await;
    let accept = other_browser
        .post_form(&format!("/wallet/{accepted}/accept"), &[])
        .await;
    assert_eq!(accept.status(), 303);

    let path = format!("/support/candidates/{kept}/merge?other=ada%40work.example");
    let page = visible_text(&agent.page(&path, 200).await);
    assert!(
        page.contains("ada@work.example") && page.contains(&format!("#{other}")),
        "{page}"
    );
    let done = agent.post_form(&path, &[("reason", REASON)]).await;
    assert_eq!(done.status(), 303);

    assert_eq!(account_of(&app.db, "ada@work.example").await, Some(kept));
    let gone: i64 = sqlx::query_scalar("SELECT count(*) FROM candidates WHERE id = $1")
        .bind(other)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(gone, 0);
    let provider: i64 =
        sqlx::query_scalar("SELECT candidate_id FROM identities WHERE subject = 'sub-1'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(provider, kept);
    assert_eq!(award_state(&app.db, &accepted).await, "accepted");
    assert_eq!(award_state(&app.db, &pending).await, "declined");
    let owners: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT candidate_id FROM awards ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(owners.iter().all(|o| *o == Some(kept)), "{owners:?}");
    // The closed account's session ended.
    let wallet = other_browser.get("/wallet").await;
    assert_eq!(wallet.status(), 303);
    // Who, why, before and after, about both accounts; the duplicate's decline too.
    let rows = support_rows(&app.db, "support.accounts_merged").await;
    let subjects: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        subjects,
        [format!("candidate:{kept}"), format!("candidate:{other}")]
    );
    assert!(
        rows.iter()
            .all(|r| r.2 == format!("staff:{agent_id}") && r.3.as_deref() == Some(REASON))
    );
    assert_eq!(
        rows[0].4,
        Some(serde_json::json!({ "accounts": [kept, other] }))
    );
    let declined: Vec<(String, String)> =
        sqlx::query_as("SELECT subject, actor FROM audit_log WHERE action = 'award.declined'")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        declined,
        [(format!("award:{pending}"), format!("staff:{agent_id}"))]
    );
}

#[actix_web::test]
async fn a_merge_is_refused_into_itself_and_when_both_accounts_use_one_provider() {
    let app = spawn_mail_app().await;
    let (agent, _) = agent(&app).await;
    let kept = create_account(&app.db, "ada@home.example").await;
    let other = create_account(&app.db, "ada@work.example").await;
    for (id, subject) in [(kept, "a"), (other, "b")] {
        sqlx::query(
            "INSERT INTO identities (candidate_id, provider, subject) VALUES ($1, 'google', $2)",
        )
        .bind(id)
        .bind(subject)
        .execute(&app.db)
        .await
        .unwrap();
    }
    let same = agent
        .post_form(
            &format!("/support/candidates/{kept}/merge?other={kept}"),
            &[("reason", REASON)],
        )
        .await;
    assert_eq!(same.status(), 422);
    let clash = agent
        .post_form(
            &format!("/support/candidates/{kept}/merge?other={other}"),
            &[("reason", REASON)],
        )
        .await;
    assert_eq!(clash.status(), 422);
    assert!(
        visible_text(&clash.text().await.unwrap()).contains("Both accounts sign in with google")
    );
    assert_eq!(account_of(&app.db, "ada@work.example").await, Some(other));
}

#[actix_web::test]
async fn a_badge_accepted_in_both_accounts_stays_accepted_once_and_its_duplicate_cannot_be_accepted_again()
 {
    let app = spawn_mail_app().await;
    let (agent, _) = agent(&app).await;
    let home = app.signed_in_as("ada@home.example").await;
    let kept = account_of(&app.db, "ada@home.example").await.unwrap();
    let work = app.signed_in_as("ada@work.example").await;
    let other = account_of(&app.db, "ada@work.example").await.unwrap();
    pass(&app.db, "R-1", "ada@home.example", "Ada Lovelace", "AZ-900").await;
    pass(&app.db, "R-2", "ada@work.example", "Ada Lovelace", "AZ-900").await;
    let first = award_of(&app.db, "ada@home.example", "AZ-900").await;
    let second = award_of(&app.db, "ada@work.example", "AZ-900").await;
    for (browser, award) in [(&home, &first), (&work, &second)] {
        let accept = browser
            .post_form(&format!("/wallet/{award}/accept"), &[])
            .await;
        assert_eq!(accept.status(), 303);
    }
    let path = format!("/support/candidates/{kept}/merge?other={other}");
    assert_eq!(
        agent.post_form(&path, &[("reason", REASON)]).await.status(),
        303
    );
    // The first accepted stays; the other is declined.
    assert_eq!(award_state(&app.db, &first).await, "accepted");
    assert_eq!(award_state(&app.db, &second).await, "declined");

    // The person cannot hold the badge twice: accepting the duplicate is refused in words.
    let again = home
        .post_form(&format!("/wallet/{second}/accept"), &[])
        .await;
    assert_eq!(again.status(), 303);
    let back = visible_text(&home.page(&location(&again), 200).await);
    assert!(back.contains("You already hold this badge"), "{back}");
    assert_eq!(award_state(&app.db, &second).await, "declined");
    // Nor does the database take it, whatever the code path.
    let twice =
        sqlx::query("UPDATE awards SET state = 'accepted', accepted_at = now() WHERE id = $1")
            .bind(&second)
            .execute(&app.db)
            .await;
    assert!(
        twice.is_err(),
        "a second accepted award of one badge was stored"
    );
}

/// The awards of badge class `code` in the wallet of `candidate`: (id, state, address, issued on).
async fn awards_of_class(
    db: &PgPool,
    candidate: i64,
    code: &str,
) -> Vec<(String, String, String, chrono::NaiveDate)> {
    sqlx::query_as(
        "SELECT a.id, a.state, a.recipient_email, a.issued_on
           FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
          WHERE a.candidate_id = $1 AND b.code = $2",
    )
    .bind(candidate)
    .bind(code)
    .fetch_all(db)
    .await
    .unwrap()
}

#[actix_web::test]
async fn a_merge_awards_the_certification_whose_exams_were_passed_under_both_accounts() {
    let app = spawn_mail_app().await;
    let (agent, _) = agent(&app).await;
    let kept = create_account(&app.db, "ada@home.example").await;
    let other = create_account(&app.db, "ada@work.example").await;
    // The administrator certification at home; the expert's exam at work, where its
    // prerequisite is missing: the exam's own badge only.
    pass(&app.db, "R-1", "ada@home.example", "Ada Lovelace", "AZ-104").await;
    pass(&app.db, "R-2", "ada@work.example", "Ada Lovelace", "AZ-305").await;
    assert!(
        awards_of_class(&app.db, other, "azure-solutions-architect")
            .await
            .is_empty()
    );

    let path = format!("/support/candidates/{kept}/merge?other={other}");
    assert_eq!(
        agent.post_form(&path, &[("reason", REASON)]).await.status(),
        303
    );
    let expert = awards_of_class(&app.db, kept, "azure-solutions-architect").await;
    assert_eq!(expert.len(), 1, "{expert:?}");
    let (id, state, address, issued) = &expert[0];
    assert_eq!(
        (state.as_str(), address.as_str()),
        ("pending", "ada@work.example")
    );
    assert_eq!(issued.to_string(), "2025-06-01");
    // Announced as any new badge, with its claim link.
    let mail = app.last_mail_to("ada@work.example").await;
    app.with_new_client()
        .page(&link_in(&mail, "/claim/"), 200)
        .await;
    let rows = support_rows(&app.db, "support.accounts_merged").await;
    let data: serde_json::Value = sqlx::query_scalar(
        "SELECT data FROM audit_log WHERE action = 'support.accounts_merged' LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(data["certifications_awarded"][0]["award_id"], id.as_str());
    // A second look changes nothing: the joined history owes nothing more.
    let again = awards_of_class(&app.db, kept, "azure-solutions-architect").await;
    assert_eq!(again.len(), 1);
}

#[actix_web::test]
async fn attaching_an_address_awards_the_certification_its_passes_complete_with_the_accounts() {
    let app = spawn_mail_app().await;
    let (agent, _) = agent(&app).await;
    let kept = create_account(&app.db, "ada@home.example").await;
    for (n, exam) in [(1, "70-740"), (2, "70-741")] {
        pass(
            &app.db,
            &format!("R-{n}"),
            "ada@home.example",
            "Ada Lovelace",
            exam,
        )
        .await;
    }
    // The third exam under an address of no account yet.
    pass(&app.db, "R-3", "ada@old.example", "Ada Lovelace", "70-742").await;
    let path = format!("/support/candidates/{kept}/attach?email=ada%40old.example");
    assert_eq!(
        agent.post_form(&path, &[("reason", REASON)]).await.status(),
        303
    );
    let mcsa = awards_of_class(&app.db, kept, "mcsa-windows-server-2016").await;
    assert_eq!(mcsa.len(), 1, "{mcsa:?}");
    assert_eq!(mcsa[0].2, "ada@old.example");
}

#[actix_web::test]
async fn a_merge_that_would_close_a_staff_account_is_refused() {
    let app = spawn_mail_app().await;
    let (agent, agent_id) = agent(&app).await;
    let kept = create_account(&app.db, "ada@home.example").await;
    let path = format!("/support/candidates/{kept}/merge?other={agent_id}");
    let refused = agent.post_form(&path, &[("reason", REASON)]).await;
    assert_eq!(refused.status(), 422);
    let text = visible_text(&refused.text().await.unwrap());
    assert!(text.contains("holds a staff role"), "{text}");
    let roles: i64 = sqlx::query_scalar("SELECT count(*) FROM staff_roles WHERE candidate_id = $1")
        .bind(agent_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(roles, 1);
}

#[actix_web::test]
async fn a_merge_while_the_other_account_accepts_its_badge_keeps_one_badge_and_the_accept_if_it_won()
 {
    let app = spawn_mail_app().await;
    let (agent, _) = agent(&app).await;
    let kept = create_account(&app.db, "ada@home.example").await;
    let other_browser = app.signed_in_as("ada@work.example").await;
    pass(&app.db, "R-1", "ada@home.example", "Ada Lovelace", "AZ-900").await;
    pass(&app.db, "R-2", "ada@work.example", "Ada Lovelace", "AZ-900").await;
    let theirs = award_of(&app.db, "ada@work.example", "AZ-900").await;
    let accept_path = format!("/wallet/{theirs}/accept");
    let merge_path = format!("/support/candidates/{kept}/merge?other=ada%40work.example");
    // Both wait on the award's row, then go at once.
    let mut hold = app.db.begin().await.unwrap();
    sqlx::query("SELECT id FROM awards WHERE id = $1 FOR UPDATE")
        .bind(&theirs)
        .execute(&mut *hold)
        .await
        .unwrap();
    let accept_csrf = other_browser.csrf().await;
    let agent_csrf = agent.csrf().await;
    let accept_form = [("csrf", accept_csrf.as_str())];
    let merge_form = [("csrf", agent_csrf.as_str()), ("reason", REASON)];
    let (accepted, merged, ()) = tokio::join!(
        other_browser.post_raw(&accept_path, &accept_form),
        agent.post_raw(&merge_path, &merge_form),
        async {
            tokio::time::sleep(Duration::from_millis(500)).await;
            hold.commit().await.unwrap();
        }
    );
    assert_eq!(merged.status(), 303);
    let live: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, state FROM awards WHERE candidate_id = $1 AND state <> 'declined'",
    )
    .bind(kept)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(live.len(), 1, "one badge of AZ-900 stays: {live:?}");
    match accepted.status().as_u16() {
        // The accept went first: the merge saw it and kept it.
        303 => assert_eq!(live[0], (theirs.clone(), "accepted".to_owned())),
        // The merge went first: the award was no longer that account's.
        404 => assert_eq!(live[0].1, "pending"),
        other => panic!("accept answered {other}"),
    }
}

#[actix_web::test]
async fn a_merge_while_an_import_for_one_of_its_addresses_runs_leaves_every_badge_in_the_kept_account()
 {
    let app = spawn_mail_app().await;
    let (agent, _) = agent(&app).await;
    let kept = create_account(&app.db, "ada@home.example").await;
    create_account(&app.db, "ada@work.example").await;
    pass(&app.db, "R-1", "ada@home.example", "Ada Lovelace", "AZ-900").await;
    // The import and the merge both wait on the person lock of the address, then go at once.
    let mut hold = app.db.begin().await.unwrap();
    accolade::db::locks::lock_people(&mut hold, ["ada@work.example"])
        .await
        .unwrap();
    let csrf = agent.csrf().await;
    let path = format!("/support/candidates/{kept}/merge?other=ada%40work.example");
    let csv = format!(
        "{HEADER}R-2,pearsonvue,ada@work.example,Ada,Lovelace,AZ-900,2025-07-01,en-US\n\
         R-3,pearsonvue,ada@work.example,Ada,Lovelace,AZ-104,2025-07-02,en-US\n"
    );
    let form = [("csrf", csrf.as_str()), ("reason", REASON)];
    let (merged, _, ()) = tokio::join!(
        agent.post_raw(&path, &form),
        import_csv_text(&app.db, csv),
        async {
            tokio::time::sleep(Duration::from_millis(500)).await;
            hold.commit().await.unwrap();
        }
    );
    assert_eq!(merged.status(), 303);
    let awards: Vec<(String, Option<i64>, String, String)> = sqlx::query_as(
        "SELECT a.recipient_email, a.candidate_id, b.code, a.state
           FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id ORDER BY 1, 3",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(awards.iter().all(|a| a.1 == Some(kept)), "{awards:?}");
    // Whichever went first, the person holds AZ-900 once and AZ-104 once.
    let mut live: Vec<&str> = awards
        .iter()
        .filter(|a| a.3 != "declined")
        .map(|a| a.2.as_str())
        .collect();
    live.sort_unstable();
    assert_eq!(live.len(), 2, "{awards:?}");
    assert!(!live.windows(2).any(|w| w[0] == w[1]), "{awards:?}");
}
