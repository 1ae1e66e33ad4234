//! Public resources for programs, outside the session: no cookies, cacheable, JSON readable
//! from other origins (see `context::resource`, under which `web::routes` registers them).
//!
//! - [`open_badges`]: the Open Badges 2.0 documents (issuer, revocation list, badge class,
//!   assertion) that verifiers and backpacks fetch.

pub mod open_badges;
