//! `/admin/audit`: the audit log, newest first, filtered by actor, action, subject and dates,
//! a page at a time by key (`?before=MICROS-ID`, see `audit::Cursor`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::super::forms::{Errors, html, ok};
use super::super::page::Page;
use super::super::staff::Admin;
use super::super::{AppState, WebError};
use super::PAGE_ROWS;
use crate::audit::{self, Action, Cursor, Filter, Listed};
use crate::domain::date::parse_date;
use crate::urls::{self, encode_query};

/// The filter as typed (every field optional).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Query {
    actor: String,
    action: String,
    subject: String,
    from: String,
    to: String,
    before: String,
}

impl Query {
    /// The filter's part of a link (without `before`), encoded.
    fn link_query(&self) -> String {
        [
            ("actor", &self.actor),
            ("action", &self.action),
            ("subject", &self.subject),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// A row as the page shows it.
pub struct Row {
    pub at: String,
    pub actor: String,
    pub action: String,
    /// The action's name in the reader's language (the stored name when it is not known).
    pub action_name: String,
    pub subject: String,
    pub reason: String,
    /// Before and after, and what else was kept, as compact JSON.
    pub change: String,
}

/// The name of stored action `action` for the reader of `page`.
fn action_name(page: &Page, action: &str) -> String {
    Action::parse(action).map_or_else(|| action.to_owned(), |a| page.msg(a.message_id()))
}

fn row(page: &Page, listed: Listed) -> Row {
    let compact = |v: &serde_json::Value| v.to_string();
    let mut change = Vec::new();
    match (&listed.before, &listed.after) {
        (Some(b), Some(a)) => change.push(format!("{} → {}", compact(&b.0), compact(&a.0))),
        (None, Some(a)) => change.push(format!("→ {}", compact(&a.0))),
        _ => {}
    }
    if listed.data.0.as_object().is_some_and(|o| !o.is_empty()) {
        change.push(compact(&listed.data.0));
    }
    Row {
        at: page.date_time(listed.at),
        actor: listed.actor,
        action_name: action_name(page, &listed.action),
        action: listed.action,
        subject: listed.subject.unwrap_or_default(),
        reason: listed.reason.unwrap_or_default(),
        change: change.join(" · "),
    }
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    page: Page,
    section: &'static str,
    query: Query,
    errors: Errors,
    rows: Vec<Row>,
    older: Option<String>,
    /// The first page of this filter, when this is a later one.
    newest: Option<String>,
}

impl AuditPage {
    fn is_action(&self, action: &str) -> bool {
        self.query.action.trim() == action
    }
    /// Every action, its stored name (the filter's value) and its name for the reader.
    fn actions(&self) -> Vec<(&'static str, String)> {
        Action::ALL
            .iter()
            .map(|a| (a.as_str(), self.page.msg(a.message_id())))
            .collect()
    }
}

pub async fn get(
    _admin: Admin,
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<Query>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner();
    let mut errors = Errors::default();
    let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let action = match query.action.trim() {
        "" => None,
        typed => {
            let action = Action::parse(typed);
            if action.is_none() {
                errors.add("action", page.msg("admin-audit-action-invalid"));
            }
            action
        }
    };
    let mut date = |field: &'static str, typed: &str| match typed.trim() {
        "" => None,
        typed => parse_date(typed)
            .map_err(|_| errors.add(field, page.msg("admin-date-invalid")))
            .ok(),
    };
    let from = date("from", &query.from);
    let to = date("to", &query.to);
    let filter = Filter {
        actor: text(&query.actor),
        action,
        subject: text(&query.subject),
        from,
        to,
    };
    let before = Cursor::parse(query.before.trim());
    let mut rows = Vec::new();
    let mut older = None;
    if errors.is_empty() {
        let mut listed = audit::search(&state.db, &filter, before, PAGE_ROWS + 1).await?;
        if listed.len() as i64 > PAGE_ROWS {
            listed.truncate(PAGE_ROWS as usize);
            older = listed.last().map(|last| {
                let filter = query.link_query();
                let sep = if filter.is_empty() { "" } else { "&" };
                urls::admin_audit(&format!("{filter}{sep}before={}", last.cursor().to_text()))
            });
        }
        rows = listed.into_iter().map(|l| row(&page, l)).collect();
    }
    let newest = before.map(|_| urls::admin_audit(&query.link_query()));
    let invalid = !errors.is_empty();
    let body = AuditPage {
        page,
        section: "audit",
        query,
        errors,
        rows,
        older,
        newest,
    }
    .render()?;
    Ok(if invalid {
        html(StatusCode::UNPROCESSABLE_ENTITY, body)
    } else {
        ok(body)
    })
}
