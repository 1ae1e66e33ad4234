//! The audit log against a real PostgreSQL: every writer's rows read back with one typed
//! reader, API tokens and their rows stored together or not at all, and rows written before
//! the one convention read like the new ones.

use accolade::audit::{self, Action, Actor, Subject};
use accolade::auth::api_tokens::{self, Created};
use accolade::domain::SecretToken;
use sqlx::PgPool;

use crate::helpers::{spawn_app, test_db};
use crate::journey::{create_account, location};

/// Makes every audit insert of `action` fail, as a full disk or a broken constraint would (a
/// trigger: real PostgreSQL, no mock).
async fn fail_audit_of(db: &PgPool, action: &str) {
    assert!(action.bytes().all(|b| b.is_ascii_lowercase() || b == b'.'));
    let sql = format!(
        "CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.action = '{action}' THEN
             RAISE EXCEPTION 'the test refuses the audit row {action}';
           END IF;
           RETURN NEW;
         END $$;
         CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log
           FOR EACH ROW EXECUTE FUNCTION fail_audit();"
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(db)
        .await
        .unwrap();
}

fn actions(rows: &[audit::Row]) -> Vec<Option<Action>> {
    rows.iter().map(|r| r.action).collect()
}

#[actix_web::test]
async fn making_and_revoking_a_token_each_leave_one_row_saying_the_command_line_did_it() {
    let db = test_db().await;
    let Created::Created(token) = api_tokens::create(&db, "pearson-feed", Actor::CommandLine)
        .await
        .unwrap()
    else {
        panic!("the token was not made");
    };
    assert_eq!(
        api_tokens::authenticate(&db, &SecretToken::from_presented(token.expose()))
            .await
            .unwrap()
            .as_deref(),
        Some("pearson-feed")
    );
    assert!(
        api_tokens::revoke(&db, "pearson-feed", Actor::CommandLine)
            .await
            .unwrap()
    );
    // Revoked: the token opens nothing, and a second revoke finds no live token.
    assert_eq!(api_tokens::authenticate(&db, &token).await.unwrap(), None);
    assert!(
        !api_tokens::revoke(&db, "pearson-feed", Actor::CommandLine)
            .await
            .unwrap()
    );

    let rows = audit::about(&db, Subject::ApiToken("pearson-feed"))
        .await
        .unwrap();
    assert_eq!(
        actions(&rows),
        [Some(Action::TokenCreated), Some(Action::TokenRevoked)]
    );
    assert!(rows.iter().all(|r| r.actor == Some(Actor::CommandLine)));
    // Names are checked, and one live token has a name.
    assert!(matches!(
        api_tokens::create(&db, "-bad name", Actor::CommandLine)
            .await
            .unwrap(),
        Created::BadName
    ));
    api_tokens::create(&db, "feed", Actor::CommandLine)
        .await
        .unwrap();
    assert!(matches!(
        api_tokens::create(&db, "feed", Actor::CommandLine)
            .await
            .unwrap(),
        Created::NameTaken
    ));
}

#[actix_web::test]
async fn a_revoke_whose_audit_row_cannot_be_written_revokes_nothing() {
    let db = test_db().await;
    let Created::Created(token) = api_tokens::create(&db, "feed", Actor::CommandLine)
        .await
        .unwrap()
    else {
        panic!("the token was not made");
    };
    fail_audit_of(&db, "token.revoke").await;
    assert!(
        api_tokens::revoke(&db, "feed", Actor::CommandLine)
            .await
            .is_err()
    );
    // Neither the revocation nor its row: the token still opens the API.
    assert_eq!(
        api_tokens::authenticate(&db, &token)
            .await
            .unwrap()
            .as_deref(),
        Some("feed")
    );
    let rows = audit::about(&db, Subject::ApiToken("feed")).await.unwrap();
    assert_eq!(actions(&rows), [Some(Action::TokenCreated)]);
}

#[actix_web::test]
async fn a_token_whose_audit_row_cannot_be_written_is_not_made() {
    let db = test_db().await;
    fail_audit_of(&db, "token.create").await;
    assert!(
        api_tokens::create(&db, "feed", Actor::CommandLine)
            .await
            .is_err()
    );
    let tokens: i64 = sqlx::query_scalar("SELECT count(*) FROM api_tokens")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(tokens, 0);
}

#[actix_web::test]
async fn a_new_primary_address_is_logged_with_the_address_before_and_after_by_id() {
    let app = spawn_app().await;
    let ada = create_account(&app.db, "ada@example.com").await;
    let mut tx = app.db.begin().await.unwrap();
    let work = accolade::domain::EmailAddress::parse("ada.work@example.com").unwrap();
    accolade::accounts::add_address(&mut tx, ada, &work)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let id = |email: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM candidate_emails WHERE email = $1")
                .bind(email)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    let (home, work) = (
        id("ada@example.com").await,
        id("ada.work@example.com").await,
    );
    assert_eq!(app.sign_in("ada@example.com").await.status(), 303);
    let response = app
        .post_form(&format!("/settings/emails/{work}/primary"), &[])
        .await;
    assert_eq!(location(&response), "/settings");

    let rows = audit::about(&app.db, Subject::Candidate(ada))
        .await
        .unwrap();
    let changed = rows
        .iter()
        .find(|r| r.action == Some(Action::PrimaryChanged))
        .expect("no row for the new primary address");
    assert_eq!(changed.actor, Some(Actor::Candidate(ada)));
    assert_eq!(
        changed.before,
        Some(serde_json::json!({ "address_id": home }))
    );
    assert_eq!(
        changed.after,
        Some(serde_json::json!({ "address_id": work }))
    );
    // Never an address in the log: it outlives a deleted account.
    let all: Vec<String> = sqlx::query_scalar("SELECT audit_log::text FROM audit_log")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert!(
        all.iter().all(|row| !row.contains("@example.com")),
        "{all:?}"
    );
}

#[actix_web::test]
async fn rows_written_before_the_one_convention_read_like_the_new_ones() {
    let db = test_db().await;
    // The rows as the five writers of before wrote them (the checks of today would refuse
    // them, so they are lifted for the test, as the database was before the migration).
    sqlx::raw_sql(
        "ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_form,
                               DROP CONSTRAINT audit_log_subject_form;
         INSERT INTO audit_log (actor, action, subject, data) VALUES
           ('candidate:7', 'account.created', 'candidate:7', '{}'),
           ('candidate:7', 'award.accepted', 'AAAAAAAAAAAAAAAAAAAAAA', '{}'),
           ('cli', 'token.create', 'feed', '{}'),
           ('cli', 'token.revoke', 'feed', '{}'),
           ('demo', 'catalog.load', NULL, '{\"added\": 3, \"updated\": 0, \"unchanged\": 0}');",
    )
    .execute(&db)
    .await
    .unwrap();
    sqlx::raw_sql(include_str!(
        "../../migrations/20261201230002_audit_one_convention.sql"
    ))
    .execute(&db)
    .await
    .unwrap();

    let account = audit::about(&db, Subject::Candidate(7)).await.unwrap();
    assert_eq!(actions(&account), [Some(Action::AccountCreated)]);
    let award = audit::about(&db, Subject::Award("AAAAAAAAAAAAAAAAAAAAAA"))
        .await
        .unwrap();
    assert_eq!(actions(&award), [Some(Action::AwardAccepted)]);
    assert_eq!(award[0].actor, Some(Actor::Candidate(7)));
    let token = audit::about(&db, Subject::ApiToken("feed")).await.unwrap();
    assert_eq!(
        actions(&token),
        [Some(Action::TokenCreated), Some(Action::TokenRevoked)]
    );
    let catalog = audit::about(&db, Subject::Catalog).await.unwrap();
    // The template's own load, then the demo's, whose name for itself is kept.
    let demo = catalog.last().unwrap();
    assert_eq!(demo.action, Some(Action::CatalogLoaded));
    assert_eq!(demo.actor, Some(Actor::CommandLine));
    assert_eq!(demo.data["recorded_actor"], "demo");
    assert_eq!(demo.data["added"], 3);
    // Every row now passes the checks new rows meet.
    let unreadable: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log
          WHERE NOT (actor = 'cli' OR actor ~ '^(candidate|staff):[0-9]+$')
             OR subject IS NULL",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(unreadable, 0);
}

#[actix_web::test]
async fn the_database_refuses_a_row_in_another_convention() {
    let db = test_db().await;
    for (actor, subject) in [("tests", "candidate:1"), ("cli", "ada@example.com")] {
        let inserted =
            sqlx::query("INSERT INTO audit_log (actor, action, subject) VALUES ($1, 'x', $2)")
                .bind(actor)
                .bind(subject)
                .execute(&db)
                .await;
        assert!(inserted.is_err(), "{actor} {subject}");
    }
}

#[actix_web::test]
async fn turning_auto_accept_on_is_logged_with_its_value_before_and_after_and_saving_unchanged_is_not()
 {
    let app = spawn_app().await;
    let ada = create_account(&app.db, "ada@example.com").await;
    assert_eq!(app.sign_in("ada@example.com").await.status(), 303);
    let profile = |auto_accept: &'static str| {
        [
            ("display_name", "Ada Lovelace"),
            ("handle", "ada"),
            ("bio", "Analyst"),
            ("profile_visibility", "private"),
            ("auto_accept", auto_accept),
            ("language", "en"),
        ]
    };
    for auto_accept in ["on", "on"] {
        let response = app
            .post_form("/settings?form=profile", &profile(auto_accept))
            .await;
        assert_eq!(location(&response), "/settings");
    }
    let rows = audit::about(&app.db, Subject::Candidate(ada))
        .await
        .unwrap();
    let changes: Vec<&audit::Row> = rows
        .iter()
        .filter(|r| r.action == Some(Action::SettingsChanged))
        .collect();
    assert_eq!(changes.len(), 1, "{rows:?}");
    assert_eq!(changes[0].actor, Some(Actor::Candidate(ada)));
    assert_eq!(
        changes[0].before,
        Some(serde_json::json!({ "auto_accept": false }))
    );
    assert_eq!(
        changes[0].after,
        Some(serde_json::json!({ "auto_accept": true }))
    );
    // The person's own words stay out of the log.
    let all: Vec<String> = sqlx::query_scalar("SELECT audit_log::text FROM audit_log")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert!(
        all.iter()
            .all(|row| !row.contains("Analyst") && !row.contains("Lovelace")),
        "{all:?}"
    );
}
