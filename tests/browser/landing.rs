//! The landing page in a browser: accessible in both languages, usable from the keyboard.

use fantoccini::key::Key;

use crate::harness::Browser;
use crate::helpers::spawn_app;

#[actix_web::test]
async fn landing_page_has_no_accessibility_violations_in_english_and_french() {
    let app = spawn_app().await;
    let browser = Browser::start().await;

    browser.goto(&format!("{}/", app.address)).await;
    assert_eq!(browser.lang().await, "en");
    browser.assert_accessible("the English landing page").await;

    // In French, as a visitor gets there: by the language link.
    browser.follow("Français").await;
    assert_eq!(browser.lang().await, "fr");
    browser.assert_accessible("the French landing page").await;

    browser.close().await;
}

#[actix_web::test]
async fn keyboard_user_reaches_the_skip_link_first() {
    let app = spawn_app().await;
    let browser = Browser::start().await;
    browser.goto(&format!("{}/", app.address)).await;

    let first = browser.tab().await;
    assert_eq!(first.tag, "a", "the first Tab focuses a link: {first:?}");
    assert_eq!(first.text, "Skip to content");
    assert_eq!(first.href.as_deref(), Some("#main"));

    browser.press(Key::Enter).await;
    let target = browser.focused().await;
    assert_eq!(
        (target.tag.as_str(), target.id.as_str()),
        ("main", "main"),
        "Enter on the skip link moves the focus to the main content: {target:?}"
    );

    browser.close().await;
}
