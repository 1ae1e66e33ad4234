//! Baking an Open Badges 2.0 assertion into an SVG image, and reading it back.
//!
//! The root `<svg>` declares `xmlns:openbadges="http://openbadges.org"`, and right after its
//! opening tag comes one `<openbadges:assertion verify="ASSERTION_URL">` holding the whole
//! assertion JSON in CDATA (the reference validator fails an SVG that carries only the
//! `verify` attribute). Unbaking reads what any baker wrote that way; whatever the input, it
//! answers an error, never a panic.

/// The namespace of the baked element.
pub const NAMESPACE: &str = "http://openbadges.org";

const OPEN: &str = "<openbadges:assertion";
const CLOSE: &str = "</openbadges:assertion>";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SvgError {
    #[error("the file has no <svg> element")]
    NoSvgElement,
    #[error("the <svg> element is empty or not closed")]
    NotClosed,
    #[error("the image already carries an assertion")]
    AlreadyBaked,
    #[error("the image carries no assertion")]
    NotBaked,
    #[error("the assertion in the image is not closed")]
    Truncated,
}

/// Where the root `<svg ...>` opening tag is: the index of its `<` and just past its `>`.
fn root_tag(svg: &str) -> Result<(usize, usize), SvgError> {
    // The first element, past the XML declaration, comments and a doctype.
    let mut from = 0;
    let start = loop {
        let at = svg[from..].find('<').ok_or(SvgError::NoSvgElement)? + from;
        let rest = &svg[at..];
        let skip = [("<!--", "-->"), ("<?", "?>"), ("<!", ">")]
            .iter()
            .find(|(open, _)| rest.starts_with(open));
        if let Some((_, close)) = skip {
            from = at + rest.find(close).ok_or(SvgError::NoSvgElement)? + close.len();
            continue;
        }
        let next = rest.get(4..).and_then(|r| r.chars().next());
        if rest.starts_with("<svg")
            && next.is_some_and(|c| c.is_whitespace() || c == '>' || c == '/')
        {
            break at;
        }
        return Err(SvgError::NoSvgElement);
    };
    // The tag ends at the first `>` outside a quoted attribute value.
    let mut quote = None;
    for (i, c) in svg[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => {
                let end = start + i;
                if svg[..end].ends_with('/') {
                    return Err(SvgError::NotClosed);
                }
                return Ok((start, end + 1));
            }
            _ => {}
        }
    }
    Err(SvgError::NotClosed)
}

fn escape_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

/// `json` as CDATA: a `]]>` inside it is split over two sections.
fn cdata(json: &str) -> String {
    format!("<![CDATA[{}]]>", json.replace("]]>", "]]]]><![CDATA[>"))
}

/// `svg` with `assertion` (its JSON) baked in, verified at `verify_url`.
pub fn bake(svg: &str, assertion: &str, verify_url: &str) -> Result<String, SvgError> {
    if svg.contains(OPEN) {
        return Err(SvgError::AlreadyBaked);
    }
    let (start, end) = root_tag(svg)?;
    let tag = &svg[start..end];
    let tag = if tag.contains("xmlns:openbadges=") {
        tag.to_owned()
    } else {
        format!(
            "{} xmlns:openbadges=\"{NAMESPACE}\">",
            tag.trim_end_matches('>').trim_end()
        )
    };
    Ok(format!(
        "{}{tag}{OPEN} verify=\"{}\">{}{CLOSE}{}",
        &svg[..start],
        escape_attribute(verify_url),
        cdata(assertion),
        &svg[end..]
    ))
}

/// Whether `text` is an SVG document: its first element (past the XML declaration, comments
/// and a doctype) is `<svg`. It may still be empty or broken further on.
pub fn is_svg(text: &str) -> bool {
    matches!(root_tag(text), Ok(_) | Err(SvgError::NotClosed))
}

/// The `verify` attribute of the baked `<openbadges:assertion>` element: the URL of the
/// hosted assertion, which a baker may give instead of (or beside) the JSON.
pub fn verify_url(svg: &str) -> Option<String> {
    let open = svg.find(OPEN)?;
    let rest = &svg[open + OPEN.len()..];
    if !rest.starts_with(|c: char| c.is_whitespace()) {
        return None;
    }
    let tag = &rest[..rest.find('>')?];
    let mut attributes = tag;
    loop {
        let at = attributes.find("verify")?;
        let before = attributes[..at].chars().next_back();
        let after = attributes[at + "verify".len()..].trim_start();
        attributes = &attributes[at + "verify".len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &value[1..];
        let end = value.find(quote)?;
        let url = unescape(&value[..end]);
        return (!url.trim().is_empty()).then(|| url.trim().to_owned());
    }
}

/// The text of XML with its five predefined entities replaced.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The assertion JSON baked into `svg`.
pub fn unbake(svg: &str) -> Result<String, SvgError> {
    let open = svg.find(OPEN).ok_or(SvgError::NotBaked)?;
    let body_start = svg[open..].find('>').ok_or(SvgError::Truncated)? + open + 1;
    if svg[..body_start].ends_with("/>") {
        return Err(SvgError::NotBaked);
    }
    let body_end = svg[body_start..].find(CLOSE).ok_or(SvgError::Truncated)? + body_start;
    let mut body = &svg[body_start..body_end];
    let mut json = String::new();
    // The content is CDATA sections (possibly split) or plain, escaped text.
    loop {
        let trimmed = body.trim_start();
        if trimmed.is_empty() {
            break;
        }
        if let Some(rest) = trimmed.strip_prefix("<![CDATA[") {
            let end = rest.find("]]>").ok_or(SvgError::Truncated)?;
            json.push_str(&rest[..end]);
            body = &rest[end + 3..];
        } else {
            let end = trimmed.find("<![CDATA[").unwrap_or(trimmed.len());
            json.push_str(&unescape(&trimmed[..end]));
            body = &trimmed[end..];
        }
    }
    if json.trim().is_empty() {
        return Err(SvgError::NotBaked);
    }
    Ok(json)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const ART: &str = r#"<?xml version="1.0"?>
<!-- <svg in a comment> -->
<svg xmlns="http://www.w3.org/2000/svg" data-x="a>b" width="96" height="96"><rect width="96" height="96"/></svg>"#;
    const JSON: &str =
        r#"{"id":"https://badges.example/ob/v2/assertions/abc","note":"a ]]> b & <c>"}"#;
    const URL: &str = "https://badges.example/ob/v2/assertions/abc?x=1&y=2";

    #[test]
    fn bake_then_unbake_gives_back_the_same_assertion() {
        let baked = bake(ART, JSON, URL).unwrap();
        assert_eq!(unbake(&baked).unwrap(), JSON);
        assert!(baked.contains(r#"xmlns:openbadges="http://openbadges.org""#));
        assert!(
            baked.contains(r#"verify="https://badges.example/ob/v2/assertions/abc?x=1&amp;y=2""#)
        );
        // Right after the root's opening tag, and the picture is left as it was.
        assert!(baked.contains(
            r#"height="96" xmlns:openbadges="http://openbadges.org"><openbadges:assertion"#
        ));
        assert!(baked.ends_with(r#"</openbadges:assertion><rect width="96" height="96"/></svg>"#));
    }

    #[test]
    fn an_image_is_baked_once() {
        let baked = bake(ART, JSON, URL).unwrap();
        assert_eq!(bake(&baked, JSON, URL), Err(SvgError::AlreadyBaked));
    }

    #[test]
    fn an_assertion_written_as_escaped_text_is_read_too() {
        let svg = r#"<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="u">{&quot;a&quot;:&quot;&lt;b&gt; &amp;&quot;}</openbadges:assertion></svg>"#;
        assert_eq!(unbake(svg).unwrap(), r#"{"a":"<b> &"}"#);
    }

    #[test]
    fn malformed_images_are_errors_not_panics() {
        for svg in [
            "",
            "not an image",
            "<svgx></svgx>",
            "<svg",
            "<svg/>",
            "<svg a='>",
            "<svg><openbadges:assertion",
            "<svg><openbadges:assertion verify=\"u\"/></svg>",
            "<svg><openbadges:assertion><![CDATA[{",
            "<svg><openbadges:assertion></openbadges:assertion></svg>",
            "<svg>é<openbadges:assertion>é<![CDATA[é",
        ] {
            assert!(unbake(svg).is_err(), "{svg:?}");
            let _ = bake(svg, JSON, URL);
        }
        assert_eq!(bake("<p>", JSON, URL), Err(SvgError::NoSvgElement));
        for svg in ["", "<svgx/>", "<p><svg></svg></p>", "<!-- <svg> -->"] {
            assert!(!is_svg(svg), "{svg:?}");
        }
        for svg in ["<svg/>", "<svg a='>", ART] {
            assert!(is_svg(svg), "{svg:?}");
        }
    }

    #[test]
    fn the_verify_attribute_is_read_unescaped() {
        let baked = bake(ART, JSON, URL).unwrap();
        assert_eq!(verify_url(&baked).as_deref(), Some(URL));
        assert_eq!(
            verify_url("<svg><openbadges:assertion data-verify='x' verify = 'u'/></svg>")
                .as_deref(),
            Some("u")
        );
        for svg in [
            "<svg></svg>",
            "<svg><openbadges:assertion></openbadges:assertion></svg>",
            "<svg><openbadges:assertionx verify=\"u\"></svg>",
            "<svg><openbadges:assertion verify=\"\"></openbadges:assertion></svg>",
            "<svg><openbadges:assertion verify=\"u",
            "<svg><openbadges:assertion verify=u></svg>",
            "<svg><openbadges:assertion noverify=\"u\"></svg>",
        ] {
            assert_eq!(verify_url(svg), None, "{svg:?}");
        }
        assert_eq!(bake("<svg/>", JSON, URL), Err(SvgError::NotClosed));
    }
}
