//! Password timing: `cargo bench --bench password`.
//!
//! A wrong password and an unknown address must take the same time at sign-in, so that the
//! time of an answer does not tell whether an address has an account. Sign-in checks the
//! stored argon2id hash, or a decoy hash when there is no account. This measures both (and
//! hashing a new password) over 40 rounds each, interleaved, and prints their medians.
//! Exits non-zero when the two medians differ by more than 10%.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::ExitCode;
use std::time::Instant;

use accolade::auth::password::{NewPassword, verify};

const ROUNDS: usize = 40;

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() -> ExitCode {
    let password = NewPassword::parse("the candidate's own passphrase").unwrap();
    let stored = password.hash().unwrap();
    // The decoy is made on first use: make it before measuring.
    verify("warm-up", None);

    let (mut wrong, mut unknown, mut hashing) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let started = Instant::now();
        assert!(!verify("a wrong guess of a password", Some(&stored)));
        wrong.push(started.elapsed().as_secs_f64() * 1000.0);

        let started = Instant::now();
        assert!(!verify("a wrong guess of a password", None));
        unknown.push(started.elapsed().as_secs_f64() * 1000.0);

        let started = Instant::now();
        password.hash().unwrap();
        hashing.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let (wrong, unknown, hashing) = (median(wrong), median(unknown), median(hashing));
    let difference = (wrong - unknown).abs() / wrong.max(unknown);
    println!("argon2id (19 MiB, 2 passes, 1 lane), median of {ROUNDS} rounds:");
    println!("  wrong password for an account: {wrong:.1} ms");
    println!("  address without an account:    {unknown:.1} ms");
    println!("  hashing a new password:        {hashing:.1} ms");
    println!(
        "  difference between the first two: {:.1}% (target: under 10%): {}",
        difference * 100.0,
        if difference < 0.10 { "met" } else { "MISSED" }
    );
    if difference < 0.10 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
