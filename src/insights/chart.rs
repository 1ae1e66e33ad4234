//! The wage chart: a pure function from figures to an inline SVG string.
//!
//! One horizontal bar per area (the nation, then the area the candidate picked): a thin line
//! from the 10th to the 90th percentile, a box from the 25th to the 75th, a thick mark at the
//! median. Nothing relies on colour: each bar carries its label and its median in words, the
//! nation's box is hatched and the area's is dotted, and the ends of the line have ticks. A
//! figure the source gives only as a floor (`AtLeast`) ends its line in an arrow; a figure it
//! does not publish is left out (a bar without any figure says so in words).
//!
//! The SVG is `role="img"` with an `aria-label` that says the numbers; the page also shows
//! them as text beside it (a table), so a screen reader and a reader of the page get the same
//! figures. Every piece of text that goes in is escaped here; the page inserts the string as
//! it is.

use std::fmt::Write;

use super::occupations::Figure;

/// The drawing's width in SVG units (it is scaled to the width of its box by CSS).
pub const WIDTH: i32 = 640;
const ROW: i32 = 64;
const AXIS: i32 = 28;
const LEFT: i32 = 8;
const RIGHT: i32 = 24;

/// How a bar's box is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Hatched,
    Dotted,
}

/// One bar: an area's figures, with its label and its median in words.
#[derive(Debug, Clone)]
pub struct Bar {
    /// "United States: median US$99,130"
    pub label: String,
    /// 10th, 25th, 50th, 75th and 90th percentiles.
    pub figures: [Figure; 5],
    pub fill: Fill,
}

/// A chart: its bars, the text of its accessible name, and how amounts are written.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Unique on the page: the patterns' ids start with it.
    pub id: String,
    pub aria_label: String,
    pub bars: Vec<Bar>,
    /// What a bar without any published figure says.
    pub not_published: String,
}

/// XML-escapes text for an attribute or an element.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A round step for the axis, giving at most 4 intervals over `span` (so that the labels of
/// its ticks do not touch on a phone).
fn step(span: i32) -> i32 {
    [5_000, 10_000, 20_000, 25_000, 50_000, 100_000, 200_000]
        .into_iter()
        .find(|s| span / s <= 4)
        .unwrap_or(500_000)
}

/// The scale of the chart: the amounts at its left and right ends, and the step of its ticks.
pub fn scale(bars: &[Bar]) -> Option<(i32, i32, i32)> {
    let amounts = bars
        .iter()
        .flat_map(|b| b.figures.iter().filter_map(|f| f.amount()));
    let low = amounts.clone().min()?;
    let high = amounts.max()?;
    let step = step((high - low).max(1));
    let from = (low / step) * step;
    let to = ((high + step - 1) / step).max(from / step + 1) * step;
    Some((from, to, step))
}

/// The SVG of `chart`, its ticks written by `amount` (the reader's money format).
pub fn render(chart: &Chart, amount: impl Fn(i32) -> String) -> String {
    let height = ROW * i32::try_from(chart.bars.len()).unwrap_or(1) + AXIS;
    let id = escape(&chart.id);
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        r#"<svg class="wage-chart" role="img" aria-label="{label}" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg" focusable="false">"#,
        label = escape(&chart.aria_label),
    );
    let _ = write!(
        svg,
        r#"<defs><pattern id="{id}-hatched" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="chart-fill-bg"/><line x1="0" y1="0" x2="0" y2="6" class="chart-hatch"/></pattern><pattern id="{id}-dotted" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" class="chart-fill-bg"/><circle cx="3" cy="3" r="1.4" class="chart-dot"/></pattern></defs>"#
    );
    let Some((from, to, step)) = scale(&chart.bars) else {
        let _ = write!(
            svg,
            r#"<text x="{LEFT}" y="20" class="chart-label">{}</text></svg>"#,
            escape(&chart.not_published)
        );
        return svg;
    };
    let inner = f64::from(WIDTH - LEFT - RIGHT);
    let x = |v: i32| -> i32 {
        let share = f64::from(v - from) / f64::from((to - from).max(1));
        LEFT + (share * inner).round() as i32
    };
    for (i, bar) in chart.bars.iter().enumerate() {
        let top = ROW * i32::try_from(i).unwrap_or(0);
        let _ = write!(
            svg,
            r#"<text x="{LEFT}" y="{}" class="chart-label">{}</text>"#,
            top + 16,
            escape(&bar.label)
        );
        let [p10, p25, p50, p75, p90] = bar.figures;
        let mid = top + 40;
        let known: Vec<i32> = bar.figures.iter().filter_map(|f| f.amount()).collect();
        let (Some(&low), Some(&high)) = (known.iter().min(), known.iter().max()) else {
            let _ = write!(
                svg,
                r#"<text x="{LEFT}" y="{}" class="chart-note">{}</text>"#,
                mid + 4,
                escape(&chart.not_published)
            );
            continue;
        };
        // The whisker, 10th to 90th (or as far as the figures go).
        let _ = write!(
            svg,
            r#"<line x1="{}" y1="{mid}" x2="{}" y2="{mid}" class="chart-whisker"/>"#,
            x(low),
            x(high)
        );
        for end in [p10, p90] {
            if let Some(v) = end.amount() {
                let _ = write!(
                    svg,
                    r#"<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" class="chart-whisker"/>"#,
                    x(v),
                    mid - 7,
                    mid + 7
                );
            }
        }
        if let Some(v) = known
            .iter()
            .copied()
            .max()
            .filter(|_| bar.figures.iter().any(|f| f.is_at_least()))
        {
            // A floor: the line goes on, with an arrow.
            let end = (x(v) + 16).min(WIDTH - 2);
            let _ = write!(
                svg,
                r#"<line x1="{}" y1="{mid}" x2="{end}" y2="{mid}" class="chart-whisker chart-open"/><path d="M{} {} L{end} {mid} L{} {} Z" class="chart-arrow"/>"#,
                x(v),
                end - 6,
                mid - 5,
                end - 6,
                mid + 5
            );
        }
        if let (Some(a), Some(b)) = (p25.amount(), p75.amount()) {
            let fill = match bar.fill {
                Fill::Hatched => "hatched",
                Fill::Dotted => "dotted",
            };
            let _ = write!(
                svg,
                r#"<rect x="{}" y="{}" width="{}" height="20" fill="url(#{id}-{fill})" class="chart-box"/>"#,
                x(a),
                mid - 10,
                (x(b) - x(a)).max(1)
            );
        }
        if let Some(m) = p50.amount() {
            let _ = write!(
                svg,
                r#"<rect x="{}" y="{}" width="4" height="28" class="chart-median"/>"#,
                x(m) - 2,
                mid - 14
            );
        }
    }
    // The axis and its ticks.
    let axis = ROW * i32::try_from(chart.bars.len()).unwrap_or(1);
    let _ = write!(
        svg,
        r#"<line x1="{LEFT}" y1="{axis}" x2="{}" y2="{axis}" class="chart-axis"/>"#,
        WIDTH - RIGHT
    );
    let mut tick = from;
    while tick <= to {
        let anchor = if tick == from {
            "start"
        } else if tick == to {
            "end"
        } else {
            "middle"
        };
        let _ = write!(
            svg,
            r#"<line x1="{0}" y1="{axis}" x2="{0}" y2="{1}" class="chart-axis"/><text x="{0}" y="{2}" text-anchor="{anchor}" class="chart-tick">{3}</text>"#,
            x(tick),
            axis + 5,
            axis + 20,
            escape(&amount(tick))
        );
        tick += step;
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(figures: [Figure; 5]) -> Bar {
        Bar {
            label: "United States <&>".into(),
            figures,
            fill: Fill::Hatched,
        }
    }

    fn chart(bars: Vec<Bar>) -> Chart {
        Chart {
            id: "c1".into(),
            aria_label: "Wages \"quoted\"".into(),
            bars,
            not_published: "not published".into(),
        }
    }

    use Figure::{AtLeast, NotPublished, Published};

    #[test]
    fn the_scale_takes_round_ends_around_every_figure() {
        let bars = vec![bar([
            Published(61_000),
            Published(75_000),
            Published(99_130),
            Published(124_000),
            AtLeast(150_000),
        ])];
        assert_eq!(scale(&bars), Some((60_000, 160_000, 20_000)));
        assert_eq!(scale(&[bar([NotPublished; 5])]), None);
    }

    #[test]
    fn text_is_escaped_and_the_chart_is_an_image_with_a_name() {
        let svg = render(
            &chart(vec![bar([
                Published(61_000),
                Published(75_000),
                Published(99_130),
                Published(124_000),
                Published(150_000),
            ])]),
            |v| format!("${v}"),
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains(r#"role="img""#));
        assert!(
            svg.contains(r#"aria-label="Wages &quot;quoted&quot;""#),
            "{svg}"
        );
        assert!(svg.contains("United States &lt;&amp;&gt;"), "{svg}");
        assert!(!svg.contains("<&>"));
        assert!(svg.contains(r#"class="chart-median""#));
        assert!(svg.contains("$60000") && svg.contains("$160000"), "{svg}");
    }

    #[test]
    fn a_floor_ends_in_an_arrow_and_no_figure_says_not_published() {
        let svg = render(
            &chart(vec![
                bar([
                    Published(100_000),
                    Published(150_000),
                    Published(200_000),
                    AtLeast(239_200),
                    AtLeast(239_200),
                ]),
                bar([NotPublished; 5]),
            ]),
            |v| v.to_string(),
        );
        assert!(svg.contains("chart-arrow"), "{svg}");
        assert!(svg.contains("not published"), "{svg}");
        let empty = render(&chart(vec![bar([NotPublished; 5])]), |v| v.to_string());
        assert!(empty.contains("not published") && !empty.contains("chart-box"));
    }
}
