//! Every message id the code can use exists in every language, no language has ids the
//! others lack, and no language keeps ids nothing uses.
//!
//! An id is found where it is looked up (`msg("…")`, `count("…")`, …) and also wherever it
//! is written as a string before it is looked up (chosen in a `match`, handed to a flash
//! message or a field error): any kebab-case literal of the code whose first word starts an
//! id of some language (`field-`, `reason-`, `row-`, `error-`, …) counts as one. So an id
//! chosen in a `match` that one language lacks is caught, whatever its prefix.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use accolade::i18n::Locale;

fn files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, found);
        } else {
            found.push(path);
        }
    }
}

/// The source files and templates, with comment lines left out (doc examples are not code).
fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), &mut paths);
    files(&root.join("templates"), &mut paths);
    paths
        .into_iter()
        // Binary files (the shipped font) hold no messages.
        .filter_map(|path| {
            let text = String::from_utf8(std::fs::read(&path).unwrap()).ok()?;
            let code = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            Some((path, code))
        })
        .collect()
}

/// Every kebab-case string literal of the Rust code (and of the templates too, where most
/// such strings are CSS classes rather than ids).
fn literals(with_templates: bool) -> BTreeSet<String> {
    let literal = regex::Regex::new(r#""([a-z][a-z0-9]*(?:-[a-z0-9]+)+)""#).unwrap();
    sources()
        .iter()
        .filter(|(path, _)| with_templates || path.extension().is_some_and(|e| e == "rs"))
        .flat_map(|(_, code)| {
            literal
                .captures_iter(code)
                .map(|c| c[1].to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn used_ids() -> BTreeSet<String> {
    let call = regex::Regex::new(r#"\b(?:msg[0-9n]?|count)\(\s*"([a-z][a-z0-9-]*)""#).unwrap();
    let mut ids: BTreeSet<String> = sources()
        .iter()
        .flat_map(|(_, code)| {
            call.captures_iter(code)
                .map(|c| c[1].to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    // Ids written before they are looked up: a literal whose first word starts an id.
    let first_words: BTreeSet<String> = Locale::all()
        .into_iter()
        .flat_map(|l| defined_ids(l.code()))
        .filter_map(|id| id.split('-').next().map(str::to_owned))
        .collect();
    ids.extend(literals(false).into_iter().filter(|l| {
        l.split('-')
            .next()
            .is_some_and(|word| first_words.contains(word))
    }));
    ids
}

fn defined_ids(locale: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale);
    let definition = regex::Regex::new(r"(?m)^([a-z][a-z0-9-]*)\s*=").unwrap();
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    paths
        .iter()
        .flat_map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            definition
                .captures_iter(&text)
                .map(|c| c[1].to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_message_used_exists_in_every_language() {
    let used = used_ids();
    assert!(
        used.len() > 40,
        "the scan found the messages ({})",
        used.len()
    );
    for locale in Locale::all() {
        let defined = defined_ids(locale.code());
        let missing: Vec<&String> = used.difference(&defined).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", locale.code());
    }
}

#[test]
fn every_language_defines_the_same_messages_as_english() {
    let english = defined_ids("en");
    for locale in Locale::all() {
        let ids = defined_ids(locale.code());
        let missing: Vec<_> = english.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            locale.code()
        );
    }
}

#[test]
fn no_language_keeps_messages_nothing_uses() {
    let written = literals(true);
    for locale in Locale::all() {
        let unused: Vec<String> = defined_ids(locale.code())
            .into_iter()
            .filter(|id| !written.contains(id))
            .collect();
        assert!(unused.is_empty(), "{} keeps {unused:?}", locale.code());
    }
}

#[test]
fn english_and_french_are_both_there() {
    let codes: Vec<&str> = Locale::all().into_iter().map(Locale::code).collect();
    assert_eq!(codes, ["en", "fr"]);
}
