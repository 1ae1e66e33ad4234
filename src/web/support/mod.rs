//! `/support`: the support console. Every handler takes the [`Support`] extractor (support
//! staff or an admin; anyone else gets the 404 page); the pages read and the actions change
//! through `crate::support`, which owns the queries.
//!
//! - `/support`: search (address, name, award id, result id), paged by key;
//! - `/support/candidates/{id}`: a candidate's profile (opening it is logged);
//! - `/support/missing?email=`: the missing-badge view of an address, with its near misses;
//! - the actions, each a page that says what will happen and asks for the reason, posting
//!   to itself: `/support/awards/{id}/resend`, `/support/candidates/{id}/attach?email=`,
//!   `/support/candidates/{id}/merge?other=`, `/support/mail/{id}/retry`.
//!
//! [`Support`]: super::staff::Support

pub mod actions;
pub mod missing;
pub mod profile;
pub mod search;

use actix_web::web;

use crate::audit::{self, Actor};
use crate::i18n::Tr;
use crate::urls::route;

/// The console's routes, among the pages (session, CSRF, language).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(route::SUPPORT, web::get().to(search::get))
        .route(route::SUPPORT_CANDIDATE, web::get().to(profile::get))
        .route(route::SUPPORT_MISSING, web::get().to(missing::get))
        .route(route::SUPPORT_RESEND, web::get().to(actions::resend_form))
        .route(route::SUPPORT_RESEND, web::post().to(actions::resend))
        .route(route::SUPPORT_ATTACH, web::get().to(actions::attach_form))
        .route(route::SUPPORT_ATTACH, web::post().to(actions::attach))
        .route(route::SUPPORT_MERGE, web::get().to(actions::merge_form))
        .route(route::SUPPORT_MERGE, web::post().to(actions::merge))
        .route(route::SUPPORT_RETRY, web::get().to(actions::retry_form))
        .route(route::SUPPORT_RETRY, web::post().to(actions::retry));
}

/// A row of an audit trail, in words.
#[derive(Debug, Clone)]
pub struct TrailRow {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
    /// The action's name in the agent's language, and its stored name
    /// (`support.address_attached`).
    pub action_name: String,
    pub action: String,
    pub before: String,
    pub after: String,
    pub reason: String,
}

impl TrailRow {
    pub fn of(t: &Tr, row: &audit::Row) -> TrailRow {
        let actor = match &row.actor {
            Some(Actor::Staff(id)) => t.msg1("support-actor-staff", "id", id.to_string()),
            Some(Actor::Candidate(id)) => t.msg1("support-actor-candidate", "id", id.to_string()),
            Some(Actor::CommandLine) => t.msg("support-actor-cli"),
            Some(Actor::ApiToken(name)) => t.msg1("support-actor-api", "name", name),
            None => "?".to_owned(),
        };
        let text =
            |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
        TrailRow {
            at: row.at,
            actor,
            action_name: row
                .action
                .map_or_else(|| "?".to_owned(), |a| t.msg(a.message_id())),
            action: row.action.map_or("?", |a| a.as_str()).to_owned(),
            before: text(&row.before),
            after: text(&row.after),
            reason: row.reason.clone().unwrap_or_default(),
        }
    }
}
