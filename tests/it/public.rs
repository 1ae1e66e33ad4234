//! What anyone sees of a badge without an account: the Open Badges 2.0 documents a verifier
//! fetches, the public badge page a recruiter opens and networks preview, the public
//! profile; and the share actions its earner gets on the public page.

use std::collections::HashMap;

use accolade::audit::Actor;
use accolade::awards::{self, Revoked};
use accolade::domain::AwardId;
use regex::Regex;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{TestApp, import_csv_text, spawn_app};
use crate::journey::{awards_of, create_account, visible_text};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";

/// Ada's awards, one in each situation the public side tells apart.
struct Awards {
    /// Azure Administrator Associate (AZ-104, valid 12 months): accepted and public.
    public: String,
    /// Azure AI Fundamentals: waiting for Ada.
    pending: String,
    /// Azure Data Fundamentals: declined.
    declined: String,
    /// Azure Fundamentals: accepted, but Ada made it private.
    private: String,
    /// Bob's accepted public badge; his profile is private.
    of_private_profile: String,
}

/// Ada (profile public at `/u/ada-lovelace`) and Bob (profile private), signed in in `ada`.
async fn ada_and_bob(app: &TestApp) -> (Awards, TestApp) {
    import_csv_text(
        &app.db,
        format!(
            "{HEADER}P-1,pearsonvue,ada@example.com,Ada,Lovelace,AZ-104,2026-05-10,en-US\n\
             P-2,pearsonvue,ada@example.com,Ada,Lovelace,AI-900,2026-04-01,en-US\n\
             P-3,pearsonvue,ada@example.com,Ada,Lovelace,DP-900,2026-03-01,en-US\n\
             P-4,pearsonvue,ada@example.com,Ada,Lovelace,AZ-900,2026-02-01,en-US\n\
             P-5,pearsonvue,bob@example.com,Bob,Stone,AZ-900,2026-02-01,en-US\n"
        ),
    )
    .await;
    let ada_awards = awards_of(&app.db, "ada@example.com").await;
    // Ordered by issue date: AZ-900, DP-900, AI-900, AZ-104.
    let [private, declined, pending, public] = <[String; 4]>::try_from(ada_awards).unwrap();
    let of_private_profile = awards_of(&app.db, "bob@example.com").await.remove(0);

    create_account(&app.db, "ada@example.com").await;
    create_account(&app.db, "bob@example.com").await;
    sqlx::query(
        "UPDATE candidates SET display_name = 'Ada Lovelace', handle = 'ada-lovelace',
                bio = 'Cloud engineer.', profile_visibility = 'public'
          WHERE id = (SELECT candidate_id FROM awards WHERE id = $1)",
    )
    .bind(&public)
    .execute(&app.db)
    .await
    .unwrap();
    let ada = app.with_new_client();
    assert_eq!(ada.sign_in("ada@example.com").await.status(), 303);
    for id in [&public, &private] {
        let r = ada.post_form(&format!("/wallet/{id}/accept"), &[]).await;
        assert_eq!(r.status(), 303);
    }
    let r = ada
        .post_form(&format!("/wallet/{declined}/decline"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let r = ada
        .post_form(
            &format!("/wallet/{private}/visibility"),
            &[("visibility", "private")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let bob = app.with_new_client();
    assert_eq!(bob.sign_in("bob@example.com").await.status(), 303);
    let r = bob
        .post_form(&format!("/wallet/{of_private_profile}/accept"), &[])
        .await;
    assert_eq!(r.status(), 303);
    (
        Awards {
            public,
            pending,
            declined,
            private,
            of_private_profile,
        },
        ada,
    )
}

/// A browser that has never been to the site: no cookies, no session.
fn stranger(app: &TestApp) -> TestApp {
    app.with_new_client()
}

async fn json_of(app: &TestApp, path: &str, status: u16) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), status, "GET {path}");
    assert_eq!(
        response.headers()["content-type"],
        "application/ld+json",
        "GET {path}"
    );
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    assert!(response.headers().get("set-cookie").is_none());
    response.json().await.unwrap()
}

fn sha256_identity(address: &str, salt: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(address.as_bytes());
    hasher.update(salt.as_bytes());
    format!("sha256${}", hex::encode(hasher.finalize()))
}

#[actix_web::test]
async fn the_open_badges_documents_have_the_shapes_verifiers_read_and_the_id_they_are_served_at() {
    let app = spawn_app().await;
    let (awards, _) = ada_and_bob(&app).await;
    let site = &app.address;

    let issuer = json_of(&app, "/ob/v2/issuers/microsoft", 200).await;
    assert_eq!(issuer["@context"], "https://w3id.org/openbadges/v2");
    assert_eq!(issuer["type"], "Issuer");
    assert_eq!(issuer["id"], format!("{site}/ob/v2/issuers/microsoft"));
    assert_eq!(issuer["name"], "Microsoft");
    assert!(issuer["url"].as_str().unwrap().starts_with("https://"));
    assert_eq!(
        issuer["revocationList"],
        format!("{site}/ob/v2/issuers/microsoft/revocations")
    );

    let class = json_of(&app, "/ob/v2/badges/azure-administrator", 200).await;
    assert_eq!(class["type"], "BadgeClass");
    assert_eq!(
        class["id"],
        format!("{site}/ob/v2/badges/azure-administrator")
    );
    assert_eq!(
        class["name"],
        "Microsoft Certified: Azure Administrator Associate"
    );
    assert!(
        class["description"]
            .as_str()
            .unwrap()
            .starts_with("Earners can implement")
    );
    assert_eq!(
        class["image"],
        format!("{site}/images/badges/azure-administrator.png")
    );
    assert_eq!(
        class["criteria"]["id"],
        "https://learn.microsoft.com/credentials/certifications/azure-administrator/"
    );
    assert_eq!(
        class["criteria"]["narrative"],
        "Earn the certification by passing exam AZ-104."
    );
    assert_eq!(class["issuer"], issuer["id"]);
    assert!(
        class["tags"]
            .as_array()
            .unwrap()
            .contains(&json!("Virtual networking")),
        "skills as tags: {class}"
    );
    assert_eq!(
        class["alignment"],
        json!([{
            "targetName": "Azure Administrator Associate study guide",
            "targetUrl": "https://learn.microsoft.com/credentials/certifications/resources/study-guides/az-104",
            "targetFramework": "Microsoft Learn",
            "targetCode": "AZ-104",
        }])
    );
    let fundamentals = json_of(&app, "/ob/v2/badges/azure-fundamentals", 200).await;
    assert!(
        fundamentals.get("alignment").is_none(),
        "no alignment in the catalog, none in the document"
    );

    let path = format!("/ob/v2/assertions/{}", awards.public);
    let response = app.get(&path).await;
    assert_eq!(response.headers()["cache-control"], "public, max-age=300");
    let assertion = json_of(&app, &path, 200).await;
    let salt: String = sqlx::query_scalar("SELECT recipient_salt FROM awards WHERE id = $1")
        .bind(&awards.public)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(assertion["type"], "Assertion");
    assert_eq!(assertion["id"], format!("{site}{path}"));
    assert_eq!(
        assertion["recipient"],
        json!({
            "type": "email",
            "hashed": true,
            "salt": salt,
            "identity": sha256_identity("ada@example.com", &salt),
        })
    );
    assert!(!salt.is_empty());
    assert_eq!(
        assertion["badge"],
        format!("{site}/ob/v2/badges/azure-administrator")
    );
    assert_eq!(assertion["verification"], json!({"type": "hosted"}));
    assert_eq!(assertion["issuedOn"], "2026-05-10T00:00:00Z");
    assert_eq!(assertion["expires"], "2027-05-10T00:00:00Z");
    assert_eq!(
        assertion["evidence"],
        format!("{site}/badges/{}", awards.public)
    );
    assert_eq!(
        assertion["image"],
        format!("{site}/badges/{}/image.png", awards.public)
    );
    assert!(assertion.get("revoked").is_none());
    assert!(
        !assertion.to_string().contains("ada@example.com"),
        "never the address itself"
    );

    // An exam badge that does not expire has no `expires`.
    let never: Value = json_of(&app, "/ob/v2/issuers/microsoft/revocations", 200).await;
    assert_eq!(never["type"], "RevocationList");
    assert_eq!(
        never["id"],
        format!("{site}/ob/v2/issuers/microsoft/revocations")
    );
    assert_eq!(never["revokedAssertions"], json!([]));
}

#[actix_web::test]
async fn a_badge_class_asked_for_in_another_case_is_sent_to_its_own_address() {
    let app = spawn_app().await;
    let response = app.get("/ob/v2/badges/AZURE-Administrator").await;
    assert_eq!(response.status(), 301);
    assert_eq!(
        response.headers()["location"],
        "/ob/v2/badges/azure-administrator"
    );
}

#[actix_web::test]
async fn unknown_issuers_and_badge_classes_that_give_no_badge_are_not_found() {
    let app = spawn_app().await;
    for path in [
        "/ob/v2/issuers/nobody",
        "/ob/v2/issuers/nobody/revocations",
        "/ob/v2/badges/no-such-badge",
        // A named exclusion of the program: it never gave a badge.
        "/ob/v2/badges/74-343",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(response.headers()["access-control-allow-origin"], "*");
        assert_eq!(response.text().await.unwrap(), r#"{"error":"not found"}"#);
    }
}

#[actix_web::test]
async fn a_revoked_award_answers_410_is_on_the_revocation_list_and_its_page_says_why() {
    let app = spawn_app().await;
    let (awards, ada) = ada_and_bob(&app).await;
    let id = AwardId::parse(&awards.public).unwrap();
    assert_eq!(
        awards::revoke(&app.db, &id, "Issued in error", Actor::CommandLine)
            .await
            .unwrap(),
        Revoked::Revoked
    );
    let path = format!("/ob/v2/assertions/{}", awards.public);
    let assertion = json_of(&app, &path, 410).await;
    assert_eq!(assertion["revoked"], true);
    assert_eq!(assertion["revocationReason"], "Issued in error");
    assert_eq!(assertion["id"], format!("{}{path}", app.address));

    let list = json_of(&app, "/ob/v2/issuers/microsoft/revocations", 200).await;
    assert_eq!(
        list["revokedAssertions"],
        json!([{
            "id": format!("{}{path}", app.address),
            "revocationReason": "Issued in error",
        }])
    );

    let page = visible_text(
        &stranger(&app)
            .page(&format!("/badges/{}", awards.public), 200)
            .await,
    );
    assert!(page.contains("Revoked"), "{page}");
    assert!(
        page.contains("The issuer revoked this badge: Issued in error"),
        "{page}"
    );
    assert!(
        page.contains("This badge has been revoked by its issuer."),
        "{page}"
    );
    assert!(
        page.contains("Failed: Revoked by the issuer: Issued in error"),
        "{page}"
    );
    // The earner is not offered to share a revoked badge.
    let html = ada.page(&format!("/badges/{}", awards.public), 200).await;
    assert!(!html.contains("linkedin.com"), "{html}");
}

/// The headers of a response that do not change from one request to the next.
fn lasting_headers(response: &reqwest::Response) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "date" | "x-request-id" | "server-timing"))
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    headers
}

#[actix_web::test]
async fn awards_without_a_public_view_answer_exactly_like_an_id_that_never_existed() {
    let app = spawn_app().await;
    let (awards, _) = ada_and_bob(&app).await;
    let never = AwardId::generate(&mut rand::rng()).into_string();
    let hidden = [
        ("pending", awards.pending.as_str()),
        ("declined", awards.declined.as_str()),
        ("private badge", awards.private.as_str()),
        ("private profile", awards.of_private_profile.as_str()),
        ("malformed", "not-an-award-id"),
    ];

    let unknown = app.get(&format!("/ob/v2/assertions/{never}")).await;
    assert_eq!(unknown.status(), 404);
    let unknown_headers = lasting_headers(&unknown);
    let unknown_body = unknown.bytes().await.unwrap();
    for (what, id) in hidden {
        let response = app.get(&format!("/ob/v2/assertions/{id}")).await;
        assert_eq!(response.status(), 404, "{what}");
        assert_eq!(lasting_headers(&response), unknown_headers, "{what}");
        assert_eq!(response.bytes().await.unwrap(), unknown_body, "{what}");
    }

    // The page: the site's 404 page, the same but for the request id it names and the
    // address asked for (its language link).
    let page_of = |response: reqwest::Response, id: String| async move {
        assert_eq!(response.status(), 404);
        let request_id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let body = response.text().await.unwrap();
        assert!(body.contains(&request_id));
        body.replace(&request_id, "REQUEST-ID").replace(&id, "ID")
    };
    let visitor = stranger(&app);
    // The first visit sets the CSRF cookie; compare visits that do not.
    visitor.get("/").await;
    let unknown_page = page_of(
        visitor.get(&format!("/badges/{never}")).await,
        never.clone(),
    )
    .await;
    assert!(unknown_page.contains("Page not found"), "{unknown_page}");
    for (what, id) in hidden {
        let response = visitor.get(&format!("/badges/{id}")).await;
        let headers = lasting_headers(&response);
        assert_eq!(
            page_of(response, id.to_owned()).await,
            unknown_page,
            "{what}"
        );
        let reference = lasting_headers(&visitor.get(&format!("/badges/{never}")).await);
        // The length follows the address asked for, which the page names.
        let without_length = |headers: Vec<(String, String)>| {
            headers
                .into_iter()
                .filter(|(name, _)| name != "content-length")
                .collect::<Vec<_>>()
        };
        assert_eq!(without_length(headers), without_length(reference), "{what}");
    }
    // Even its earner: the public page is what anyone sees.
    let ada = app.with_new_client();
    ada.sign_in("ada@example.com").await;
    ada.page(&format!("/badges/{}", awards.private), 404).await;
}

/// The `content` of `<meta property|name="{key}">`, unescaped.
fn meta(html: &str, key: &str) -> Option<String> {
    let re = Regex::new(&format!(
        r#"<meta (?:property|name)="{}" content="([^"]*)">"#,
        regex::escape(key)
    ))
    .unwrap();
    re.captures(html).map(|c| unescape(&c[1]))
}

fn unescape(text: &str) -> String {
    text.replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
}

#[actix_web::test]
async fn the_public_page_shows_the_credential_and_carries_its_previews_and_assertion() {
    let app = spawn_app().await;
    let (awards, _) = ada_and_bob(&app).await;
    let path = format!("/badges/{}", awards.public);
    let visitor = stranger(&app);
    let html = visitor.page(&path, 200).await;
    let site = &app.address;

    assert_eq!(
        meta(&html, "og:title").as_deref(),
        Some("Microsoft Certified: Azure Administrator Associate")
    );
    assert_eq!(
        meta(&html, "og:description").as_deref(),
        Some("Earned by Ada Lovelace, issued by Microsoft on 10 May 2026.")
    );
    assert_eq!(meta(&html, "og:url"), Some(format!("{site}{path}")));
    assert_eq!(
        meta(&html, "og:image"),
        Some(format!("{site}{path}/preview.png"))
    );
    assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1200"));
    assert_eq!(meta(&html, "og:image:height").as_deref(), Some("630"));
    assert_eq!(meta(&html, "og:type").as_deref(), Some("website"));
    assert_eq!(
        meta(&html, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        meta(&html, "twitter:image"),
        Some(format!("{site}{path}/preview.png"))
    );
    assert!(
        html.contains(&format!(
            r#"<link rel="alternate" type="application/ld+json" href="{site}/ob/v2/assertions/{}">"#,
            awards.public
        )),
        "{html}"
    );

    let page = visible_text(&html);
    for seen in [
        "Microsoft Certified: Azure Administrator Associate",
        "Certification · Associate",
        "Issued by Microsoft",
        "Valid",
        "Earned by Ada Lovelace",
        "Issued on 10 May 2026",
        "Valid until 10 May 2027",
        "Earners can implement, manage and monitor",
        "Earn the certification by passing the exam AZ-104.",
        "Virtual networking",
        "This badge is authentic and valid.",
        "Passed: Issued by Microsoft, whose profile this site publishes",
        "Passed: Not expired",
        "Passed: Not revoked",
        "Not checked: Recipient",
    ] {
        assert!(page.contains(seen), "{seen:?} in {page}");
    }
    assert!(html.contains(r#"href="/u/ada-lovelace""#), "{html}");
    assert!(html.contains(
        r#"href="https://learn.microsoft.com/credentials/certifications/azure-administrator/""#
    ));
    assert!(
        html.contains(r#"width="220" height="220""#),
        "the image has its size"
    );
    assert!(
        !page.contains("ada@example.com"),
        "never the address: {page}"
    );
    assert!(
        !html.contains("linkedin.com"),
        "no share actions for others"
    );

    // In the reader's language.
    let french = visible_text(&visitor.page(&format!("{path}?lang=fr"), 200).await);
    assert!(french.contains("Délivré le 10 mai 2026"), "{french}");
    assert!(french.contains("Valide jusqu’au 10 mai 2027"), "{french}");
    assert!(
        french.contains("Obtenir la certification en réussissant l’examen AZ-104."),
        "{french}"
    );

    // Past its expiry, it says so, in the pill, the dates and the verification.
    sqlx::query("UPDATE awards SET expires_on = current_date - 1 WHERE id = $1")
        .bind(&awards.public)
        .execute(&app.db)
        .await
        .unwrap();
    let expired = visible_text(&stranger(&app).page(&path, 200).await);
    assert!(expired.contains("Expired on"), "{expired}");
    assert!(
        expired.contains("This badge is authentic, but it has expired."),
        "{expired}"
    );
    assert!(expired.contains("Failed: Expired on"), "{expired}");
}

#[actix_web::test]
async fn the_public_profile_lists_the_public_badges_newest_first_and_a_private_one_is_not_found() {
    let app = spawn_app().await;
    let (awards, ada) = ada_and_bob(&app).await;
    // A second public badge, older than the first.
    import_csv_text(
        &app.db,
        format!("{HEADER}P-6,pearsonvue,ada@example.com,Ada,Lovelace,SC-900,2026-01-15,en-US\n"),
    )
    .await;
    let older = awards_of(&app.db, "ada@example.com").await.remove(0);
    let r = ada.post_form(&format!("/wallet/{older}/accept"), &[]).await;
    assert_eq!(r.status(), 303);

    let html = stranger(&app).page("/u/ada-lovelace", 200).await;
    let page = visible_text(&html);
    assert!(page.contains("Ada Lovelace"), "{page}");
    assert!(page.contains("Cloud engineer."), "{page}");
    assert!(page.contains("2 public badges"), "{page}");
    let newest = page
        .find("Azure Administrator Associate")
        .expect("the public badge");
    let older = page
        .find("Security, Compliance, and Identity Fundamentals")
        .expect("the older badge");
    assert!(newest < older, "newest first: {page}");
    assert!(html.contains(&format!(r#"href="/badges/{}""#, awards.public)));
    for hidden in [&awards.pending, &awards.declined, &awards.private] {
        assert!(!html.contains(hidden.as_str()), "{hidden} is not public");
    }
    assert!(!page.contains("Azure AI Fundamentals"), "{page}");
    // The handle in any case is the same profile.
    stranger(&app).page("/u/Ada-Lovelace", 200).await;

    stranger(&app).page("/u/nobody-here", 404).await;
    sqlx::query("UPDATE candidates SET profile_visibility = 'private'")
        .execute(&app.db)
        .await
        .unwrap();
    stranger(&app).page("/u/ada-lovelace", 404).await;
    stranger(&app)
        .page(&format!("/badges/{}", awards.public), 404)
        .await;
    let response = app
        .get(&format!("/ob/v2/assertions/{}", awards.public))
        .await;
    assert_eq!(response.status(), 404, "a private profile hides every URL");
}

/// The decoded query of `url`.
fn params(url: &str) -> HashMap<String, String> {
    let (_, query) = url.split_once('?').unwrap();
    serde_urlencoded::from_str(query).unwrap()
}

/// The unescaped `href` of the first link whose address starts with `prefix`.
fn link(html: &str, prefix: &str) -> String {
    let re = Regex::new(r#"href="([^"]*)""#).unwrap();
    re.captures_iter(html)
        .map(|c| unescape(&c[1]))
        .find(|href| href.starts_with(prefix))
        .unwrap_or_else(|| panic!("no link to {prefix} in {html}"))
}

#[actix_web::test]
async fn its_earner_finds_every_way_to_share_it_on_the_public_page() {
    let app = spawn_app().await;
    let (awards, ada) = ada_and_bob(&app).await;
    let id = &awards.public;
    let page_url = format!("{}/badges/{id}", app.address);
    let html = ada.page(&format!("/badges/{id}"), 200).await;

    let add = params(&link(&html, "https://www.linkedin.com/profile/add?"));
    assert_eq!(add["startTask"], "CERTIFICATION_NAME");
    assert_eq!(
        add["name"],
        "Microsoft Certified: Azure Administrator Associate"
    );
    assert_eq!(add["organizationId"], "1035");
    assert!(!add.contains_key("organizationName"));
    assert_eq!(add["issueYear"], "2026");
    assert_eq!(add["issueMonth"], "5");
    assert_eq!(add["expirationYear"], "2027");
    assert_eq!(add["expirationMonth"], "5");
    assert_eq!(add["certUrl"], page_url);
    assert_eq!(&add["certId"], id);

    let post = params(&link(
        &html,
        "https://www.linkedin.com/sharing/share-offsite/",
    ));
    assert_eq!(post, HashMap::from([("url".to_owned(), page_url.clone())]));
    let facebook = params(&link(&html, "https://www.facebook.com/sharer/sharer.php"));
    assert_eq!(facebook["u"], page_url);
    let x = params(&link(&html, "https://twitter.com/intent/tweet"));
    assert_eq!(x["url"], page_url);
    assert_eq!(
        x["text"],
        "I earned the badge Microsoft Certified: Azure Administrator Associate, issued by Microsoft."
    );
    let mail = params(&link(&html, "mailto:"));
    assert_eq!(
        mail["subject"],
        "My badge: Microsoft Certified: Azure Administrator Associate"
    );
    assert!(
        mail["body"].ends_with(&format!("\n\n{page_url}")),
        "{mail:?}"
    );

    // Copy the link; the embed snippet, with absolute URLs and a size.
    assert!(
        html.contains(&format!(r#"readonly value="{page_url}""#)),
        "{html}"
    );
    let embed = Regex::new(r"(?s)<textarea[^>]*>(.*?)</textarea>")
        .unwrap()
        .captures(&html)
        .map(|c| unescape(&c[1]))
        .expect("the embed snippet");
    assert!(
        embed.starts_with(&format!(
            r#"<a href="{page_url}"><img src="{page_url}/image.png" alt="#
        )),
        "{embed}"
    );
    assert!(embed.contains(r#"width="120" height="120""#), "{embed}");
    // Download, under a readable name.
    assert!(
        html.contains(&format!(
            r#"href="/badges/{id}/image.png" download="Azure-Administrator-Associate.png""#
        )),
        "{html}"
    );
    // Plain links: the only script is the site's own.
    let scripts: Vec<String> = Regex::new(r#"<script src="([^"]*)""#)
        .unwrap()
        .captures_iter(&html)
        .map(|c| unescape(&c[1]))
        .collect();
    assert_eq!(scripts.len(), 1, "{scripts:?}");
    assert!(scripts[0].starts_with("/static/share.js?v="));
    let script = app.get(&scripts[0]).await;
    assert_eq!(script.status(), 200);

    // Somebody else, signed in or not, sees the badge without them.
    let mallory = app.with_new_client();
    create_account(&app.db, "mallory@example.com").await;
    assert_eq!(mallory.sign_in("mallory@example.com").await.status(), 303);
    for other in [mallory, stranger(&app)] {
        let html = other.page(&format!("/badges/{id}"), 200).await;
        assert!(!html.contains("linkedin.com/profile/add"));
        assert!(!html.contains("share.js"));
    }
}

/// The page a visitor without an account gets is rendered once and kept (the page employers
/// open most); whatever changes what it shows shows at the next request, whoever changed it
/// (here straight in the database, as another process would).
#[actix_web::test]
async fn a_kept_public_page_follows_every_change_of_what_it_shows() {
    let app = spawn_app().await;
    let (awards, ada) = ada_and_bob(&app).await;
    let visitor = stranger(&app);
    let path = format!("/badges/{}", awards.public);
    let text = async |who: &TestApp| {
        let response = who.get(&path).await;
        (response.status().as_u16(), response.text().await.unwrap())
    };
    let (status, first) = text(&visitor).await;
    assert_eq!(status, 200);
    assert_eq!(text(&visitor).await, (200, first.clone()), "the kept page");
    assert!(first.contains("Ada Lovelace"));

    // The earner renames themselves.
    sqlx::query("UPDATE candidates SET display_name = 'Ada King' WHERE handle = 'ada-lovelace'")
        .execute(&app.db)
        .await
        .unwrap();
    let (_, renamed) = text(&visitor).await;
    assert!(renamed.contains("Ada King") && !renamed.contains("Ada Lovelace"));

    // The catalog renames the badge.
    sqlx::query(
        "UPDATE badge_classes SET title = 'Azure Administrator (renamed)', updated_at = now()
          WHERE id = (SELECT badge_class_id FROM awards WHERE id = $1)",
    )
    .bind(&awards.public)
    .execute(&app.db)
    .await
    .unwrap();
    assert!(
        text(&visitor)
            .await
            .1
            .contains("Azure Administrator (renamed)")
    );

    // The earner's own view is never the kept one: it offers the share actions.
    let (_, own) = text(&ada).await;
    assert!(
        own.contains("linkedin.com/profile/add"),
        "the earner sees the share actions"
    );
    assert!(!text(&visitor).await.1.contains("linkedin.com/profile/add"));

    // Its baked image is kept too.
    let image = format!("{path}/image.png");
    for _ in 0..2 {
        assert_eq!(visitor.get(&image).await.status(), 200);
    }

    // Revoked by another process, then hidden.
    let id = AwardId::parse(&awards.public).unwrap();
    let revoked = awards::revoke(
        &app.db,
        &id,
        "Exam retaken under review.",
        Actor::CommandLine,
    )
    .await
    .unwrap();
    assert_eq!(revoked, Revoked::Revoked);
    assert!(
        text(&visitor)
            .await
            .1
            .contains("Exam retaken under review.")
    );
    assert_eq!(
        visitor.get(&image).await.status(),
        410,
        "no baked image once revoked"
    );
    sqlx::query(
        "UPDATE candidates SET profile_visibility = 'private' WHERE handle = 'ada-lovelace'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(text(&visitor).await.0, 404);
}

/// In production a kept page is checked against the database at most once per recheck
/// period (`ACCOLADE_PUBLIC_RECHECK_MS`): under load it costs no query, and a change made
/// anywhere (here another process's revocation) shows within the period, never later.
#[actix_web::test]
async fn a_change_shows_on_a_kept_public_page_within_the_recheck_period() {
    let period = std::time::Duration::from_millis(400);
    let app = crate::helpers::spawn_app_with(accolade::config::Settings {
        public_recheck_ms: period.as_millis() as u64,
        ..crate::helpers::test_settings()
    })
    .await;
    let (awards, _) = ada_and_bob(&app).await;
    let visitor = stranger(&app);
    let path = format!("/badges/{}", awards.public);
    let page = async || visitor.get(&path).await.text().await.unwrap();
    assert!(page().await.contains("Ada Lovelace"));
    let id = AwardId::parse(&awards.public).unwrap();
    let revoked_at = std::time::Instant::now();
    awards::revoke(
        &app.db,
        &id,
        "Exam retaken under review.",
        Actor::CommandLine,
    )
    .await
    .unwrap();
    let mut seen = None;
    while revoked_at.elapsed() < period * 3 {
        if page().await.contains("Exam retaken under review.") {
            seen = Some(revoked_at.elapsed());
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let seen = seen.expect("the revocation shows");
    assert!(
        seen <= period + std::time::Duration::from_millis(150),
        "{seen:?}"
    );
}
