//! The short label written large on a badge: an exam's code, or a few words of a
//! certification's title ("Microsoft Certified: Azure Administrator Associate" is
//! "Azure Admin").

use crate::domain::{BadgeKind, Level};

/// At most this many characters in a label derived from a title, spaces included.
pub const MAX_CHARS: usize = 16;
/// At most this many characters on each of its (at most two) lines.
pub const MAX_LINE: usize = 11;

/// The label of a badge: the catalog's label when it gives one, the code of an exam, and
/// otherwise a short form of the title, at most [`MAX_CHARS`] characters that break into at
/// most two lines of [`MAX_LINE`] (see [`lines`]).
pub fn short_label(
    kind: BadgeKind,
    code: &str,
    title: &str,
    catalog_label: Option<&str>,
) -> String {
    if let Some(label) = catalog_label.map(str::trim).filter(|l| !l.is_empty()) {
        return collapse(label);
    }
    match kind {
        BadgeKind::Exam if !code.trim().is_empty() => collapse(code),
        _ => from_title(title).unwrap_or_else(|| cut(&collapse(code), MAX_LINE)),
    }
}

/// `label` on one line, or on two when it has a space and is longer than fits one line
/// well: split where the longer line is shortest.
pub fn lines(label: &str) -> Vec<String> {
    const ONE_LINE: usize = 8;
    let label = collapse(label);
    if label.chars().count() <= ONE_LINE || !label.contains(' ') {
        return vec![label];
    }
    let best = label
        .match_indices(' ')
        .map(|(i, _)| (&label[..i], &label[i + 1..]))
        .min_by_key(|(a, b)| a.chars().count().max(b.chars().count()));
    match best {
        Some((a, b)) => vec![a.to_owned(), b.to_owned()],
        None => vec![label],
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words left out of every label.
const STOP_WORDS: &[&str] = &[
    "and", "&", "of", "the", "for", "in", "on", "with", "a", "an",
];
/// Words of the platform, left out when the label is still too long.
const PLATFORM: &[&str] = &["microsoft", "azure"];
/// Abbreviations a program's readers know, tried when the label is too long: whole phrases
/// first, then single words.
const ABBREVIATIONS: &[(&[&str], &str)] = &[
    (&["solutions", "architect"], "Architect"),
    (&["solution", "architect"], "Architect"),
    (&["administrator"], "Admin"),
    (&["administration"], "Admin"),
    (&["infrastructure"], "Infra"),
    (&["management"], "Mgmt"),
    (&["professional"], "Pro"),
    (&["intelligence"], "Intel"),
];
/// Shorter still, tried last.
const SHORT: &[(&[&str], &str)] = &[
    (&["engineer"], "Eng"),
    (&["developer"], "Dev"),
    (&["development"], "Dev"),
    (&["security"], "Sec"),
    (&["windows", "server"], "Server"),
    (&["consultant"], "Consult"),
];

/// A short form of a certification's title, if its words give one.
fn from_title(title: &str) -> Option<String> {
    let words = title_words(title);
    if words.is_empty() {
        return None;
    }
    let abbreviated = abbreviate(&words, ABBREVIATIONS);
    let short = abbreviate(&abbreviated, SHORT);
    let mut candidates = vec![
        words.clone(),
        abbreviated.clone(),
        without_platform(&abbreviated),
        short.clone(),
        without_platform(&short),
    ];
    // Still too long: the first and the last word, the initials, the first words.
    let base = without_platform(&abbreviated);
    if base.len() > 2 {
        candidates.push(vec![base[0].clone(), base[base.len() - 1].clone()]);
    }
    if (2..=4).contains(&base.len()) {
        let initials: String = base
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect();
        candidates.push(vec![initials]);
    }
    // The first words that fit; at last the first word, cut.
    for n in (1..base.len()).rev() {
        candidates.push(base[..n].to_vec());
    }
    candidates
        .into_iter()
        .filter(|c| !c.is_empty())
        .map(|c| c.join(" "))
        .find(|c| fits(c))
        .or_else(|| base.first().map(|w| cut(w, MAX_LINE)))
}

/// The words of a title that a label may use: the program's name ("Microsoft Certified:")
/// dropped or shortened to its initials ("Microsoft Office Specialist:" is "MOS"), the level
/// word dropped, a parenthesis reduced to the year it names, no stop words or punctuation.
fn title_words(title: &str) -> Vec<String> {
    let (program, rest) = match title.split_once(':') {
        Some((program, rest)) if !rest.trim().is_empty() => (Some(program), rest),
        _ => (None, title),
    };
    let mut words = Vec::new();
    if let Some(program) = program {
        let kept: Vec<&str> = program
            .split_whitespace()
            .filter(|w| !w.eq_ignore_ascii_case("certified"))
            .collect();
        let is_brand = |w: &&str| w.eq_ignore_ascii_case("microsoft");
        match kept.as_slice() {
            // "Microsoft Certified", "Microsoft 365 Certified": what is left after the brand.
            _ if program.to_lowercase().contains("certified") => {
                words.extend(
                    kept.iter()
                        .filter(|w| !is_brand(w))
                        .map(|w| (*w).to_owned()),
                );
            }
            [one] => words.push((*one).to_owned()),
            many => words.push(
                many.iter()
                    .filter_map(|w| w.chars().next())
                    .flat_map(char::to_uppercase)
                    .collect(),
            ),
        }
    }
    // A parenthesis keeps only a year ("(Office 2019)" is "2019").
    let mut plain = String::new();
    let mut depth = 0usize;
    let mut inside = String::new();
    for c in rest.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if let Some(year) = inside.split_whitespace().find(|w| is_year(w)) {
                        plain.push(' ');
                        plain.push_str(year);
                        plain.push(' ');
                    }
                    inside.clear();
                }
            }
            _ if depth > 0 => inside.push(c),
            _ => plain.push(c),
        }
    }
    for raw in plain.split_whitespace() {
        let word =
            raw.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | '"' | '\'' | '(' | ')'));
        if word.is_empty() || STOP_WORDS.iter().any(|s| word.eq_ignore_ascii_case(s)) {
            continue;
        }
        words.push(word.to_owned());
    }
    // The level is on the badge in its own place.
    let is_level = |w: &String| {
        Level::ALL
            .iter()
            .any(|l| w.eq_ignore_ascii_case(l.as_str()))
    };
    if words.iter().any(|w| !is_level(w)) {
        words.retain(|w| !is_level(w));
    }
    words
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.chars().all(|c| c.is_ascii_digit())
}

fn abbreviate(words: &[String], table: &[(&[&str], &str)]) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    'words: while i < words.len() {
        for (phrase, short) in table {
            let end = i + phrase.len();
            if end <= words.len()
                && words[i..end]
                    .iter()
                    .zip(phrase.iter())
                    .all(|(w, p)| w.eq_ignore_ascii_case(p))
            {
                out.push((*short).to_owned());
                i = end;
                continue 'words;
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    out
}

fn without_platform(words: &[String]) -> Vec<String> {
    let rest: Vec<String> = words
        .iter()
        .filter(|w| !PLATFORM.iter().any(|p| w.eq_ignore_ascii_case(p)))
        .cloned()
        .collect();
    if rest.is_empty() {
        words.to_vec()
    } else {
        rest
    }
}

/// Whether a label is short enough: [`MAX_CHARS`] in all, [`MAX_LINE`] on each line.
pub fn fits(label: &str) -> bool {
    label.chars().count() <= MAX_CHARS
        && lines(label)
            .iter()
            .all(|line| line.chars().count() <= MAX_LINE)
}

/// `text` cut to `max` characters, the last one an ellipsis.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert(title: &str) -> String {
        short_label(BadgeKind::Certification, "some-long-slug-code", title, None)
    }

    #[test]
    fn a_certification_title_becomes_a_few_words() {
        for (title, label) in [
            ("Microsoft Certified: Azure Fundamentals", "Azure"),
            ("Microsoft Certified: Azure AI Fundamentals", "Azure AI"),
            (
                "Microsoft Certified: Azure Administrator Associate",
                "Azure Admin",
            ),
            (
                "Microsoft Certified: Azure Developer Associate",
                "Azure Developer",
            ),
            (
                "Microsoft Certified: Azure Solutions Architect Expert",
                "Azure Architect",
            ),
            (
                "Microsoft Certified: DevOps Engineer Expert",
                "DevOps Engineer",
            ),
            (
                "Microsoft Certified: Azure Data Engineer Associate",
                "Data Engineer",
            ),
            (
                "Microsoft Certified: Security, Compliance, and Identity Fundamentals",
                "SCI",
            ),
            (
                "Microsoft Office Specialist: Word Associate (Office 2019)",
                "MOS Word 2019",
            ),
            ("MCSA: Windows Server 2016", "MCSA Server 2016"),
        ] {
            assert_eq!(cert(title), label, "{title}");
        }
    }

    #[test]
    fn every_certification_of_the_demo_catalog_gets_a_label_that_fits() {
        let file = crate::catalog::CatalogFile::parse(crate::catalog::DEMO_CATALOG).unwrap();
        assert!(!file.certification.is_empty());
        for c in &file.certification {
            let label = short_label(BadgeKind::Certification, &c.code, &c.title, None);
            assert!(!label.is_empty(), "{}", c.title);
            assert!(fits(&label), "{} gives {label:?}", c.title);
            assert!(lines(&label).len() <= 2);
            assert!(
                !label.to_lowercase().contains("microsoft certified"),
                "{label}"
            );
        }
        for e in &file.exam {
            assert_eq!(
                short_label(BadgeKind::Exam, &e.code, &e.title, None),
                e.code
            );
        }
    }

    #[test]
    fn the_catalog_label_wins_and_an_exam_shows_its_code() {
        assert_eq!(
            short_label(
                BadgeKind::Certification,
                "azure-administrator",
                "Whatever",
                Some(" Azure  Admin ")
            ),
            "Azure Admin"
        );
        assert_eq!(
            short_label(
                BadgeKind::Exam,
                "AZ-104",
                "Microsoft Azure Administrator",
                None
            ),
            "AZ-104"
        );
        assert_eq!(
            short_label(
                BadgeKind::Exam,
                "AZ-104",
                "Microsoft Azure Administrator",
                Some("  ")
            ),
            "AZ-104"
        );
    }

    #[test]
    fn an_unknown_title_still_gives_a_short_label() {
        for title in [
            "Microsoft Certified: Dynamics 365 Business Central Functional Consultant Associate",
            "Microsoft 365 Certified: Enterprise Administrator Expert",
            "Microsoft Certified: Power Platform Solution Architect Expert",
            "Supercalifragilisticexpialidocious",
            "Fundamentals",
            "",
        ] {
            let label = cert(title);
            assert!(fits(&label), "{title} gives {label:?}");
            assert!(!label.is_empty(), "{title}");
        }
        assert_eq!(
            cert("Microsoft 365 Certified: Enterprise Administrator Expert"),
            "365 Admin"
        );
        assert_eq!(
            cert(
                "Microsoft Certified: Dynamics 365 Business Central Functional Consultant Associate"
            ),
            "Dynamics 365"
        );
        assert_eq!(cert("Supercalifragilisticexpialidocious"), "Supercalif…");
        assert_eq!(cert(""), "some-long-…");
    }

    #[test]
    fn a_long_label_breaks_into_two_balanced_lines() {
        assert_eq!(lines("AZ-104"), ["AZ-104"]);
        assert_eq!(lines("Azure Developer"), ["Azure", "Developer"]);
        assert_eq!(lines("MOS Word 2019"), ["MOS Word", "2019"]);
        assert_eq!(lines("MCSA Server 2016"), ["MCSA", "Server 2016"]);
    }
}
