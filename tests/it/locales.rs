//! Every message id used in code and templates exists in every language, and no language
//! has ids the others lack.

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

fn used_ids() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), &mut paths);
    files(&root.join("templates"), &mut paths);
    let call = regex::Regex::new(r#"\b(?:msg[0-9n]?|count)\(\s*"([a-z][a-z0-9-]*)""#).unwrap();
    // Ids handed around before they are looked up: flash messages, field errors, the texts
    // of emails and of link problems.
    let literal = regex::Regex::new(
        r#""((?:flash|mail|password|badge-state|link|claim|oidc|sign-in|form|settings)-[a-z0-9-]+)""#,
    )
    .unwrap();
    let mut ids = BTreeSet::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        // Code, not the examples in doc comments.
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        ids.extend(call.captures_iter(&code).map(|c| c[1].to_owned()));
        if path.extension().is_some_and(|e| e == "rs") {
            ids.extend(literal.captures_iter(&code).map(|c| c[1].to_owned()));
        }
    }
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
fn english_and_french_are_both_there() {
    let codes: Vec<&str> = Locale::all().into_iter().map(Locale::code).collect();
    assert_eq!(codes, ["en", "fr"]);
}
