//! `GET /support`: the search form and a page of hits.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::support::search::{self, After, Exact, Found, Hit, Query};
use crate::urls;
use crate::web::forms::ok;
use crate::web::page::Page;
use crate::web::staff::Support;
use crate::web::{AppState, WebError};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    q: String,
    after_key: String,
    after: String,
}

#[derive(Template)]
#[template(path = "support/search.html")]
struct SearchPage {
    page: Page,
    q: String,
    searched: bool,
    exact: Vec<Exact>,
    hits: Vec<Hit>,
    next: Option<String>,
}

pub async fn get(
    page: Page,
    _staff: Support,
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner();
    let (searched, found) = match Query::parse(&query.q) {
        Some(parsed) => {
            let after = After {
                key: query.after_key.clone(),
                email: query.after.clone(),
            };
            (true, search::search(&state.db, &parsed, &after).await?)
        }
        None => (false, Found::default()),
    };
    let next = found
        .next
        .as_ref()
        .map(|after| urls::support_search(query.q.trim(), Some((&after.key, &after.email))));
    Ok(ok(SearchPage {
        page,
        q: query.q.trim().to_owned(),
        searched,
        exact: found.exact,
        hits: found.hits,
        next,
    }
    .render()?))
}
