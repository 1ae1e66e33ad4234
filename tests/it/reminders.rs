//! Reminders of pending awards: the scheduler (`queue_due`) run by hand, the mail read from
//! the SMTP capture, its links followed in a browser.

use accolade::mail::reminders::queue_due;
use sqlx::PgPool;

use crate::helpers::import_csv_text;
use crate::journey::{MailApp, awards_of, link_in, spawn_mail_app, visible_text};
use crate::smtp::Received;
use regex::Regex;

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
    subject.starts_with("Your badge is waiting")
        || subject.starts_with("Votre badge vous attend")
        || subject.ends_with("badges are waiting for you")
        || subject.ends_with("badges vous attendent")
}

/// The reminders received so far, after delivering what is due.
async fn reminders(app: &MailApp) -> Vec<Received> {
    app.deliver()
        .await
        .into_iter()
        .filter(is_reminder)
        .collect()
}

/// Every link of `mail`'s text whose path starts with `prefix`, in order.
fn links_in(mail: &Received, prefix: &str) -> Vec<String> {
    Regex::new(&format!(
        r"https?://[^/\s]+({}[^\s]*)",
        regex::escape(prefix)
    ))
    .unwrap()
    .captures_iter(&mail.text())
    .map(|c| c[1].to_owned())
    .collect()
}

/// The address of the one-click unsubscribe of `mail` (its `List-Unsubscribe` header).
fn one_click_url(mail: &Received) -> String {
    let raw = String::from_utf8_lossy(&mail.raw).into_owned();
    assert!(
        raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{raw}"
    );
    Regex::new(r"List-Unsubscribe: <([^>]+)>")
        .unwrap()
        .captures(&raw)
        .unwrap_or_else(|| panic!("no List-Unsubscribe header: {raw}"))[1]
        .to_owned()
}

/// What RFC 8058 says a mail client SHOULD post: `List-Unsubscribe=One-Click` as
/// `multipart/form-data`, without cookies.
async fn post_one_click_multipart(url: &str) -> reqwest::Response {
    let boundary = "----accolade-one-click-7MA4YWxkTrZu0gW";
    let body = format!(
        "--{boundary}\r\n\
         Content-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\
         \r\n\
         One-Click\r\n\
         --{boundary}--\r\n"
    );
    reqwest::Client::new()
        .post(url)
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Whether the reminders of each award are stopped, by badge title (in title order).
async fn stopped_by_title(db: &PgPool) -> Vec<(String, bool)> {
    sqlx::query_as(
        "SELECT b.title, a.reminders_stopped_at IS NOT NULL
           FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
          ORDER BY b.title",
    )
    .fetch_all(db)
    .await
    .unwrap()
}

/// The badge titles of the awards, in badge code order.
async fn titles(db: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT b.title FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
          ORDER BY b.code",
    )
    .fetch_all(db)
    .await
    .unwrap()
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
    // It says what the button will do, not that it is done.
    assert!(
        text.contains(&format!(
            "The button below stops the reminder emails about the badge “{AZ_204}”. \
             The badge stays: you can still claim or decline it from its link."
        )),
        "{text}"
    );
    assert!(text.contains("Stop the reminders for this badge"), "{text}");
    assert!(!text.contains("Done"), "{text}");
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

#[actix_web::test]
async fn a_one_click_posted_as_multipart_form_data_stops_the_reminders() {
    let app = spawn_mail_app().await;
    import_one(&app.db, "mei@example.net", "AZ-204", "en-US").await;
    age_awards(&app.db, 8).await;
    run_scheduler(&app.db).await;
    let reminder = reminders(&app).await.remove(0);
    let url = one_click_url(&reminder);

    let response = post_one_click_multipart(&url).await;
    assert_eq!(response.status(), 204);
    assert_eq!(stopped_by_title(&app.db).await, [(AZ_204.to_owned(), true)]);
    age_awards(&app.db, 31).await;
    assert_eq!(run_scheduler(&app.db).await, 0);
    assert_eq!(reminders(&app).await.len(), 1);
}

#[actix_web::test]
async fn a_one_click_of_another_type_or_too_large_is_refused_and_stops_nothing() {
    let app = spawn_mail_app().await;
    import_one(&app.db, "mei@example.net", "AZ-204", "en-US").await;
    age_awards(&app.db, 8).await;
    run_scheduler(&app.db).await;
    let url = one_click_url(&reminders(&app).await.remove(0));
    let client = reqwest::Client::new();
    for (content_type, body, status) in [
        ("text/plain", "List-Unsubscribe=One-Click".to_owned(), 415),
        (
            "application/json",
            r#"{"List-Unsubscribe":"One-Click"}"#.to_owned(),
            415,
        ),
        (
            "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nNo\r\n--b--\r\n"
                .to_owned(),
            400,
        ),
        (
            "application/x-www-form-urlencoded",
            format!("List-Unsubscribe=One-Click&padding={}", "x".repeat(64 * 1024)),
            413,
        ),
    ] {
        let response = client
            .post(&url)
            .header("Content-Type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{content_type}");
        assert_eq!(
            stopped_by_title(&app.db).await,
            [(AZ_204.to_owned(), false)],
            "{content_type}"
        );
    }
    // An unknown address stops nothing either.
    let response = post_one_click_multipart(&format!(
        "{}/reminders/stop/not-a-token/one-click",
        app.address
    ))
    .await;
    assert_eq!(response.status(), 404);
}

#[actix_web::test]
async fn two_badges_due_at_the_same_moment_give_one_email_listing_both_each_with_its_links() {
    let app = spawn_mail_app().await;
    for exam in ["AZ-204", "AZ-900"] {
        import_one(&app.db, "mei@example.net", exam, "en-US").await;
    }
    app.deliver().await;
    let titles = titles(&app.db).await;
    assert_eq!(titles.len(), 2);

    age_awards(&app.db, 8).await;
    assert_eq!(run_scheduler(&app.db).await, 1, "one email");
    let sent = reminders(&app).await;
    assert_eq!(sent.len(), 1);
    let reminder = &sent[0];
    assert_eq!(reminder.to, ["mei@example.net"]);
    assert_eq!(reminder.subject(), "2 badges are waiting for you");
    let text = reminder.text();
    assert!(text.contains("Hello Mei,"), "{text}");
    assert!(
        text.contains("Your badges are still waiting for you"),
        "{text}"
    );
    let claims = links_in(reminder, "/claim/");
    let stops = links_in(reminder, "/reminders/stop/");
    assert_eq!(claims.len(), 2, "{text}");
    assert_eq!(stops.len(), 2, "{text}");
    assert_ne!(claims[0], claims[1]);
    assert_ne!(stops[0], stops[1]);
    for (claim, stop) in claims.iter().zip(&stops) {
        assert!(reminder.html().contains(claim.as_str()), "{claim}");
        assert!(reminder.html().contains(stop.as_str()), "{stop}");
    }
    // Each claim link opens its own badge, and each badge is named once in the email.
    let mut shown = Vec::new();
    for claim in &claims {
        let page = visible_text(&app.page(claim, 200).await);
        let title = titles
            .iter()
            .find(|t| page.contains(t.as_str()))
            .unwrap_or_else(|| panic!("no badge on {claim}: {page}"));
        assert!(text.contains(&format!("“{title}”")), "{text}");
        shown.push(title.clone());
    }
    shown.sort();
    let mut expected = titles.clone();
    expected.sort();
    assert_eq!(shown, expected, "both badges, one per link");

    // A badge's own stop link stops that badge only.
    let page = visible_text(&app.page(&stops[0], 200).await);
    let first = titles
        .iter()
        .find(|t| page.contains(&format!("“{t}”")))
        .unwrap_or_else(|| panic!("the stop page names its badge: {page}"))
        .clone();
    assert_eq!(app.post_form(&stops[0], &[]).await.status(), 200);
    let stopped: Vec<bool> = sqlx::query_scalar(
        "SELECT a.reminders_stopped_at IS NOT NULL
           FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
          ORDER BY b.title = $1 DESC",
    )
    .bind(&first)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(stopped, [true, false]);

    // The one-click of the email stops every badge it lists.
    assert_eq!(
        post_one_click_multipart(&one_click_url(reminder))
            .await
            .status(),
        204
    );
    assert!(
        stopped_by_title(&app.db).await.iter().all(|(_, s)| *s),
        "both stopped"
    );
    age_awards(&app.db, 31).await;
    assert_eq!(run_scheduler(&app.db).await, 0);
    assert_eq!(reminders(&app).await.len(), 1);
}

#[actix_web::test]
async fn one_click_stops_only_the_badges_its_email_listed() {
    let app = spawn_mail_app().await;
    import_one(&app.db, "mei@example.net", "AZ-204", "en-US").await;
    app.deliver().await;
    age_awards(&app.db, 8).await;
    assert_eq!(run_scheduler(&app.db).await, 1);
    // A badge earned after that reminder went out.
    import_one(&app.db, "mei@example.net", "AZ-900", "en-US").await;
    let first = reminders(&app).await.remove(0);
    assert_eq!(first.subject(), format!("Your badge is waiting: {AZ_204}"));
    assert_eq!(
        post_one_click_multipart(&one_click_url(&first))
            .await
            .status(),
        204
    );
    let stopped = stopped_by_title(&app.db).await;
    assert_eq!(stopped.len(), 2);
    for (title, stopped) in stopped {
        assert_eq!(stopped, title == AZ_204, "{title}");
    }
}

#[actix_web::test]
async fn an_account_gets_one_reminder_at_its_primary_address_for_badges_sent_to_two_of_its_addresses()
 {
    let app = spawn_mail_app().await;
    let id = crate::journey::create_account(&app.db, "mei@example.net").await;
    sqlx::query(
        "INSERT INTO candidate_emails (candidate_id, email, verified_at) VALUES ($1, $2, now())",
    )
    .bind(id)
    .bind("mei.work@example.org")
    .execute(&app.db)
    .await
    .unwrap();
    import_one(&app.db, "mei@example.net", "AZ-204", "en-US").await;
    import_one(&app.db, "mei.work@example.org", "AZ-900", "en-US").await;
    // Someone without an account, due at the same moment, gets their own.
    import_one(&app.db, "ann@example.com", "AZ-204", "en-GB").await;
    app.deliver().await;
    age_awards(&app.db, 8).await;
    assert_eq!(run_scheduler(&app.db).await, 2);
    let sent = reminders(&app).await;
    assert_eq!(sent.len(), 2);
    let to_mei: Vec<&Received> = sent
        .iter()
        .filter(|m| m.to.iter().any(|t| t == "mei@example.net"))
        .collect();
    assert_eq!(to_mei.len(), 1, "one email, at the primary address");
    assert_eq!(to_mei[0].subject(), "2 badges are waiting for you");
    assert_eq!(links_in(to_mei[0], "/claim/").len(), 2);
    let to_ann: Vec<&Received> = sent
        .iter()
        .filter(|m| m.to.iter().any(|t| t == "ann@example.com"))
        .collect();
    assert_eq!(to_ann.len(), 1);
    assert_eq!(
        to_ann[0].subject(),
        format!("Your badge is waiting: {AZ_204}")
    );
    assert!(
        sent.iter()
            .all(|m| !m.to.iter().any(|t| t == "mei.work@example.org")),
        "nothing to the second address"
    );
}

#[actix_web::test]
async fn a_full_batch_leaves_a_persons_other_badges_for_the_next_one_so_they_get_one_email() {
    let app = spawn_mail_app().await;
    for email in ["ann@example.com", "bob@example.com"] {
        for exam in ["AZ-204", "AZ-900"] {
            import_one(&app.db, email, exam, "en-US").await;
        }
    }
    app.deliver().await;
    age_awards(&app.db, 8).await;
    // Three awards fit in the batch: Ann's two, and one of Bob's, which waits.
    assert_eq!(queue_due(&app.db, &SCHEDULE, 3).await.unwrap(), 1);
    assert_eq!(queue_due(&app.db, &SCHEDULE, 3).await.unwrap(), 1);
    assert_eq!(queue_due(&app.db, &SCHEDULE, 3).await.unwrap(), 0);
    let sent = reminders(&app).await;
    assert_eq!(sent.len(), 2);
    for mail in &sent {
        assert_eq!(
            mail.subject(),
            "2 badges are waiting for you",
            "{:?}",
            mail.to
        );
    }
    // One person alone beyond the batch still gets reminded, a batch at a time.
    let app = spawn_mail_app().await;
    for exam in ["AZ-204", "AZ-900"] {
        import_one(&app.db, "cat@example.com", exam, "en-US").await;
    }
    app.deliver().await;
    age_awards(&app.db, 8).await;
    assert_eq!(queue_due(&app.db, &SCHEDULE, 1).await.unwrap(), 1);
    assert_eq!(queue_due(&app.db, &SCHEDULE, 1).await.unwrap(), 1);
    assert_eq!(queue_due(&app.db, &SCHEDULE, 1).await.unwrap(), 0);
}
