//! The pages anyone may open, without an account: a badge's public page (`badge`), which
//! recruiters open from a shared link and networks preview, and a public profile
//! (`profile`). Both read only the public views of `awards` (`PublicBadge`,
//! `PublicProfile`): what has no public view is the site's 404 page, as for an address that
//! never existed.

pub mod badge;
pub mod profile;

use crate::domain::{BadgeKind, Level};
use crate::i18n::Tr;

/// Public badge pages kept (a page is some 8 kB; one per award and language).
pub const PAGES_KEPT: usize = 1024;
/// How many versions of public views (and badge classes' picture data) are kept.
pub const VERSIONS_KEPT: usize = 4096;

/// "Certification · Associate": what kind of badge, at which level, in the reader's words.
pub fn kind_and_level(t: &Tr, kind: BadgeKind, level: Option<Level>) -> String {
    let kind = t.msg(match kind {
        BadgeKind::Exam => "public-kind-exam",
        BadgeKind::Certification => "public-kind-certification",
    });
    match level {
        Some(level) => format!(
            "{kind} · {}",
            t.msg(match level {
                Level::Fundamentals => "public-level-fundamentals",
                Level::Associate => "public-level-associate",
                Level::Expert => "public-level-expert",
                Level::Specialty => "public-level-specialty",
            })
        ),
        None => kind,
    }
}
