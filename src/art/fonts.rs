//! The fonts every picture is drawn with: Inter Bold and SemiBold, shipped in `fonts/`
//! (SIL Open Font License, `fonts/OFL.txt`), compiled into the binary. The font database
//! holds nothing else, so a machine without fonts draws the same picture as any other.
//! The files are Inter 4.0 beta 7 as Debian's `fonts-inter` package ships them, unmodified
//! (about 270 kB each; Latin, Greek and Cyrillic).

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The family name both files declare.
pub const FAMILY: &str = "Inter";

static BOLD: &[u8] = include_bytes!("fonts/Inter-Bold.otf");
static SEMIBOLD: &[u8] = include_bytes!("fonts/Inter-SemiBold.otf");

/// A weight of the shipped family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    SemiBold,
    Bold,
}

impl Weight {
    /// The `font-weight` an SVG `<text>` names it by.
    pub fn css(self) -> u16 {
        match self {
            Weight::SemiBold => 600,
            Weight::Bold => 700,
        }
    }

    fn data(self) -> &'static [u8] {
        match self {
            Weight::SemiBold => SEMIBOLD,
            Weight::Bold => BOLD,
        }
    }
}

/// The database usvg resolves `font-family` in: the shipped faces only, built once.
pub fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(BOLD.to_vec());
        db.load_font_data(SEMIBOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Advance widths of one weight, in em, for laying text out before it is drawn.
struct Metrics {
    font: FontRef<'static>,
    units_per_em: f32,
}

fn metrics(weight: Weight) -> Option<&'static Metrics> {
    static SEMI: OnceLock<Option<Metrics>> = OnceLock::new();
    static BOLDM: OnceLock<Option<Metrics>> = OnceLock::new();
    let cell = match weight {
        Weight::SemiBold => &SEMI,
        Weight::Bold => &BOLDM,
    };
    cell.get_or_init(|| {
        let font = FontRef::new(weight.data()).ok()?;
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        Some(Metrics {
            font,
            units_per_em: units_per_em.max(1.0),
        })
    })
    .as_ref()
}

/// The width of `text` at 1 px, plus `tracking` em between characters. Kerning is left out,
/// so the result is a little wider than what is drawn: text laid out with it always fits.
/// A character the font lacks counts as a wide one.
pub fn width_em(text: &str, weight: Weight, tracking: f32) -> f32 {
    const MISSING: f32 = 0.7;
    let Some(m) = metrics(weight) else {
        return text.chars().count() as f32 * MISSING;
    };
    let charmap = m.font.charmap();
    let glyphs = m
        .font
        .glyph_metrics(Size::unscaled(), LocationRef::default());
    let mut width = 0.0;
    let mut count = 0usize;
    for c in text.chars() {
        count += 1;
        width += charmap
            .map(c)
            .and_then(|gid| glyphs.advance_width(gid))
            .map_or(MISSING, |w| w / m.units_per_em);
    }
    width + tracking * count.saturating_sub(1) as f32
}

/// Whether the shipped font draws every character of `text` (Latin, Greek and Cyrillic, not
/// for example Chinese or Arabic). Spaces and other invisible characters always count.
pub fn covers(text: &str) -> bool {
    let Some(m) = metrics(Weight::SemiBold) else {
        return false;
    };
    let charmap = m.font.charmap();
    text.chars()
        .all(|c| c.is_whitespace() || c.is_control() || charmap.map(c).is_some())
}
