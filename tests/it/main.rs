//! Integration tests: the real app on port 0, a real PostgreSQL (one private cluster for the
//! run, a fresh database per test), a real SMTP server for mail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;
mod smtp;

mod api;
mod binary;
mod catalog;
mod import;
mod locales;
mod oidc_provider;
mod outbox;
mod site;
