//! Settings in a browser: an address waiting for confirmation, sent again and cancelled,
//! and the sign-in form's word about a missing address; axe-core on every page on the way.

use crate::harness::Browser;
use crate::mail_journey::{PASSWORD, create_account, spawn_mail_app};

async fn text_of(browser: &Browser, css: &str) -> String {
    browser.wait_for(css).await.text().await.unwrap()
}

#[actix_web::test]
async fn a_waiting_address_is_sent_again_then_cancelled_from_the_settings_page() {
    const WORK: &str = "ada.work@example.com";
    let app = spawn_mail_app().await;
    create_account(&app.db, "ada@example.com").await;
    let browser = Browser::start().await;

    // No address at all: the field says so, and no password is checked.
    browser.goto(&format!("{}/sign-in", app.address)).await;
    browser.fill("Password", PASSWORD).await;
    browser.submit("Sign in").await;
    assert_eq!(
        text_of(&browser, ".field.has-error #email-error").await,
        "Enter your email address."
    );
    browser
        .assert_accessible("the sign-in page without an address")
        .await;
    browser.fill("Email address", "ada@example.com").await;
    browser.fill("Password", PASSWORD).await;
    browser.submit("Sign in").await;

    browser.goto(&format!("{}/settings", app.address)).await;
    browser.fill("Add an address", WORK).await;
    browser.submit("Send a confirmation link").await;
    let page = browser.text().await;
    let words = page.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(&format!("{WORK} Waiting for confirmation")),
        "{page}"
    );
    browser
        .assert_accessible("the settings page with an address waiting")
        .await;

    browser
        .submit(&format!("Send the link to {WORK} again"))
        .await;
    assert_eq!(
        text_of(&browser, "main .flash").await,
        "We sent a new confirmation link to that address; the earlier one no longer works."
    );
    browser.submit(&format!("Cancel adding {WORK}")).await;
    assert_eq!(
        text_of(&browser, "main .flash").await,
        "The address is no longer waiting for confirmation, and the link sent to it no longer works."
    );
    assert!(!browser.text().await.contains(WORK));
    browser
        .assert_accessible("the settings page after cancelling")
        .await;
    browser.close().await;
}
