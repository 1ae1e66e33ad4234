//! `accolade generate N`: realistic results for benchmarks. Candidates follow the program's
//! paths (fundamentals, associate, expert, Office, retired Windows Server exams), with a few
//! excluded and legacy exams, non-ASCII names and mixed letter case, in date order per person.

use std::io::Write;

use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

const GIVEN: &[&str] = &[
    "Camille", "Raj", "Mei", "Lukas", "Ana", "Sofia", "Jamal", "Siobhán", "Zoë", "Kim", "José",
    "Aiko", "Олег", "Fatima", "Noah", "Élodie", "Søren", "Priya", "Chloé", "Mateus",
];
const FAMILY: &[&str] = &[
    "Durand",
    "Patel",
    "Chen",
    "Becker",
    "Souza",
    "Rossi",
    "Ibrahim",
    "O'Brien",
    "Lefèvre",
    "Nguyen",
    "García",
    "Tanaka",
    "Иванов",
    "Haddad",
    "Smith",
    "Müller",
    "Kowalski",
    "Øster",
    "Dubois",
    "Silva",
];
const DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "example.net",
    "example.fr",
    "example.de",
];
const LOCALES: &[&str] = &[
    "en-US", "en-GB", "fr-FR", "de-DE", "pt-BR", "it-IT", "ja-JP", "",
];

/// Paths a candidate may follow, in order; each candidate takes a prefix of one.
const PATHS: &[&[&str]] = &[
    &["AZ-900", "AZ-104", "AZ-305"],
    &["AZ-900", "AZ-204", "AZ-400"],
    &["AI-900", "DP-900", "DP-203"],
    &["SC-900", "AZ-500"],
    &["MO-100", "MO-200"],
    &["70-740", "70-741", "70-742"],
    &["AZ-305", "AZ-104"],
    &["70-290", "70-536", "70-480"],
    &["74-343", "MB2-712", "AZ-900"],
    &["77-881", "77-882", "MO-200"],
];

/// Writes `count` results as CSV (with the header) to `out`.
pub fn write_results(out: &mut impl Write, count: u64, seed: u64) -> std::io::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let start = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap_or_default();
    let span_days = 5000;
    writeln!(
        out,
        "result_id,source,email,given_name,family_name,exam_code,passed_on,locale"
    )?;
    let mut written = 0u64;
    let mut person = 0u64;
    while written < count {
        person += 1;
        let given = GIVEN.choose(&mut rng).copied().unwrap_or("A");
        let family = FAMILY.choose(&mut rng).copied().unwrap_or("B");
        let domain = DOMAINS.choose(&mut rng).copied().unwrap_or("example.com");
        let locale = LOCALES.choose(&mut rng).copied().unwrap_or("");
        let path = PATHS.choose(&mut rng).copied().unwrap_or(PATHS[0]);
        let steps = rng.random_range(1..=path.len());
        let mut day = rng.random_range(0..span_days);
        for exam in &path[..steps] {
            if written >= count {
                break;
            }
            written += 1;
            let (source, prefix) = if exam.starts_with("MO-") || exam.starts_with("77-") {
                ("certiport", "CP")
            } else {
                ("pearsonvue", "PV")
            };
            // One address in twenty is reported with capitals: the same person.
            let local = format!("{}.{}.{person}", ascii(given), ascii(family));
            let email = if rng.random_ratio(1, 20) {
                format!("{}@{}", capitalize(&local), domain.to_uppercase())
            } else {
                format!("{local}@{domain}")
            };
            let date = start
                .checked_add_days(Days::new(day))
                .unwrap_or(start)
                .format("%Y-%m-%d");
            writeln!(
                out,
                "{prefix}-{written:09},{source},{email},{given},\"{family}\",{exam},{date},{locale}"
            )?;
            day = (day + rng.random_range(20..400)).min(span_days);
        }
    }
    out.flush()
}

fn ascii(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_lowercase()
        .chars()
        .take(12)
        .collect::<String>()
        + if name.is_ascii() { "" } else { "x" }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_rows() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_results(&mut a, 500, 7).unwrap();
        write_results(&mut b, 500, 7).unwrap();
        assert_eq!(a, b);
        assert_eq!(String::from_utf8(a).unwrap().lines().count(), 501);
    }
}
