//! The verification tool `/verify`: a recruiter pastes a badge link or uploads a baked image,
//! may type an address, and reads the verdict; everything else gets a clear answer.

use accolade::awards::PublicBadge;
use accolade::domain::{AwardId, AwardState};
use accolade::openbadges::{hosted, png as baked_png, svg as baked_svg};
use accolade::urls::PublicUrl;

use crate::helpers::{TestApp, import_csv_text, spawn_app};
use crate::journey::{awards_of, create_account, visible_text};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const ADA: &str = "ada@example.com";

/// A pass of `exam` for `email`: the id of its new award (pending, in the wallet of
/// `email`'s account when there is one).
async fn award(app: &TestApp, result_id: &str, email: &str, exam: &str) -> AwardId {
    let before = awards_of(&app.db, email).await;
    import_csv_text(
        &app.db,
        format!("{HEADER}{result_id},pearsonvue,{email},Ada,Lovelace,{exam},2025-06-01,en-US\n"),
    )
    .await;
    let new = awards_of(&app.db, email)
        .await
        .into_iter()
        .find(|id| !before.contains(id))
        .expect("a new award");
    AwardId::parse(&new).unwrap()
}

/// Ada's accepted AZ-900 badge, on her public profile.
async fn public_award(app: &TestApp) -> AwardId {
    let candidate = create_account(&app.db, ADA).await;
    let id = award(app, "V-1", ADA, "AZ-900").await;
    accolade::awards::set_state(&app.db, candidate, &id, AwardState::Accepted)
        .await
        .unwrap();
    sqlx::query("UPDATE candidates SET profile_visibility = 'public', handle = 'ada-lovelace'")
        .execute(&app.db)
        .await
        .unwrap();
    id
}

async fn public_view(app: &TestApp, id: &AwardId) -> PublicBadge {
    accolade::awards::public_badge(&app.db, id)
        .await
        .unwrap()
        .expect("a public badge")
}

/// The hosted assertion of a public award, as its URL serves it.
async fn assertion_json(app: &TestApp, id: &AwardId) -> serde_json::Value {
    let site = PublicUrl::parse(&app.address).unwrap();
    serde_json::to_value(hosted::assertion(&public_view(app, id).await, &site)).unwrap()
}

/// A 4 x 4 RGBA picture, as a badge PNG before baking.
fn picture() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 4, 4);
    encoder.set_color(png::ColorType::Rgba);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[200; 64]).unwrap();
    writer.finish().unwrap();
    out
}

async fn baked_png_of(app: &TestApp, id: &AwardId) -> Vec<u8> {
    let json = assertion_json(app, id).await.to_string();
    baked_png::bake(&picture(), &json).unwrap()
}

async fn baked_svg_of(app: &TestApp, id: &AwardId) -> Vec<u8> {
    let json = assertion_json(app, id).await;
    let art = app.page("/images/badges/AZ-900.svg", 200).await;
    let url = json["id"].as_str().unwrap().to_owned();
    baked_svg::bake(&art, &json.to_string(), &url)
        .unwrap()
        .into_bytes()
}

/// What the form sends: text fields, and a file when one is chosen.
struct Sent<'a> {
    url: &'a str,
    email: &'a str,
    file: Option<(&'a str, Vec<u8>)>,
}

impl<'a> Sent<'a> {
    fn link(url: &'a str) -> Sent<'a> {
        Sent {
            url,
            email: "",
            file: None,
        }
    }

    fn image(name: &'a str, bytes: Vec<u8>) -> Sent<'a> {
        Sent {
            url: "",
            email: "",
            file: Some((name, bytes)),
        }
    }

    fn typed(self, email: &'a str) -> Sent<'a> {
        Sent { email, ..self }
    }
}

const BOUNDARY: &str = "----accolade-test-7MA4YWxkTrZu0gW";

/// The multipart body a browser sends for the form (an empty file part when no file is
/// chosen, as browsers do).
fn multipart(csrf: &str, sent: &Sent<'_>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in [("csrf", csrf), ("url", sent.url), ("email", sent.email)] {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (name, bytes) = match &sent.file {
        Some((name, bytes)) => (*name, bytes.as_slice()),
        None => ("", [].as_slice()),
    };
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post_body(app: &TestApp, body: Vec<u8>, path: &str) -> reqwest::Response {
    app.client
        .post(format!("{}{path}", app.address))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Posts the form with this browser's CSRF token; the status and the page's text.
async fn verify(app: &TestApp, sent: Sent<'_>) -> (u16, String) {
    let csrf = app.csrf().await;
    let response = post_body(app, multipart(&csrf, &sent), "/verify").await;
    let status = response.status().as_u16();
    (status, visible_text(&response.text().await.unwrap()))
}

#[actix_web::test]
async fn the_verification_page_offers_a_link_an_upload_and_an_address() {
    let app = spawn_app().await;
    let html = app.page("/verify", 200).await;
    assert!(html.contains(r#"enctype="multipart/form-data""#), "{html}");
    assert!(html.contains(r#"name="csrf""#));
    for field in [r#"name="url""#, r#"name="file""#, r#"name="email""#] {
        assert!(html.contains(field), "{field}");
    }
    let page = visible_text(&html);
    assert!(page.contains("Verify a badge"), "{page}");
    assert!(page.contains("2 MB at most"), "{page}");
    // Every page's footer leads here.
    assert!(app.page("/", 200).await.contains(r#"href="/verify""#));
}

#[actix_web::test]
async fn pasting_the_link_of_a_public_badge_gives_a_valid_verdict_with_each_check() {
    let app = spawn_app().await;
    let id = public_award(&app).await;
    let links = [
        format!("{}/badges/{id}", app.address),
        format!("  {}/badges/{id}?utm_source=linkedin  ", app.address),
        format!("{}/ob/v2/assertions/{id}", app.address),
        format!("{}/badges/{id}/image.png", app.address),
        format!("/badges/{id}/image.svg"),
    ];
    for link in &links {
        let (status, page) = verify(&app, Sent::link(link)).await;
        assert_eq!(status, 200, "{link}: {page}");
        assert!(page.contains("This badge is genuine and valid"), "{page}");
        assert!(page.contains("Checked from the link you gave."), "{page}");
        assert!(
            page.contains("Microsoft Certified: Azure Fundamentals"),
            "{page}"
        );
        assert!(page.contains("Earned by Test Candidate"), "{page}");
        assert!(page.contains("Issued by Microsoft"), "{page}");
        assert!(page.contains("Issued on 1 June 2025"), "{page}");
        for check in [
            "Passed: Issued by Microsoft, whose profile this site publishes",
            "Passed: The badge's record is published at its own address on this site",
            "Not checked: Recipient: type an address to check it against the badge",
            "Passed: Not expired",
            "Passed: Not revoked",
        ] {
            assert!(page.contains(check), "{check}: {page}");
        }
    }
    // Links to the badge's page, its record and the earner's profile.
    let csrf = app.csrf().await;
    let html = post_body(&app, multipart(&csrf, &Sent::link(&links[0])), "/verify")
        .await
        .text()
        .await
        .unwrap();
    for href in [
        format!(r#"href="/badges/{id}""#),
        format!(r#"href="/ob/v2/assertions/{id}""#),
        r#"href="/u/ada-lovelace""#.to_owned(),
    ] {
        assert!(html.contains(&href), "{href}");
    }
    assert!(html.contains(r#"class="pill pill-valid""#));
}

#[actix_web::test]
async fn the_verdict_is_in_the_readers_language() {
    let app = spawn_app().await;
    let id = public_award(&app).await;
    app.page("/verify?lang=fr", 200).await;
    let (status, page) = verify(&app, Sent::link(&format!("/badges/{id}"))).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Ce badge est authentique et valide"),
        "{page}"
    );
    assert!(page.contains("Délivré le 1 juin 2025"), "{page}");
}

#[actix_web::test]
async fn a_typed_address_is_checked_against_the_recipient_hash() {
    let app = spawn_app().await;
    let id = public_award(&app).await;
    let link = format!("/badges/{id}");
    for typed in [ADA, " ADA@Example.COM "] {
        let (status, page) = verify(&app, Sent::link(&link).typed(typed)).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("This badge is genuine, valid, and was issued to ada@example.com"),
            "{page}"
        );
        assert!(page.contains("Passed: Issued to the address you typed"));
    }
    let (status, page) = verify(&app, Sent::link(&link).typed("eve@example.com")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("This badge is genuine, but it was not issued to eve@example.com"),
        "{page}"
    );
    assert!(page.contains("Failed: Not issued to the address you typed"));
    // Never the earner's address.
    assert!(!page.contains(ADA), "{page}");

    let (status, page) = verify(&app, Sent::link(&link).typed("not an address")).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Enter an email address like name@example.com."),
        "{page}"
    );
}

#[actix_web::test]
async fn a_link_to_another_site_is_answered_plainly_and_never_fetched() {
    let app = spawn_app().await;
    let id = public_award(&app).await;
    // A server of "another site": the tool must never connect to it.
    let other = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    other.set_nonblocking(true).unwrap();
    let port = other.local_addr().unwrap().port();
    let ours = app.address.trim_start_matches("http://");
    for link in [
        format!("http://127.0.0.1:{port}/badges/{id}"),
        format!("http://{ours}@127.0.0.1:{port}/badges/{id}"),
        format!("//127.0.0.1:{port}/badges/{id}"),
    ] {
        let (status, page) = verify(&app, Sent::link(&link)).await;
        assert_eq!(status, 200, "{link}: {page}");
        assert!(page.contains("This badge is not hosted here"), "{page}");
        assert!(
            page.contains(&format!(
                "This link is on 127.0.0.1:{port}, not on this site."
            )),
            "{page}"
        );
        assert!(
            page.contains("Check it with the 1EdTech Open Badges validator"),
            "{page}"
        );
    }
    assert!(
        matches!(other.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the server connected to a URL a visitor gave"
    );
    let csrf = app.csrf().await;
    let html = post_body(
        &app,
        multipart(&csrf, &Sent::link("https://badges.other.example/b/1")),
        "/verify",
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(html.contains(r#"href="https://openbadgesvalidator.imsglobal.org/""#));
}

#[actix_web::test]
async fn links_that_are_not_badge_addresses_say_so_next_to_the_field() {
    let app = spawn_app().await;
    for (link, message) in [
        (
            "javascript:alert(1)",
            "This is not a web address. Paste the whole link, starting with https://.",
        ),
        (
            "/wallet",
            "This link is on this site, but it is not the address of a badge.",
        ),
        (
            "/badges/..%2F..%2Fsettings",
            "This link is on this site, but it is not the address of a badge.",
        ),
    ] {
        let (status, page) = verify(&app, Sent::link(link)).await;
        assert_eq!(status, 422, "{link}");
        assert!(page.contains("Please correct the following:"), "{page}");
        assert!(page.contains(message), "{link}: {page}");
    }
    let (status, page) = verify(&app, Sent::link("")).await;
    assert_eq!(status, 422);
    assert!(page.contains("Paste a badge link or choose a badge image."));
    let both = Sent {
        url: "/badges/x",
        email: "",
        file: Some(("a.png", picture())),
    };
    let (status, page) = verify(&app, both).await;
    assert_eq!(status, 422);
    assert!(page.contains("Give a badge link or a badge image, not both."));
}

#[actix_web::test]
async fn private_pending_declined_and_unknown_badges_get_the_same_answer() {
    let app = spawn_app().await;
    let public = public_award(&app).await;
    let pending = award(&app, "V-2", ADA, "AI-900").await;
    let unknown = AwardId::generate(&mut rand::rng());
    let answer = |page: &str| {
        let start = page.find("No such badge").unwrap_or(0);
        let end = page.find("Check another badge").unwrap_or(page.len());
        page[start..end].to_owned()
    };
    let (status, first) = verify(&app, Sent::link(&format!("/badges/{unknown}"))).await;
    assert_eq!(status, 404);
    assert!(
        first.contains("No such badge No badge of this site has this address."),
        "{first}"
    );
    let (status, page) = verify(&app, Sent::link(&format!("/badges/{pending}"))).await;
    assert_eq!((status, answer(&page)), (404, answer(&first)));
    sqlx::query("UPDATE awards SET state = 'declined' WHERE id = $1")
        .bind(pending.as_str())
        .execute(&app.db)
        .await
        .unwrap();
    let (status, page) = verify(&app, Sent::link(&format!("/badges/{pending}"))).await;
    assert_eq!((status, answer(&page)), (404, answer(&first)));
    // A baked image of a badge that was made private since.
    let image = baked_png_of(&app, &public).await;
    sqlx::query("UPDATE candidates SET profile_visibility = 'private'")
        .execute(&app.db)
        .await
        .unwrap();
    let (status, page) = verify(&app, Sent::link(&format!("/badges/{public}"))).await;
    assert_eq!((status, answer(&page)), (404, answer(&first)));
    let (status, page) = verify(&app, Sent::image("badge.png", image)).await;
    assert_eq!((status, answer(&page)), (404, answer(&first)));
}

#[actix_web::test]
async fn an_uploaded_baked_png_or_svg_is_verified_with_the_typed_address() {
    let app = spawn_app().await;
    let id = public_award(&app).await;
    for (name, bytes, source) in [
        (
            "Azure-Fundamentals.png",
            baked_png_of(&app, &id).await,
            "Checked from the PNG image you uploaded.",
        ),
        (
            "badge.svg",
            baked_svg_of(&app, &id).await,
            "Checked from the SVG image you uploaded.",
        ),
        // The content says what it is, not the name.
        (
            "renamed.jpg",
            baked_png_of(&app, &id).await,
            "Checked from the PNG image you uploaded.",
        ),
    ] {
        let (status, page) = verify(&app, Sent::image(name, bytes.clone()).typed(ADA)).await;
        assert_eq!(status, 200, "{name}: {page}");
        assert!(page.contains(source), "{page}");
        assert!(
            page.contains("This badge is genuine, valid, and was issued to ada@example.com"),
            "{page}"
        );
        let (_, page) = verify(&app, Sent::image(name, bytes).typed("eve@example.com")).await;
        assert!(
            page.contains("Failed: Not issued to the address you typed"),
            "{page}"
        );
    }
}

#[actix_web::test]
async fn an_image_whose_recipient_was_changed_is_refused_as_altered() {
    let app = spawn_app().await;
    let id = public_award(&app).await;
    let mut json = assertion_json(&app, &id).await;
    json["recipient"]["identity"] =
        accolade::openbadges::hashed_identity("eve@example.com", "x").into();
    let image = baked_png::bake(&picture(), &json.to_string()).unwrap();
    let (status, page) = verify(
        &app,
        Sent::image("badge.png", image).typed("eve@example.com"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("This image has been altered"), "{page}");
    assert!(!page.contains("genuine and valid"), "{page}");
    // An SVG whose verify address is another badge's than its JSON's.
    let art = app.page("/images/badges/AZ-900.svg", 200).await;
    let json = assertion_json(&app, &id).await.to_string();
    let other = format!(
        "{}/ob/v2/assertions/{}",
        app.address,
        AwardId::generate(&mut rand::rng())
    );
    let svg = baked_svg::bake(&art, &json, &other).unwrap();
    let (status, page) = verify(&app, Sent::image("badge.svg", svg.into_bytes())).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("This image names two different badges"),
        "{page}"
    );
}

#[actix_web::test]
async fn a_revoked_badge_gets_a_revoked_verdict_with_its_reason() {
    let app = spawn_app().await;
    let id = public_award(&app).await;
    let image = baked_png_of(&app, &id).await;
    let revoked = accolade::awards::revoke(
        &app.db,
        &id,
        "The exam result was annulled",
        accolade::audit::Actor::CommandLine,
    )
    .await
    .unwrap();
    assert_eq!(revoked, accolade::awards::Revoked::Revoked);
    for sent in [
        Sent::link(&format!("/badges/{id}")),
        Sent::image("badge.png", image),
    ] {
        let (status, page) = verify(&app, sent).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("This badge was revoked by its issuer"),
            "{page}"
        );
        assert!(
            page.contains("Failed: Revoked by the issuer: The exam result was annulled"),
            "{page}"
        );
        assert!(page.contains("Revoked"), "{page}");
    }
}

#[actix_web::test]
async fn an_expired_certification_says_when_it_expired() {
    let app = spawn_app().await;
    let id = public_award(&app).await;
    sqlx::query("UPDATE awards SET expires_on = '2025-12-01' WHERE id = $1")
        .bind(id.as_str())
        .execute(&app.db)
        .await
        .unwrap();
    let (status, page) = verify(&app, Sent::link(&format!("/badges/{id}"))).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("This badge is genuine, but it expired on 1 December 2025"),
        "{page}"
    );
    assert!(
        page.contains("Failed: Expired on 1 December 2025"),
        "{page}"
    );
    assert!(page.contains("Valid until 1 December 2025"), "{page}");
}

#[actix_web::test]
async fn an_oversized_upload_gets_a_clear_413_page() {
    let app = spawn_app().await;
    let mut big = picture();
    big.resize(2 * 1024 * 1024 + 1, 0);
    let (status, page) = verify(&app, Sent::image("big.png", big)).await;
    assert_eq!(status, 413, "{page}");
    assert!(
        page.contains("The file is larger than 2 MB. A badge image is much smaller"),
        "{page}"
    );
    // Far larger than anything read: refused from its declared length, same page.
    let csrf = app.csrf().await;
    let huge = vec![0u8; 20 * 1024 * 1024];
    let response = post_body(
        &app,
        multipart(&csrf, &Sent::image("huge.png", huge)),
        "/verify",
    )
    .await;
    assert_eq!(response.status(), 413);
    let page = visible_text(&response.text().await.unwrap());
    assert!(page.contains("The file is larger than 2 MB."), "{page}");
}

#[actix_web::test]
async fn any_file_gets_a_clear_message_never_a_crash() {
    let app = spawn_app().await;
    let id = public_award(&app).await;
    let png = baked_png_of(&app, &id).await;
    let svg = baked_svg_of(&app, &id).await;
    for (bytes, message) in [
        (
            b"just some text".to_vec(),
            "This file is neither a PNG nor an SVG image.",
        ),
        (
            b"\xff\xd8\xff\xe0\x00\x10JFIF".to_vec(),
            "This file is neither a PNG nor an SVG image.",
        ),
        (picture(), "This image carries no badge."),
        (
            app.page("/images/badges/AZ-900.svg", 200)
                .await
                .into_bytes(),
            "This image carries no badge.",
        ),
        (
            png[..png.len() / 2].to_vec(),
            "This PNG image is damaged and cannot be read.",
        ),
        (
            baked_png::bake(&picture(), "{not json").unwrap(),
            "The badge inside this image cannot be read",
        ),
    ] {
        let (status, page) = verify(&app, Sent::image("f.png", bytes)).await;
        assert_eq!(status, 422, "{page}");
        assert!(page.contains(message), "{message}: {page}");
    }
    // Mutations of good images, posted: always an answer, never a 500.
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(42);
    for round in 0..40 {
        let good = if round % 2 == 0 { &png } else { &svg };
        let mut bytes = good.clone();
        for _ in 0..rng.random_range(1..6) {
            let at = rng.random_range(0..bytes.len());
            bytes[at] = rng.random();
        }
        if round % 5 == 0 {
            bytes.truncate(rng.random_range(0..bytes.len()));
        }
        let (status, page) = verify(&app, Sent::image("f", bytes)).await;
        assert!(
            [200, 404, 422].contains(&status),
            "round {round}: {status} {page}"
        );
    }
}

#[actix_web::test]
async fn the_form_needs_its_csrf_token() {
    let app = spawn_app().await;
    let id = public_award(&app).await;
    app.csrf().await;
    let link = format!("/badges/{id}");
    for token in ["", "forged-token-forged-token-forged-token-abc"] {
        let response = post_body(&app, multipart(token, &Sent::link(&link)), "/verify").await;
        assert_eq!(response.status(), 403, "{token:?}");
    }
    // A browser without the cookie cannot post another's token either.
    let csrf = app.csrf().await;
    let stranger = app.with_new_client();
    let response = post_body(&stranger, multipart(&csrf, &Sent::link(&link)), "/verify").await;
    assert_eq!(response.status(), 403);
    // Not multipart at all.
    let response = app
        .post_raw("/verify", &[("csrf", csrf.as_str()), ("url", &link)])
        .await;
    assert_eq!(response.status(), 400);
}
