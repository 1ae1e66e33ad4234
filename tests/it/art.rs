//! `/images/badges/{code}.png` and `.svg`: the catalog's pictures, drawn by the app.

use crate::helpers::spawn_app;

/// The width and height of a PNG.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    (reader.info().width, reader.info().height)
}

#[actix_web::test]
async fn badge_pictures_are_served_as_png_and_svg_and_cached() {
    let app = spawn_app().await;

    for path in [
        accolade::urls::badge_image_png("AZ-104"),
        accolade::urls::badge_image_png("azure-administrator"),
        // Codes in any letter case, as the catalog matches them.
        accolade::urls::badge_image_png("az-104"),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), 200, "{path}");
        let headers = response.headers().clone();
        assert_eq!(headers["content-type"], "image/png", "{path}");
        assert!(
            headers["cache-control"]
                .to_str()
                .unwrap()
                .starts_with("public")
        );
        assert!(!headers.contains_key("set-cookie"));
        let etag = headers["etag"].to_str().unwrap().to_owned();
        let bytes = response.bytes().await.unwrap();
        assert_eq!(
            png_size(&bytes),
            (accolade::art::BADGE_PNG_SIZE, accolade::art::BADGE_PNG_SIZE)
        );

        // Asked again with its ETag: not modified, nothing drawn or sent.
        let again = app
            .client
            .get(format!("{}{path}", app.address))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert!(again.bytes().await.unwrap().is_empty());
    }

    let response = app
        .get(&accolade::urls::badge_image("azure-administrator"))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("public")
    );
    let svg = response.text().await.unwrap();
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains("<title>Microsoft Certified: Azure Administrator Associate</title>"));
    assert!(
        svg.contains(">Azure</text>") && svg.contains(">Admin</text>"),
        "{svg}"
    );
    assert!(svg.contains(">ASSOCIATE</text>"));
    assert!(
        !svg.contains("azure-administrator"),
        "the slug is not drawn"
    );

    // The SVG and the PNG of one badge have their own ETags.
    let svg_etag = app
        .get(&accolade::urls::badge_image("AZ-104"))
        .await
        .headers()["etag"]
        .clone();
    let png_etag = app
        .get(&accolade::urls::badge_image_png("AZ-104"))
        .await
        .headers()["etag"]
        .clone();
    assert_ne!(svg_etag, png_etag);

    for missing in [
        "/images/badges/NO-SUCH.png",
        "/images/badges/AZ-104.gif",
        "/images/badges/AZ-104",
    ] {
        assert_eq!(app.get(missing).await.status(), 404, "{missing}");
    }
}

#[actix_web::test]
async fn a_changed_catalog_entry_gets_a_new_picture() {
    let app = spawn_app().await;
    let path = accolade::urls::badge_image("azure-data-engineer");
    let before = app.get(&path).await;
    let etag = before.headers()["etag"].clone();
    let svg = before.text().await.unwrap();
    assert!(svg.contains("Eng.</text>"), "the catalog's label: {svg}");
    assert!(
        svg.contains("#656c77"),
        "a retired certification is grey: {svg}"
    );

    sqlx::query(
        "UPDATE badge_classes SET title = 'Microsoft Certified: Azure Data Analyst Associate',
                label = 'Data Analyst', updated_at = now() + interval '1 second'
          WHERE code = 'azure-data-engineer'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let after = app.get(&path).await;
    assert_ne!(after.headers()["etag"], etag);
    let svg = after.text().await.unwrap();
    assert!(svg.contains(">Analyst</text>"), "{svg}");
}
