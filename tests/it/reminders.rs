//! Reminders of pending awards: the scheduler (`queue_due`) run by hand, the mail read from
//! the SMTP capture, its links followed in a browser.

use accolade::mail::reminders::queue_due;
use sqlx::PgPool;

use crate::helpers::import_csv_text;
use crate::journey::{MailApp, awards_of, link_in, spawn_mail_app, visible_text};
use crate::smtp::Received;

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const SCHEDULE: [u32; 2] = [7, 30];
const AZ_204: &str = "Microsoft Certified: Azure Developer Associate";

/// Runs the scheduler once; returns how many reminders it queued.
async fn run_scheduler(db: &PgPool) -> usize {
    queue_due(db, &SCHEDULE, 100).await.unwrap()
}

/// Makes every award `days` old.
async fn age_awards(db: &PgPool, days: i32) {
    sqlx::query("UPDATE awards SET created_at = now() - make_interval(days => $1)")
        .bind(days)
        .execute(db)
        .await
        .unwrap();
}

fn is_reminder(mail: &Received) -> bool {
    let subject = mail.subject();
    subject.starts_with("Your badge is waiting") || subject.starts_with("Votre badge vous attend")
}

/// The reminders received so far, after delivering what is due.
async fn reminders(app: &MailApp) -> Vec<Received> {
    app.deliver()
        .await
        .into_iter()
        .filter(is_reminder)
        .collect()
}

/// Imports one passed exam of `email`, which gives a badge.
async fn import_one(db: &PgPool, email: &str, exam: &str, locale: &str) {
    let (_, rejected) = import_csv_text(
        db,
        format!(
            "{HEADER}R-{email}-{exam},pearsonvue,{email},Mei,Chen,{exam},2025-11-03,{locale}\n"
        ),
    )
    .await;
    assert!(rejected.is_empty(), "{rejected:?}");
}

#[actix_web::test]
async fn reminders_go_out_after_seven_and_thirty_days_with_a_fresh_claim_link_then_never_again() {
    let app = spawn_mail_app().await;
    import_one(&app.db, "mei@example.net", "AZ-204", "en-US").await;
    let first = app.last_mail_to("mei@example.net").await;
    let first_claim = link_in(&first, "/claim/");

    assert_eq!(run_scheduler(&app.db).await, 0, "nothing on day 0");
    assert!(reminders(&app).await.is_empty());

    age_awards(&app.db, 8).await;
    assert_eq!(run_scheduler(&app.db).await, 1);
    let sent = reminders(&app).await;
    assert_eq!(sent.len(), 1);
    let reminder = &sent[0];
    assert_eq!(reminder.to, ["mei@example.net"]);
    assert_eq!(
        reminder.subject(),
        format!("Your badge is waiting: {AZ_204}")
    );
    let text = reminder.text();
    assert!(text.contains("Hello Mei,"), "{text}");
    assert!(
        text.contains("Your badge is still waiting for you"),
        "{text}"
    );
    let claim = link_in(reminder, "/claim/");
    assert_ne!(claim, first_claim, "a fresh claim link");
    let stop = link_in(reminder, "/reminders/stop/");
    assert!(
        text.contains("Stop reminding me about this badge"),
        "{text}"
    );
    assert!(
        reminder.html().contains(&stop),
        "the HTML has the stop link too"
    );
    let page = visible_text(&app.page(&claim, 200).await);
    assert!(page.contains(AZ_204), "{page}");
    assert!(page.contains("mei@example.net"), "{page}");
    app.page(&stop, 200).await;

    assert_eq!(
        run_scheduler(&app.db).await,
        0,
        "the first reminder is sent once"
    );
    assert_eq!(reminders(&app).await.len(), 1);

    age_awards(&app.db, 31).await;
    assert_eq!(run_scheduler(&app.db).await, 1);
    let sent = reminders(&app).await;
    assert_eq!(sent.len(), 2);
    let second_claim = link_in(&sent[1], "/claim/");
    assert_ne!(second_claim, claim);
    assert_ne!(second_claim, first_claim);

    for days in [32, 60, 400] {
        age_awards(&app.db, days).await;
        assert_eq!(run_scheduler(&app.db).await, 0, "day {days}");
    }
    assert_eq!(reminders(&app).await.len(), 2);
}

#[actix_web::test]
async fn a_server_that_was_down_sends_one_reminder_not_every_missed_one() {
    let app = spawn_mail_app().await;
    import_one(&app.db, "mei@example.net", "AZ-204", "en-US").await;
    age_awards(&app.db, 40).await;
    assert_eq!(run_scheduler(&app.db).await, 1);
    assert_eq!(run_scheduler(&app.db).await, 0);
    assert_eq!(reminders(&app).await.len(), 1);
    let sent: i16 = sqlx::query_scalar("SELECT reminders_sent FROM awards")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(sent, 2, "both days of the schedule are behind it");
    age_awards(&app.db, 400).await;
    assert_eq!(run_scheduler(&app.db).await, 0);
}

#[actix_web::test]
async fn accepting_or_declining_an_award_stops_its_reminders() {
    let app = spawn_mail_app().await;
    let browser = app.signed_in_as("mei@example.net").await;
    for exam in ["AZ-204", "AZ-900", "AZ-104"] {
        import_one(&app.db, "mei@example.net", exam, "en-US").await;
    }
    let titles: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.id, b.title FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
          ORDER BY b.code",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(titles.len(), 3);
    let (accepted, declined, pending) = (&titles[0], &titles[1], &titles[2]);
    // Accepted through the claim link of its email, declined in the wallet.
    let mail = app
        .deliver()
        .await
        .into_iter()
        .find(|m| m.subject().ends_with(accepted.1.as_str()))
        .expect("the email of the first badge");
    let claim = link_in(&mail, "/claim/");
    let response = browser.post_form(&claim, &[("decision", "accept")]).await;
    assert_eq!(response.status(), 303);
    let response = browser
        .post_form(&format!("/wallet/{}/decline", declined.0), &[])
        .await;
    assert_eq!(response.status(), 303);

    age_awards(&app.db, 8).await;
    assert_eq!(run_scheduler(&app.db).await, 1, "only the pending one");
    let sent = reminders(&app).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].subject(),
        format!("Your badge is waiting: {}", pending.1)
    );
    age_awards(&app.db, 31).await;
    assert_eq!(run_scheduler(&app.db).await, 1);
    let subjects: Vec<String> = reminders(&app)
        .await
        .iter()
        .map(Received::subject)
        .collect();
    assert!(
        subjects.iter().all(|s| s.ends_with(pending.1.as_str())),
        "{subjects:?}"
    );
}

#[actix_web::test]
async fn the_stop_link_asks_for_a_click_then_stops_the_reminders_and_the_claim_link_still_works() {
    let app = spawn_mail_app().await;
    import_one(&app.db, "mei@example.net", "AZ-204", "en-US").await;
    age_awards(&app.db, 8).await;
    run_scheduler(&app.db).await;
    let reminder = reminders(&app).await.pop().expect("a reminder");
    let stop = link_in(&reminder, "/reminders/stop/");
    let claim = link_in(&reminder, "/claim/");
    let stopped = || async {
        sqlx::query_scalar::<_, bool>("SELECT reminders_stopped_at IS NOT NULL FROM awards")
            .fetch_one(&app.db)
            .await
            .unwrap()
    };

    // Opening the link (a mail scanner does) changes nothing: it shows a button.
    let html = app.page(&stop, 200).await;
    assert!(
        html.contains(&format!(r#"<form method="post" action="{stop}">"#)),
        "{html}"
    );
    let text = visible_text(&html);
    assert!(
        text.contains("We will not remind you about this badge again."),
        "{text}"
    );
    assert!(!stopped().await);
    // The button's form carries the CSRF token.
    let response = app.post_raw(&stop, &[]).await;
    assert_eq!(response.status(), 403);
    assert!(!stopped().await);

    let response = app.post_form(&stop, &[]).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    let text = visible_text(&html);
    assert!(
        text.contains("Done: no more reminders about this badge."),
        "{text}"
    );
    assert!(html.contains(&format!(r#"href="{claim}""#)), "{html}");
    assert!(stopped().await);

    age_awards(&app.db, 31).await;
    assert_eq!(run_scheduler(&app.db).await, 0);
    assert_eq!(reminders(&app).await.len(), 1);
    let page = visible_text(&app.page(&claim, 200).await);
    assert!(page.contains(AZ_204), "{page}");
    let award = &awards_of(&app.db, "mei@example.net").await[0];
    assert_eq!(crate::journey::award_state(&app.db, award).await, "pending");

    // An unknown link.
    app.page("/reminders/stop/not-a-token", 404).await;
    let response = app.post_form("/reminders/stop/not-a-token", &[]).await;
    assert_eq!(response.status(), 404);
}

#[actix_web::test]
async fn two_schedulers_at_the_same_moment_queue_each_reminder_once() {
    let app = spawn_mail_app().await;
    let mut csv = String::from(HEADER);
    for i in 0..40 {
        csv.push_str(&format!(
            "P-{i},pearsonvue,person{i}@example.net,Person,{i},AZ-204,2025-11-03,en-US\n"
        ));
    }
    import_csv_text(&app.db, csv).await;
    app.deliver().await;
    for (days, expected_total) in [(8, 40), (31, 80)] {
        age_awards(&app.db, days).await;
        let (a, b) = tokio::join!(
            queue_due(&app.db, &SCHEDULE, 100),
            queue_due(&app.db, &SCHEDULE, 100)
        );
        assert_eq!(a.unwrap() + b.unwrap(), 40, "day {days}");
        let (queued, awards): (i64, i64) = sqlx::query_as(
            "SELECT count(*), count(DISTINCT award_id) FROM outbox WHERE kind = 'badge_reminder'",
        )
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!((queued, awards), (expected_total, 40), "day {days}");
    }
    let sent = reminders(&app).await;
    assert_eq!(sent.len(), 80);
}

#[actix_web::test]
async fn reminders_speak_the_language_of_the_account() {
    let app = spawn_mail_app().await;
    let id = crate::journey::create_account(&app.db, "mei@example.net").await;
    sqlx::query("UPDATE candidates SET locale = 'fr' WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();
    // The result says English; the account's language wins.
    import_one(&app.db, "mei@example.net", "AZ-204", "en-US").await;
    // Without an account, the language of the result.
    import_one(&app.db, "jean@example.fr", "AZ-204", "fr-FR").await;
    import_one(&app.db, "ann@example.com", "AZ-204", "en-GB").await;
    app.deliver().await;
    age_awards(&app.db, 8).await;
    assert_eq!(run_scheduler(&app.db).await, 3);
    let sent = reminders(&app).await;
    let subject_to = |to: &str| {
        sent.iter()
            .find(|m| m.to.iter().any(|t| t == to))
            .map(|m| (m.subject(), m.text()))
            .unwrap_or_else(|| panic!("no reminder to {to}"))
    };
    let (subject, text) = subject_to("mei@example.net");
    assert_eq!(subject, format!("Votre badge vous attend\u{a0}: {AZ_204}"));
    assert!(text.contains("Ne plus me rappeler ce badge"), "{text}");
    assert!(text.contains("Bonjour Mei,"), "{text}");
    let (subject, _) = subject_to("jean@example.fr");
    assert_eq!(subject, format!("Votre badge vous attend\u{a0}: {AZ_204}"));
    let (subject, _) = subject_to("ann@example.com");
    assert_eq!(subject, format!("Your badge is waiting: {AZ_204}"));
}

#[actix_web::test]
async fn a_mail_clients_one_click_unsubscribe_stops_the_reminders() {
    let app = spawn_mail_app().await;
    import_one(&app.db, "mei@example.net", "AZ-204", "en-US").await;
    age_awards(&app.db, 8).await;
    run_scheduler(&app.db).await;
    let reminder = reminders(&app).await.remove(0);
    let raw = String::from_utf8_lossy(&reminder.raw).into_owned();
    let url = regex::Regex::new(r"List-Unsubscribe: <([^>]+)>")
        .unwrap()
        .captures(&raw)
        .unwrap_or_else(|| panic!("no List-Unsubscribe header: {raw}"))[1]
        .to_owned();
    assert!(url.ends_with("/one-click"), "{url}");
    assert!(
        raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{raw}"
    );
    // The first email (to claim) has none: it is not a mailing.
    let first = app
        .deliver()
        .await
        .into_iter()
        .find(|m| !is_reminder(m))
        .unwrap();
    assert!(!String::from_utf8_lossy(&first.raw).contains("List-Unsubscribe"));

    // What a mail client sends: a POST without cookies.
    let client = reqwest::Client::new();
    let response = client
        .post(&url)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let stopped: bool = sqlx::query_scalar("SELECT reminders_stopped_at IS NOT NULL FROM awards")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(stopped);
    age_awards(&app.db, 31).await;
    assert_eq!(run_scheduler(&app.db).await, 0);
    let wrong = client
        .post(&url)
        .form(&[("List-Unsubscribe", "Something-Else")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 400);
}
