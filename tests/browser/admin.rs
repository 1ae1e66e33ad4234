//! The admin console and the staff pages in a browser: every page axe-clean, in English and
//! in French, on a wide screen and on a phone, and the second factor's own pages.

use accolade::auth::roles::Role;

use crate::mail_journey::spawn_mail_app;
use crate::support::staff_browser;

#[actix_web::test]
async fn every_page_of_the_admin_console_is_accessible_in_english_and_french() {
    let app = spawn_mail_app().await;
    let browser = staff_browser(&app.db, &app.address, "admin@example.com", Role::Admin).await;
    for (lang, width) in [("en", 1280), ("fr", 1280), ("en", 390), ("fr", 390)] {
        browser
            .client()
            .set_window_size(width, if width > 400 { 1024 } else { 844 })
            .await
            .unwrap();
        for path in [
            "/admin",
            "/admin/catalog",
            "/admin/catalog/AZ-900",
            "/admin/results",
            "/admin/awards",
            "/admin/tokens",
            "/admin/outbox",
            "/admin/outbox?tab=failing",
            "/admin/audit",
            "/staff",
            "/settings",
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            browser
                .goto(&format!("{}{path}{sep}lang={lang}", app.address))
                .await;
            assert_eq!(browser.lang().await, lang, "{path}");
            browser
                .assert_accessible(&format!("{path} ({lang}, {width} px)"))
                .await;
            let name: String = path
                .trim_start_matches('/')
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            browser.screenshot(&format!("{name}-{lang}-{width}")).await;
        }
    }
    browser.close().await;
}
