//! Dates and numbers read in the reader's language on the pages, and the fields of a refused
//! result are named in it, on the API and on the command line.

use serde_json::{Value, json};

use crate::helpers::{import_csv_text, spawn_app};
use crate::journey::{link_in, spawn_mail_app, visible_text};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";

#[actix_web::test]
async fn the_claim_wallet_and_badge_pages_write_dates_in_the_readers_language() {
    let app = spawn_mail_app().await;
    import_csv_text(
        &app.db,
        format!("{HEADER}D-1,pearsonvue,ada@example.com,Ada,Lovelace,AZ-900,2020-01-15,en-US\n"),
    )
    .await;
    let claim = link_in(&app.last_mail_to("ada@example.com").await, "/claim/");

    let english = visible_text(&app.page(&format!("{claim}?lang=en"), 200).await);
    assert!(english.contains("Issued 15 January 2020"), "{english}");
    let french = visible_text(&app.page(&format!("{claim}?lang=fr"), 200).await);
    assert!(french.contains("Délivré le 15 janvier 2020"), "{french}");
    assert!(!french.contains("2020-01-15"), "{french}");

    let ada = app.signed_in_as("ada@example.com").await;
    let wallet = visible_text(&ada.page("/wallet?lang=fr", 200).await);
    assert!(wallet.contains("Délivré le 15 janvier 2020"), "{wallet}");
    let wallet = visible_text(&ada.page("/wallet?lang=en", 200).await);
    assert!(wallet.contains("Issued 15 January 2020"), "{wallet}");

    let award = crate::journey::awards_of(&app.db, "ada@example.com")
        .await
        .remove(0);
    let badge = ada.page(&format!("/wallet/{award}?lang=fr"), 200).await;
    // The long form for people, the ISO date for machines.
    assert!(
        badge.contains(r#"<time datetime="2020-01-15">15 janvier 2020</time>"#),
        "{badge}"
    );
    assert!(visible_text(&badge).contains("Délivré le 15 janvier 2020"));
}

#[actix_web::test]
async fn the_development_mailbox_dates_each_message_in_the_readers_language() {
    let app = spawn_app().await;
    sqlx::query(
        "INSERT INTO dev_mailbox (recipient, subject, text_body, html_body, created_at)
         VALUES ('ada@example.com', 'Hello', 'Hi', '<p>Hi</p>', '2020-01-15 14:05:30+00')",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let list = app.get("/dev/mail?lang=fr").await.text().await.unwrap();
    assert!(list.contains("15 janvier 2020 à 14:05"), "{list}");
    let list = app.get("/dev/mail?lang=en").await.text().await.unwrap();
    assert!(list.contains("15 January 2020 at 2:05\u{202f}pm"), "{list}");
}

#[actix_web::test]
async fn a_french_api_request_names_the_fields_of_a_refused_result_in_french() {
    let app = spawn_app().await;
    let token = app.api_token().await;
    let mut item = json!({
        "result_id": "F-1", "source": "pearsonvue",
        "given_name": "Camille", "family_name": "x".repeat(201),
        "exam_code": "AZ-900", "passed_on": "2026-01-01", "locale": "fr-FR"
    });
    item["email"] = Value::Null;
    let answer: Value = app
        .client
        .post(format!("{}/api/v1/results", app.address))
        .bearer_auth(&token)
        .header("Accept-Language", "fr-FR,fr;q=0.9")
        .json(&json!([item]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The field's key stays what the feed sends; the message is French, field names too.
    assert_eq!(
        answer["items"][0]["errors"],
        json!([
            {
                "field": "email",
                "code": "missing",
                "message": "il manque l’adresse e-mail (email)"
            },
            {
                "field": "family_name",
                "code": "too_long",
                "message": "le nom de famille (family_name) dépasse 200 caractères"
            }
        ])
    );
}
