//! The wallet as a showcase: tiles with short actions whose accessible names say which badge,
//! pending badges first and counted, filters that are plain links; accepting lands on the
//! "now share it" view, with LinkedIn's "Add to profile" filled in; a private badge offers to
//! be made public instead; revoked and expired badges say so.

use std::collections::HashMap;

use accolade::domain::AwardId;

use crate::helpers::import_csv_text;
use crate::journey::{
    MailApp, actions, award_state, link_in, location, spawn_mail_app, tile_titles, visible_text,
};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const ADA: &str = "ada@example.com";
const AZ_900: &str = "Microsoft Certified: Azure Fundamentals";
const AI_900: &str = "Microsoft Certified: Azure AI Fundamentals";
const AZ_104: &str = "Microsoft Certified: Azure Administrator Associate";

/// Reports passes of `ADA`: `(result id, exam, passed on)`.
async fn passes(app: &MailApp, passes: &[(&str, &str, &str)]) {
    let mut csv = HEADER.to_owned();
    for (id, exam, on) in passes {
        csv.push_str(&format!(
            "{id},pearsonvue,{ADA},Ada,Lovelace,{exam},{on},en-US\n"
        ));
    }
    let (_, rejected) = import_csv_text(&app.db, csv).await;
    assert!(rejected.is_empty(), "{rejected:?}");
}

/// The award of `ADA` for the badge titled `title`.
async fn award_titled(app: &MailApp, title: &str) -> String {
    sqlx::query_scalar(
        "SELECT a.id FROM awards a JOIN badge_classes b ON b.id = a.badge_class_id
          WHERE a.recipient_email = $1 AND b.title = $2",
    )
    .bind(ADA)
    .bind(title)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn make_profile_public(app: &MailApp) {
    sqlx::query("UPDATE candidates SET profile_visibility = 'public'")
        .execute(&app.db)
        .await
        .unwrap();
}

/// The value of the attribute `name` of the first tag that has `marker` in it.
fn attribute(html: &str, marker: &str, name: &str) -> String {
    let tag_start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {html}"));
    let tag = &html[html[..tag_start].rfind('<').unwrap()..];
    let tag = &tag[..tag.find('>').unwrap()];
    let re = regex::Regex::new(&format!(r#"\s{name}="([^"]*)""#)).unwrap();
    let value = &re
        .captures(tag)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))[1];
    unescape(value)
}

/// Text as the browser reads it from escaped HTML (an attribute, a text area).
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// The query of `url`, decoded, as the network reads it.
fn params(url: &str) -> HashMap<String, String> {
    let (_, query) = url.split_once('?').unwrap();
    serde_urlencoded::from_str(query).unwrap()
}

#[actix_web::test]
async fn a_tile_shows_a_short_action_whose_accessible_name_says_which_badge() {
    let app = spawn_mail_app().await;
    passes(
        &app,
        &[
            ("T-1", "AZ-900", "2025-01-01"),
            ("T-2", "70-740", "2019-06-11"),
        ],
    )
    .await;
    let ada = app.signed_in_as(ADA).await;
    let html = ada.page("/wallet", 200).await;
    let offered = actions(&html);
    let long = "Installation, Storage, and Compute with Windows Server 2016";
    for (badge, verb) in [
        (AZ_900, "Accept"),
        (AZ_900, "Decline"),
        (long, "Accept"),
        (long, "Decline"),
    ] {
        let name = format!("{verb} {badge}");
        assert!(
            offered.contains(&(verb.to_owned(), name.clone())),
            "no {verb:?} named {name:?} in {offered:?}"
        );
    }
    // No button shows a title: the visible words are short.
    for (shown, _) in &offered {
        assert!(shown.chars().count() <= 12, "{shown:?} in {offered:?}");
    }
    // Each tile: its image with its size and alt text, the whole title in its link.
    assert!(
        html.contains(&format!(r#"alt="Badge: {long}" width="112" height="112""#)),
        "{html}"
    );
    assert_eq!(tile_titles(&html), [AZ_900, long]);
}

#[actix_web::test]
async fn pending_badges_come_first_and_are_counted() {
    let app = spawn_mail_app().await;
    // The newest first within a state, but every pending badge before the earned ones.
    passes(
        &app,
        &[
            ("P-1", "AZ-900", "2026-01-01"),
            ("P-2", "AI-900", "2020-01-01"),
            ("P-3", "DP-900", "2019-01-01"),
        ],
    )
    .await;
    let ada = app.signed_in_as(ADA).await;
    let az900 = award_titled(&app, AZ_900).await;
    let response = ada.post_form(&format!("/wallet/{az900}/accept"), &[]).await;
    assert_eq!(response.status(), 303);

    let html = ada.page("/wallet", 200).await;
    let wallet = visible_text(&html);
    assert!(
        wallet.contains("2 badges are waiting for you: accept them"),
        "{wallet}"
    );
    assert!(
        wallet.contains("Pending 2"),
        "the filter counts them: {wallet}"
    );
    let pending = html.find(r#"id="pending-heading""#).unwrap();
    let earned = html.find(r#"id="earned-heading""#).unwrap();
    assert!(pending < earned, "pending first");
    assert_eq!(
        tile_titles(&html),
        [
            AI_900,
            "Microsoft Certified: Azure Data Fundamentals",
            AZ_900
        ]
    );
    assert!(
        html.contains(r#"class="tile tile-pending""#),
        "marked: {html}"
    );
    assert!(wallet.contains("Waiting for you (2)"), "{wallet}");
    assert!(wallet.contains("Accept all"), "{wallet}");

    // Nothing pending: no count.
    ada.post_form("/wallet/accept-all", &[]).await;
    let wallet = visible_text(&ada.page("/wallet", 200).await);
    assert!(!wallet.contains("waiting for you"), "{wallet}");
    assert!(wallet.contains("Pending 0"), "{wallet}");
}

#[actix_web::test]
async fn the_filters_are_links_that_list_pending_earned_or_private_badges() {
    let app = spawn_mail_app().await;
    passes(
        &app,
        &[
            ("F-1", "AZ-900", "2025-01-01"),
            ("F-2", "AI-900", "2025-02-01"),
            ("F-3", "AZ-104", "2026-06-01"),
        ],
    )
    .await;
    let ada = app.signed_in_as(ADA).await;
    let (az900, az104) = (
        award_titled(&app, AZ_900).await,
        award_titled(&app, AZ_104).await,
    );
    ada.post_form(&format!("/wallet/{az900}/accept"), &[]).await;
    ada.post_form(&format!("/wallet/{az104}/accept"), &[]).await;
    ada.post_form(
        &format!("/wallet/{az104}/visibility"),
        &[("visibility", "private")],
    )
    .await;

    let html = ada.page("/wallet", 200).await;
    for (label, href) in [
        ("All", "/wallet"),
        ("Pending", "/wallet?show=pending"),
        ("Earned", "/wallet?show=earned"),
        ("Private", "/wallet?show=private"),
    ] {
        assert!(
            html.contains(&format!(r#"href="{href}""#)) && visible_text(&html).contains(label),
            "no {label} filter linking to {href}"
        );
    }
    assert!(
        html.contains(r#"<a href="/wallet" aria-current="page">"#),
        "{html}"
    );
    assert_eq!(tile_titles(&html).len(), 3);

    for (show, titles) in [
        ("pending", vec![AI_900]),
        ("earned", vec![AZ_104, AZ_900]),
        ("private", vec![AZ_104]),
        ("nonsense", vec![AI_900, AZ_104, AZ_900]),
    ] {
        let html = ada.page(&format!("/wallet?show={show}"), 200).await;
        assert_eq!(tile_titles(&html), titles, "show={show}");
        if show != "nonsense" {
            assert!(
                html.contains(&format!(
                    r#"<a href="/wallet?show={show}" aria-current="page">"#
                )),
                "{html}"
            );
        }
    }
    // The language link keeps the filter.
    let html = ada.page("/wallet?show=earned", 200).await;
    assert!(
        unescape(&html).contains(r#"href="/wallet?show=earned&lang=fr""#),
        "{html}"
    );
    // A filter that leaves nothing says so.
    ada.post_form("/wallet/accept-all", &[]).await;
    let wallet = visible_text(&ada.page("/wallet?show=pending", 200).await);
    assert!(wallet.contains("No badge is waiting for you."), "{wallet}");
}

/// Checks that `response` lands on the share view of `award`, with the accepted flash.
fn lands_on_share_view(response: &reqwest::Response, award: &str) {
    assert_eq!(response.status(), 303);
    assert_eq!(location(response), format!("/wallet/{award}/share"));
}

#[actix_web::test]
async fn accepting_lands_on_the_share_view_with_linkedins_add_to_profile_filled_in() {
    let app = spawn_mail_app().await;
    passes(
        &app,
        &[
            ("S-1", "AZ-104", "2026-06-01"),
            ("S-2", "AZ-900", "2025-03-09"),
        ],
    )
    .await;
    passes(&app, &[("S-3", "AI-900", "2025-04-01")]).await;
    let claim = link_in(&app.last_mail_to(ADA).await, "/claim/");
    let ada = app.signed_in_as(ADA).await;
    make_profile_public(&app).await;
    let (az104, az900, ai900) = (
        award_titled(&app, AZ_104).await,
        award_titled(&app, AZ_900).await,
        award_titled(&app, AI_900).await,
    );

    // From the wallet, from the badge's page and from the claim link: the share view.
    lands_on_share_view(
        &ada.post_form(&format!("/wallet/{az104}/accept"), &[]).await,
        &az104,
    );
    lands_on_share_view(
        &ada.post_form(&format!("/wallet/{az900}/accept"), &[("back", "badge")])
            .await,
        &az900,
    );
    lands_on_share_view(
        &ada.post_form(&claim, &[("decision", "accept")]).await,
        &ai900,
    );
    assert_eq!(award_state(&app.db, &ai900).await, "accepted");

    let html = ada.page(&format!("/wallet/{az104}/share"), 200).await;
    let page = visible_text(&html);
    assert!(page.contains("Congratulations!"), "{page}");
    assert!(
        page.contains("The badge is in your wallet."),
        "the flash: {page}"
    );
    assert!(
        html.contains(&format!("<h1 id=\"badge-title\">{AZ_104}</h1>")),
        "{html}"
    );

    let add = attribute(&html, "button share-linkedin", "href");
    assert!(
        add.starts_with("https://www.linkedin.com/profile/add?"),
        "{add}"
    );
    let p = params(&add);
    let page_url = format!("{}/badges/{az104}", app.address);
    assert_eq!(p["startTask"], "CERTIFICATION_NAME");
    assert_eq!(p["name"], AZ_104);
    assert_eq!(p["organizationId"], "1035", "the demo issuer's LinkedIn id");
    assert!(!p.contains_key("organizationName"));
    assert_eq!(
        (p["issueYear"].as_str(), p["issueMonth"].as_str()),
        ("2026", "6")
    );
    // Role-based certifications are valid for a year.
    assert_eq!(
        (p["expirationYear"].as_str(), p["expirationMonth"].as_str()),
        ("2027", "6")
    );
    assert_eq!(p["certUrl"], page_url);
    assert!(p["certUrl"].starts_with("http://127.0.0.1:"), "absolute");
    assert_eq!(p["certId"], az104);

    // The other ways: a post, Facebook, X, email, the link, the embed code, the download.
    for start in [
        "https://www.linkedin.com/sharing/share-offsite/?url=",
        "https://www.facebook.com/sharer/sharer.php?u=",
        "https://twitter.com/intent/tweet?text=",
        "mailto:?subject=",
    ] {
        let href = attribute(&html, &format!("href=\"{start}"), "href");
        assert!(href.starts_with(start), "{start}: {href}");
    }
    let x = attribute(&html, "href=\"https://twitter.com/intent/tweet", "href");
    assert_eq!(params(&x)["url"], page_url);
    assert_eq!(
        params(&x)["text"],
        format!("I earned the badge {AZ_104}, issued by Microsoft.")
    );
    assert_eq!(
        attribute(&html, &format!(r#"id="share-link-{az104}""#), "value"),
        page_url
    );
    let embed = html
        .split_once(&format!(r#"<textarea id="share-embed-{az104}""#))
        .and_then(|(_, rest)| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</textarea>"))
        .map(|(embed, _)| unescape(embed))
        .unwrap();
    assert!(
        embed.starts_with(&format!(
            r#"<a href="{page_url}"><img src="{page_url}/image.png""#
        )),
        "{embed}"
    );
    assert!(embed.contains(r#"width="120" height="120""#), "{embed}");
    assert_eq!(
        attribute(&html, "download=", "download"),
        "Azure-Administrator-Associate.png"
    );
    assert_eq!(
        attribute(&html, "download=", "href"),
        format!("/badges/{az104}/image.png")
    );
    // Plain links: no script of the networks.
    assert!(!html.contains("platform.linkedin.com") && !html.contains("connect.facebook.net"));

    // The badge's page offers the same, and its tile in the wallet shares and downloads.
    let badge = ada.page(&format!("/wallet/{az104}"), 200).await;
    assert_eq!(attribute(&badge, "button share-linkedin", "href"), add);
    let wallet = ada.page("/wallet", 200).await;
    let offered = actions(&wallet);
    assert!(
        offered.contains(&("Share".into(), format!("Share {AZ_104}")))
            && offered.contains(&("Download".into(), format!("Download {AZ_104}"))),
        "{offered:?}"
    );
    assert!(wallet.contains(&format!(r#"href="/wallet/{az104}/share""#)));
    assert!(wallet.contains(r#"download="Azure-Administrator-Associate.png""#));
}

#[actix_web::test]
async fn a_private_badge_or_profile_offers_to_be_made_public_instead_of_share_links() {
    let app = spawn_mail_app().await;
    passes(&app, &[("V-1", "AZ-900", "2025-01-01")]).await;
    let ada = app.signed_in_as(ADA).await;
    let award = award_titled(&app, AZ_900).await;
    ada.post_form(&format!("/wallet/{award}/accept"), &[]).await;

    // A new profile is private: it hides every badge.
    let page = visible_text(&ada.page(&format!("/wallet/{award}/share"), 200).await);
    assert!(page.contains("Your profile is private"), "{page}");
    assert!(!page.contains("Add to LinkedIn profile"), "{page}");

    make_profile_public(&app).await;
    ada.post_form(
        &format!("/wallet/{award}/visibility"),
        &[("visibility", "private")],
    )
    .await;
    for path in [format!("/wallet/{award}/share"), format!("/wallet/{award}")] {
        let html = ada.page(&path, 200).await;
        let page = visible_text(&html);
        assert!(page.contains("This badge is private"), "{page}");
        assert!(
            actions(&html)
                .iter()
                .any(|(shown, _)| shown == "Make it public"),
            "{path}: {page}"
        );
        assert!(!html.contains("linkedin.com"), "{path}: no share links");
        assert!(!html.contains("/image.png"), "{path}: no download");
    }
    let wallet = ada.page("/wallet", 200).await;
    assert!(!wallet.contains("/image.png"), "no download from the tile");

    // Made public from the share view: back to it, with the links.
    let response = ada
        .post_form(
            &format!("/wallet/{award}/visibility"),
            &[("visibility", "public"), ("back", "share")],
        )
        .await;
    assert_eq!(location(&response), format!("/wallet/{award}/share"));
    let html = ada.page(&format!("/wallet/{award}/share"), 200).await;
    assert!(
        html.contains("https://www.linkedin.com/profile/add?"),
        "{html}"
    );
}

#[actix_web::test]
async fn a_revoked_badge_shows_its_reason_in_the_wallet_and_cannot_be_accepted() {
    let app = spawn_mail_app().await;
    passes(&app, &[("R-1", "AZ-900", "2025-01-01")]).await;
    let ada = app.signed_in_as(ADA).await;
    let award = award_titled(&app, AZ_900).await;
    let id = AwardId::parse(&award).unwrap();
    let reason = "The exam result was withdrawn after a review.";
    assert_eq!(
        accolade::awards::revoke(&app.db, &id, reason, accolade::audit::Actor::CommandLine)
            .await
            .unwrap(),
        accolade::awards::Revoked::Revoked
    );

    let html = ada.page("/wallet", 200).await;
    let wallet = visible_text(&html);
    assert!(wallet.contains("Revoked (1)"), "{wallet}");
    assert!(
        html.contains(r#"<span class="pill pill-revoked">Revoked</span>"#),
        "{html}"
    );
    assert!(wallet.contains(&format!("Reason: {reason}")), "{wallet}");
    assert!(
        actions(&html).is_empty(),
        "nothing to do: {:?}",
        actions(&html)
    );

    let html = ada.page(&format!("/wallet/{award}"), 200).await;
    let page = visible_text(&html);
    assert!(
        page.contains(&format!("Revoked by the issuer. Reason: {reason}")),
        "{page}"
    );
    assert!(!page.contains("Accept"), "{page}");
    assert!(!html.contains("linkedin.com"), "nothing to share");

    let response = ada.post_form(&format!("/wallet/{award}/accept"), &[]).await;
    assert_eq!(location(&response), "/wallet");
    let wallet = visible_text(&ada.page("/wallet", 200).await);
    assert!(
        wallet.contains("This badge has been revoked by its issuer."),
        "{wallet}"
    );
    assert_eq!(award_state(&app.db, &award).await, "revoked");
    // Its share view has nothing to share: its page instead.
    let response = ada.get(&format!("/wallet/{award}/share")).await;
    assert_eq!(location(&response), format!("/wallet/{award}"));
}

#[actix_web::test]
async fn a_certification_past_its_validity_shows_as_expired() {
    let app = spawn_mail_app().await;
    // Valid for 12 months: expired on 10 January 2025.
    passes(&app, &[("E-1", "AZ-104", "2024-01-10")]).await;
    let ada = app.signed_in_as(ADA).await;
    let award = award_titled(&app, AZ_104).await;
    ada.post_form(&format!("/wallet/{award}/accept"), &[]).await;

    let html = ada.page("/wallet", 200).await;
    assert!(
        html.contains(r#"<span class="pill pill-expired">Expired</span>"#),
        "{html}"
    );
    assert!(
        visible_text(&html).contains("Expired 10 January 2025"),
        "{html}"
    );
    let page = visible_text(&ada.page(&format!("/wallet/{award}?lang=fr"), 200).await);
    assert!(page.contains("Expiré le 10 janvier 2025"), "{page}");
    assert!(page.contains("Expiré"), "{page}");
}
