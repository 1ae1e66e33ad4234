//! The support console in a browser: an agent resolves a missing badge from start to end,
//! with the keyboard where a form is sent, axe-core on every page on the way.

use fantoccini::key::Key;

use crate::harness::Browser;
use crate::helpers::import_csv_text;
use crate::mail_journey::{PASSWORD, create_account, spawn_mail_app};
use accolade::auth::roles::Role;

/// A browser signed in as a new member of staff holding `role`, with an authenticator app
/// set up, whose code it has given: the consoles are open to it.
pub async fn staff_browser(db: &sqlx::PgPool, address: &str, email: &str, role: Role) -> Browser {
    use accolade::auth::{second_factor, totp};
    let id = create_account(db, email).await;
    accolade::auth::roles::grant(
        db,
        &accolade::domain::EmailAddress::parse(email).unwrap(),
        role,
        accolade::audit::Actor::CommandLine,
    )
    .await
    .unwrap();
    // The app, set up with a code of the step before this one.
    let secret = second_factor::pending_or_new(db, id).await.unwrap();
    let now = second_factor::now();
    second_factor::confirm(
        db,
        &accolade::auth::ThrottleLimits::default(),
        id,
        &totp::code_at(&secret, now - 30),
        now,
    )
    .await
    .unwrap();

    let browser = Browser::start().await;
    browser.goto(&format!("{address}/sign-in")).await;
    browser.fill("Email address", email).await;
    browser.fill("Password", PASSWORD).await;
    browser.submit("Sign in").await;
    // A console asks for the second factor first, then opens.
    browser.goto(&format!("{address}/staff")).await;
    assert_eq!(browser.h1().await, "Second factor");
    browser
        .fill("Code", &totp::code_at(&secret, second_factor::now()))
        .await;
    browser.submit("Continue").await;
    assert!(browser.current_url().await.ends_with("/staff"));
    browser.assert_accessible("the staff session").await;
    browser
}

#[actix_web::test]
async fn an_agent_finds_a_badge_sent_to_an_old_address_and_attaches_the_address() {
    let app = spawn_mail_app().await;
    let ada = create_account(&app.db, "ada@home.example").await;
    sqlx::query("UPDATE candidates SET display_name = 'Ada Lovelace' WHERE id = $1")
        .bind(ada)
        .execute(&app.db)
        .await
        .unwrap();
    // The result was reported under the address of her former employer.
    import_csv_text(
        &app.db,
        "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n\
         R-1,pearsonvue,ada@old-work.example,Ada,Lovelace,AZ-900,2025-06-01,en-US\n",
    )
    .await;
    let browser = staff_browser(
        &app.db,
        &app.address,
        "agent@support.example",
        Role::Support,
    )
    .await;
    browser.goto(&format!("{}/support", app.address)).await;
    browser
        .assert_accessible("the support console's search")
        .await;
    browser
        .fill("Address, name, award id or result id", "ada@home")
        .await;
    browser.leaving(browser.press(Key::Enter)).await;
    let text = browser.text().await;
    assert!(text.contains("ada@home.example"), "{text}");
    browser.assert_accessible("the search's hits").await;
    browser.screenshot("support-search-en-1280").await;

    browser
        .leaving(async {
            browser
                .wait_for("a[href='/support/missing?email=ada%40home.example']")
                .await
                .click()
                .await
                .unwrap()
        })
        .await;
    assert_eq!(browser.h1().await, "Missing badge");
    let text = browser.text().await;
    assert!(text.contains("ada@old-work.example"), "{text}");
    assert!(text.contains("Same name"), "{text}");
    browser.assert_accessible("the missing-badge view").await;
    browser.screenshot("support-missing-en-1280").await;

    // The near miss: the same name under her old address, and its badge waiting there.
    browser
        .leaving(async {
            browser
                .wait_for(&format!(
                    "a.button[href='/support/candidates/{ada}/attach?email=ada%40old-work.example']"
                ))
                .await
                .click()
                .await
                .unwrap()
        })
        .await;
    assert_eq!(browser.h1().await, "Attach an address");
    browser.assert_accessible("the attach page").await;
    // Without a reason the page says so, at the top of the form.
    browser.field("Reason").await.click().await.unwrap();
    browser.leaving(browser.press(Key::Enter)).await;
    let text = browser.text().await;
    assert!(text.contains("Give the reason for this action."), "{text}");
    browser
        .assert_accessible("the attach page with its error")
        .await;
    browser.screenshot("support-attach-error-en-1280").await;
    browser
        .fill(
            "Reason",
            "Ticket 4711: results reported under her former work address",
        )
        .await;
    browser.leaving(browser.press(Key::Enter)).await;

    // Her profile: the address is hers, the badge in her wallet, the action in the trail.
    let text = browser.text().await;
    assert!(
        text.contains("The address is attached; its badges are in the wallet"),
        "{text}"
    );
    assert!(
        text.contains("Address attached by support") && text.contains("support.address_attached"),
        "{text}"
    );
    browser.assert_accessible("the candidate's profile").await;
    browser.screenshot("support-profile-en-1280").await;
    browser.client().set_window_size(390, 844).await.unwrap();
    browser.screenshot("support-profile-en-390").await;
    let owner: Option<i64> =
        sqlx::query_scalar("SELECT candidate_id FROM awards WHERE recipient_email = $1")
            .bind("ada@old-work.example")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(owner, Some(ada));
    let told = app.last_mail_to("ada@home.example").await;
    assert!(told.text().contains("ada@old-work.example"));
    browser.close().await;
}
