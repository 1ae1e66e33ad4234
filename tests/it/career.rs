//! The Career page, the career section of a wallet badge page and of the public badge page:
//! only accepted badges count, the best match comes first (a certification asked for by name,
//! then an occupation, then shared skills), expired postings are gone, the filters narrow the
//! list, the chart says the data's numbers, the area is remembered, the public page counts
//! the postings that ask for the badge, and French readers read French numbers.

use regex::Regex;

use crate::career_fixture::{self as fx, Posting, post};
use crate::helpers::{TestApp, import_csv_text};
use crate::journey::{MailApp, location, spawn_mail_app, visible_text};

const HEADER: &str = "result_id,source,email,given_name,family_name,exam_code,passed_on,locale\n";
const ADA: &str = "ada@example.com";
const ADMIN: &str = "Microsoft Certified: Azure Administrator Associate";

/// The app with the career data, and Ada signed in holding the badges of `exams` (passed a
/// month ago), all pending.
async fn ada_with(exams: &[&str]) -> (MailApp, TestApp) {
    let app = spawn_mail_app().await;
    fx::seed(&app.db).await;
    let ada = app.signed_in_as(ADA).await;
    let passed = (chrono::Utc::now().date_naive() - chrono::Duration::days(30)).to_string();
    let mut csv = HEADER.to_owned();
    for (n, exam) in exams.iter().enumerate() {
        csv.push_str(&format!(
            "R-{n},pearsonvue,{ADA},Ada,Lovelace,{exam},{passed},en-US\n"
        ));
    }
    let (_, rejected) = import_csv_text(&app.db, csv).await;
    assert!(rejected.is_empty(), "{rejected:?}");
    (app, ada)
}

async fn set_state(app: &MailApp, code: &str, state: &str) {
    sqlx::query(
        "UPDATE awards SET state = $2, state_reason = CASE WHEN $2 = 'revoked' THEN 'test' END,
                accepted_at = CASE WHEN $2 = 'accepted' THEN now() END,
                revoked_at = CASE WHEN $2 = 'revoked' THEN now() END
          WHERE badge_class_id = (SELECT id FROM badge_classes WHERE code = $1)",
    )
    .bind(code)
    .bind(state)
    .execute(&app.db)
    .await
    .unwrap();
}

/// The titles of the postings listed, in order.
fn posting_titles(html: &str) -> Vec<String> {
    let re = Regex::new(r#"class="posting-title">([^<]+)<"#).unwrap();
    re.captures_iter(html).map(|c| c[1].to_owned()).collect()
}

/// The titles of the occupations shown, in order.
fn occupation_titles(html: &str) -> Vec<String> {
    let re = Regex::new(r#"class="occupation-title">([^<]+)<"#).unwrap();
    re.captures_iter(html).map(|c| c[1].to_owned()).collect()
}

#[actix_web::test]
async fn only_accepted_badges_count_not_pending_declined_or_revoked_ones() {
    let (app, ada) = ada_with(&["AZ-104", "AZ-900", "AZ-204", "AZ-500"]).await;
    let asks: [(&'static [&'static str], &'static str); 4] = [
        (&["azure-administrator"], "Admin wanted"),
        (&["azure-fundamentals"], "Fundamentals wanted"),
        (&["azure-developer"], "Developer wanted"),
        (&["azure-security-engineer"], "Security wanted"),
    ];
    for (certifications, title) in asks {
        let key = certifications[0];
        post(
            &app.db,
            Posting {
                key,
                title,
                certifications,
                ..Default::default()
            },
        )
        .await;
    }
    // Nothing accepted yet: the page says what to do.
    let page = visible_text(&ada.page("/career", 200).await);
    assert!(page.contains("No accepted badge yet"), "{page}");

    set_state(&app, "azure-administrator", "accepted").await;
    set_state(&app, "azure-developer", "declined").await;
    set_state(&app, "azure-security-engineer", "revoked").await;
    let html = ada.page("/career", 200).await;
    assert_eq!(posting_titles(&html), ["Admin wanted"]);
    assert_eq!(
        occupation_titles(&html),
        [
            "Network and Computer Systems Administrators",
            "Information Security Analysts"
        ]
    );
    assert!(
        !html.contains("Software Developers"),
        "a declined badge's occupation"
    );
    // The navigation leads there.
    assert!(html.contains(r#"<a href="/career">Career</a>"#));
}

#[actix_web::test]
async fn the_best_match_comes_first_and_expired_postings_are_gone() {
    let (app, ada) = ada_with(&["AZ-104"]).await;
    set_state(&app, "azure-administrator", "accepted").await;
    let by_name = Posting {
        key: "name",
        title: "Asks for the certification",
        certifications: &["azure-administrator"],
        posted: 20,
        ..Default::default()
    };
    post(&app.db, by_name).await;
    post(
        &app.db,
        Posting {
            key: "occ-old",
            title: "Occupation, older",
            occupations: &[fx::SYSADMIN],
            posted: 5,
            skills: &["Storage", "Compute", "Monitoring"],
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "occ-new",
            title: "Occupation, newer",
            occupations: &[fx::SYSADMIN],
            posted: 2,
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "skills-3",
            title: "Three skills",
            skills: &["Storage", "Compute", "Monitoring"],
            posted: 0,
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "skills-1",
            title: "One skill",
            skills: &["Storage"],
            posted: 0,
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "other",
            title: "Unrelated",
            skills: &["Charts"],
            occupations: &[fx::DEVELOPER],
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "expired",
            title: "Expired, by name",
            certifications: &["azure-administrator"],
            posted: 40,
            open_for: -1,
            ..Default::default()
        },
    )
    .await;

    let html = ada.page("/career", 200).await;
    assert_eq!(
        posting_titles(&html),
        [
            "Asks for the certification",
            "Occupation, older",
            "Occupation, newer",
            "Three skills",
            "One skill"
        ],
        "name > occupation (then more skills) > skill; then the newest"
    );
    let text = visible_text(&html);
    assert!(text.contains(&format!("Asks for {ADMIN}")), "{text}");
    assert!(text.contains("Shares 3 skills"), "{text}");
    assert!(text.contains("Your occupation"), "{text}");
    // The apply link leaves the site, and says so.
    assert!(html.contains(r#"href="https://jobs.example.com/name" target="_blank" rel="noopener noreferrer external""#), "{html}");
    assert!(text.contains("opens the employer’s site in a new tab"));
    assert!(text.contains("Employers hiring for your skills"));
    assert!(text.contains("Contoso 5 open positions"), "{text}");

    // A posting that runs out is gone at once.
    sqlx::query("UPDATE job_postings SET valid_through = now() - interval '1 second' WHERE source_key = 'name'")
        .execute(&app.db)
        .await
        .unwrap();
    let html = ada.page("/career", 200).await;
    assert_eq!(posting_titles(&html)[0], "Occupation, older");
    assert!(!html.contains("Asks for the certification"));
}

#[actix_web::test]
async fn the_filters_narrow_the_list_by_area_remote_and_salary_and_say_when_nothing_is_left() {
    let (app, ada) = ada_with(&["AZ-104"]).await;
    set_state(&app, "azure-administrator", "accepted").await;
    let asks: &[&str] = &["azure-administrator"];
    post(
        &app.db,
        Posting {
            key: "tx",
            title: "Austin office",
            state: Some("TX"),
            salary: Some((90_000, 120_000)),
            certifications: asks,
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "ca",
            title: "San Jose office",
            state: Some("CA"),
            salary: Some((130_000, 160_000)),
            certifications: asks,
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "remote",
            title: "Remote in Texas",
            state: Some("TX"),
            remote: true,
            certifications: asks,
            ..Default::default()
        },
    )
    .await;

    let all = posting_titles(&ada.page("/career?area=0000000", 200).await);
    assert_eq!(all.len(), 3, "{all:?}");
    let texas = posting_titles(&ada.page(&format!("/career?area={}", fx::TEXAS), 200).await);
    assert_eq!(texas.len(), 2, "{texas:?}");
    assert!(!texas.contains(&"San Jose office".to_owned()));
    // A metropolitan area narrows to its states.
    let austin = posting_titles(&ada.page(&format!("/career?area={}", fx::AUSTIN), 200).await);
    assert_eq!(austin, texas);
    assert_eq!(
        posting_titles(&ada.page("/career?area=0000000&remote=on", 200).await),
        ["Remote in Texas"]
    );
    assert_eq!(
        posting_titles(
            &ada.page("/career?area=0000000&min_salary=125000", 200)
                .await
        ),
        ["San Jose office"]
    );
    let none = ada
        .page(
            &format!("/career?area={}&min_salary=150000", fx::TEXAS),
            200,
        )
        .await;
    assert!(posting_titles(&none).is_empty());
    assert!(
        visible_text(&none).contains("No open position matches these filters"),
        "{none}"
    );
    // The salary is written for the reader.
    let text = visible_text(&ada.page("/career?area=0000000", 200).await);
    assert!(text.contains("US$90,000 to US$120,000 a year"), "{text}");
}

/// Every amount of US dollars in `text` (`US$96,800` → 96800), in order.
fn dollars(text: &str) -> Vec<i32> {
    let re = Regex::new(r"US\$([0-9,]+)").unwrap();
    re.captures_iter(text)
        .map(|c| c[1].replace(',', "").parse().unwrap())
        .collect()
}

#[actix_web::test]
async fn the_chart_and_its_table_say_the_numbers_of_the_data_with_its_source() {
    let (app, ada) = ada_with(&["AZ-104"]).await;
    set_state(&app, "azure-administrator", "accepted").await;
    sqlx::query("UPDATE candidates SET career_area = $1")
        .bind(fx::AUSTIN)
        .execute(&app.db)
        .await
        .unwrap();
    let html = ada.page("/career", 200).await;
    let label_re =
        Regex::new(r#"<svg class="wage-chart" role="img" aria-label="([^"]+)""#).unwrap();
    let labels: Vec<String> = label_re
        .captures_iter(&html)
        .map(|c| c[1].to_owned())
        .collect();
    assert_eq!(labels.len(), 2, "one chart per occupation");
    let figures = |soc: &str, area: &str| {
        fx::WAGES
            .iter()
            .find(|w| w.0 == soc && w.1 == area)
            .map(|w| w.3)
            .unwrap()
    };
    // The administrators' chart: the nation's five figures, then Austin's (its 10th is not
    // published).
    let mut expected: Vec<i32> = figures(fx::SYSADMIN, fx::NATION)
        .iter()
        .flatten()
        .copied()
        .collect();
    expected.extend(figures(fx::SYSADMIN, fx::AUSTIN).iter().flatten().copied());
    assert_eq!(dollars(&labels[0]), expected, "{}", labels[0]);
    assert!(
        labels[0].contains("Austin-Round Rock-San Marcos, TX: 10th percentile not published"),
        "{}",
        labels[0]
    );
    // The analysts' 90th percentile is a floor; they have no figures in Austin.
    assert!(
        labels[1].contains("90th US$239,200 or more"),
        "{}",
        labels[1]
    );

    // The table beside the chart holds the same numbers.
    let table = &html[html.find("wage-table").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let cells_re = Regex::new(r#"<td class="wage-value">([^<]+)</td>"#).unwrap();
    let cells: Vec<String> = cells_re
        .captures_iter(table)
        .map(|c| c[1].to_owned())
        .collect();
    let nation: Vec<i32> = cells.iter().step_by(2).flat_map(|c| dollars(c)).collect();
    assert_eq!(
        nation,
        figures(fx::SYSADMIN, fx::NATION)
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
    );
    assert_eq!(cells[1], "not published");
    let text = visible_text(&html);
    assert!(
        text.contains("Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025"),
        "{text}"
    );
}

#[actix_web::test]
async fn the_area_is_remembered_from_the_career_page_and_from_settings() {
    let (app, ada) = ada_with(&["AZ-104"]).await;
    set_state(&app, "azure-administrator", "accepted").await;
    let response = ada.post_form("/career", &[("area", fx::TEXAS)]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/career");
    let area: Option<String> = sqlx::query_scalar("SELECT career_area FROM candidates")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(area.as_deref(), Some(fx::TEXAS));
    let html = ada.page("/career", 200).await;
    assert!(
        html.contains(r#"<th scope="col">Texas</th>"#),
        "the area's column"
    );
    assert!(html.contains(r#"<option value="0000048" selected>Texas</option>"#));
    // An unknown area is refused and changes nothing.
    let response = ada.post_form("/career", &[("area", "9999999")]).await;
    assert_eq!(response.status(), 400);
    // Settings show it, and change it.
    let settings = ada.page("/settings", 200).await;
    assert!(settings.contains(r#"<option value="0000048" selected>Texas</option>"#));
    let response = ada
        .post_form("/settings?form=career", &[("area", fx::CALIFORNIA)])
        .await;
    assert_eq!(response.status(), 303);
    let area: Option<String> = sqlx::query_scalar("SELECT career_area FROM candidates")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(area.as_deref(), Some(fx::CALIFORNIA));
    // The nation is no area at all.
    ada.post_form("/career", &[("area", fx::NATION)]).await;
    let area: Option<String> = sqlx::query_scalar("SELECT career_area FROM candidates")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(area, None);
}

#[actix_web::test]
async fn the_wallet_badge_page_shows_where_the_badge_leads_and_links_its_postings() {
    let (app, ada) = ada_with(&["AZ-104"]).await;
    set_state(&app, "azure-administrator", "accepted").await;
    post(
        &app.db,
        Posting {
            key: "a",
            title: "A",
            certifications: &["azure-administrator"],
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "b",
            title: "B",
            skills: &["Storage"],
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "c",
            title: "C",
            skills: &["Charts"],
            ..Default::default()
        },
    )
    .await;
    let award = crate::journey::awards_of(&app.db, ADA).await.remove(0);
    let html = ada.page(&format!("/wallet/{award}"), 200).await;
    assert_eq!(
        occupation_titles(&html),
        [
            "Network and Computer Systems Administrators",
            "Information Security Analysts"
        ]
    );
    assert!(
        html.contains(
            r#"<a href="/career?badge=azure-administrator">2 open positions match this badge</a>"#
        ),
        "{html}"
    );
    let filtered = ada.page("/career?badge=azure-administrator", 200).await;
    assert_eq!(posting_titles(&filtered), ["A", "B"]);
}

#[actix_web::test]
async fn the_public_badge_page_names_the_occupations_and_counts_the_postings_asking_for_it() {
    let (app, _ada) = ada_with(&["AZ-104"]).await;
    set_state(&app, "azure-administrator", "accepted").await;
    sqlx::query("UPDATE candidates SET profile_visibility = 'public'")
        .execute(&app.db)
        .await
        .unwrap();
    for key in ["one", "two"] {
        post(
            &app.db,
            Posting {
                key,
                title: "Admin",
                certifications: &["azure-administrator"],
                ..Default::default()
            },
        )
        .await;
    }
    // Skills and occupations do not count here: only a request by name.
    post(
        &app.db,
        Posting {
            key: "skill",
            title: "Skill",
            skills: &["Storage"],
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "gone",
            title: "Gone",
            certifications: &["azure-administrator"],
            open_for: -1,
            posted: 40,
            ..Default::default()
        },
    )
    .await;
    let award = crate::journey::awards_of(&app.db, ADA).await.remove(0);
    let visitor = app.with_new_client();
    let text = visible_text(&visitor.page(&format!("/badges/{award}?lang=en"), 200).await);
    assert!(text.contains("Relevant occupations"), "{text}");
    assert!(text.contains("Network and Computer Systems Administrators"));
    assert!(
        text.contains("2 open job postings ask for this certification."),
        "{text}"
    );
    assert!(!text.contains(ADA));
    // Counted again at most a minute later: a reader whose page was not kept yet sees a new
    // posting at once.
    post(
        &app.db,
        Posting {
            key: "three",
            title: "Admin",
            certifications: &["azure-administrator"],
            ..Default::default()
        },
    )
    .await;
    let text = visible_text(&visitor.page(&format!("/badges/{award}?lang=fr"), 200).await);
    assert!(
        text.contains("3 offres d’emploi ouvertes demandent cette certification."),
        "{text}"
    );
    assert!(
        text.contains("Administrateurs de réseaux et de systèmes informatiques"),
        "{text}"
    );
}

#[actix_web::test]
async fn french_readers_read_french_titles_numbers_and_money() {
    let (app, ada) = ada_with(&["AZ-104"]).await;
    set_state(&app, "azure-administrator", "accepted").await;
    post(
        &app.db,
        Posting {
            key: "fr",
            title: "Admin",
            salary: Some((90_000, 120_000)),
            certifications: &["azure-administrator"],
            demo: true,
            ..Default::default()
        },
    )
    .await;
    let html = ada.page("/career?lang=fr", 200).await;
    // French groups with a narrow no-break space, and keeps the amount with its currency.
    assert!(html.contains("96\u{202f}800\u{a0}$US"), "{html}");
    assert!(html.contains("239\u{202f}200\u{a0}$US ou plus"), "{html}");
    assert!(
        html.contains("de 90\u{202f}000\u{a0}$US à 120\u{202f}000\u{a0}$US par an"),
        "{html}"
    );
    let text = visible_text(&html);
    assert!(
        text.contains("Administrateurs de réseaux et de systèmes informatiques"),
        "{text}"
    );
    assert!(text.contains("Source : U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, mai 2025"), "{text}");
    // Demo postings say so, at the top of the list and on the posting.
    assert!(
        text.contains("Certaines de ces offres sont des données de démonstration"),
        "{text}"
    );
}

/// Employers ask for the exam ("AZ-104") as often as for the certification; the program
/// awards the certification instead of the exam, so holding it answers both, on the Career
/// page (by name, first) and in the public page's count.
#[actix_web::test]
async fn a_posting_asking_for_the_exam_matches_the_certification_it_gives_by_name() {
    let (app, ada) = ada_with(&["AZ-104"]).await;
    set_state(&app, "azure-administrator", "accepted").await;
    sqlx::query("UPDATE candidates SET profile_visibility = 'public'")
        .execute(&app.db)
        .await
        .unwrap();
    post(
        &app.db,
        Posting {
            key: "skills",
            title: "Shares skills",
            skills: &["Storage", "Compute", "Monitoring"],
            posted: 0,
            ..Default::default()
        },
    )
    .await;
    post(
        &app.db,
        Posting {
            key: "exam",
            title: "Asks for the exam",
            certifications: &["AZ-104"],
            posted: 10,
            ..Default::default()
        },
    )
    .await;
    let html = ada.page("/career", 200).await;
    assert_eq!(
        posting_titles(&html),
        ["Asks for the exam", "Shares skills"],
        "asked for by name"
    );
    assert!(visible_text(&html).contains("Asks for AZ-104"), "{html}");
    let award = crate::journey::awards_of(&app.db, ADA).await.remove(0);
    let text = visible_text(
        &app.with_new_client()
            .page(&format!("/badges/{award}?lang=en"), 200)
            .await,
    );
    assert!(
        text.contains("One open job posting asks for this certification."),
        "{text}"
    );
}
