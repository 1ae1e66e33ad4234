//! The development mailbox in a browser: a developer without SMTP reads the "you earned a
//! badge" email at `/dev/mail` and follows its claim link, from the plain-text version and
//! from the HTML version alike.

use std::time::Duration;

use accolade::mail::{MailContext, Mailer, deliver_due};
use fantoccini::Locator;

use crate::harness::Browser;
use crate::helpers::{TestApp, import_csv_text, spawn_app};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const AZURE: &str = "Microsoft Certified: Azure Fundamentals";

/// A pass reported for Ada, its email kept in the development mailbox.
async fn ada_has_mail(app: &TestApp) {
    let (summary, rejected) = import_csv_text(
        &app.db,
        format!("{HEADER}M-1,pearsonvue,ada@example.com,Ada,Lovelace,AZ-900,2026-06-01,en-US\n"),
    )
    .await;
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(summary.awarded, 1, "{summary:?}");
    let mailer = Mailer::DevMailbox {
        from: "Accolade <badges@accolade.example>".parse().unwrap(),
    };
    let context = MailContext {
        public_url: accolade::urls::PublicUrl::parse(&app.address).unwrap(),
    };
    assert_eq!(
        deliver_due(&app.db, &mailer, &context, 10).await.unwrap(),
        1
    );
}

/// Opens the mailbox and the one email in it.
async fn open_the_email(browser: &Browser, app: &TestApp) {
    browser.goto(&format!("{}/dev/mail", app.address)).await;
    browser.assert_accessible("the development mailbox").await;
    browser
        .leaving(browser.click_link_in("main", &format!("You earned a badge: {AZURE}")))
        .await;
    assert_eq!(browser.h1().await, format!("You earned a badge: {AZURE}"));
    browser
        .assert_accessible("an email in the development mailbox")
        .await;
}

/// Where the browser's window is, without the host, once it has left the mailbox.
async fn arrived(browser: &Browser, app: &TestApp) -> String {
    let client = browser.client();
    for _ in 0..200 {
        // A link followed from the framed HTML replaces the whole page: back to it.
        let _ = client.enter_parent_frame().await;
        if let Ok(url) = client.current_url().await {
            let url = url.to_string();
            if !url.contains("/dev/mail") {
                let ready: Result<serde_json::Value, _> = client
                    .execute("return document.readyState", Vec::new())
                    .await;
                if ready.is_ok_and(|r| r == "complete") {
                    return url.strip_prefix(&app.address).unwrap_or(&url).to_owned();
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the browser never left the development mailbox");
}

#[actix_web::test]
async fn the_claim_link_of_the_text_version_in_the_development_mailbox_opens_the_badge() {
    let app = spawn_app().await;
    ada_has_mail(&app).await;
    let browser = Browser::start().await;
    open_the_email(&browser, &app).await;

    let link = browser
        .client()
        .find(Locator::Css("pre.mail-text a[href*='/claim/']"))
        .await
        .expect("the text version's claim address is a link");
    let shown = link.text().await.unwrap();
    assert!(
        shown.starts_with(&format!("{}/claim/", app.address)),
        "{shown}"
    );
    link.click().await.unwrap();
    let path = arrived(&browser, &app).await;
    assert!(path.starts_with("/claim/"), "{path}");
    assert_eq!(browser.h1().await, AZURE);

    browser.close().await;
}

#[actix_web::test]
async fn the_claim_button_of_the_html_version_in_the_development_mailbox_opens_the_badge() {
    let app = spawn_app().await;
    ada_has_mail(&app).await;
    let browser = Browser::start().await;
    open_the_email(&browser, &app).await;

    let frame = browser.wait_for("iframe.mail-frame").await;
    frame.enter_frame().await.unwrap();
    let button = browser
        .client()
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::LinkText("Claim your badge"))
        .await
        .expect("the HTML version shows its button");
    button.click().await.unwrap();
    let path = arrived(&browser, &app).await;
    assert!(path.starts_with("/claim/"), "{path}");
    assert_eq!(browser.h1().await, AZURE);

    browser.close().await;
}
