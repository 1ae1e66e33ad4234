//! Text the program can store. Every text input (form fields, CSV rows, API items, catalog
//! files) is checked with [`forbidden_char`] at validation, before it gets near the database.
//!
//! PostgreSQL refuses U+0000 in `text` outright: the statement fails, and with it the whole
//! batch or form. The other control characters would be stored, but only cause trouble
//! later (in emails, logs, CSV exports and terminals). So all of them are refused, with a
//! reason, rather than stripped silently.

/// Whether a field may hold several lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line (a name, a code, an address, a date): no control character at all.
    Single,
    /// A text area: tab, line feed and carriage return are allowed, nothing else.
    Multi,
}

/// The first character of `text` that a field of this kind cannot hold: the C0 controls
/// (U+0000 to U+001F, less tab, LF and CR in a multi-line field), DEL (U+007F) and the C1
/// controls (U+0080 to U+009F). `None` when the text can be stored.
pub fn forbidden_char(text: &str, lines: Lines) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !(lines == Lines::Multi && matches!(c, '\t' | '\n' | '\r')))
}

/// Whether `text` can be stored in a field of this kind.
pub fn is_storable(text: &str, lines: Lines) -> bool {
    forbidden_char(text, lines).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_in_any_script_and_markup_can_be_stored() {
        for text in [
            "Zoë Lefèvre",
            "O'Brien",
            "<b>Eve</b>",
            "李小龙",
            "",
            "a\u{a0}b",
        ] {
            assert!(is_storable(text, Lines::Single), "{text:?}");
        }
    }

    #[test]
    fn nul_del_and_the_c0_and_c1_controls_are_refused() {
        for (text, bad) in [
            ("Ada\u{0}", '\u{0}'),
            ("\u{1b}[31mred", '\u{1b}'),
            ("a\u{7f}", '\u{7f}'),
            ("next\u{85}line", '\u{85}'),
            ("csi\u{9b}", '\u{9b}'),
            ("bell\u{7}", '\u{7}'),
        ] {
            assert_eq!(forbidden_char(text, Lines::Single), Some(bad), "{text:?}");
            assert_eq!(forbidden_char(text, Lines::Multi), Some(bad), "{text:?}");
        }
    }

    #[test]
    fn tabs_and_line_breaks_are_allowed_only_in_multi_line_fields() {
        for text in ["one\ttwo", "line\nline", "line\r\nline"] {
            assert!(!is_storable(text, Lines::Single), "{text:?}");
            assert!(is_storable(text, Lines::Multi), "{text:?}");
        }
    }
}
