//! The new candidate's journey in a browser, from the notification email to a private badge
//! in the wallet: real clicks and typing, mail through a real SMTP capture, axe-core on every
//! page on the way; the same claim in French; and a claim made with the keyboard only.

use fantoccini::Locator;
use fantoccini::key::Key;

use crate::harness::{Browser, Focused};
use crate::helpers::import_csv_text;
use crate::mail_journey::{MailApp, PASSWORD, create_account, link_in, spawn_mail_app};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const AZURE: &str = "Microsoft Certified: Azure Fundamentals";
const AZURE_AI: &str = "Microsoft Certified: Azure AI Fundamentals";

/// Reports one passed exam of `email`, as the certification system does.
async fn pass(app: &MailApp, result_id: &str, email: &str, exam: &str) {
    let (summary, rejected) = import_csv_text(
        &app.db,
        format!("{HEADER}{result_id},pearsonvue,{email},Ada,Lovelace,{exam},2026-06-01,en-US\n"),
    )
    .await;
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(summary.awarded, 1, "{summary:?}");
}

/// The text of the page's flash message.
async fn flash(browser: &Browser) -> String {
    let flash = browser.wait_for("main .flash").await;
    flash.text().await.unwrap()
}

/// The visible text of the first element that matches `css`.
async fn text_of(browser: &Browser, css: &str) -> String {
    browser.wait_for(css).await.text().await.unwrap()
}

/// The value of `term` in the badge's details (`dl.meta`), as shown.
async fn detail(browser: &Browser, term: &str) -> String {
    let xpath = format!(
        "//dl[contains(@class, 'meta')]/dt[normalize-space()='{term}']/following-sibling::dd[1]"
    );
    let dd = browser
        .client()
        .find(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no {term:?} in the badge's details: {e}"));
    dd.text().await.unwrap()
}

/// The text of the buttons in the page's main content.
async fn buttons(browser: &Browser) -> Vec<String> {
    browser
        .eval("return [...document.querySelectorAll('main button')].map((b) => b.innerText.trim())")
        .await
}

/// The titles of the wallet's tiles as their links read them (the program's prefix sits on
/// a line of its own: "Microsoft Certified", then "Azure Fundamentals").
async fn tile_titles(browser: &Browser) -> Vec<String> {
    browser
        .eval(
            "return [...document.querySelectorAll('main .tile-title')]
               .map((t) => t.textContent.replace(/\\s+/g, ' ').trim())",
        )
        .await
}

/// Opens the badge of the wallet's tile titled `title` (its link reads the whole title; on
/// screen the program's prefix is a line of its own).
async fn open_tile(browser: &Browser, title: &str) {
    let xpath = format!("//main//h3[normalize-space()='{title}']/a");
    let link = browser
        .client()
        .find(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no tile {title:?}: {e}"));
    browser.leaving(link.click()).await.unwrap();
}

/// Where the browser is, without the host.
async fn path(browser: &Browser, app: &MailApp) -> String {
    let url = browser.current_url().await;
    url.strip_prefix(&app.address).unwrap_or(&url).to_owned()
}

#[actix_web::test]
async fn new_candidate_goes_from_the_email_to_a_private_badge_in_the_wallet() {
    const EMAIL: &str = "new.candidate@example.org";
    let app = spawn_mail_app().await;
    let browser = Browser::start().await;

    // The certification system reports a pass; the email carries the claim link.
    pass(&app, "J-1", EMAIL, "AZ-900").await;
    let mail = app.last_mail_to(EMAIL).await;
    assert_eq!(mail.subject(), format!("You earned a badge: {AZURE}"));
    let claim = link_in(&mail, "/claim/");

    // The link opens the badge, with a way in for a visitor.
    browser.goto(&format!("{}{claim}", app.address)).await;
    assert_eq!(browser.h1().await, AZURE);
    let page = browser.text().await;
    assert!(
        page.contains(&format!("This badge was sent to {EMAIL}.")),
        "{page}"
    );
    browser
        .assert_accessible("the claim page, signed out")
        .await;

    // The header has a "Create an account" link too: this one knows the address.
    browser
        .leaving(browser.click_link_in("main", "Create an account"))
        .await;
    assert_eq!(browser.h1().await, "Create an account");
    assert_eq!(browser.value("Email address").await, EMAIL);
    browser.assert_accessible("the sign-up page").await;

    // A password too short: the error is next to the field, what was typed is kept.
    browser.fill("Your name", "Ada Lovelace").await;
    browser.fill("New password", "short").await;
    browser.submit("Create my account").await;
    let error = text_of(&browser, ".field.has-error #password-error").await;
    assert_eq!(error, "The password must be at least 10 characters long.");
    let password_field = browser.field("New password").await;
    assert_eq!(
        password_field.attr("aria-describedby").await.unwrap(),
        Some("password-error".to_owned()),
        "the field points at its error"
    );
    assert_eq!(
        password_field.attr("aria-invalid").await.unwrap(),
        Some("true".to_owned())
    );
    let summary = text_of(&browser, ".error-summary").await;
    assert!(
        summary.contains("The password must be at least 10 characters long."),
        "{summary}"
    );
    assert_eq!(browser.value("Email address").await, EMAIL);
    assert_eq!(browser.value("Your name").await, "Ada Lovelace");
    assert_eq!(browser.value("New password").await, "");
    browser
        .assert_accessible("the sign-up page with an error")
        .await;

    browser.fill("New password", PASSWORD).await;
    browser.submit("Create my account").await;
    assert_eq!(browser.h1().await, "Check your email");
    let page = browser.text().await;
    assert!(
        page.contains(&format!("We sent a message to {EMAIL}.")),
        "{page}"
    );
    browser.assert_accessible("the check-your-email page").await;

    // The confirmation link; confirming signs in and goes back to the claim page.
    let confirm = link_in(&app.last_mail_to(EMAIL).await, "/confirm/");
    browser.goto(&format!("{}{confirm}", app.address)).await;
    assert_eq!(browser.h1().await, "Confirm your address");
    browser.assert_accessible("the confirmation page").await;
    browser.submit("Confirm").await;
    assert_eq!(
        flash(&browser).await,
        "Your address is confirmed and your account is ready."
    );
    assert_eq!(path(&browser, &app).await, claim);
    assert_eq!(browser.h1().await, AZURE);
    browser.assert_accessible("the claim page, signed in").await;

    // Accepted: on to the "now share it" view. A new profile is private, which hides every
    // badge: the view says how to make it public rather than offering links nobody could open.
    browser.submit("Accept").await;
    assert_eq!(flash(&browser).await, "The badge is in your wallet.");
    let share_path = path(&browser, &app).await;
    assert!(
        share_path.starts_with("/wallet/") && share_path.ends_with("/share"),
        "{share_path}"
    );
    let badge_path = share_path.trim_end_matches("/share").to_owned();
    assert_eq!(browser.h1().await, AZURE);
    let page = browser.text().await;
    assert!(
        page.contains("Congratulations! This badge is yours."),
        "{page}"
    );
    assert!(page.contains("Your profile is private"), "{page}");
    browser.assert_accessible("the share view").await;

    browser.follow("See the badge in my wallet").await;
    assert_eq!(path(&browser, &app).await, badge_path);
    assert_eq!(detail(&browser, "Status").await, "In your wallet");
    browser
        .assert_accessible("the badge's page in the wallet")
        .await;

    browser.follow("Wallet").await;
    assert_eq!(browser.h1().await, "Wallet");
    assert_eq!(text_of(&browser, "#earned-heading").await, "Earned (1)");
    assert_eq!(tile_titles(&browser).await, [AZURE]);
    browser.assert_accessible("the wallet").await;

    // Auto-accept: the next badge goes straight to the wallet, and the email says so.
    browser.follow("Settings").await;
    assert_eq!(browser.h1().await, "Settings");
    browser.assert_accessible("the settings page").await;
    browser.check("Accept new badges automatically").await;
    browser.submit("Save").await;
    assert_eq!(flash(&browser).await, "Your settings are saved.");
    assert!(
        browser
            .field("Accept new badges automatically")
            .await
            .is_selected()
            .await
            .unwrap(),
        "the setting stays ticked"
    );
    browser.assert_accessible("the settings page, saved").await;

    pass(&app, "J-2", EMAIL, "AI-900").await;
    let mail = app.last_mail_to(EMAIL).await;
    assert!(
        mail.subject().starts_with("Added to your wallet"),
        "{}",
        mail.subject()
    );
    assert_eq!(mail.subject(), format!("Added to your wallet: {AZURE_AI}"));
    browser.follow("Wallet").await;
    assert_eq!(text_of(&browser, "#earned-heading").await, "Earned (2)");
    assert_eq!(tile_titles(&browser).await, [AZURE_AI, AZURE]);
    let page = browser.text().await;
    assert!(
        !page.contains("Waiting for you"),
        "nothing to claim: {page}"
    );
    browser
        .assert_accessible("the wallet with two badges")
        .await;

    // One badge made private: its page and the wallet say so.
    open_tile(&browser, AZURE).await;
    assert_eq!(path(&browser, &app).await, badge_path);
    browser.submit("Make private").await;
    assert_eq!(
        flash(&browser).await,
        "The badge is private: nobody else can see it."
    );
    assert_eq!(
        detail(&browser, "Visibility").await,
        "Private: only you can see it"
    );
    let offered = buttons(&browser).await;
    assert!(
        offered.iter().any(|b| b == "Make public") && !offered.iter().any(|b| b == "Make private"),
        "{offered:?}"
    );
    browser.assert_accessible("the badge's page, private").await;

    browser.follow("Wallet").await;
    let tile = browser
        .client()
        .find(Locator::XPath(&format!(
            "//li[contains(@class, 'tile')][.//h3[normalize-space()='{AZURE}']]"
        )))
        .await
        .unwrap();
    let tag = tile.find(Locator::Css(".tag")).await.unwrap();
    assert_eq!(tag.text().await.unwrap(), "Private");
    // The filters are links: "Private" lists that one badge.
    browser.follow("Private 1").await;
    assert_eq!(path(&browser, &app).await, "/wallet?show=private");
    assert_eq!(tile_titles(&browser).await, [AZURE]);
    browser
        .assert_accessible("the wallet showing private badges")
        .await;
    browser.follow("All 2").await;
    assert_eq!(text_of(&browser, "#earned-heading").await, "Earned (2)");
    browser
        .assert_accessible("the wallet with a private badge")
        .await;

    browser.close().await;
}

/// Checks that the page is in French and accessible.
async fn french_page(browser: &Browser, page: &str) {
    assert_eq!(browser.lang().await, "fr", "{page}");
    browser.assert_accessible(page).await;
}

#[actix_web::test]
async fn the_same_claim_in_french_is_accessible_on_every_page() {
    const EMAIL: &str = "camille@example.org";
    let app = spawn_mail_app().await;
    let browser = Browser::start().await;
    pass(&app, "F-1", EMAIL, "AZ-900").await;
    let claim = link_in(&app.last_mail_to(EMAIL).await, "/claim/");

    // `?lang=fr` once: the site remembers it.
    browser
        .goto(&format!("{}{claim}?lang=fr", app.address))
        .await;
    let page = browser.text().await;
    assert!(
        page.contains(&format!("Ce badge a été envoyé à {EMAIL}.")),
        "{page}"
    );
    french_page(&browser, "the French claim page").await;

    browser
        .leaving(browser.click_link_in("main", "Créer un compte"))
        .await;
    assert_eq!(browser.h1().await, "Créer un compte");
    assert_eq!(browser.value("Adresse e-mail").await, EMAIL);
    french_page(&browser, "the French sign-up page").await;
    browser.fill("Votre nom", "Camille Durand").await;
    browser.fill("Nouveau mot de passe", "court").await;
    browser.submit("Créer mon compte").await;
    assert_eq!(
        text_of(&browser, "#password-error").await,
        "Le mot de passe doit compter au moins 10 caractères."
    );
    french_page(&browser, "the French sign-up page with an error").await;
    browser.fill("Nouveau mot de passe", PASSWORD).await;
    browser.submit("Créer mon compte").await;
    assert_eq!(browser.h1().await, "Consultez vos e-mails");
    french_page(&browser, "the French check-your-email page").await;

    let confirm = link_in(&app.last_mail_to(EMAIL).await, "/confirm/");
    browser.goto(&format!("{}{confirm}", app.address)).await;
    assert_eq!(browser.h1().await, "Confirmez votre adresse");
    french_page(&browser, "the French confirmation page").await;
    browser.submit("Confirmer").await;
    assert_eq!(
        flash(&browser).await,
        "Votre adresse est confirmée et votre compte est prêt."
    );
    french_page(&browser, "the French claim page, signed in").await;
    browser.submit("Accepter").await;
    assert_eq!(
        flash(&browser).await,
        "Le badge est dans votre portefeuille."
    );
    assert_eq!(browser.h1().await, AZURE);
    let page = browser.text().await;
    assert!(
        page.contains("Félicitations\u{a0}! Ce badge est à vous."),
        "{page}"
    );
    french_page(&browser, "the French share view").await;
    browser.follow("Voir le badge dans mon portefeuille").await;
    assert_eq!(detail(&browser, "Statut").await, "Dans votre portefeuille");
    french_page(&browser, "the French badge page").await;
    browser.follow("Portefeuille").await;
    assert_eq!(text_of(&browser, "#earned-heading").await, "Obtenu (1)");
    french_page(&browser, "the French wallet").await;
    browser.follow("Paramètres").await;
    french_page(&browser, "the French settings page").await;

    browser.close().await;
}

/// Tabs until `wanted` has the focus (at most `limit` times), checking that every element on
/// the way shows its focus; returns what was focused on the way.
async fn tab_to(
    browser: &Browser,
    wanted: impl Fn(&Focused) -> bool,
    limit: usize,
) -> Vec<Focused> {
    let mut path = Vec::new();
    for _ in 0..limit {
        let focused = browser.tab().await;
        assert!(
            browser.focus_is_visible().await,
            "the focus on {focused:?} is not visible"
        );
        let found = wanted(&focused);
        path.push(focused);
        if found {
            return path;
        }
    }
    panic!("{limit} Tabs did not reach the element; the focus went {path:#?}");
}

#[actix_web::test]
async fn keyboard_only_user_can_sign_in_accept_a_badge_and_turn_on_auto_accept() {
    const EMAIL: &str = "keys@example.org";
    let app = spawn_mail_app().await;
    create_account(&app.db, EMAIL).await;
    pass(&app, "K-1", EMAIL, "AZ-900").await;
    let claim = link_in(&app.last_mail_to(EMAIL).await, "/claim/");
    let browser = Browser::start().await;
    browser.goto(&format!("{}{claim}", app.address)).await;

    // From the top of the claim page to its "Sign in to claim" link, Enter follows it.
    let path = tab_to(&browser, |f| f.text == "Sign in to claim", 12).await;
    assert_eq!(path[0].text, "Skip to content", "{path:#?}");
    let link = path.last().unwrap();
    assert_eq!(link.tag, "a");
    browser.leaving(browser.press(Key::Enter)).await;
    assert_eq!(browser.h1().await, "Sign in");

    // The address came along; Tab goes from it to the password, typed, then Enter.
    let path = tab_to(&browser, |f| f.id == "email", 8).await;
    let email = path.last().unwrap();
    assert_eq!(email.tag, "input");
    assert_eq!(email.text, EMAIL, "the address is pre-filled");
    let password = browser.tab().await;
    assert_eq!(
        (password.tag.as_str(), password.id.as_str()),
        ("input", "password")
    );
    assert!(browser.focus_is_visible().await);
    browser.type_text(PASSWORD).await;
    browser.leaving(browser.press(Key::Enter)).await;

    // Back on the claim page, signed in: Tab to Accept, Enter.
    assert_eq!(flash(&browser).await, "You are signed in.");
    assert_eq!(browser.h1().await, AZURE);
    let path = tab_to(&browser, |f| f.tag == "button" && f.text == "Accept", 12).await;
    assert!(
        !path.iter().any(|f| f.text == "Decline"),
        "Accept comes before Decline: {path:#?}"
    );
    browser.leaving(browser.press(Key::Enter)).await;
    assert_eq!(flash(&browser).await, "The badge is in your wallet.");
    assert_eq!(browser.h1().await, AZURE);
    assert!(
        browser.current_url().await.ends_with("/share"),
        "on to sharing it"
    );

    // Settings, by the header's link: tick auto-accept with Space, Tab to Save, Enter. The
    // way there crosses every kind of field: text, textarea, radio, checkbox, select.
    tab_to(&browser, |f| f.tag == "a" && f.text == "Settings", 8).await;
    browser.leaving(browser.press(Key::Enter)).await;
    assert_eq!(browser.h1().await, "Settings");
    let path = tab_to(&browser, |f| f.id == "auto_accept", 15).await;
    let kinds: Vec<&str> = path.iter().map(|f| f.tag.as_str()).collect();
    assert!(kinds.contains(&"textarea"), "{path:#?}");
    browser.press(Key::Space).await;
    let auto_accept = browser.field("Accept new badges automatically").await;
    assert!(auto_accept.is_selected().await.unwrap(), "Space ticks it");
    let path = tab_to(&browser, |f| f.tag == "button", 3).await;
    assert_eq!(path[0].tag, "select", "{path:#?}");
    assert_eq!(path.last().unwrap().text, "Save");
    browser.leaving(browser.press(Key::Enter)).await;
    assert_eq!(flash(&browser).await, "Your settings are saved.");
    let auto_accept = browser.field("Accept new badges automatically").await;
    assert!(auto_accept.is_selected().await.unwrap(), "saved ticked");

    browser.close().await;
}
