//! Revoking an award: `accolade award revoke` through the real binary (audited, the claim
//! link stops working, a second run changes nothing, unknown and malformed ids and bad
//! reasons refused), and the email that tells the earner, once, in their language.

use accolade::audit::{self, Action, Actor, Subject};
use accolade::awards::{self, Revoked};
use accolade::domain::AwardId;
use sqlx::PgPool;

use crate::binary::{accolade_in, text};
use crate::helpers::{count, import_csv_text, test_db_with_url};
use crate::journey::{MailApp, award_state, awards_of, link_in, spawn_mail_app, visible_text};
use crate::smtp::Received;

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const REASON: &str = "The exam result was annulled after a proctoring review.";
const BADGE: &str = "Microsoft Certified: Azure Fundamentals";

/// Imports one AZ-900 pass for `email` in `locale`; returns its award's id.
async fn award(db: &PgPool, result_id: &str, email: &str, locale: &str) -> String {
    let (_, rejected) = import_csv_text(
        db,
        format!("{HEADER}{result_id},pearsonvue,{email},Ada,Lovelace,AZ-900,2025-06-01,{locale}\n"),
    )
    .await;
    assert!(rejected.is_empty(), "{rejected:?}");
    awards_of(db, email).await.remove(0)
}

fn revoke_cli(database_url: &str, award: &str, reason: &str) -> std::process::Output {
    accolade_in(
        database_url,
        &["award", "revoke", award, "--reason", reason],
        "C.UTF-8",
    )
}

/// The mail sent to `to` so far (after delivering what is due).
async fn mail_to(app: &MailApp, to: &str) -> Vec<Received> {
    app.deliver()
        .await
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t == to))
        .collect()
}

#[actix_web::test]
async fn a_revocation_on_the_command_line_is_audited_ends_the_claim_link_and_is_emailed_once() {
    let app = spawn_mail_app().await;
    let id = award(&app.db, "R-1", "ada@example.com", "en-US").await;
    let claim = link_in(&app.last_mail_to("ada@example.com").await, "/claim/");

    let output = revoke_cli(&app.database_url, &id, REASON);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let said = text(&output.stdout);
    assert!(said.starts_with(&format!("award {id} revoked: ")), "{said}");
    // The output is not a terminal: plain text.
    assert!(!said.contains('\u{1b}'), "{said:?}");
    assert_eq!(award_state(&app.db, &id).await, "revoked");

    // Audited: the command line did it, why, and from which state to which.
    let rows = audit::about(&app.db, Subject::Award(&id)).await.unwrap();
    let revoked: Vec<_> = rows
        .iter()
        .filter(|r| r.action == Some(Action::AwardRevoked))
        .collect();
    assert_eq!(revoked.len(), 1, "{rows:?}");
    let row = revoked[0];
    assert_eq!(row.actor, Some(Actor::CommandLine));
    assert_eq!(row.reason.as_deref(), Some(REASON));
    assert_eq!(row.before, Some(serde_json::json!({"state": "pending"})));
    assert_eq!(row.after, Some(serde_json::json!({"state": "revoked"})));

    // The claim link no longer works, and its page says why.
    let page = visible_text(&app.page(&claim, 410).await);
    assert!(page.contains("This badge has been revoked"), "{page}");

    // The earner is told: which badge, by whom, why; a link to the wallet, no claim link.
    let mails = mail_to(&app, "ada@example.com").await;
    assert_eq!(mails.len(), 2, "the award's email, then the revocation");
    let mail = &mails[1];
    assert_eq!(mail.subject(), format!("Your badge was revoked: {BADGE}"));
    let body = mail.text().replace("\r\n", "\n");
    assert!(
        body.contains(&format!("Microsoft has revoked your badge “{BADGE}”.")),
        "{body}"
    );
    assert!(
        body.contains(&format!("Reason given by Microsoft:\n{REASON}\n")),
        "{body}"
    );
    let wallet = link_in(mail, "/wallet/");
    assert_eq!(wallet, format!("/wallet/{id}"));
    assert!(!body.contains("/claim/"), "{body}");
    let html = mail.html();
    assert!(html.contains(REASON), "{html}");
    assert!(!html.contains("/claim/"), "{html}");
    assert!(
        html.contains(&format!(
            "<img src=\"{}/images/badges/azure-fundamentals.png\" width=\"120\" height=\"120\" alt=\"{BADGE}\"",
            app.address
        )),
        "{html}"
    );

    // Again, with another reason: nothing changes, nothing more is sent, exit 0.
    let again = revoke_cli(&app.database_url, &id, "Another reason.");
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    let said = text(&again.stdout);
    assert!(
        said.starts_with(&format!(
            "the award {id} was already revoked: nothing changed"
        )),
        "{said}"
    );
    let reason: Option<String> =
        sqlx::query_scalar("SELECT state_reason FROM awards WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(reason.as_deref(), Some(REASON), "the first reason stays");
    let rows = audit::about(&app.db, Subject::Award(&id)).await.unwrap();
    assert_eq!(
        rows.iter()
            .filter(|r| r.action == Some(Action::AwardRevoked))
            .count(),
        1
    );
    assert_eq!(mail_to(&app, "ada@example.com").await.len(), 2);
}

#[actix_web::test]
async fn malformed_and_unknown_ids_and_bad_reasons_are_refused_with_a_clear_message() {
    let (db, url) = test_db_with_url().await;
    let id = award(&db, "R-2", "ada@example.com", "en-US").await;
    let queued = count(&db, "outbox").await;

    let malformed = revoke_cli(&url, "42", REASON);
    assert_eq!(malformed.status.code(), Some(1));
    let said = text(&malformed.stderr);
    assert!(said.starts_with("“42” is not an award id: "), "{said}");
    assert!(
        !said.contains('\u{1b}') && !said.contains("panick"),
        "{said:?}"
    );

    // An id may begin with a dash (URL-safe base64): it is an id, not an option.
    for unknown in ["-6Zx0bT1QmUuF8n4sKxqWcA", "Zx0bT1QmUuF8n4sKxqWc-A"] {
        for args in [
            ["award", "revoke", unknown, "--reason", REASON],
            ["award", "revoke", "--reason", REASON, unknown],
        ] {
            let refused = accolade_in(&url, &args, "C.UTF-8");
            assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
            assert_eq!(
                text(&refused.stderr).trim(),
                format!("no award has the id {unknown}")
            );
        }
    }

    let too_long = "x".repeat(awards::MAX_REASON + 1);
    for reason in ["", "   ", too_long.as_str(), "two\nlines", "a bell \u{7}"] {
        let refused = revoke_cli(&url, &id, reason);
        assert_eq!(refused.status.code(), Some(1), "{reason:?}");
        assert!(
            text(&refused.stderr)
                .starts_with("give the reason in one line, of at most 500 characters"),
            "{reason:?}: {}",
            text(&refused.stderr)
        );
    }
    // In the terminal's language.
    let french = accolade_in(
        &url,
        &["award", "revoke", &id, "--reason", ""],
        "fr_FR.UTF-8",
    );
    assert_eq!(french.status.code(), Some(1));
    assert!(
        text(&french.stderr)
            .starts_with("indiquez le motif sur une ligne, en 500 caractères au plus"),
        "{}",
        text(&french.stderr)
    );
    // Without --reason at all: the usage, exit 2 (clap's).
    let missing = accolade_in(&url, &["award", "revoke", &id], "C.UTF-8");
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("--reason"));

    assert_eq!(
        award_state(&db, &id).await,
        "pending",
        "nothing was revoked"
    );
    assert_eq!(count(&db, "outbox").await, queued, "nothing was sent");
}

#[actix_web::test]
async fn the_email_is_in_the_language_of_the_earner_s_account_else_of_their_exam_result() {
    let app = spawn_mail_app().await;
    // No account: the result's language.
    let anonymous = award(&app.db, "R-3", "eve@example.fr", "fr-FR").await;
    // An account in French, a result in English: the account's.
    crate::journey::create_account(&app.db, "mei@example.com").await;
    sqlx::query(
        "UPDATE candidates SET locale = 'fr'
          WHERE id = (SELECT candidate_id FROM candidate_emails WHERE email = 'mei@example.com')",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let account = award(&app.db, "R-4", "mei@example.com", "en-US").await;
    app.deliver().await;

    for id in [&anonymous, &account] {
        let id = AwardId::parse(id).unwrap();
        let revoked = awards::revoke(&app.db, &id, REASON, Actor::CommandLine)
            .await
            .unwrap();
        assert_eq!(revoked, Revoked::Revoked);
    }
    for to in ["eve@example.fr", "mei@example.com"] {
        let mails = mail_to(&app, to).await;
        assert_eq!(mails.len(), 2, "{to}");
        let mail = &mails[1];
        assert_eq!(
            mail.subject(),
            format!("Votre badge a été révoqué\u{a0}: {BADGE}"),
            "{to}"
        );
        let body = mail.text().replace("\r\n", "\n");
        assert!(
            body.contains(&format!("Motif donné par Microsoft\u{a0}:\n{REASON}\n")),
            "{body}"
        );
        assert!(mail.html().contains("lang=\"fr\""), "{to}");
    }

    // The account's owner follows the link to the badge in their wallet.
    let owner = app.with_new_client();
    assert_eq!(owner.sign_in("mei@example.com").await.status(), 303);
    let mail = mail_to(&app, "mei@example.com").await.remove(1);
    let page = owner.page(&link_in(&mail, "/wallet/"), 200).await;
    assert!(page.contains("Azure Fundamentals"), "{page}");
}

#[actix_web::test]
async fn a_revocation_whose_audit_row_cannot_be_written_revokes_nothing_and_sends_nothing() {
    let app = spawn_mail_app().await;
    let id = award(&app.db, "R-5", "ada@example.com", "en-US").await;
    app.deliver().await;
    sqlx::raw_sql(
        "CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.action = 'award.revoked' THEN
             RAISE EXCEPTION 'the test refuses the audit row';
           END IF;
           RETURN NEW;
         END $$;
         CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log
           FOR EACH ROW EXECUTE FUNCTION fail_audit();",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let id = AwardId::parse(&id).unwrap();
    assert!(
        awards::revoke(&app.db, &id, REASON, Actor::CommandLine)
            .await
            .is_err()
    );
    assert_eq!(award_state(&app.db, id.as_str()).await, "pending");
    assert_eq!(mail_to(&app, "ada@example.com").await.len(), 1);
}
