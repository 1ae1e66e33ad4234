//! The pictures of one award: the baked PNG and SVG carry the assertion this site hosts, the
//! share preview is a 1200 x 630 PNG, and a badge nobody may see has none of them.

use crate::helpers::{TestApp, import_csv_text, spawn_app};
use crate::journey::{awards_of, create_account, visible_text};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";

/// An accepted award of a public profile: (app, award id).
async fn public_award() -> (TestApp, String) {
    let app = spawn_app().await;
    let candidate = create_account(&app.db, "ada@example.com").await;
    sqlx::query("UPDATE candidates SET profile_visibility = 'public' WHERE id = $1")
        .bind(candidate)
        .execute(&app.db)
        .await
        .unwrap();
    import_csv_text(
        &app.db,
        format!("{HEADER}B-1,pearsonvue,ada@example.com,Ada,L,AZ-104,2026-03-02,en-US\n"),
    )
    .await;
    accolade::awards::accept_all(&app.db, candidate)
        .await
        .unwrap();
    let award = awards_of(&app.db, "ada@example.com").await.remove(0);
    (app, award)
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()))
        .read_info()
        .unwrap();
    let info = reader.info();
    (info.width, info.height)
}

#[actix_web::test]
async fn the_baked_images_carry_the_hosted_assertion_and_a_readable_file_name() {
    let (app, award) = public_award().await;
    let response = app.get(&accolade::urls::baked_png(&award)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(
        response.headers()["content-disposition"],
        "inline; filename*=UTF-8''Azure-Administrator-Associate.png"
    );
    assert!(response.headers().get("set-cookie").is_none());
    let png = response.bytes().await.unwrap();
    assert_eq!(png_size(&png), (240, 240));
    let baked: serde_json::Value =
        serde_json::from_str(&accolade::openbadges::png::unbake(&png).unwrap()).unwrap();
    assert_eq!(
        baked["id"],
        format!("{}/ob/v2/assertions/{award}", app.address)
    );
    assert_eq!(baked["verification"]["type"], "hosted");
    let salt = baked["recipient"]["salt"].as_str().unwrap();
    assert_eq!(
        baked["recipient"]["identity"],
        accolade::openbadges::hashed_identity("ada@example.com", salt)
    );
    assert_eq!(
        baked["expires"], "2027-03-02T00:00:00Z",
        "a role-based certification lasts a year"
    );
    // Drawn once: the second answer is the same picture.
    let again = app
        .get(&accolade::urls::baked_png(&award))
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!(again, png);

    let response = app.get(&accolade::urls::baked_svg(&award)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
    let svg = response.text().await.unwrap();
    let from_svg: serde_json::Value =
        serde_json::from_str(&accolade::openbadges::svg::unbake(&svg).unwrap()).unwrap();
    assert_eq!(from_svg, baked, "both images carry the same assertion");
    assert!(svg.contains(&format!(
        "verify=\"{}/ob/v2/assertions/{award}\"",
        app.address
    )));
}

#[actix_web::test]
async fn the_share_preview_is_a_1200_by_630_png() {
    let (app, award) = public_award().await;
    let response = app.get(&accolade::urls::share_preview(&award)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    let png = response.bytes().await.unwrap();
    assert_eq!(png_size(&png), (1200, 630));
}

#[actix_web::test]
async fn a_badge_nobody_may_see_has_no_pictures_and_a_revoked_one_no_baked_image() {
    let (app, award) = public_award().await;
    let paths = [
        accolade::urls::baked_png(&award),
        accolade::urls::baked_svg(&award),
        accolade::urls::share_preview(&award),
    ];
    sqlx::query("UPDATE awards SET visibility = 'private' WHERE id = $1")
        .bind(&award)
        .execute(&app.db)
        .await
        .unwrap();
    let unknown = app.get("/badges/AAAAAAAAAAAAAAAAAAAAAA/image.png").await;
    assert_eq!(unknown.status(), 404);
    // What a visitor reads, without the request id each answer has of its own.
    let read = |html: String| {
        let text = visible_text(&html);
        text[..text.find("Request id").unwrap_or(text.len())].to_owned()
    };
    let unknown = read(unknown.text().await.unwrap());
    for path in &paths {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            read(response.text().await.unwrap()),
            unknown,
            "{path} is like an unknown id"
        );
    }
    assert_eq!(app.get("/badges/not*an*id/image.svg").await.status(), 404);

    sqlx::query("UPDATE awards SET visibility = 'public' WHERE id = $1")
        .bind(&award)
        .execute(&app.db)
        .await
        .unwrap();
    let outcome = accolade::awards::revoke(
        &app.db,
        &accolade::domain::AwardId::parse(&award).unwrap(),
        "Issued in error",
        accolade::audit::Actor::CommandLine,
    )
    .await
    .unwrap();
    assert_eq!(outcome, accolade::awards::Revoked::Revoked);
    assert_eq!(app.get(&paths[0]).await.status(), 410);
    assert_eq!(app.get(&paths[1]).await.status(), 410);
    assert_eq!(
        app.get(&paths[2]).await.status(),
        200,
        "its page still says what happened"
    );
}
