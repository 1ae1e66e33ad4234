//! The shell every page shares, as a phone and a keyboard see it: every page fits a 390 px
//! window in English and French, a form with an error keeps the reader at the page with the
//! message in view and focused, and the focus ring stands out from every background.

use fantoccini::key::Key;

use crate::harness::Browser;
use crate::helpers::import_csv_text;
use crate::mail_journey::{MailApp, PASSWORD, create_account, link_in, spawn_mail_app};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
/// Long enough to widen any page that does not wrap them.
const EMAIL: &str = "maximiliane.alexandrina.wolkenstein-oberhausen@certification-office.example-university.example";
const SECOND: &str =
    "m.a.wolkenstein-oberhausen.second-address@department-of-continuing-education.example";
const PENDING: &str =
    "wolkenstein-oberhausen.waiting-for-confirmation@a-very-long-domain-name-indeed.example";
const NAME: &str = "Maximiliane Alexandrina Wolkenstein-Oberhausen-Sonnenberg";

/// Reports passed exams of `email` (one per code), with a long name.
async fn passes(app: &MailApp, prefix: &str, email: &str, exams: &[&str]) {
    let rows: String = exams
        .iter()
        .enumerate()
        .map(|(i, exam)| {
            format!(
                "{prefix}-{i},pearsonvue,{email},Maximiliane Alexandrina,\
                 Wolkenstein-Oberhausen-Sonnenberg,{exam},2026-06-01,en-US\n"
            )
        })
        .collect();
    let (_, rejected) = import_csv_text(&app.db, format!("{HEADER}{rows}")).await;
    assert!(rejected.is_empty(), "{rejected:?}");
}

/// Where the browser is, without the host.
async fn path(browser: &Browser, app: &MailApp) -> String {
    let url = browser.current_url().await;
    url.strip_prefix(&app.address).unwrap_or(&url).to_owned()
}

/// Panics when the page is wider than the window, naming the elements that stick out.
async fn assert_fits(browser: &Browser, page: &str) {
    let (scroll, inner, wide): (i64, i64, Vec<String>) = browser
        .eval(
            "const inner = window.innerWidth;
             const wide = [...document.querySelectorAll('body *')]
               .filter((e) => e.getBoundingClientRect().right > inner + 0.5)
               .slice(0, 8)
               .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                 + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
             return [document.documentElement.scrollWidth, inner, wide];",
        )
        .await;
    assert_eq!(inner, 390, "the window is not 390 px wide on {page}");
    assert!(
        scroll <= inner,
        "{page} ({}) is {scroll} px wide in a {inner} px window: {wide:?}",
        browser.current_url().await
    );
}

/// Opens `url` in `lang` and checks that it fits, and that it is accessible at that width.
async fn open_and_check(browser: &Browser, app: &MailApp, url: &str, lang: &str) {
    let sep = if url.contains('?') { '&' } else { '?' };
    browser
        .goto(&format!("{}{url}{sep}lang={lang}", app.address))
        .await;
    assert_eq!(browser.lang().await, lang, "{url}");
    let page = format!("{url} in {lang}, 390 px wide");
    assert_fits(browser, &page).await;
    browser.assert_accessible(&page).await;
}

/// The `href` of the first link that matches `css`.
async fn href(browser: &Browser, css: &str) -> String {
    browser
        .wait_for(css)
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{css} has no href"))
}

#[actix_web::test]
async fn every_page_fits_a_390_px_phone_in_english_and_french() {
    let app = spawn_mail_app().await;
    let browser = Browser::start().await;
    browser.client().set_window_size(390, 844).await.unwrap();

    let id = create_account(&app.db, EMAIL).await;
    sqlx::query("UPDATE candidates SET display_name = $1 WHERE id = $2")
        .bind(NAME)
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();
    passes(&app, "P", EMAIL, &["SC-900", "AZ-900", "DP-900"]).await;
    let claim = link_in(&app.last_mail_to(EMAIL).await, "/claim/");
    let token = claim.trim_start_matches("/claim/");
    app.post_form("/password/forgot", &[("email", EMAIL)]).await;
    let reset = link_in(&app.last_mail_to(EMAIL).await, "/password/reset/");

    // Signed out.
    let next = accolade::urls::encode_query(&claim);
    let email = accolade::urls::encode_query(EMAIL);
    let signed_out = [
        "/".to_owned(),
        format!("/sign-in?email={email}&next={next}"),
        format!("/sign-up?email={email}&next={next}"),
        "/password/forgot".to_owned(),
        reset.clone(),
        "/confirm/not-a-token".to_owned(),
        claim.clone(),
        format!("/reminders/stop/{token}"),
        "/no-such-page".to_owned(),
    ];
    for lang in ["en", "fr"] {
        for url in &signed_out {
            open_and_check(&browser, &app, url, lang).await;
        }
        // Check your email, then the confirmation page its link opens.
        let new = format!("{lang}.{PENDING}");
        open_and_check(&browser, &app, "/sign-up", lang).await;
        browser.fill("email", &new).await;
        browser.fill("display_name", NAME).await;
        browser.fill("password", PASSWORD).await;
        browser
            .leaving(browser.click_button(if lang == "en" {
                "Create my account"
            } else {
                "Créer mon compte"
            }))
            .await;
        assert_fits(&browser, &format!("check your email in {lang}")).await;
        let confirm = link_in(&app.last_mail_to(&new).await, "/confirm/");
        open_and_check(&browser, &app, &confirm, lang).await;
    }

    // Signed in, with a second address and one waiting for confirmation.
    browser
        .goto(&format!("{}/sign-in?lang=en", app.address))
        .await;
    browser.fill("email", EMAIL).await;
    browser.fill("password", PASSWORD).await;
    browser.submit("Sign in").await;
    browser.goto(&format!("{}{claim}", app.address)).await;
    browser.submit("Accept").await;
    // Accepted: the share view, with every way to share (a public profile shows them all).
    let share = path(&browser, &app).await;
    assert!(share.ends_with("/share"), "{share}");
    let badge = share.trim_end_matches("/share").to_owned();
    sqlx::query("UPDATE candidates SET profile_visibility = 'public'")
        .execute(&app.db)
        .await
        .unwrap();
    for address in [SECOND, PENDING] {
        browser.goto(&format!("{}/settings", app.address)).await;
        browser.fill("Add an address", address).await;
        browser.submit("Send a confirmation link").await;
    }
    let confirm = link_in(&app.last_mail_to(SECOND).await, "/confirm/");
    open_and_check(&browser, &app, &confirm, "en").await;
    browser.submit("Confirm").await;
    passes(&app, "S", SECOND, &["AI-900"]).await;
    browser.goto(&format!("{}/settings", app.address)).await;
    let remove = href(&browser, "a[href$='/remove']").await;

    let signed_in = [
        "/wallet".to_owned(),
        "/wallet?show=earned".to_owned(),
        badge.clone(),
        share.clone(),
        "/settings".to_owned(),
        remove,
        "/settings/delete".to_owned(),
        claim.clone(),
        "/wallet/AAAAAAAAAAAAAAAAAAAAAA".to_owned(),
    ];
    for lang in ["en", "fr"] {
        for url in &signed_in {
            open_and_check(&browser, &app, url, lang).await;
        }
        // "This form has expired": a form whose token went stale.
        open_and_check(&browser, &app, "/settings", lang).await;
        let _: bool = browser
            .eval(
                "document.querySelectorAll('input[name=csrf]').forEach((f) => f.value = 'stale');
                 return true;",
            )
            .await;
        browser
            .leaving(browser.click_button(if lang == "en" { "Save" } else { "Enregistrer" }))
            .await;
        assert!(!browser.h1().await.is_empty());
        assert_fits(&browser, &format!("the 403 page in {lang}")).await;
    }

    // The development mailbox.
    let mailer = accolade::mail::Mailer::DevMailbox {
        from: "Accolade <badges@accolade.example>".parse().unwrap(),
    };
    let context = accolade::mail::MailContext {
        public_url: accolade::urls::PublicUrl::parse(&app.address).unwrap(),
    };
    app.post_form("/password/forgot", &[("email", EMAIL)]).await;
    passes(&app, "D", EMAIL, &["AZ-104"]).await;
    while accolade::mail::deliver_due(&app.db, &mailer, &context, 100)
        .await
        .unwrap()
        > 0
    {}
    open_and_check(&browser, &app, "/dev/mail", "en").await;
    let message = href(&browser, "main a[href^='/dev/mail/']").await;
    for lang in ["en", "fr"] {
        open_and_check(&browser, &app, "/dev/mail", lang).await;
        open_and_check(&browser, &app, &message, lang).await;
    }

    browser.close().await;
}

#[actix_web::test]
async fn a_wrong_current_password_keeps_the_reader_on_settings_with_the_error_in_view_and_focused()
{
    let app = spawn_mail_app().await;
    create_account(&app.db, "ada@example.com").await;
    let browser = Browser::start().await;
    browser.client().set_window_size(390, 844).await.unwrap();

    browser
        .goto(&format!("{}/sign-in?next=%2Fsettings", app.address))
        .await;
    browser.fill("email", "ada@example.com").await;
    browser.fill("password", "not the password").await;
    browser.submit("Sign in").await;
    // The sign-in page again, at its own address, its error focused.
    assert_eq!(path(&browser, &app).await, "/sign-in?next=%2Fsettings");
    assert_error_in_view_and_focused(&browser, "The email address or the password is not right.")
        .await;
    assert_eq!(browser.value("password").await, "");

    browser.fill("password", PASSWORD).await;
    browser.submit("Sign in").await;
    assert_eq!(path(&browser, &app).await, "/settings");
    browser.fill("current_password", "not the password").await;
    browser.fill("new_password", "a brand new passphrase").await;
    browser.submit("Change my password").await;
    assert_eq!(path(&browser, &app).await, "/settings?form=password");
    assert_error_in_view_and_focused(&browser, "The current password is not right.").await;
    assert_eq!(browser.value("current_password").await, "");
    assert_eq!(browser.value("new_password").await, "");
    browser
        .assert_accessible("the settings page with a password error")
        .await;

    // The language link, in the header's menu on a phone, keeps this address.
    browser.click_button("Menu").await;
    browser.follow("Français").await;
    assert_eq!(
        path(&browser, &app).await,
        "/settings?form=password&lang=fr"
    );
    assert_eq!(browser.h1().await, "Paramètres");

    browser.close().await;
}

/// A form to fill with a mistake on a page, the button that sends it and the message expected.
struct Mistake<'a> {
    page: String,
    fields: &'a [(&'a str, &'a str)],
    button: &'a str,
    message: &'a str,
}

#[actix_web::test]
async fn every_form_with_a_mistake_is_shown_again_at_its_page_with_the_error_in_view_and_focused() {
    let app = spawn_mail_app().await;
    create_account(&app.db, "ada@example.com").await;
    app.post_form("/password/forgot", &[("email", "ada@example.com")])
        .await;
    let reset = link_in(
        &app.last_mail_to("ada@example.com").await,
        "/password/reset/",
    );
    let browser = Browser::start().await;
    browser.client().set_window_size(390, 844).await.unwrap();

    let short = "The password must be at least 10 characters long.";
    let bad_email = "Enter an email address like name@example.com.";
    let signed_out = [
        Mistake {
            page: "/sign-up?email=new%40example.com&next=%2Fwallet".into(),
            fields: &[("display_name", "Ada"), ("password", "short")],
            button: "Create my account",
            message: short,
        },
        Mistake {
            page: "/password/forgot".into(),
            fields: &[("email", "not an address")],
            button: "Send me a link",
            message: bad_email,
        },
        Mistake {
            page: reset,
            fields: &[("password", "short")],
            button: "Save my new password",
            message: short,
        },
    ];
    let signed_in = [
        Mistake {
            page: "/settings".into(),
            fields: &[("handle", "-no")],
            button: "Save",
            message: "Use 3 to 40 letters a–z, digits and dashes, not starting with a dash.",
        },
        Mistake {
            page: "/settings".into(),
            fields: &[("Add an address", "not an address")],
            button: "Send a confirmation link",
            message: bad_email,
        },
        Mistake {
            page: "/settings/delete".into(),
            fields: &[("email", "someone@example.com"), ("password", PASSWORD)],
            button: "Delete my account for good",
            message: "This is not your primary address.",
        },
    ];
    for (i, mistakes) in [&signed_out[..], &signed_in[..]].into_iter().enumerate() {
        if i == 1 {
            browser.goto(&format!("{}/sign-in", app.address)).await;
            browser.fill("email", "ada@example.com").await;
            browser.fill("password", PASSWORD).await;
            browser.submit("Sign in").await;
        }
        for mistake in mistakes {
            browser
                .goto(&format!("{}{}", app.address, mistake.page))
                .await;
            for (field, value) in mistake.fields {
                browser.fill(field, value).await;
            }
            browser.submit(mistake.button).await;
            let at = path(&browser, &app).await;
            let expected = match mistake.button {
                "Save" => "/settings?form=profile",
                "Send a confirmation link" => "/settings?form=emails",
                _ => mistake.page.as_str(),
            };
            assert_eq!(
                at, expected,
                "after {:?} on {}",
                mistake.button, mistake.page
            );
            assert_error_in_view_and_focused(&browser, mistake.message).await;
            for (field, _) in mistake
                .fields
                .iter()
                .filter(|(f, _)| f.contains("password"))
            {
                assert_eq!(browser.value(field).await, "", "{field} is never put back");
            }
        }
    }

    browser.close().await;
}

/// The focused element is the error summary, it says `message`, and it is in the window.
async fn assert_error_in_view_and_focused(browser: &Browser, message: &str) {
    let (class, text, top, bottom, height): (String, String, f64, f64, f64) = browser
        .eval(
            "const e = document.activeElement;
             const r = e.getBoundingClientRect();
             return [e.className, e.innerText, r.top, r.bottom, window.innerHeight];",
        )
        .await;
    assert_eq!(class, "error-summary", "the focus is on {text:?}");
    assert!(text.contains(message), "{text}");
    assert!(
        top >= 0.0 && bottom <= height,
        "the error summary is at {top}..{bottom}, the window is {height} px high"
    );
}

/// What the focus ring of the focused element looks like against what is around it.
#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)] // `element` and `background` are read in failure messages.
struct Ring {
    element: String,
    outline: String,
    width: f64,
    /// The colour behind the ring, and the ring's contrast against it.
    background: String,
    ratio: f64,
    /// The lowest contrast of the ring against every background of the site's stylesheet:
    /// `--bg`, `--soft` and the boxes that can hold a link or a button (flash, notice), so a
    /// page not visited here is covered too.
    worst_site_ratio: f64,
}

const RING: &str = r"
const parse = (c) => {
  const m = c.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const [r, g, b, a] = m[1].split(/[ ,\/]+/).map(Number);
  return { r, g, b, a: a === undefined ? 1 : a };
};
const luminance = ({ r, g, b }) => {
  const l = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * l(r) + 0.7152 * l(g) + 0.0722 * l(b);
};
const contrast = (x, y) => {
  const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (a + 0.05) / (b + 0.05);
};
const e = document.activeElement;
const style = getComputedStyle(e);
let background = { r: 255, g: 255, b: 255, a: 1 };
for (let n = e.parentElement; n; n = n.parentElement) {
  const c = parse(getComputedStyle(n).backgroundColor);
  if (c && c.a > 0) { background = c; break; }
}
const outline = parse(style.outlineColor);
const root = getComputedStyle(document.documentElement);
const site = ['--bg', '--soft'].map((v) => {
  const probe = document.createElement('span');
  probe.style.color = `var(${v})`;
  document.body.appendChild(probe);
  const c = parse(getComputedStyle(probe).color);
  probe.remove();
  return c;
}).concat(['flash', 'notice'].map((name) => {
  const probe = document.createElement('p');
  probe.className = name;
  document.body.appendChild(probe);
  const c = parse(getComputedStyle(probe).backgroundColor);
  probe.remove();
  return c;
}));
return {
  element: e.tagName.toLowerCase() + ' ' + (e.innerText || e.name || e.id || '').trim().slice(0, 40),
  outline: style.outlineStyle === 'none' ? 'none' : style.outlineColor,
  width: parseFloat(style.outlineWidth),
  background: getComputedStyle(e.parentElement).backgroundColor + ' -> ' + JSON.stringify(background),
  ratio: outline ? contrast(outline, background) : 0,
  worst_site_ratio: outline ? Math.min(...site.map((c) => contrast(outline, c))) : 0,
};
";

/// Checks the focus ring of the element that has the focus.
async fn check_ring(browser: &Browser, page: &str) {
    let ring: Ring = browser.eval(RING).await;
    assert!(
        ring.outline != "none" && ring.width >= 2.0,
        "{page}: no focus ring on {ring:?}"
    );
    assert!(ring.ratio >= 3.0, "{page}: the focus ring is {ring:?}");
    assert!(
        ring.worst_site_ratio >= 3.0,
        "{page}: the focus ring would not show on one of the site's backgrounds: {ring:?}"
    );
}

/// Tabs through the whole page, checking the focus ring of every element on the way.
async fn check_every_ring(browser: &Browser, page: &str) -> usize {
    let mut seen = 0;
    for _ in 0..80 {
        let focused = browser.tab().await;
        if focused.tag == "body" || (seen > 0 && focused.text == "Skip to content") {
            return seen;
        }
        check_ring(browser, page).await;
        seen += 1;
    }
    seen
}

#[actix_web::test]
async fn the_focus_ring_has_a_contrast_of_3_to_1_against_every_background_it_appears_on() {
    let app = spawn_mail_app().await;
    create_account(&app.db, "ada@example.com").await;
    passes(&app, "F", "ada@example.com", &["AZ-900", "AI-900"]).await;
    let browser = Browser::start().await;

    let mut checked = 0;
    for (width, height) in [(1280, 1024), (390, 844)] {
        browser
            .client()
            .set_window_size(width, height)
            .await
            .unwrap();
        browser.goto(&format!("{}/", app.address)).await;
        checked += check_every_ring(&browser, &format!("the landing page at {width} px")).await;
        if width == 390 {
            // The menu opened from the keyboard: its links have the ring too. (Shift first:
            // it moves nothing, but gives a resized headless window its focus back, which
            // would otherwise take the first Tab.)
            browser.goto(&format!("{}/", app.address)).await;
            browser.press(Key::Shift).await;
            browser.press(Key::Tab).await;
            browser.press(Key::Tab).await;
            let menu = browser.tab().await;
            assert_eq!((menu.tag.as_str(), menu.text.as_str()), ("button", "Menu"));
            browser.press(Key::Enter).await;
            let first = browser.tab().await;
            assert_eq!(first.text, "Sign in", "{first:?}");
            assert!(browser.focus_is_visible().await);
            check_ring(&browser, "the menu open on a phone").await;
            browser.assert_accessible("the menu open on a phone").await;
        }
    }
    browser.client().set_window_size(1280, 1024).await.unwrap();
    browser.goto(&format!("{}/sign-in", app.address)).await;
    browser.fill("email", "ada@example.com").await;
    browser.fill("password", "wrong password").await;
    browser.submit("Sign in").await;
    // The error summary takes the focus, with a ring of its own style.
    assert_error_in_view_and_focused(&browser, "password is not right").await;
    // Headless Chromium may leave the page without the system's focus after a resize, and
    // then no :focus rule matches; a key press (Shift, which moves nothing) gives it back, as
    // a user looking at the page has it.
    browser.press(Key::Shift).await;
    check_ring(&browser, "the error summary of the sign-in page").await;
    checked += check_every_ring(&browser, "the sign-in page with an error").await;
    browser.fill("password", PASSWORD).await;
    browser.submit("Sign in").await;
    // An earned badge of a public profile: its page and share view have every share link.
    sqlx::query("UPDATE candidates SET profile_visibility = 'public'")
        .execute(&app.db)
        .await
        .unwrap();
    browser.goto(&format!("{}/wallet", app.address)).await;
    browser
        .submit("Accept Microsoft Certified: Azure AI Fundamentals")
        .await;
    let share = path(&browser, &app).await;
    assert!(share.ends_with("/share"), "{share}");
    let badge = share.trim_end_matches("/share").to_owned();
    // Someone else's badge: its button sits in a notice (yellow).
    passes(&app, "O", "someone.else@example.com", &["AZ-900"]).await;
    let others = link_in(
        &app.last_mail_to("someone.else@example.com").await,
        "/claim/",
    );
    for page in [
        "/wallet",
        &share,
        &badge,
        "/settings",
        "/settings/delete",
        &others,
        "/wallet/AAAAAAAAAAAAAAAAAAAAAA",
    ] {
        browser.goto(&format!("{}{page}", app.address)).await;
        checked += check_every_ring(&browser, page).await;
    }
    assert!(checked > 30, "only {checked} elements were focused");

    browser.close().await;
}
