//! `/admin/outbox`: the mail, by tab (queued, failing, sent), newest first, a page at a time
//! by key (`?before=ID`); a message that failed is retried from here (`mail::console`).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::super::forms::{Checked, ok, see_other_with};
use super::super::page::Page;
use super::super::staff::Admin;
use super::super::{AppState, WebError};
use super::PAGE_ROWS;
use crate::mail::console::{self, OutboxRow, Retried, Tab};
use crate::urls;

#[derive(Debug, Default, Deserialize)]
pub struct Query {
    #[serde(default)]
    tab: String,
    #[serde(default)]
    before: Option<i64>,
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    page: Page,
    section: &'static str,
    tab: Tab,
    rows: Vec<OutboxRow>,
    /// The link to the next (older) page, when there is one.
    older: Option<String>,
    /// This is not the first page.
    paged: bool,
}

impl OutboxPage {
    fn tabs(&self) -> Vec<(String, String, bool)> {
        Tab::ALL
            .into_iter()
            .map(|t| {
                (
                    urls::admin_outbox(t.as_str(), None),
                    self.page.msg(tab_id(t)),
                    t == self.tab,
                )
            })
            .collect()
    }

    fn tab_name(&self) -> String {
        self.page.msg(tab_id(self.tab))
    }

    fn first_page(&self) -> String {
        urls::admin_outbox(self.tab.as_str(), None)
    }

    fn state(&self, row: &OutboxRow) -> String {
        self.page.msg(match row.state.as_str() {
            "sent" => "admin-mail-sent",
            "failed" => "admin-mail-failed",
            "suppressed" => "admin-mail-suppressed",
            _ if row.attempts > 0 => "admin-mail-retrying",
            _ => "admin-mail-queued",
        })
    }

    fn pill(&self, row: &OutboxRow) -> &'static str {
        match row.state.as_str() {
            "sent" => "pill-valid",
            "failed" | "suppressed" => "pill-revoked",
            _ if row.attempts > 0 => "pill-soon",
            _ => "pill-pending",
        }
    }
}

fn tab_id(tab: Tab) -> &'static str {
    match tab {
        Tab::Queued => "admin-outbox-queued",
        Tab::Failing => "admin-outbox-failing",
        Tab::Sent => "admin-outbox-sent",
    }
}

pub async fn get(
    _admin: Admin,
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<Query>,
) -> Result<HttpResponse, WebError> {
    let tab = Tab::parse(&query.tab).unwrap_or(Tab::Failing);
    // One more than a page: whether there is an older page, without counting.
    let mut rows = console::list(&state.db, tab, query.before, PAGE_ROWS + 1).await?;
    let older = if rows.len() as i64 > PAGE_ROWS {
        rows.truncate(PAGE_ROWS as usize);
        rows.last()
            .map(|last| urls::admin_outbox(tab.as_str(), Some(last.id)))
    } else {
        None
    };
    Ok(ok(OutboxPage {
        page,
        section: "outbox",
        tab,
        rows,
        older,
        paged: query.before.is_some(),
    }
    .render()?))
}

crate::form!(RetryForm { id });

/// `POST /admin/outbox`: retries message `id`, then back to the page it was on.
pub async fn post(
    admin: Admin,
    page: Page,
    req: HttpRequest,
    state: web::Data<AppState>,
    Checked(form): Checked<RetryForm>,
) -> Result<HttpResponse, WebError> {
    let id: i64 = form.id.trim().parse().map_err(|_| WebError::BadForm)?;
    let flash = match console::retry(&state.db, id, super::actor(admin), None).await? {
        Retried::Queued => "admin-mail-retried",
        Retried::NotFailing => "admin-mail-not-failing",
        Retried::LinkGone => "admin-mail-link-gone",
        Retried::NotFound => return Err(WebError::NotFound),
    };
    Ok(see_other_with(&page.here(), flash, &req))
}
