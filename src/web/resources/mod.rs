//! Public resources for programs, outside the session: no cookies, cacheable, JSON readable
//! from other origins (see `context::resource`, under which `web::routes` registers them).
//!
//! - [`open_badges`]: the Open Badges 2.0 documents (issuer, revocation list, badge class,
//!   assertion) that verifiers and backpacks fetch;
//! - [`badge_art`]: the picture of a badge class;
//! - [`baked`]: an award's pictures, with its assertion baked in, and its share preview.

pub mod badge_art;
pub mod baked;
pub mod open_badges;
