//! The pictures as SVG text: a badge ([`BADGE_SIZE`] user units square) and a share preview
//! ([`PREVIEW_WIDTH`] x [`PREVIEW_HEIGHT`]). Every text is measured with the shipped font
//! (`fonts`) so that it fits its place, and XML-escaped (names are user input).

use std::fmt::Write;

use super::fonts::{self, Weight};
use super::label;
use super::{Design, Preview};
use crate::domain::{BadgeKind, Level};

/// The side of a badge, in user units (and in pixels of the SVG as served).
pub const BADGE_SIZE: u32 = 240;
pub const PREVIEW_WIDTH: u32 = 1200;
pub const PREVIEW_HEIGHT: u32 = 630;

/// The tones of one badge colour, lightest to darkest, and a faint tint for backgrounds.
struct Palette {
    light: &'static str,
    base: &'static str,
    dark: &'static str,
    deep: &'static str,
    tint: &'static str,
}

/// A colour per level, one for a badge of no known level, and a neutral grey for a retired
/// badge. White text is at least 4.5:1 on `base` and darker.
fn palette(level: Option<Level>, retired: bool) -> Palette {
    if retired {
        return Palette {
            light: "#8b929c",
            base: "#656c77",
            dark: "#4a505a",
            deep: "#343941",
            tint: "#eef0f2",
        };
    }
    match level {
        Some(Level::Fundamentals) => Palette {
            light: "#1a9aa6",
            base: "#0c7480",
            dark: "#095963",
            deep: "#063f46",
            tint: "#e3f2f3",
        },
        Some(Level::Associate) => Palette {
            light: "#3a84e0",
            base: "#1460c0",
            dark: "#0d4896",
            deep: "#08336d",
            tint: "#e5eefa",
        },
        Some(Level::Expert) => Palette {
            light: "#8b5cd0",
            base: "#6a38ae",
            dark: "#51268c",
            deep: "#3a1968",
            tint: "#efe8f8",
        },
        Some(Level::Specialty) => Palette {
            light: "#d46a34",
            base: "#b24a17",
            dark: "#8a3711",
            deep: "#62260a",
            tint: "#f9ebe3",
        },
        None => Palette {
            light: "#4d6b94",
            base: "#30496d",
            dark: "#233754",
            deep: "#17253a",
            tint: "#e8edf3",
        },
    }
}

/// The word written small under the label (or on the ribbon): the level, or what the badge
/// is when its level is not known.
fn level_word(design: &Design) -> &'static str {
    match (design.level, design.kind) {
        (Some(Level::Fundamentals), _) => "FUNDAMENTALS",
        (Some(Level::Associate), _) => "ASSOCIATE",
        (Some(Level::Expert), _) => "EXPERT",
        (Some(Level::Specialty), _) => "SPECIALTY",
        (None, BadgeKind::Exam) => "EXAM",
        (None, BadgeKind::Certification) => "CERTIFIED",
    }
}

/// `text` escaped for XML text and attribute values; characters XML cannot hold (NUL and
/// the other control characters) are left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One line of text, drawn with the shipped font.
struct Text<'a> {
    x: f32,
    y: f32,
    size: f32,
    weight: Weight,
    /// Space between characters, in em.
    tracking: f32,
    fill: &'a str,
    opacity: f32,
    anchor: Anchor,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
}

/// The shipped family first (resvg finds it, so PNGs are the same everywhere), then what a
/// browser opening the SVG itself has instead.
const FONT_STACK: &str = "Inter, 'Segoe UI', Helvetica, Arial, sans-serif";

impl Text<'_> {
    fn write(&self, out: &mut String, content: &str) {
        let spacing = self.tracking * self.size;
        // Letter spacing follows every character, the last one too: a centred line is
        // moved back by half of it.
        let (anchor, x) = match self.anchor {
            Anchor::Start => ("start", self.x),
            Anchor::Middle => ("middle", self.x + spacing / 2.0),
        };
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{y:.1}" font-family="{family}" font-size="{size:.1}" font-weight="{weight}" letter-spacing="{spacing:.2}" text-anchor="{anchor}" fill="{fill}"{opacity}>{content}</text>"#,
            y = self.y,
            family = FONT_STACK,
            size = self.size,
            weight = self.weight.css(),
            fill = self.fill,
            opacity = if self.opacity < 1.0 {
                format!(r#" fill-opacity="{:.2}""#, self.opacity)
            } else {
                String::new()
            },
            content = escape(content),
        );
    }
}

/// The largest size (at most `max`) at which `text` is at most `width` wide.
fn fit_size(text: &str, weight: Weight, tracking: f32, width: f32, max: f32) -> f32 {
    let em = fonts::width_em(text, weight, tracking);
    if em <= 0.0 {
        max
    } else {
        (width / em).min(max)
    }
}

/// `text` cut so that it is at most `width` wide at `size`, ending in an ellipsis if cut.
fn ellipsize(text: &str, weight: Weight, size: f32, tracking: f32, width: f32) -> String {
    let text = text.trim();
    if fonts::width_em(text, weight, tracking) * size <= width {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
        if fonts::width_em(&candidate, weight, tracking) * size <= width {
            return candidate;
        }
    }
    "…".to_owned()
}

/// `text` in lines at most `width` wide at `size`, at most `max_lines` of them, the last
/// one ellipsized if the text goes on. A word wider than a line is broken where it must be.
fn wrap(text: &str, weight: Weight, size: f32, width: f32, max_lines: usize) -> Vec<String> {
    let fits = |s: &str| fonts::width_em(s, weight, 0.0) * size <= width;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // A word too long for a line of its own: broken by characters.
        for c in word.chars() {
            current.push(c);
            if !fits(&current) && current.chars().count() > 1 {
                current.pop();
                lines.push(std::mem::take(&mut current));
                current.push(c);
            }
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if max_lines == 0 {
        lines.clear();
    } else if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(ellipsize(&format!("{rest}…"), weight, size, 0.0, width));
    }
    lines
}

/// A closed polygon with its corners rounded by `radius`.
fn rounded_polygon(points: &[(f32, f32)], radius: f32) -> String {
    let n = points.len();
    let mut d = String::new();
    for i in 0..n {
        let p = points[i];
        let a = points[(i + n - 1) % n];
        let b = points[(i + 1) % n];
        let toward = |q: (f32, f32)| {
            let (dx, dy) = (q.0 - p.0, q.1 - p.1);
            let len = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
            let r = radius.min(len / 2.0);
            (p.0 + dx / len * r, p.1 + dy / len * r)
        };
        let (start, end) = (toward(a), toward(b));
        let verb = if i == 0 { 'M' } else { 'L' };
        let _ = write!(
            d,
            "{verb}{:.2} {:.2}Q{:.2} {:.2} {:.2} {:.2}",
            start.0, start.1, p.0, p.1, end.0, end.1
        );
    }
    d.push('Z');
    d
}

/// A hexagon standing on a corner, around the badge's centre.
fn hexagon(radius: f32, corner: f32) -> String {
    let points: Vec<(f32, f32)> = (0..6)
        .map(|k| {
            let angle = (-90.0 + 60.0 * k as f32).to_radians();
            (120.0 + radius * angle.cos(), 120.0 + radius * angle.sin())
        })
        .collect();
    rounded_polygon(&points, corner)
}

/// The shield of a certification, `inset` units inside the outer one.
fn shield(inset: f32) -> String {
    let (l, r, t) = (26.0 + inset, 214.0 - inset, 12.0 + inset);
    let c = (20.0 - inset * 0.6).max(6.0);
    let side = 122.0;
    let tip = 230.0 - inset * 1.35;
    let pull = 56.0 - inset * 0.5;
    let (cl, cr) = (120.0 - (120.0 - l) * 0.52, 120.0 + (r - 120.0) * 0.52);
    let near = tip - 20.0 + inset * 0.1;
    format!(
        "M{l:.2} {y0:.2}Q{l:.2} {t:.2} {lx:.2} {t:.2}H{rx:.2}Q{r:.2} {t:.2} {r:.2} {y0:.2}\
         V{side:.2}C{r:.2} {p:.2} {cr:.2} {near:.2} 120 {tip:.2}\
         C{cl:.2} {near:.2} {l:.2} {p:.2} {l:.2} {side:.2}Z",
        y0 = t + c,
        lx = l + c,
        rx = r - c,
        p = side + pull,
    )
}

/// Where the label goes, and how large it may be.
struct LabelBox {
    cx: f32,
    cy: f32,
    width: f32,
    height: f32,
    max_size: f32,
}

/// The label's lines and size: on two lines when that makes it larger.
/// The distance between the baselines of a two-line label, in em.
const LABEL_LINE: f32 = 1.12;

fn layout_label(text: &str, area: &LabelBox) -> (Vec<String>, f32) {
    const TRACKING: f32 = -0.01;
    /// Smaller than this, a label would not be legible at 96 px: it is cut instead.
    const MIN_SIZE: f32 = 18.0;
    let one = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let one_size =
        fit_size(&one, Weight::Bold, TRACKING, area.width, area.max_size).min(area.height / 0.95);
    let mut chosen = (vec![one.clone()], one_size);
    let two = label::lines(&one);
    if two.len() == 2 {
        let widest = two
            .iter()
            .map(|l| fonts::width_em(l, Weight::Bold, TRACKING))
            .fold(0.0_f32, f32::max)
            .max(f32::EPSILON);
        let two_size = (area.width / widest)
            .min(area.max_size * 0.78)
            .min(area.height / (0.75 + LABEL_LINE));
        if two_size > one_size * 1.08 {
            chosen = (two, two_size);
        }
    }
    if chosen.1 < MIN_SIZE {
        let lines = chosen
            .0
            .iter()
            .map(|l| ellipsize(l, Weight::Bold, MIN_SIZE, TRACKING, area.width))
            .collect();
        chosen = (lines, MIN_SIZE);
    }
    chosen
}

fn write_label(out: &mut String, text: &str, area: &LabelBox) {
    let (lines, size) = layout_label(text, area);
    // Centred on the capitals' middle (Inter's capitals are 0.73 em high).
    let cap_middle = 0.365 * size;
    let first = area.cy + cap_middle - (lines.len() as f32 - 1.0) * LABEL_LINE * size / 2.0;
    for (i, line) in lines.iter().enumerate() {
        Text {
            x: area.cx,
            y: first + i as f32 * LABEL_LINE * size,
            size,
            weight: Weight::Bold,
            tracking: -0.01,
            fill: "#ffffff",
            opacity: 1.0,
            anchor: Anchor::Middle,
        }
        .write(out, line);
    }
}

/// A small caption (issuer, level): capitals, tracked out, shrunk to `width`.
fn write_caption(
    out: &mut String,
    text: &str,
    y: f32,
    size: f32,
    width: f32,
    fill: &str,
    opacity: f32,
) {
    const TRACKING: f32 = 0.14;
    let upper = text.trim().to_uppercase();
    let size_fit = fit_size(&upper, Weight::Bold, TRACKING, width, size);
    let (content, size) = if size_fit >= size * 0.72 {
        (upper, size_fit)
    } else {
        let small = size * 0.72;
        (
            ellipsize(&upper, Weight::Bold, small, TRACKING, width),
            small,
        )
    };
    Text {
        x: 120.0,
        y,
        size,
        weight: Weight::Bold,
        tracking: TRACKING,
        fill,
        opacity,
        anchor: Anchor::Middle,
    }
    .write(out, &content);
}

/// The badge's shapes and texts in its 240-unit square, with gradient ids that start with
/// `id` (so that the preview can hold it beside its own).
fn badge_body(out: &mut String, design: &Design, id: &str) {
    let p = palette(design.level, design.retired);
    let _ = write!(
        out,
        r##"<defs><linearGradient id="{id}-fill" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{light}"/><stop offset="1" stop-color="{dark}"/></linearGradient><radialGradient id="{id}-sheen" cx="0.5" cy="0" r="0.75"><stop offset="0" stop-color="#ffffff" stop-opacity="0.28"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient><linearGradient id="{id}-rim" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{base}"/><stop offset="1" stop-color="{deep}"/></linearGradient><linearGradient id="{id}-shadow" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000000" stop-opacity="0.3"/><stop offset="1" stop-color="#000000" stop-opacity="0"/></linearGradient><linearGradient id="{id}-band" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#e4e8ee"/></linearGradient></defs>"##,
        light = p.light,
        dark = p.dark,
        base = p.base,
        deep = p.deep,
    );
    match design.kind {
        BadgeKind::Exam => {
            let _ = write!(
                out,
                r##"<path d="{outer}" fill="url(#{id}-rim)"/><path d="{face}" fill="url(#{id}-fill)"/><path d="{face}" fill="url(#{id}-sheen)"/><path d="{line}" fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="1.6"/>"##,
                outer = hexagon(114.0, 16.0),
                face = hexagon(105.0, 13.0),
                line = hexagon(95.0, 10.0),
            );
            write_caption(out, design.issuer, 70.0, 12.5, 118.0, "#ffffff", 0.92);
            write_label(
                out,
                design.label,
                &LabelBox {
                    cx: 120.0,
                    cy: 115.0,
                    width: 150.0,
                    height: 62.0,
                    max_size: 46.0,
                },
            );
            let _ = write!(
                out,
                r##"<rect x="102" y="148" width="36" height="2" rx="1" fill="#ffffff" fill-opacity="0.6"/>"##
            );
            write_caption(out, level_word(design), 172.0, 11.5, 118.0, "#ffffff", 0.95);
        }
        BadgeKind::Certification => {
            let _ = write!(
                out,
                r##"<path d="{outer}" fill="url(#{id}-rim)"/><path d="{face}" fill="url(#{id}-fill)"/><path d="{face}" fill="url(#{id}-sheen)"/><path d="{line}" fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="1.6"/>"##,
                outer = shield(0.0),
                face = shield(8.0),
                line = shield(17.0),
            );
            write_caption(out, design.issuer, 50.0, 11.5, 120.0, "#ffffff", 0.92);
            write_label(
                out,
                design.label,
                &LabelBox {
                    cx: 120.0,
                    cy: 97.0,
                    width: 146.0,
                    height: 64.0,
                    max_size: 42.0,
                },
            );
            // The ribbon: a band across the shield, its folded tails behind it, and its
            // shadow on the shield.
            let _ = write!(
                out,
                r##"<clipPath id="{id}-clip"><path d="{face}"/></clipPath><rect x="0" y="176" width="240" height="9" fill="url(#{id}-shadow)" clip-path="url(#{id}-clip)"/>"##,
                face = shield(8.0),
            );
            let _ = write!(
                out,
                r##"<path d="M4 150H30V184H4L13 167Z" fill="{tail}"/><path d="M236 150H210V184H236L227 167Z" fill="{tail}"/><path d="M16 176L30 184V176Z" fill="{fold}"/><path d="M224 176L210 184V176Z" fill="{fold}"/><rect x="16" y="140" width="208" height="36" rx="2" fill="url(#{id}-band)"/>"##,
                tail = "#c9d0da",
                fold = "#8d97a5",
            );
            // The level on the band, in the badge's dark tone (at least 7:1 on it).
            write_caption(out, level_word(design), 163.6, 14.5, 184.0, p.dark, 1.0);
            let _ = write!(
                out,
                r##"<path d="M120 191l3.1 6.3 6.9 1-5 4.9 1.2 6.9-6.2-3.3-6.2 3.3 1.2-6.9-5-4.9 6.9-1z" fill="#ffffff" fill-opacity="0.9"/>"##
            );
        }
    }
}

#[cfg(test)]
pub(super) fn badge_body_for_tests(out: &mut String, design: &Design, id: &str) {
    badge_body(out, design, id);
}

/// The SVG of a badge, [`BADGE_SIZE`] pixels square, its full title as its accessible name.
pub fn badge(design: &Design) -> String {
    let title = escape(design.title);
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{BADGE_SIZE}" height="{BADGE_SIZE}" viewBox="0 0 {BADGE_SIZE} {BADGE_SIZE}" role="img" aria-label="{title}"><title>{title}</title>"#
    );
    badge_body(&mut out, design, "b");
    out.push_str("</svg>");
    out
}

/// The SVG of a share preview: the badge on the left, on a tint of its colour; the title,
/// the earner's name, the issuer and the date on the right.
pub fn preview(preview: &Preview) -> String {
    const COLUMN: f32 = 590.0;
    const WIDTH: f32 = 540.0;
    let design = &preview.design;
    let p = palette(design.level, design.retired);
    let name = format!("{} · {}", preview.title.trim(), preview.earner.trim());
    let name = escape(&name);
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{PREVIEW_WIDTH}" height="{PREVIEW_HEIGHT}" viewBox="0 0 {PREVIEW_WIDTH} {PREVIEW_HEIGHT}" role="img" aria-label="{name}"><title>{name}</title><defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fbfcfe"/><stop offset="1" stop-color="#eef2f7"/></linearGradient><radialGradient id="halo" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#ffffff" stop-opacity="0.95"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient></defs><rect width="{PREVIEW_WIDTH}" height="{PREVIEW_HEIGHT}" fill="url(#bg)"/><rect width="520" height="{PREVIEW_HEIGHT}" fill="{tint}"/><circle cx="260" cy="315" r="240" fill="url(#halo)"/><g transform="translate(80 135) scale(1.5)">"##,
        tint = p.tint,
    );
    badge_body(&mut out, design, "p");
    out.push_str("</g>");

    // The text column, centred as a block.
    // As large as two lines allow, smaller on three or four, then ellipsized.
    let (title_size, title_lines) = [(56.0, 2), (48.0, 3), (42.0, 4)]
        .into_iter()
        .map(|(size, lines)| {
            (
                size,
                lines,
                wrap(preview.title, Weight::Bold, size, WIDTH, usize::MAX),
            )
        })
        .find(|(_, lines, all)| all.len() <= *lines)
        .map_or_else(
            || (42.0, wrap(preview.title, Weight::Bold, 42.0, WIDTH, 4)),
            |(size, _, all)| (size, all),
        );
    let earner_lines = if fonts::covers(preview.earner) {
        wrap(preview.earner, Weight::SemiBold, 38.0, WIDTH, 2)
    } else {
        Vec::new()
    };
    let issuer_size = fit_size(
        &preview.issuer.to_uppercase(),
        Weight::Bold,
        0.12,
        WIDTH,
        24.0,
    )
    .max(16.0);
    let issuer = ellipsize(
        &preview.issuer.to_uppercase(),
        Weight::Bold,
        issuer_size,
        0.12,
        WIDTH,
    );
    let date = ellipsize(preview.date_text, Weight::SemiBold, 28.0, 0.0, WIDTH);

    let title_line = title_size * 1.16;
    let earner_line = 38.0 * 1.2;
    // Heights from the top of the accent bar to the last baseline.
    let mut height = 6.0 + 40.0 + issuer_size * 0.73;
    height += 26.0 + title_size * 0.73 + title_line * (title_lines.len() as f32 - 1.0);
    if !earner_lines.is_empty() {
        height += 40.0 + 38.0 * 0.73 + earner_line * (earner_lines.len() as f32 - 1.0);
    }
    if !date.is_empty() {
        height += 26.0 + 28.0 * 0.73;
    }
    let mut y = (PREVIEW_HEIGHT as f32 - height) / 2.0;
    let _ = write!(
        out,
        r##"<rect x="{COLUMN}" y="{y:.1}" width="56" height="6" rx="3" fill="{base}"/>"##,
        base = p.base
    );
    y += 6.0 + 40.0 + issuer_size * 0.73;
    Text {
        x: COLUMN,
        y,
        size: issuer_size,
        weight: Weight::Bold,
        tracking: 0.12,
        fill: p.dark,
        opacity: 1.0,
        anchor: Anchor::Start,
    }
    .write(&mut out, &issuer);
    y += 26.0 + title_size * 0.73;
    for (i, line) in title_lines.iter().enumerate() {
        if i > 0 {
            y += title_line;
        }
        Text {
            x: COLUMN,
            y,
            size: title_size,
            weight: Weight::Bold,
            tracking: -0.01,
            fill: "#0f172a",
            opacity: 1.0,
            anchor: Anchor::Start,
        }
        .write(&mut out, line);
    }
    if !earner_lines.is_empty() {
        y += 40.0 + 38.0 * 0.73;
        for (i, line) in earner_lines.iter().enumerate() {
            if i > 0 {
                y += earner_line;
            }
            Text {
                x: COLUMN,
                y,
                size: 38.0,
                weight: Weight::SemiBold,
                tracking: 0.0,
                fill: "#1e293b",
                opacity: 1.0,
                anchor: Anchor::Start,
            }
            .write(&mut out, line);
        }
    }
    if !date.is_empty() {
        y += 26.0 + 28.0 * 0.73;
        Text {
            x: COLUMN,
            y,
            size: 28.0,
            weight: Weight::SemiBold,
            tracking: 0.0,
            fill: "#475569",
            opacity: 1.0,
            anchor: Anchor::Start,
        }
        .write(&mut out, &date);
    }
    let _ = write!(
        out,
        r##"<rect y="{bar}" width="{PREVIEW_WIDTH}" height="10" fill="{base}"/></svg>"##,
        bar = PREVIEW_HEIGHT - 10,
        base = p.base
    );
    out
}
