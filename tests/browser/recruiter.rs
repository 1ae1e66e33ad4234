//! A recruiter's journey in a browser: open the badge link a candidate shared, read the
//! credential, then check the image the candidate sent against the address they gave, with
//! the keyboard only. axe-core on every page on the way.

use fantoccini::key::Key;

use crate::harness::Browser;
use crate::helpers::{import_csv_text, spawn_app};
use crate::mail_journey::{awards_of, create_account};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const AZ_104: &str = "Microsoft Certified: Azure Administrator Associate";

/// Tabs until the element with the id `id` has the focus.
async fn tab_to_id(browser: &Browser, id: &str) {
    for _ in 0..80 {
        if browser.tab().await.id == id {
            return;
        }
    }
    panic!("the keyboard never reaches #{id}");
}

/// Tabs until the link or button reading `text` has the focus.
async fn tab_to(browser: &Browser, text: &str) {
    for _ in 0..80 {
        if browser.tab().await.text == text {
            return;
        }
    }
    panic!("the keyboard never reaches {text:?}");
}

#[actix_web::test]
async fn a_recruiter_opens_a_shared_badge_and_verifies_the_image_with_the_keyboard() {
    let app = spawn_app().await;
    let candidate = create_account(&app.db, "ada@example.com").await;
    sqlx::query(
        "UPDATE candidates SET profile_visibility = 'public', display_name = 'Ada Lovelace',
                handle = 'ada-lovelace' WHERE id = $1",
    )
    .bind(candidate)
    .execute(&app.db)
    .await
    .unwrap();
    let passed = (chrono::Utc::now().date_naive() - chrono::Days::new(10)).to_string();
    import_csv_text(
        &app.db,
        format!("{HEADER}R-1,pearsonvue,ada@example.com,Ada,L,AZ-104,{passed},en-US\n"),
    )
    .await;
    accolade::awards::accept_all(&app.db, candidate)
        .await
        .unwrap();
    let award = awards_of(&app.db, "ada@example.com").await.remove(0);
    // The image the candidate downloaded and sent with their application.
    let png = app
        .get(&accolade::urls::baked_png(&award))
        .await
        .bytes()
        .await
        .unwrap();
    let image = std::env::temp_dir().join(format!("accolade-recruiter-{award}.png"));
    std::fs::write(&image, &png).unwrap();

    let browser = Browser::start().await;
    browser
        .goto(&format!(
            "{}{}",
            app.address,
            accolade::urls::public_badge(&award)
        ))
        .await;
    assert_eq!(browser.h1().await, AZ_104);
    let page = browser.text().await;
    for shown in [
        "Ada Lovelace",
        "Microsoft",
        "Valid",
        "Not revoked",
        "Not expired",
    ] {
        assert!(page.contains(shown), "{shown:?} on the badge page: {page}");
    }
    browser.assert_accessible("the public badge page").await;

    // From the badge page to the verification tool, by keyboard.
    tab_to(&browser, "Check an address or a badge image").await;
    browser.leaving(browser.press(Key::Enter)).await;
    assert_eq!(browser.h1().await, "Verify a badge");
    browser.assert_accessible("the verification tool").await;

    // The file is chosen in the system's dialog that the focused field opens; the rest is
    // typed, and Enter sends the form.
    tab_to_id(&browser, "file").await;
    browser
        .field("Badge image")
        .await
        .send_keys(&image.display().to_string())
        .await
        .unwrap();
    let next = browser.tab().await;
    assert_eq!(next.id, "email", "after the image, the address: {next:?}");
    browser.type_text("ada@example.com").await;
    browser.leaving(browser.press(Key::Enter)).await;
    let verdict = browser.text().await;
    assert!(
        verdict.contains("This badge is genuine, valid, and was issued to ada@example.com"),
        "{verdict}"
    );
    assert!(
        verdict.contains("Checked from the PNG image you uploaded."),
        "{verdict}"
    );
    assert!(verdict.contains(AZ_104), "{verdict}");
    browser.assert_accessible("the verdict").await;

    browser.close().await;
    std::fs::remove_file(&image).ok();
}
