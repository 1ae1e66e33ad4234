//! The site's skeleton: landing page in both languages, language choice, error pages,
//! security headers, static files, health.

use crate::helpers::spawn_app;

#[actix_web::test]
async fn the_landing_page_explains_the_program_in_english_by_default() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    assert!(body.contains("<html lang=\"en\">"));
    assert!(body.contains("Your certifications, as badges in one wallet"));
    assert!(body.contains("Microsoft"), "the program's issuer is named");
    assert!(body.contains("badges to earn"));
    assert!(
        body.contains("href=\"/?lang=fr\""),
        "a link to the French page"
    );
}

#[actix_web::test]
async fn the_landing_page_speaks_french_to_a_french_browser() {
    let app = spawn_app().await;
    let body = app
        .get_in("/", "fr-CA,fr;q=0.9,en;q=0.5")
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("<html lang=\"fr\">"));
    assert!(body.contains("Vos certifications, en badges réunis dans un portefeuille"));
    assert!(body.contains("badges à obtenir"));
}

#[actix_web::test]
async fn a_language_chosen_with_lang_is_remembered() {
    let app = spawn_app().await;
    let first = app.get("/?lang=fr").await;
    let cookie = first.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("lang=fr"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    // The client keeps the cookie: the next page is French without asking.
    let body = app.get_in("/", "en").await.text().await.unwrap();
    assert!(body.contains("<html lang=\"fr\">"));
    // An unknown language changes nothing.
    let body = app.get("/?lang=xx").await.text().await.unwrap();
    assert!(body.contains("<html lang=\"fr\">"));
}

#[actix_web::test]
async fn an_unknown_page_is_a_localized_404_with_the_request_id() {
    let app = spawn_app().await;
    let response = app.get_in("/no/such/page", "fr").await;
    assert_eq!(response.status(), 404);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(id.len() >= 12);
    let body = response.text().await.unwrap();
    assert!(body.contains("Page introuvable"));
    assert!(body.contains(&id), "the page shows the request id");
}

#[actix_web::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/healthz", "/nope"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(
            headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
        assert!(headers.contains_key("x-request-id"));
    }
}

#[actix_web::test]
async fn static_files_are_served_with_long_cache_lifetimes_when_versioned() {
    let app = spawn_app().await;
    let body = app.get("/").await.text().await.unwrap();
    let start = body.find("/static/app.css?v=").unwrap();
    let url = &body[start..body[start..].find('"').unwrap() + start];
    let css = app.get(url).await;
    assert_eq!(css.status(), 200);
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    assert_eq!(
        css.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let etag = css.headers()["etag"].to_str().unwrap().to_owned();
    let again = app
        .client
        .get(format!("{}{url}", app.address))
        .header("If-None-Match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(app.get("/static/nothing.js").await.status(), 404);
}

#[actix_web::test]
async fn pages_resources_and_the_api_each_carry_what_their_kind_says() {
    let app = spawn_app().await;
    // A page: a CSRF cookie for its forms, the language asked for remembered, never cached.
    let page = app.get("/sign-in?lang=fr").await;
    let cookies: Vec<String> = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("csrf=")),
        "{cookies:?}"
    );
    assert!(
        cookies.iter().any(|c| c.starts_with("lang=fr")),
        "{cookies:?}"
    );
    assert_eq!(page.headers()["cache-control"], "no-store");

    // A public resource: no cookie whatever the query says, and cacheable.
    for path in [
        "/images/badges/AZ-900.svg?lang=fr",
        "/static/app.css?lang=fr",
    ] {
        let resource = app.get(path).await;
        assert!(
            resource.status().is_success() || resource.status() == 404,
            "{path}: {}",
            resource.status()
        );
        assert!(
            !resource.headers().contains_key("set-cookie"),
            "{path} sets no cookie"
        );
        if resource.status().is_success() {
            let cache = resource.headers()["cache-control"].to_str().unwrap();
            assert!(cache.starts_with("public"), "{path}: {cache}");
        }
    }

    // For programs: no cookie, never cached, errors in their own words (no HTML page).
    let health = app.get("/healthz?lang=fr").await;
    assert!(!health.headers().contains_key("set-cookie"));
    assert_eq!(health.headers()["cache-control"], "no-store");
    let unknown = app.get("/api/v1/nothing-here").await;
    assert_eq!(unknown.status(), 404);
    assert!(!unknown.headers().contains_key("set-cookie"));
    let body = unknown.text().await.unwrap();
    assert!(!body.contains("<html"), "{body}");
}

#[actix_web::test]
async fn healthz_checks_the_database() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["database"], "ok");
}

#[actix_web::test]
async fn a_server_error_shows_a_localized_page_with_the_request_id_and_no_internals() {
    let app = spawn_app().await;
    sqlx::query("ALTER TABLE issuers RENAME TO issuers_moved")
        .execute(&app.db)
        .await
        .unwrap();
    let response = app.get_in("/", "fr").await;
    assert_eq!(response.status(), 500);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.text().await.unwrap();
    assert!(
        body.contains("Une erreur s’est produite de notre côté"),
        "{body}"
    );
    assert!(body.contains(&id));
    assert!(
        !body.contains("issuers") && !body.contains("relation"),
        "no internals: {body}"
    );
}
