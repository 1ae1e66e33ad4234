//! Static files, compiled into the binary and served with long cache lifetimes under a
//! versioned URL (`/static/app.css?v=<hash>`).

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::WebError;
use crate::urls;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/app.css"),
    },
    Asset {
        name: "share.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/share.js"),
    },
    Asset {
        name: "admin.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/admin.js"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../static/favicon.svg"),
    },
];

static VERSIONS: LazyLock<Vec<String>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| crate::domain::token::hash_hex(a.bytes)[..12].to_owned())
        .collect()
});

fn find(name: &str) -> Option<(usize, &'static Asset)> {
    ASSETS.iter().enumerate().find(|(_, a)| a.name == name)
}

/// The URL of a static file, versioned by its content.
pub fn url(name: &str) -> String {
    match find(name) {
        Some((i, _)) => format!("{}?v={}", urls::static_file(name), VERSIONS[i]),
        None => urls::static_file(name),
    }
}

pub async fn get(req: HttpRequest, name: web::Path<String>) -> Result<HttpResponse, WebError> {
    let (i, asset) = find(&name).ok_or(WebError::NotFound)?;
    let etag = format!("\"{}\"", VERSIONS[i]);
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes());
    let versioned = req.query_string() == format!("v={}", VERSIONS[i]);
    let cache = if versioned {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    let mut response = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::ETAG, etag));
    if fresh {
        return Ok(response.finish());
    }
    Ok(response.content_type(asset.content_type).body(asset.bytes))
}

#[cfg(test)]
mod tests {
    /// An unclosed `@media` block once kept every later section of the style sheet for phones
    /// only: each section (a `/* ==` comment) starts outside every block, and all close.
    #[test]
    fn every_block_of_the_style_sheet_closes_before_the_next_section() {
        let css = include_str!("../../static/app.css");
        let mut depth = 0i32;
        for (n, line) in css.lines().enumerate() {
            if line.starts_with("/* ==") {
                assert_eq!(depth, 0, "line {}: a section starts inside a block", n + 1);
            }
            for c in line.chars() {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
            }
            assert!(depth >= 0, "line {}: a brace closes nothing", n + 1);
        }
        assert_eq!(depth, 0, "a block is left open at the end");
    }
}
