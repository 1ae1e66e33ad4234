//! The harness itself, on small pages of its own (`data:` URLs), so that a journey test that
//! fails says something about the app rather than about the harness.

use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;

use crate::harness::{self, Browser};

/// A page made of `body`, as a `data:` URL.
fn page(body: &str) -> String {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Harness check</title>\
         </head><body><main>{body}</main></body></html>"
    );
    let mut url = String::from("data:text/html;charset=utf-8,");
    for byte in html.bytes() {
        if byte.is_ascii_alphanumeric() {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

#[actix_web::test]
async fn the_accessibility_check_names_each_violation_and_where_it_is() {
    let browser = Browser::start().await;
    browser
        .goto(&page(
            "<h1>Broken</h1><img src=\"x.png\"><input id=\"nameless\">",
        ))
        .await;

    let failure = AssertUnwindSafe(browser.assert_accessible("a page made to fail"))
        .catch_unwind()
        .await
        .expect_err("a page with an unlabelled image and field is not accessible");
    let message = failure
        .downcast_ref::<String>()
        .expect("the failure is a message");
    assert!(
        message.starts_with("a page made to fail (data:"),
        "{message}"
    );
    assert!(message.contains("- image-alt (critical): "), "{message}");
    assert!(message.contains("\n    img\n"), "{message}");
    assert!(message.contains("- label ("), "{message}");
    assert!(message.contains("\n    #nameless"), "{message}");

    browser.close().await;
}

#[actix_web::test]
async fn fields_are_filled_by_label_or_name_and_buttons_clicked_by_text() {
    let browser = Browser::start().await;
    // Submitting writes what was sent into the h1 (this page has no CSP: inline script runs).
    browser
        .goto(&page(
            "<h1>Form</h1>\
             <form onsubmit=\"event.preventDefault(); var f = new FormData(this); \
               document.querySelector('h1').textContent = 'Sent ' + f.get('email') + ' ' + \
               f.get('code') + ' ' + f.get('lang'); document.body.classList.add('sent')\">\
             <label for=\"email\">Email address <span>(required)</span></label>\
             <input id=\"email\" name=\"email\" value=\"old@example.org\">\
             <input name=\"code\" aria-label=\"Claim code\">\
             <label>Language <select name=\"lang\"><option value=\"en\">English</option>\
               <option value=\"fr\">Français</option></select></label>\
             <button type=\"submit\"> Send it </button>\
             </form>",
        ))
        .await;

    browser.fill("Email address", "ada@example.org").await;
    browser.fill("Claim code", "X-1").await;
    browser.fill("lang", "Français").await;
    browser.click_button("Send it").await;
    browser.wait_for("body.sent").await;

    assert_eq!(browser.h1().await, "Sent ada@example.org X-1 fr");
    assert!(browser.text().await.contains("Sent ada@example.org"));

    browser.close().await;
}

#[test]
fn a_missing_browser_says_which_packages_to_install() {
    let failure = std::panic::catch_unwind(|| {
        harness::program("accolade-no-such-driver", "/nonexistent/chromedriver")
    })
    .expect_err("there is no such program");
    let message = failure
        .downcast_ref::<String>()
        .expect("the failure is a message");
    assert!(message.contains("accolade-no-such-driver"), "{message}");
    assert!(
        message.contains("apt-get install -y chromium chromium-driver"),
        "{message}"
    );
}
