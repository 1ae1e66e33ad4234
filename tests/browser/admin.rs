//! The admin console and the staff pages in a browser: every page axe-clean, in English and
//! in French, and the second factor's own pages.

use accolade::auth::roles::Role;

use crate::mail_journey::spawn_mail_app;
use crate::support::staff_browser;

#[actix_web::test]
async fn every_page_of_the_admin_console_is_accessible_in_english_and_french() {
    let app = spawn_mail_app().await;
    let browser = staff_browser(&app.db, &app.address, "admin@example.com", Role::Admin).await;
    for lang in ["en", "fr"] {
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
            browser.assert_accessible(&format!("{path} ({lang})")).await;
        }
    }
    browser.close().await;
}
