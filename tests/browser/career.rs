//! The Career page in a browser: a candidate with an accepted certification opens it, reads
//! the wages, and narrows the open positions by area, remote and salary with the GET form (no
//! JavaScript needed); axe-core on the page in English and French, and after each filter.

use crate::career_fixture::{self as fx, Posting, post};
use crate::harness::Browser;
use crate::helpers::import_csv_text;
use crate::mail_journey::{PASSWORD, create_account, spawn_mail_app};

async fn titles(browser: &Browser) -> Vec<String> {
    browser
        .eval("return [...document.querySelectorAll('.posting-title')].map((e) => e.textContent.trim())")
        .await
}

#[actix_web::test]
async fn a_candidate_opens_the_career_page_and_filters_the_open_positions() {
    let app = spawn_mail_app().await;
    fx::seed(&app.db).await;
    create_account(&app.db, "ada@example.com").await;
    let passed = (chrono::Utc::now().date_naive() - chrono::Duration::days(30)).to_string();
    let csv = format!(
        "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n\
         R-1,pearsonvue,ada@example.com,Ada,Lovelace,AZ-104,{passed},en-US\n"
    );
    import_csv_text(&app.db, csv).await;
    sqlx::query("UPDATE awards SET state = 'accepted', accepted_at = now()")
        .execute(&app.db)
        .await
        .unwrap();
    let asks: &[&str] = &["azure-administrator"];
    post(
        &app.db,
        Posting {
            key: "tx",
            title: "Austin office",
            state: Some("TX"),
            salary: Some((90_000, 120_000)),
            certifications: asks,
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "ca",
            title: "San Jose office",
            state: Some("CA"),
            salary: Some((130_000, 160_000)),
            certifications: asks,
            demo: true,
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "remote",
            title: "Remote in Texas",
            state: Some("TX"),
            remote: true,
            occupations: &[fx::SYSADMIN],
            ..Default::default()
        },
    )
    .await;

    let browser = Browser::start().await;
    browser.goto(&format!("{}/sign-in", app.address)).await;
    browser.fill("Email address", "ada@example.com").await;
    browser.fill("Password", PASSWORD).await;
    browser.submit("Sign in").await;
    browser.follow("Career").await;
    assert_eq!(browser.h1().await, "Career");
    assert_eq!(titles(&browser).await.len(), 3);
    browser.assert_accessible("the Career page").await;

    browser.fill("Area", "Texas").await;
    browser.submit("Show positions").await;
    assert_eq!(titles(&browser).await, ["Austin office", "Remote in Texas"]);
    browser.check("Remote only").await;
    browser.submit("Show positions").await;
    assert_eq!(titles(&browser).await, ["Remote in Texas"]);
    browser.assert_accessible("the Career page, filtered").await;

    browser.follow("Clear the filters").await;
    browser.fill("Area", "United States").await;
    browser.fill("Yearly salary", "US$125,000 or more").await;
    browser.submit("Show positions").await;
    assert_eq!(titles(&browser).await, ["San Jose office"]);
    assert!(browser.text().await.contains("Demo data"));

    browser.fill("Yearly salary", "US$150,000 or more").await;
    browser.fill("Area", "Texas").await;
    browser.submit("Show positions").await;
    assert!(titles(&browser).await.is_empty());
    assert!(
        browser
            .text()
            .await
            .contains("No open position matches these filters")
    );
    browser
        .assert_accessible("the Career page with nothing left")
        .await;

    browser
        .goto(&format!("{}/career?lang=fr", app.address))
        .await;
    assert_eq!(browser.h1().await, "Carrière");
    browser.assert_accessible("the Career page in French").await;
    browser.close().await;
}
