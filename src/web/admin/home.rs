//! `GET /admin`: the console's sections, each with what it is for.

use actix_web::HttpResponse;
use askama::Template;

use super::super::WebError;
use super::super::forms::ok;
use super::super::page::Page;
use super::super::staff::Admin;
use crate::urls;

#[derive(Template)]
#[template(path = "admin/home.html")]
struct HomePage {
    page: Page,
    section: &'static str,
}

pub async fn get(_admin: Admin, page: Page) -> Result<HttpResponse, WebError> {
    Ok(ok(HomePage {
        page,
        section: "home",
    }
    .render()?))
}
