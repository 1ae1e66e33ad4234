//! `/admin/results`: import a results file (CSV, the columns of `accolade import`). The file
//! is imported in the background (`results::jobs`); this page shows the admin's import while
//! it runs (bytes and lines read, rows refused so far; `static/admin.js` refreshes that part,
//! and a link does it without script) and then its report: the summary of the command line
//! and each refused line with its reasons.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::super::forms::{
    Errors, MultipartError, MultipartForm, MultipartLimits, html, ok, see_other,
};
use super::super::page::Page;
use super::super::staff::Admin;
use super::super::{AppState, WebError};
use crate::catalog;
use crate::i18n::Localized;
use crate::results::jobs::{Job, Outcome, Progress, Report, Start, StopCause};
use crate::urls;

/// The largest results file the console takes (about 300,000 rows); the command line
/// imports any size.
pub const RESULTS_LIMIT: usize = 32 * 1024 * 1024;

const LIMITS: MultipartLimits = MultipartLimits {
    file: RESULTS_LIMIT,
    text: 8 * 1024,
    parts: 4,
    read: RESULTS_LIMIT + 4 * 1024 * 1024,
};

/// A refused line as the report shows it.
struct RefusedLine {
    line: u64,
    reasons: String,
}

/// The admin's import, as the page shows it.
enum Shown {
    Running(Progress),
    Done {
        report: Report,
        refused: Vec<RefusedLine>,
    },
    Stopped {
        report: Report,
        refused: Vec<RefusedLine>,
        message: String,
    },
    Refused(String),
}

struct ImportView {
    file_name: String,
    started_at: String,
    shown: Shown,
}

#[derive(Template)]
#[template(path = "admin/results.html")]
struct ResultsPage {
    page: Page,
    section: &'static str,
    errors: Errors,
    import: Option<ImportView>,
}

impl ResultsPage {
    fn megabytes(&self) -> i64 {
        i64::try_from(RESULTS_LIMIT / (1024 * 1024)).unwrap_or(i64::MAX)
    }

    fn summary(&self, report: &Report) -> Vec<(String, String)> {
        let s = &report.summary;
        let n = |v: u64| self.page.number(i64::try_from(v).unwrap_or(i64::MAX));
        [
            ("admin-import-received", s.received),
            ("admin-import-imported", s.imported),
            ("admin-import-known", s.already_known),
            ("admin-import-awarded", s.awarded),
            ("admin-import-no-badge", s.no_badge),
            ("admin-import-rejected", s.rejected),
        ]
        .into_iter()
        .map(|(id, v)| (self.page.msg(id), n(v)))
        .collect()
    }

    fn unlisted(&self, report: &Report) -> i64 {
        i64::try_from(report.unlisted()).unwrap_or(i64::MAX)
    }

    fn running(&self, progress: &Progress) -> String {
        let n = |v: u64| self.page.number(i64::try_from(v).unwrap_or(i64::MAX));
        self.page.msgn(
            "admin-import-progress",
            [
                ("percent", progress.percent().to_string()),
                ("lines", n(progress.lines)),
                ("rejected", n(progress.rejected)),
            ],
        )
    }
}

fn refused_lines(page: &Page, report: &Report) -> Vec<RefusedLine> {
    report
        .rejected
        .iter()
        .map(|(line, errors)| RefusedLine {
            line: *line,
            reasons: errors
                .iter()
                .map(|e| e.localize(page))
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect()
}

fn view(page: &Page, job: &Job) -> ImportView {
    let shown = match job.outcome() {
        None => Shown::Running(job.progress()),
        Some(Outcome::Done(report)) => Shown::Done {
            refused: refused_lines(page, &report),
            report,
        },
        Some(Outcome::Stopped {
            report,
            unsaved,
            line,
            cause,
        }) => Shown::Stopped {
            refused: refused_lines(page, &report),
            report,
            message: page.msgn(
                match cause {
                    StopCause::Unreadable => "admin-import-stopped-unreadable",
                    StopCause::Database => "admin-import-stopped-database",
                },
                [
                    ("line", line.to_string()),
                    (
                        "unsaved",
                        page.number(i64::try_from(unsaved).unwrap_or(i64::MAX)),
                    ),
                ],
            ),
        },
        Some(Outcome::Refused { missing }) if missing.is_empty() => {
            Shown::Refused(page.msg("admin-import-empty"))
        }
        Some(Outcome::Refused { missing }) => Shown::Refused(page.msg2(
            "admin-import-missing-columns",
            "columns",
            missing.join(", "),
            "expected",
            crate::domain::exam_result::COLUMNS.join(","),
        )),
        Some(Outcome::Failed) => Shown::Refused(page.msg("admin-import-failed")),
    };
    ImportView {
        file_name: job.file_name.clone(),
        started_at: page.date_time(job.started_at),
        shown,
    }
}

fn render(page: Page, state: &AppState, admin: Admin, errors: Errors) -> Result<String, WebError> {
    let import = state.imports.of(admin.0.id).map(|job| view(&page, &job));
    Ok(ResultsPage {
        page,
        section: "results",
        errors,
        import,
    }
    .render()?)
}

pub async fn get(
    admin: Admin,
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    Ok(ok(render(page, &state, admin, Errors::default())?))
}

/// `POST /admin/results`: starts importing the uploaded file, then back to the page, which
/// shows its progress.
pub async fn post(
    admin: Admin,
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, WebError> {
    let refused = |page: Page, status, id: &str| {
        let errors = Errors::one("file", page.msg(id));
        Ok::<_, WebError>(html(status, render(page, &state, admin, errors)?))
    };
    let mut upload = match MultipartForm::read(&req, payload, LIMITS).await {
        Ok(upload) => upload,
        Err(MultipartError::TooLarge) => {
            let message = page.count(
                "admin-import-too-large",
                "megabytes",
                i64::try_from(RESULTS_LIMIT / (1024 * 1024)).unwrap_or(i64::MAX),
            );
            let errors = Errors::one("file", message);
            let body = render(page, &state, admin, errors)?;
            return Ok(html(StatusCode::PAYLOAD_TOO_LARGE, body));
        }
        Err(MultipartError::Unreadable) => return Err(WebError::BadForm),
    };
    upload.check(&req, &["csrf"])?;
    let Some((file_name, bytes)) = upload.take_named_file("file") else {
        return refused(page, StatusCode::UNPROCESSABLE_ENTITY, "admin-file-missing");
    };
    let catalog = catalog::current(&state.db).await?;
    if catalog.is_empty() {
        return refused(page, StatusCode::CONFLICT, "admin-import-no-catalog");
    }
    let today = chrono::Utc::now().date_naive();
    match state.imports.start(
        admin.0.id,
        file_name,
        bytes,
        state.db.clone(),
        catalog,
        super::actor(admin),
        today,
    ) {
        Start::Started(_) => Ok(see_other(urls::admin_results())),
        Start::AlreadyRunning => refused(page, StatusCode::CONFLICT, "admin-import-running"),
        Start::Busy => refused(page, StatusCode::SERVICE_UNAVAILABLE, "admin-import-busy"),
    }
}
