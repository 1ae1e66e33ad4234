//! Browser tests: the real app (as in the integration tests) seen through a real headless
//! Chromium, driven by chromedriver. They check what only a browser shows: accessibility (axe-core)
//! and keyboard use. They need `chromium` and `chromium-driver` (Debian packages) and, for
//! axe-core, `npm ci` in this folder (the harness runs it when `node_modules` is missing).
#![allow(clippy::unwrap_used, clippy::expect_used)]

// The integration tests' helpers, shared rather than copied; these tests use only part of them.
#[path = "../it/career_fixture.rs"]
#[allow(dead_code)]
mod career_fixture;
#[path = "../it/helpers.rs"]
#[allow(dead_code)]
mod helpers;
#[path = "../it/journey.rs"]
#[allow(dead_code)]
mod mail_journey;
#[path = "../it/smtp.rs"]
#[allow(dead_code)]
mod smtp;

mod harness;
mod harness_checks;

mod admin;
mod career;
mod dev_mail;
mod journey;
mod landing;
mod recruiter;
mod settings;
mod shell;
mod support;
