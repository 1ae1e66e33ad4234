//! `/career`: what the candidate's accepted badges lead to. The occupations, each with its
//! wage chart for the nation and the area the candidate picked (remembered in
//! `candidates.career_area`, also editable on `/settings`); the matching open job postings,
//! best first, filtered by a GET form (area, remote, minimum salary, one badge) that works
//! without JavaScript; the employers of those postings. Also the pieces the wallet's badge
//! page shows of it (`OccupationView`, the count of matching postings).
//!
//! Nothing about the candidate leaves the site: the matching is a query of this database,
//! and the employers' links are plain links the candidate chooses to follow.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::forms::{Checked, Flash, ok};
use super::page::Page;
use super::session::SignedIn;
use super::{AppState, WebError};
use crate::i18n::Tr;
use crate::i18n::format::{Currency, Money};
use crate::insights::chart::{self, Bar, Chart, Fill};
use crate::insights::matching::{self, Employer, Filters, Held, Posting, PostingsPage};
use crate::insights::occupations::{self, Area, AreaKind, Figure, NATIONAL, Occupation, Release};
use crate::urls;

crate::form!(AreaForm { area });

/// The yearly salaries the filter offers (US dollars).
pub const SALARY_CHOICES: [i32; 5] = [50_000, 75_000, 100_000, 125_000, 150_000];

/// The Career page's query: `?area=0000000&remote=on&min_salary=100000&badge=AZ-104&page=2`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct CareerQuery {
    pub area: Option<String>,
    pub remote: Option<String>,
    pub min_salary: Option<String>,
    pub badge: Option<String>,
    pub page: Option<String>,
}

impl CareerQuery {
    /// What the query asks for; anything it cannot read is ignored.
    pub fn of(query: &str) -> CareerQuery {
        serde_urlencoded::from_str(query).unwrap_or_default()
    }

    pub fn remote_only(&self) -> bool {
        matches!(self.remote.as_deref(), Some("on" | "true" | "1"))
    }

    pub fn min_salary(&self) -> Option<i32> {
        self.min_salary
            .as_deref()
            .and_then(|s| s.trim().parse::<i32>().ok())
            .filter(|s| *s > 0)
    }

    /// The page asked for, from 0 (the query counts from 1).
    pub fn page(&self) -> i64 {
        self.page
            .as_deref()
            .and_then(|p| p.parse::<i64>().ok())
            .map_or(0, |p| (p - 1).clamp(0, 10_000))
    }

    /// This query at another page (1-based in the URL), as a link.
    fn url_at(&self, page: i64) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(area) = &self.area {
            pairs.push(("area", area.clone()));
        }
        if self.remote_only() {
            pairs.push(("remote", "on".into()));
        }
        if let Some(min) = self.min_salary() {
            pairs.push(("min_salary", min.to_string()));
        }
        if let Some(badge) = self.badge.as_ref().filter(|b| !b.is_empty()) {
            pairs.push(("badge", badge.clone()));
        }
        if page > 0 {
            pairs.push(("page", (page + 1).to_string()));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        match query.as_str() {
            "" => urls::career().to_owned(),
            query => format!("{}?{query}", urls::career()),
        }
    }
}

/// One line of the table beside a chart: a percentile and its figures.
pub struct FigureRow {
    pub label: String,
    pub national: String,
    pub local: Option<String>,
}

/// An occupation as the Career page and the wallet show it.
pub struct OccupationView {
    pub soc_code: String,
    pub title: String,
    pub badges: Vec<String>,
    pub reason: String,
    /// The inline SVG, escaped by `chart::render`.
    pub chart: String,
    pub national_name: String,
    pub local_name: Option<String>,
    pub rows: Vec<FigureRow>,
    pub has_wages: bool,
}

/// A figure in words: `US$99,130`, `US$239,200 or more`, `not published`.
pub fn figure_text(t: &Tr, figure: Figure) -> String {
    match figure {
        Figure::Published(v) => t.money(Money::whole(i64::from(v), Currency::Usd)),
        Figure::AtLeast(v) => t.msg1(
            "career-at-least",
            "amount",
            t.money(Money::whole(i64::from(v), Currency::Usd)),
        ),
        Figure::NotPublished => t.msg("career-not-published"),
    }
}

fn percentile_label(t: &Tr, p: u8) -> String {
    match p {
        50 => t.msg("career-median"),
        p => t.count("career-percentile", "n", i64::from(p)),
    }
}

impl OccupationView {
    /// The view of `occupation`; `n` makes the chart's ids unique on the page.
    pub fn new(t: &Tr, occupation: Occupation, n: usize) -> OccupationView {
        let national_name = t.msg("career-nation");
        let local_name = occupation.local.as_ref().map(|w| w.area_name.clone());
        let nat = occupation.national.as_ref().map(|w| w.percentiles);
        let loc = occupation.local.as_ref().map(|w| w.percentiles);
        let mut bars = Vec::new();
        let mut described = Vec::new();
        for (name, figures, fill) in [
            (Some(national_name.clone()), nat, Fill::Hatched),
            (local_name.clone(), loc, Fill::Dotted),
        ] {
            let (Some(name), Some(figures)) = (name, figures) else {
                continue;
            };
            bars.push(Bar {
                label: t.msg2(
                    "career-chart-bar",
                    "area",
                    &name,
                    "median",
                    figure_text(t, figures[2]),
                ),
                figures,
                fill,
            });
            described.push(t.msgn(
                "career-chart-area",
                [
                    ("area", name),
                    ("p10", figure_text(t, figures[0])),
                    ("p25", figure_text(t, figures[1])),
                    ("median", figure_text(t, figures[2])),
                    ("p75", figure_text(t, figures[3])),
                    ("p90", figure_text(t, figures[4])),
                ],
            ));
        }
        let has_wages = !bars.is_empty();
        let chart = if has_wages {
            chart::render(
                &Chart {
                    id: format!("chart-{n}-{}", occupation.soc_code),
                    aria_label: t.msg2(
                        "career-chart-label",
                        "occupation",
                        &occupation.title,
                        "figures",
                        described.join(" "),
                    ),
                    bars,
                    not_published: t.msg("career-not-published"),
                },
                |v| t.money(Money::whole(i64::from(v), Currency::Usd)),
            )
        } else {
            String::new()
        };
        let rows = occupations::PERCENTILES
            .iter()
            .enumerate()
            .map(|(i, p)| FigureRow {
                label: percentile_label(t, *p),
                national: nat
                    .map_or_else(|| t.msg("career-not-published"), |f| figure_text(t, f[i])),
                local: loc.map(|f| figure_text(t, f[i])),
            })
            .collect();
        OccupationView {
            soc_code: occupation.soc_code,
            title: occupation.title,
            badges: occupation.badges,
            reason: occupation.reason,
            chart,
            national_name,
            local_name,
            rows,
            has_wages,
        }
    }
}

/// The caption under every chart: "Source: U.S. Bureau of Labor Statistics, ..., May 2025".
pub fn source_caption(t: &Tr, release: Option<&Release>) -> Option<String> {
    release.map(|r| {
        t.msg2(
            "career-source",
            "source",
            &r.source,
            "release",
            release_text(t, &r.release),
        )
    })
}

/// "May 2025" in the reader's language ("mai 2025"); any other text as it is.
fn release_text(t: &Tr, release: &str) -> String {
    // The source's English month names, and the messages of their names.
    const MONTHS: [(&str, &str); 12] = [
        ("January", "career-month-1"),
        ("February", "career-month-2"),
        ("March", "career-month-3"),
        ("April", "career-month-4"),
        ("May", "career-month-5"),
        ("June", "career-month-6"),
        ("July", "career-month-7"),
        ("August", "career-month-8"),
        ("September", "career-month-9"),
        ("October", "career-month-10"),
        ("November", "career-month-11"),
        ("December", "career-month-12"),
    ];
    let mut words = release.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(month), Some(year), None) if year.len() == 4 && year.parse::<u16>().is_ok() => {
            match MONTHS.iter().find(|(name, _)| *name == month) {
                Some((_, id)) => t.msg2("career-release", "month", t.msg(id), "year", year),
                None => release.to_owned(),
            }
        }
        _ => release.to_owned(),
    }
}

/// A posting as the list shows it.
pub struct PostingView {
    pub title: String,
    pub organization: String,
    pub place: Option<String>,
    pub remote: bool,
    pub posted: String,
    pub posted_iso: String,
    pub salary: Option<String>,
    pub reasons: Vec<String>,
    pub apply_url: String,
    pub demo: bool,
}

fn amount(t: &Tr, value: i64, currency: &str) -> String {
    match currency {
        "USD" => t.money(Money::whole(value, Currency::Usd)),
        "EUR" => t.money(Money::whole(value, Currency::Eur)),
        other => format!("{} {other}", t.number(value)),
    }
}

/// The salary in words: "US$90,000 to US$120,000 a year".
pub fn salary_text(t: &Tr, posting: &Posting) -> Option<String> {
    let currency = posting.salary_currency.as_deref()?;
    let min = posting.salary_min?;
    let range = match posting.salary_max.filter(|max| *max != min) {
        Some(max) => t.msg2(
            "career-salary-range",
            "min",
            amount(t, min, currency),
            "max",
            amount(t, max, currency),
        ),
        None => amount(t, min, currency),
    };
    let unit = match posting.salary_unit.as_deref() {
        Some("HOUR") => "career-per-hour",
        Some("DAY") => "career-per-day",
        Some("WEEK") => "career-per-week",
        Some("MONTH") => "career-per-month",
        _ => "career-per-year",
    };
    Some(t.msg1(unit, "amount", range))
}

impl PostingView {
    pub fn new(t: &Tr, posting: Posting) -> PostingView {
        let mut reasons: Vec<String> = posting
            .asks_for
            .iter()
            .map(|code| t.msg1("career-asks-for", "badge", code))
            .collect();
        if posting.occupations > 0 {
            reasons.push(t.count("career-same-occupation", "count", posting.occupations));
        }
        if posting.skills > 0 {
            reasons.push(t.count("career-shares-skills", "count", posting.skills));
        }
        PostingView {
            salary: salary_text(t, &posting),
            place: posting.place(),
            posted: t.date(posting.date_posted),
            posted_iso: posting.date_posted.to_string(),
            title: posting.title,
            organization: posting.organization,
            remote: posting.remote,
            reasons,
            apply_url: posting.apply_url,
            demo: posting.demo,
        }
    }
}

/// An area of a picker.
pub struct AreaChoice {
    pub code: String,
    pub name: String,
    pub selected: bool,
}

/// The pickers' choices: the nation, the states, the metropolitan areas.
pub struct AreaGroups {
    pub national: Vec<AreaChoice>,
    pub states: Vec<AreaChoice>,
    pub metros: Vec<AreaChoice>,
}

impl AreaGroups {
    /// `areas` grouped by kind, `selected` selected (none: the nation); `metros`: whether
    /// metropolitan areas are offered (always the selected one).
    pub fn new(t: &Tr, areas: &[Area], selected: &str, metros: bool) -> AreaGroups {
        let mut groups = AreaGroups {
            national: vec![],
            states: vec![],
            metros: vec![],
        };
        for area in areas {
            let choice = AreaChoice {
                code: area.code.clone(),
                name: if area.is_national() {
                    t.msg("career-nation")
                } else {
                    area.name.clone()
                },
                selected: area.code == selected,
            };
            match area.kind {
                AreaKind::National => groups.national.push(choice),
                AreaKind::State => groups.states.push(choice),
                AreaKind::Metro if metros || choice.selected => groups.metros.push(choice),
                AreaKind::Metro => {}
            }
        }
        if groups.national.is_empty() {
            groups.national.push(AreaChoice {
                code: NATIONAL.into(),
                name: t.msg("career-nation"),
                selected: selected == NATIONAL,
            });
        }
        groups
    }
}

pub struct SalaryChoice {
    pub value: i32,
    pub text: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "career/index.html")]
struct CareerPage {
    page: Page,
    held: Vec<Held>,
    occupations: Vec<OccupationView>,
    caption: Option<String>,
    /// The area remembered (the picker's form).
    picker: AreaGroups,
    /// The area of the filters (the nation, a state, or the remembered area).
    filter_areas: AreaGroups,
    remote: bool,
    salaries: Vec<SalaryChoice>,
    /// The badge the list is narrowed to.
    badge: Option<Held>,
    postings: Vec<PostingView>,
    results: PostingsPage,
    previous_url: Option<String>,
    next_url: Option<String>,
    filtered: bool,
    employers: Vec<Employer>,
}

impl CareerPage {
    fn shows_demo(&self) -> bool {
        self.results.shows_demo() || self.employers.iter().any(|e| e.demo)
    }

    /// "Positions 21 to 40 of 312".
    fn showing(&self) -> String {
        let first = self.results.page * matching::PER_PAGE;
        let shown = i64::try_from(self.postings.len()).unwrap_or_default();
        self.page.msgn(
            "career-showing",
            [
                ("from", self.page.number(first + 1)),
                ("to", self.page.number(first + shown)),
                ("total", self.page.number(self.results.total)),
            ],
        )
    }
}

/// The filters of `query`, given the areas known and the one remembered.
fn filters_of(query: &CareerQuery, area: Option<&Area>) -> Filters {
    Filters {
        states: area.filter(|a| !a.is_national()).map(|a| a.states.clone()),
        remote_only: query.remote_only(),
        min_salary: query.min_salary(),
    }
}

pub async fn get(
    page: Page,
    req: HttpRequest,
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let query = CareerQuery::of(req.query_string());
    let db = &state.db;
    let held = matching::held_classes(db, user.id()).await?;
    let remembered = occupations::career_area(db, user.id()).await?;
    let areas = occupations::areas(db).await?;
    // The filter's area: the query's when it names a known one, else the remembered one.
    let area = match query.area.as_deref() {
        Some(code) => areas.iter().find(|a| a.code == code).cloned(),
        None => remembered.clone(),
    };
    let badge = query
        .badge
        .as_deref()
        .and_then(|code| held.iter().find(|h| h.code == code).cloned());
    let matched: &[Held] = match &badge {
        Some(one) => std::slice::from_ref(one),
        None => &held,
    };
    let all: Vec<i64> = held.iter().map(|h| h.id).collect();
    let t = &page.t;
    let wage_area = area.as_ref().map(|a| a.code.as_str());
    let occupations: Vec<OccupationView> = occupations::occupations(db, &all, t.locale, wage_area)
        .await?
        .into_iter()
        .enumerate()
        .map(|(n, o)| OccupationView::new(t, o, n))
        .collect();
    let release = if occupations.iter().any(|o| o.has_wages) {
        occupations::release(db).await?
    } else {
        None
    };
    let filters = filters_of(&query, area.as_ref());
    let (results, employers) =
        matching::postings(db, &state.postings, matched, &filters, query.page()).await?;
    let previous_url = results
        .has_previous()
        .then(|| query.url_at(results.page - 1));
    let next_url = results.has_next().then(|| query.url_at(results.page + 1));
    let selected = area.as_ref().map_or(NATIONAL, |a| a.code.as_str());
    let remembered_code = remembered.as_ref().map_or(NATIONAL, |a| a.code.as_str());
    let min_salary = query.min_salary();
    let page_body = CareerPage {
        caption: source_caption(t, release.as_ref()),
        picker: AreaGroups::new(t, &areas, remembered_code, true),
        filter_areas: AreaGroups::new(t, &areas, selected, false),
        remote: query.remote_only(),
        salaries: SALARY_CHOICES
            .iter()
            .map(|v| SalaryChoice {
                value: *v,
                text: t.money(Money::whole(i64::from(*v), Currency::Usd)),
                selected: min_salary == Some(*v),
            })
            .collect(),
        filtered: filters != Filters::default() || badge.is_some(),
        postings: results
            .postings
            .iter()
            .cloned()
            .map(|p| PostingView::new(t, p))
            .collect(),
        previous_url,
        next_url,
        results,
        employers,
        badge,
        held,
        occupations,
        page,
    }
    .render()?;
    Ok(ok(page_body))
}

/// `POST /career`: remembers the area the candidate picked.
pub async fn set_area(
    user: SignedIn,
    state: web::Data<AppState>,
    Checked(form): Checked<AreaForm>,
) -> Result<Flash, WebError> {
    if !occupations::set_career_area(&state.db, user.id(), Some(form.area.trim())).await? {
        return Err(WebError::BadForm);
    }
    Ok(Flash::new(urls::career(), "flash-career-area-saved"))
}

/// What the wallet's page of an accepted badge shows of its career: the occupations it
/// leads to with their wages, and how many open postings match it.
pub struct BadgeCareer {
    pub occupations: Vec<OccupationView>,
    pub caption: Option<String>,
    pub postings: i64,
    /// The Career page narrowed to this badge.
    pub url: String,
}

impl BadgeCareer {
    /// The career of the candidate's badge `code` (titled `title`); `None` unless it is one
    /// of their accepted badges that has not expired.
    pub async fn load(
        state: &AppState,
        t: &Tr,
        candidate_id: i64,
        code: &str,
        title: &str,
    ) -> Result<Option<BadgeCareer>, WebError> {
        let db = &state.db;
        let held = matching::held_classes(db, candidate_id).await?;
        let Some(class) = held.iter().find(|h| h.code == code && h.title == title) else {
            return Ok(None);
        };
        let area = occupations::career_area(db, candidate_id).await?;
        let occupations: Vec<OccupationView> = occupations::occupations(
            db,
            &[class.id],
            t.locale,
            area.as_ref().map(|a| a.code.as_str()),
        )
        .await?
        .into_iter()
        .enumerate()
        .map(|(n, o)| OccupationView::new(t, o, n))
        .collect();
        let release = if occupations.iter().any(|o| o.has_wages) {
            occupations::release(db).await?
        } else {
            None
        };
        let postings =
            matching::count(db, &state.postings, &[class.id], &Filters::default()).await?;
        Ok(Some(BadgeCareer {
            caption: source_caption(t, release.as_ref()),
            occupations,
            postings,
            url: urls::career_for_badge(code),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn the_query_is_read_leniently_and_pages_count_from_one() {
        let q = CareerQuery::of("area=0000048&remote=on&min_salary=100000&badge=AZ-104&page=3");
        assert_eq!(q.area.as_deref(), Some("0000048"));
        assert!(q.remote_only());
        assert_eq!(q.min_salary(), Some(100_000));
        assert_eq!(q.page(), 2);
        assert_eq!(
            q.url_at(3),
            "/career?area=0000048&remote=on&min_salary=100000&badge=AZ-104&page=4"
        );
        assert_eq!(
            q.url_at(0),
            "/career?area=0000048&remote=on&min_salary=100000&badge=AZ-104"
        );
        let odd = CareerQuery::of("min_salary=lots&page=-4&remote=no");
        assert_eq!(odd.min_salary(), None);
        assert_eq!(odd.page(), 0);
        assert!(!odd.remote_only());
        assert_eq!(CareerQuery::of("%ZZ&&==").url_at(0), "/career");
    }

    #[test]
    fn the_release_is_written_in_the_readers_language() {
        let fr = Tr::new(Locale::from_tag("fr").unwrap_or_default());
        let en = Tr::new(Locale::default());
        assert_eq!(release_text(&en, "May 2025"), "May 2025");
        assert_eq!(release_text(&fr, "May 2025"), "mai 2025");
        assert_eq!(release_text(&fr, "2025 release"), "2025 release");
    }

    #[test]
    fn figures_say_floors_and_what_is_not_published() {
        let fr = Tr::new(Locale::from_tag("fr").unwrap_or_default());
        let en = Tr::new(Locale::default());
        assert_eq!(figure_text(&en, Figure::Published(99_130)), "US$99,130");
        assert_eq!(
            figure_text(&fr, Figure::Published(99_130)),
            "99\u{202f}130\u{a0}$US"
        );
        assert_eq!(
            figure_text(&en, Figure::AtLeast(239_200)),
            "US$239,200 or more"
        );
        assert_eq!(figure_text(&en, Figure::NotPublished), "not published");
    }
}
