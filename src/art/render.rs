//! SVG to PNG with resvg, the shipped fonts only, nothing loaded from outside.

use resvg::tiny_skia;
use resvg::usvg;

use super::ArtError;
use super::fonts;

/// Options that resolve fonts in the shipped database and load no image, file or URL.
fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: fonts::FAMILY.to_owned(),
        fontdb: fonts::database(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// `svg` drawn at `width` x `height` pixels (scaled to fit exactly), as PNG.
pub fn png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, ArtError> {
    let tree = usvg::Tree::from_str(svg, &options())?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(ArtError::Size(width, height))?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| ArtError::Png(e.to_string()))
}
