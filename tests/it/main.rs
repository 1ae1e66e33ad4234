//! Integration tests: the real app on port 0, a real PostgreSQL (one private cluster for the
//! run, a fresh database per test), a real SMTP server for mail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;
mod journey;
mod smtp;

mod accounts;
mod admin;
mod api;
mod art;
mod audit;
mod baked;
mod binary;
mod career;
mod career_fixture;
mod catalog;
mod claim;
mod conformance;
mod delivery;
mod format;
mod hardening;
mod import;
mod insights_data;
mod jobs;
mod locales;
mod oidc;
mod oidc_provider;
mod outbox;
mod public;
mod reminders;
mod revoke;
mod settings;
mod shell;
mod site;
mod staff;
mod support;
mod verify;
mod wallet;
