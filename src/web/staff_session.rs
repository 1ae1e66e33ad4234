//! `/staff`: the staff session — the consoles the roles open, how long the second factor
//! still counts, and a button that ends it (the candidate side stays signed in).

use actix_session::Session;
use actix_web::HttpResponse;
use askama::Template;

use super::WebError;
use super::forms::{Checked, Flash, ok};
use super::page::Page;
use super::staff::{StaffMember, end_staff_session};
use crate::auth::roles::Role;
use crate::auth::second_factor;
use crate::urls;

#[derive(Template)]
#[template(path = "staff/session.html")]
struct StaffSessionPage {
    page: Page,
    support: bool,
    admin: bool,
    /// Whole minutes (at least one) until the consoles ask for the second factor again.
    minutes_left: i64,
}

pub async fn get(page: Page, StaffMember(staff): StaffMember) -> Result<HttpResponse, WebError> {
    let left = staff.until.saturating_sub(second_factor::now());
    Ok(ok(StaffSessionPage {
        page,
        support: staff.roles.allow(Role::Support),
        admin: staff.roles.allow(Role::Admin),
        minutes_left: i64::try_from(left.div_ceil(60).max(1)).unwrap_or(i64::MAX),
    }
    .render()?))
}

crate::form!(EndForm {});

/// Ends the staff session: the consoles ask for the second factor again.
pub async fn end(
    StaffMember(_): StaffMember,
    session: Session,
    Checked(_): Checked<EndForm>,
) -> Flash {
    end_staff_session(&session);
    Flash::new(urls::wallet(), "flash-staff-session-ended")
}
