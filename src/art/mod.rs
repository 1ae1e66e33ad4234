//! Badge art: the picture of every badge class and the share preview of an award, drawn
//! from what the catalog says (see DESIGN.md, "Badge art").
//!
//! - A shape per kind: an exam is a hexagon, a certification a shield with a ribbon.
//! - A colour per [`Level`], one for an unknown level, a neutral grey once retired.
//! - A short label that is legible at 96 px ([`short_label`]), the level word and the
//!   issuer small; the full title is the SVG's `<title>` (its accessible name).
//! - SVG ([`badge_svg`]), PNG drawn from it with resvg ([`badge_png`], [`BADGE_PNG_SIZE`]
//!   pixels square, twice the 96–120 px it is shown at), and a 1200 x 630 share preview
//!   ([`preview_png`]) for Open Graph and Twitter cards, which networks want as PNG.
//! - Text is set in Inter, shipped in `src/art/fonts/` and compiled in: no system font is
//!   ever used, so every machine draws the same picture. Inter covers Latin, Greek and
//!   Cyrillic; an earner's name it cannot draw is left out of the preview.
//! - [`Renderer`] draws on a bounded number of threads, refuses when its queue is full
//!   ([`ArtError::Busy`]), and keeps what it drew.

mod fonts;
mod label;
mod render;
mod renderer;
mod svg;

pub use label::{MAX_CHARS as LABEL_MAX_CHARS, MAX_LINE as LABEL_MAX_LINE, short_label};
pub use renderer::{BAKED_KEPT, PREVIEWS_KEPT, Renderer};
pub use svg::{PREVIEW_HEIGHT, PREVIEW_WIDTH, escape};

use crate::domain::{BadgeKind, Level};

/// The revision of the drawing: raise it when the pictures change, so that the copies
/// browsers keep (their `ETag` carries it) are fetched again.
pub const REVISION: &str = "1";

/// The side of a badge's PNG, in pixels: crisp at 120 CSS pixels on a 2x screen.
pub const BADGE_PNG_SIZE: u32 = 240;

/// What a badge's picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Design<'a> {
    pub kind: BadgeKind,
    /// The colour; `None` (not known) has a colour of its own.
    pub level: Option<Level>,
    /// The large text, usually from [`short_label`].
    pub label: &'a str,
    /// The issuer's name, written small.
    pub issuer: &'a str,
    /// The full title: the picture's accessible name.
    pub title: &'a str,
    /// Drawn in grey.
    pub retired: bool,
}

/// What a share preview shows: the badge, its title, who earned it, from whom and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preview<'a> {
    pub design: Design<'a>,
    pub title: &'a str,
    /// The earner's display name (user input: escaped, wrapped, ellipsized).
    pub earner: &'a str,
    pub issuer: &'a str,
    /// The date, already written in the reader's language.
    pub date_text: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum ArtError {
    /// As many pictures as allowed are being drawn or waiting: try again shortly.
    #[error("the image renderers are busy")]
    Busy,
    #[error("badge art is not valid SVG")]
    Svg(#[from] resvg::usvg::Error),
    #[error("cannot draw a picture of {0} x {1} pixels")]
    Size(u32, u32),
    #[error("could not encode a PNG: {0}")]
    Png(String),
    #[error("a drawing thread failed")]
    Thread(#[from] tokio::task::JoinError),
}

/// The badge as SVG, [`svg::BADGE_SIZE`] pixels square.
pub fn badge_svg(design: &Design) -> String {
    svg::badge(design)
}

/// The badge as PNG, [`BADGE_PNG_SIZE`] pixels square, drawn on the calling thread (the
/// routes use [`Renderer`]).
pub fn badge_png(design: &Design) -> Result<Vec<u8>, ArtError> {
    render::png(&svg::badge(design), BADGE_PNG_SIZE, BADGE_PNG_SIZE)
}

/// The share preview as SVG.
pub fn preview_svg(preview: &Preview) -> String {
    svg::preview(preview)
}

/// The share preview as PNG, exactly [`PREVIEW_WIDTH`] x [`PREVIEW_HEIGHT`], drawn on the
/// calling thread.
pub fn preview_png(preview: &Preview) -> Result<Vec<u8>, ArtError> {
    render::png(&svg::preview(preview), PREVIEW_WIDTH, PREVIEW_HEIGHT)
}

#[cfg(test)]
mod tests;
