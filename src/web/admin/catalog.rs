//! `/admin/catalog`: every exam and certification with its status and badge policy, and the
//! upload of a catalog file (`catalog::load`, as `accolade catalog load`);
//! `/admin/catalog/{code}`: one entry, retired with a date or given another policy
//! (`catalog::admin`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::super::forms::{
    Checked, Errors, MultipartError, MultipartForm, MultipartLimits, html, ok, see_other_with,
};
use super::super::page::Page;
use super::super::staff::Admin;
use super::super::{AppState, WebError};
use crate::catalog::admin::{self as store, CatalogEntry, Changed};
use crate::catalog::{self, CatalogFile, LoadReport};
use crate::domain::{BadgeKind, Policy, Status, date::parse_date};
use crate::urls;

/// The largest catalog file taken (the program's whole catalog is tens of kilobytes).
pub const CATALOG_LIMIT: usize = 1024 * 1024;

const LIMITS: MultipartLimits = MultipartLimits {
    file: CATALOG_LIMIT,
    text: 8 * 1024,
    parts: 4,
    read: 4 * CATALOG_LIMIT,
};

#[derive(Template)]
#[template(path = "admin/catalog.html")]
struct CatalogPage {
    page: Page,
    section: &'static str,
    entries: Vec<CatalogEntry>,
    errors: Errors,
    loaded: Option<LoadReport>,
}

fn kind_id(kind: BadgeKind) -> &'static str {
    match kind {
        BadgeKind::Exam => "admin-kind-exam",
        BadgeKind::Certification => "admin-kind-certification",
    }
}

fn policy_id(policy: Policy) -> &'static str {
    match policy {
        Policy::Eligible => "admin-policy-eligible",
        Policy::Excluded => "admin-policy-excluded",
        Policy::Legacy => "admin-policy-legacy",
    }
}

/// The status in words, with its date when retired.
fn status_text(page: &Page, entry: &CatalogEntry) -> String {
    match (entry.status, entry.retired_on) {
        (Status::Active, _) => page.msg("admin-status-active"),
        (Status::Retired, Some(on)) => page.msg1("admin-status-retired-on", "date", page.date(on)),
        (Status::Retired, None) => page.msg("admin-status-retired"),
    }
}

impl CatalogPage {
    fn kind(&self, entry: &CatalogEntry) -> String {
        self.page.msg(kind_id(entry.kind))
    }
    fn policy(&self, entry: &CatalogEntry) -> String {
        self.page.msg(policy_id(entry.policy))
    }
    fn status(&self, entry: &CatalogEntry) -> String {
        status_text(&self.page, entry)
    }
    fn href(&self, entry: &CatalogEntry) -> String {
        urls::admin_catalog_entry(&entry.code)
    }
    fn loaded_text(&self, report: &LoadReport) -> String {
        self.page.msgn(
            "admin-catalog-loaded",
            [
                ("added", report.added.to_string()),
                ("updated", report.updated.to_string()),
                ("unchanged", report.unchanged.to_string()),
            ],
        )
    }
    fn kilobytes(&self) -> i64 {
        i64::try_from(CATALOG_LIMIT / 1024).unwrap_or(i64::MAX)
    }
}

async fn catalog_page(
    page: Page,
    state: &AppState,
    errors: Errors,
    loaded: Option<LoadReport>,
) -> Result<CatalogPage, WebError> {
    Ok(CatalogPage {
        page,
        section: "catalog",
        entries: store::entries(&state.db).await?,
        errors,
        loaded,
    })
}

pub async fn index(
    _admin: Admin,
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    Ok(ok(catalog_page(page, &state, Errors::default(), None)
        .await?
        .render()?))
}

/// `POST /admin/catalog`: a catalog file, loaded as `accolade catalog load` loads one.
pub async fn load(
    admin: Admin,
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, WebError> {
    let mut upload = match MultipartForm::read(&req, payload, LIMITS).await {
        Ok(upload) => upload,
        Err(MultipartError::TooLarge) => {
            let message = page.count(
                "admin-catalog-too-large",
                "kilobytes",
                i64::try_from(CATALOG_LIMIT / 1024).unwrap_or(i64::MAX),
            );
            return refused(page, &state, StatusCode::PAYLOAD_TOO_LARGE, message).await;
        }
        Err(MultipartError::Unreadable) => return Err(WebError::BadForm),
    };
    upload.check(&req, &["csrf"])?;
    let Some(bytes) = upload.take_file("file") else {
        let message = page.msg("admin-file-missing");
        return refused(page, &state, StatusCode::UNPROCESSABLE_ENTITY, message).await;
    };
    let parsed = String::from_utf8(bytes)
        .map_err(|_| page.msg("admin-catalog-not-utf8"))
        .and_then(|text| {
            CatalogFile::parse(&text)
                .map_err(|e| page.msg1("admin-catalog-invalid", "detail", e.to_string()))
        });
    let file = match parsed {
        Ok(file) => file,
        Err(message) => {
            return refused(page, &state, StatusCode::UNPROCESSABLE_ENTITY, message).await;
        }
    };
    let report = catalog::load(&state.db, &file, super::actor(admin)).await?;
    let body = catalog_page(page, &state, Errors::default(), Some(report))
        .await?
        .render()?;
    Ok(ok(body))
}

/// The catalog page with `message` by the file field.
async fn refused(
    page: Page,
    state: &AppState,
    status: StatusCode,
    message: String,
) -> Result<HttpResponse, WebError> {
    let errors = Errors::one("file", message);
    let body = catalog_page(page, state, errors, None).await?.render()?;
    Ok(html(status, body))
}

crate::form!(EntryForm {
    action,
    retired_on,
    policy
});

#[derive(Template)]
#[template(path = "admin/catalog_entry.html")]
struct EntryPage {
    page: Page,
    section: &'static str,
    entry: CatalogEntry,
    form: EntryForm,
    errors: Errors,
}

impl EntryPage {
    fn kind(&self) -> String {
        self.page.msg(kind_id(self.entry.kind))
    }
    fn status(&self) -> String {
        status_text(&self.page, &self.entry)
    }
    fn is_policy(&self, value: &str) -> bool {
        self.form.policy == value
    }
    fn policies(&self) -> Vec<(&'static str, String)> {
        Policy::ALL
            .iter()
            .map(|p| (p.as_str(), self.page.msg(policy_id(*p))))
            .collect()
    }
}

async fn find(state: &AppState, code: &str) -> Result<CatalogEntry, WebError> {
    store::entry(&state.db, code)
        .await?
        .ok_or(WebError::NotFound)
}

fn entry_form(entry: &CatalogEntry) -> EntryForm {
    EntryForm {
        csrf: String::new(),
        action: String::new(),
        retired_on: entry
            .retired_on
            .unwrap_or_else(|| chrono::Utc::now().date_naive())
            .to_string(),
        policy: entry.policy.as_str().to_owned(),
    }
}

pub async fn show(
    _admin: Admin,
    page: Page,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let entry = find(&state, &code).await?;
    Ok(ok(EntryPage {
        page,
        section: "catalog",
        form: entry_form(&entry),
        entry,
        errors: Errors::default(),
    }
    .render()?))
}

/// `POST /admin/catalog/{code}`: `action=retire` with `retired_on`, or `action=policy` with
/// `policy`.
pub async fn change(
    admin: Admin,
    page: Page,
    state: web::Data<AppState>,
    code: web::Path<String>,
    req: HttpRequest,
    Checked(form): Checked<EntryForm>,
) -> Result<HttpResponse, WebError> {
    let entry = find(&state, &code).await?;
    let actor = super::actor(admin);
    let (changed, field) = match form.action.as_str() {
        "retire" => match parse_date(form.retired_on.trim()) {
            Ok(on) => (
                store::retire(&state.db, &entry.code, on, actor).await?,
                "retired_on",
            ),
            Err(_) => return invalid(page, entry, form, "retired_on", "admin-date-invalid"),
        },
        "policy" => match Policy::parse(&form.policy) {
            Some(policy) => (
                store::set_policy(&state.db, &entry.code, policy, actor).await?,
                "policy",
            ),
            None => return invalid(page, entry, form, "policy", "admin-policy-invalid"),
        },
        _ => return Err(WebError::BadForm),
    };
    let to = urls::admin_catalog_entry(&entry.code);
    let flash = match (changed, field) {
        (Changed::NotFound, _) => return Err(WebError::NotFound),
        (Changed::Unchanged, _) => "admin-unchanged",
        (Changed::Done, "retired_on") => "admin-retired",
        (Changed::Done, _) => "admin-policy-changed",
    };
    Ok(see_other_with(&to, flash, &req))
}

fn invalid(
    page: Page,
    entry: CatalogEntry,
    form: EntryForm,
    field: &'static str,
    message: &'static str,
) -> Result<HttpResponse, WebError> {
    let errors = Errors::one(field, page.msg(message));
    let body = EntryPage {
        page,
        section: "catalog",
        entry,
        form,
        errors,
    }
    .render()?;
    Ok(html(StatusCode::UNPROCESSABLE_ENTITY, body))
}
