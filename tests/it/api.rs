//! `POST /api/v1/results`: tokens, mixed batches, bodies that are not arrays, size limit.

use serde_json::{Value, json};

use crate::helpers::{count, spawn_app};

fn item(result_id: &str, email: &str, exam: &str, date: &str) -> Value {
    json!({
        "result_id": result_id, "source": "pearsonvue", "email": email,
        "given_name": "Camille", "family_name": "Durand",
        "exam_code": exam, "passed_on": date, "locale": "fr-FR"
    })
}

#[actix_web::test]
async fn without_a_token_the_api_answers_401_and_stores_nothing() {
    let app = spawn_app().await;
    let body = json!([item("A-1", "a@example.com", "AZ-900", "2026-01-01")]);
    let response = app.post_results(None, &body).await;
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "unauthorized");
    assert_eq!(count(&app.db, "results").await, 0);
}

#[actix_web::test]
async fn a_wrong_or_revoked_token_is_refused() {
    let app = spawn_app().await;
    let token = app.api_token().await;
    let body = json!([item("A-1", "a@example.com", "AZ-900", "2026-01-01")]);
    let wrong = app.post_results(Some("not-the-token"), &body).await;
    assert_eq!(wrong.status(), 401);
    sqlx::query("UPDATE api_tokens SET revoked_at = now()")
        .execute(&app.db)
        .await
        .unwrap();
    let revoked = app.post_results(Some(&token), &body).await;
    assert_eq!(revoked.status(), 401);
    assert_eq!(count(&app.db, "results").await, 0);
}

#[actix_web::test]
async fn a_mixed_batch_answers_an_outcome_for_every_item() {
    let app = spawn_app().await;
    let token = app.api_token().await;
    let body = json!([
        item("M-1", "camille@example.org", "AZ-900", "2026-03-02"),
        item("M-2", "camille@example.org", "74-343", "2018-10-01"),
        item("M-3", "not-an-email", "AZ-900", "2026-03-02"),
        item("M-1", "camille@example.org", "AZ-900", "2026-03-02"),
        "a string, not an object",
        { "result_id": "M-6", "source": "pearsonvue" },
        item("M-7", "camille@example.org", "AZ-104", "2099-01-01"),
    ]);
    let response = app.post_results(Some(&token), &body).await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    let items = answer["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    assert_eq!(items[0]["outcome"], "awarded");
    assert_eq!(items[0]["awards"][0]["badge"], "azure-fundamentals");
    assert_eq!(
        items[0]["awards"][0]["award_id"].as_str().unwrap().len(),
        22
    );
    assert_eq!(items[1]["outcome"], "no_badge");
    assert!(items[1]["reason"].as_str().unwrap().contains("excluded"));
    assert_eq!(items[2]["outcome"], "rejected");
    assert_eq!(items[2]["errors"][0]["field"], "email");
    assert_eq!(items[2]["errors"][0]["code"], "invalid_email");
    assert_eq!(items[3]["outcome"], "already_known");
    assert_eq!(items[4]["errors"][0]["code"], "not_an_object");
    let missing: Vec<&str> = items[5]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        [
            "email",
            "given_name",
            "family_name",
            "exam_code",
            "passed_on"
        ]
    );
    assert_eq!(items[6]["errors"][0]["code"], "future_date");
    assert_eq!(
        answer["summary"],
        json!({"received": 7, "imported": 2, "already_known": 1, "awarded": 1, "no_badge": 1, "rejected": 4})
    );
    assert_eq!(count(&app.db, "results").await, 2);
    assert_eq!(count(&app.db, "outbox").await, 1);
}

#[actix_web::test]
async fn posting_the_same_batch_twice_changes_nothing_the_second_time() {
    let app = spawn_app().await;
    let token = app.api_token().await;
    let body = json!([
        item("I-1", "Raj.Patel@Example.com", "AZ-305", "2026-01-10"),
        item("I-2", "raj.patel@example.com", "AZ-104", "2026-02-20"),
    ]);
    let first: Value = app
        .post_results(Some(&token), &body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["summary"]["awarded"], 3);
    let second: Value = app
        .post_results(Some(&token), &body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["summary"]["already_known"], 2);
    assert_eq!(second["summary"]["awarded"], 0);
    assert_eq!(count(&app.db, "awards").await, 3);
    assert_eq!(count(&app.db, "outbox").await, 3);
}

#[actix_web::test]
async fn a_body_that_is_not_a_json_array_is_a_400() {
    let app = spawn_app().await;
    let token = app.api_token().await;
    let object = app
        .post_results(Some(&token), &json!({"result_id": "X"}))
        .await;
    assert_eq!(object.status(), 400);
    let error: Value = object.json().await.unwrap();
    assert_eq!(error["error"], "bad_request");
    let garbage = app
        .client
        .post(format!("{}/api/v1/results", app.address))
        .bearer_auth(&token)
        .body("this is not json")
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), 400);
}

#[actix_web::test]
async fn a_body_over_the_limit_is_a_413_and_nothing_is_stored() {
    let app = spawn_app().await; // the tests' limit is 64 KiB
    let token = app.api_token().await;
    let items: Vec<Value> = (0..1000)
        .map(|i| {
            item(
                &format!("B-{i}"),
                &format!("b{i}@example.com"),
                "AZ-900",
                "2026-01-01",
            )
        })
        .collect();
    let response = app.post_results(Some(&token), &Value::Array(items)).await;
    assert_eq!(response.status(), 413);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "payload_too_large");
    assert_eq!(count(&app.db, "results").await, 0);
}

#[actix_web::test]
async fn row_errors_are_explained_in_the_language_of_the_request() {
    let app = spawn_app().await;
    let token = app.api_token().await;
    let answer: Value = app
        .client
        .post(format!("{}/api/v1/results", app.address))
        .bearer_auth(&token)
        .header("Accept-Language", "fr-FR,fr;q=0.9")
        .json(&json!([item(
            "F-1",
            "camille@example.org",
            "XX-999",
            "2026-01-01"
        )]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let message = answer["items"][0]["errors"][0]["message"].as_str().unwrap();
    assert_eq!(
        message,
        "le code d’examen «\u{a0}XX-999\u{a0}» n’est pas dans le catalogue"
    );
}

#[actix_web::test]
async fn an_item_with_a_nul_is_refused_on_its_own_and_the_good_items_are_stored() {
    let app = spawn_app().await;
    let token = app.api_token().await;
    let mut nul = item("Z-3", "zoe@example.org", "AZ-900", "2026-03-02");
    nul["given_name"] = json!("Zo\u{0}é");
    let body = json!([
        item("Z-1", "camille@example.org", "AZ-900", "2026-03-02"),
        item("Z-2", "raj@example.com", "AI-900", "2026-03-03"),
        nul,
    ]);
    let response = app
        .client
        .post(format!("{}/api/v1/results", app.address))
        .bearer_auth(&token)
        .header("Accept-Language", "fr-FR,fr;q=0.9")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    let items = answer["items"].as_array().unwrap();
    assert_eq!(items[0]["outcome"], "awarded");
    assert_eq!(items[1]["outcome"], "awarded");
    assert_eq!(items[2]["outcome"], "rejected");
    assert_eq!(items[2]["result_id"], "Z-3");
    assert_eq!(
        items[2]["errors"],
        json!([{
            "field": "given_name",
            "code": "control_character",
            "message": "le prénom (given_name) contient un caractère de contrôle (comme U+0000), qui ne peut pas être enregistré"
        }])
    );
    assert_eq!(answer["summary"]["imported"], 2);
    assert_eq!(answer["summary"]["rejected"], 1);
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT result_id FROM results ORDER BY result_id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(stored, ["Z-1", "Z-2"]);
}

#[actix_web::test]
async fn a_database_error_answers_500_and_stores_none_of_the_batch() {
    let app = spawn_app().await;
    let token = app.api_token().await;
    crate::helpers::fail_inserts_of(&app.db, "D-2").await;
    let body = json!([
        item("D-1", "camille@example.org", "AZ-900", "2026-03-02"),
        item("D-2", "raj@example.com", "AZ-900", "2026-03-02"),
    ]);
    let response = app.post_results(Some(&token), &body).await;
    assert_eq!(response.status(), 500);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "internal");
    assert_eq!(count(&app.db, "results").await, 0, "all or nothing");
    assert_eq!(count(&app.db, "outbox").await, 0);
}
