//! Baking an Open Badges 2.0 assertion into a PNG image, and reading it back.
//!
//! The assertion JSON goes in exactly one `iTXt` chunk with the keyword `openbadges`, not
//! compressed (the specification forbids compression). Baking decodes the picture and
//! writes it again with that chunk; both directions decode under a memory limit, so a
//! hostile file (a "decompression bomb", a huge size in its header) is refused, not
//! allocated, and any malformed input is an error, never a panic.

use std::io::Cursor;

use png::{Decoder, Encoder, Limits};

/// The keyword of the chunk that carries the assertion.
pub const KEYWORD: &str = "openbadges";

/// The most memory decoding one image may take (the badge art is 600 x 600 at most).
const DECODE_LIMIT: usize = 32 * 1024 * 1024;

/// The longest assertion a compressed chunk may inflate to.
const TEXT_LIMIT: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PngError {
    #[error("the file is not a PNG image this program can read: {0}")]
    Unreadable(String),
    #[error("the image already carries an assertion")]
    AlreadyBaked,
    #[error("the image carries no assertion")]
    NotBaked,
    #[error("the image carries more than one assertion")]
    SeveralAssertions,
    #[error("the image is larger than a badge image can be")]
    TooLarge,
}

fn unreadable(e: impl std::fmt::Display) -> PngError {
    PngError::Unreadable(e.to_string())
}

/// A decoded image: its header and its pixel rows as stored, and the assertions it carries.
struct Decoded {
    info: png::Info<'static>,
    pixels: Vec<u8>,
    assertions: Vec<String>,
}

fn decode(bytes: &[u8]) -> Result<Decoded, PngError> {
    let decoder = Decoder::new_with_limits(
        Cursor::new(bytes),
        Limits {
            bytes: DECODE_LIMIT,
        },
    );
    let mut reader = decoder.read_info().map_err(unreadable)?;
    let size = reader
        .output_buffer_size()
        .filter(|&size| size <= DECODE_LIMIT)
        .ok_or(PngError::TooLarge)?;
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(unreadable)?;
    pixels.truncate(frame.buffer_size());
    reader.finish().map_err(unreadable)?;
    let info = reader.info().clone();
    let assertions = info
        .utf8_text
        .iter()
        .filter(|chunk| chunk.keyword == KEYWORD)
        .map(|chunk| {
            // Bakers must not compress the chunk; one that did is read, but only so far
            // (inflating without a bound is how a small file takes all the memory).
            let mut chunk = chunk.clone();
            chunk
                .decompress_text_with_limit(TEXT_LIMIT)
                .map_err(unreadable)?;
            chunk.get_text().map_err(unreadable)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Decoded {
        info,
        pixels,
        assertions,
    })
}

/// `png` with `assertion` (its JSON) baked in.
pub fn bake(png: &[u8], assertion: &str) -> Result<Vec<u8>, PngError> {
    let decoded = decode(png)?;
    if !decoded.assertions.is_empty() {
        return Err(PngError::AlreadyBaked);
    }
    let info = &decoded.info;
    let mut out = Vec::new();
    {
        let mut encoder = Encoder::new(&mut out, info.width, info.height);
        encoder.set_color(info.color_type);
        encoder.set_depth(info.bit_depth);
        if let Some(palette) = &info.palette {
            encoder.set_palette(palette.clone());
        }
        if let Some(trns) = &info.trns {
            encoder.set_trns(trns.clone());
        }
        encoder
            .add_itxt_chunk(KEYWORD.to_owned(), assertion.to_owned())
            .map_err(unreadable)?;
        let mut writer = encoder.write_header().map_err(unreadable)?;
        writer
            .write_image_data(&decoded.pixels)
            .map_err(unreadable)?;
        writer.finish().map_err(unreadable)?;
    }
    Ok(out)
}

/// The assertion JSON baked into `png`.
pub fn unbake(png: &[u8]) -> Result<String, PngError> {
    let mut assertions = decode(png)?.assertions;
    match assertions.len() {
        0 => Err(PngError::NotBaked),
        1 => Ok(assertions.remove(0)),
        _ => Err(PngError::SeveralAssertions),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A 3 x 2 RGBA picture.
    fn picture() -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = Encoder::new(&mut out, 3, 2);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let pixels: Vec<u8> = (0..24).collect();
        writer.write_image_data(&pixels).unwrap();
        writer.finish().unwrap();
        out
    }

    const JSON: &str = r#"{"id":"https://badges.example/ob/v2/assertions/abc","name":"Zoë"}"#;

    #[test]
    fn bake_then_unbake_gives_back_the_same_assertion_and_the_same_picture() {
        let baked = bake(&picture(), JSON).unwrap();
        assert_eq!(unbake(&baked).unwrap(), JSON);
        let (before, after) = (decode(&picture()).unwrap(), decode(&baked).unwrap());
        assert_eq!(before.pixels, after.pixels);
        // One iTXt chunk, keyword `openbadges`, compression flag 0, the JSON as it is.
        let chunk = baked.windows(4).position(|w| w == b"iTXt").unwrap();
        let data = &baked[chunk + 4..];
        assert!(
            data.starts_with(b"openbadges\0\0\0\0\0"),
            "{:?}",
            &data[..16]
        );
        assert_eq!(baked.windows(4).filter(|w| *w == b"iTXt").count(), 1);
    }

    #[test]
    fn an_image_is_baked_once_and_a_plain_one_carries_nothing() {
        let baked = bake(&picture(), JSON).unwrap();
        assert_eq!(bake(&baked, JSON), Err(PngError::AlreadyBaked));
        assert_eq!(unbake(&picture()), Err(PngError::NotBaked));
    }

    #[test]
    fn malformed_files_are_errors_not_panics() {
        let baked = bake(&picture(), JSON).unwrap();
        let mut inputs: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"not an image".to_vec(),
            b"\x89PNG\r\n\x1a\n".to_vec(),
        ];
        // Every truncation, and every single-byte change, of a baked image.
        for len in 0..baked.len() {
            inputs.push(baked[..len].to_vec());
        }
        for i in 0..baked.len() {
            let mut changed = baked.clone();
            changed[i] ^= 0x5a;
            inputs.push(changed);
        }
        for input in &inputs {
            let _ = unbake(input);
            let _ = bake(input, JSON);
        }
        assert!(matches!(
            unbake(b"not an image"),
            Err(PngError::Unreadable(_))
        ));
    }

    #[test]
    fn a_compressed_assertion_is_read_but_not_inflated_without_bound() {
        let with_text = |text: &str| {
            let mut out = Vec::new();
            let mut encoder = Encoder::new(&mut out, 1, 1);
            encoder.set_color(png::ColorType::Grayscale);
            let mut writer = encoder.write_header().unwrap();
            let mut chunk = png::text_metadata::ITXtChunk::new(KEYWORD, text);
            chunk.compressed = true;
            chunk.compress_text().unwrap();
            writer.write_text_chunk(&chunk).unwrap();
            writer.write_image_data(&[0]).unwrap();
            writer.finish().unwrap();
            out
        };
        assert_eq!(unbake(&with_text(JSON)).unwrap(), JSON);
        // 16 MB of spaces deflate to a few kilobytes.
        let bomb = with_text(&" ".repeat(16 * 1024 * 1024));
        assert!(bomb.len() < 100_000, "{}", bomb.len());
        assert!(matches!(unbake(&bomb), Err(PngError::Unreadable(_))));
    }

    #[test]
    fn an_image_claiming_a_huge_size_is_refused_without_allocating_it() {
        // A header of 60000 x 60000 RGBA pixels (14 GB decoded) and a few bytes of data.
        let mut out = Vec::new();
        let mut encoder = Encoder::new(&mut out, 60_000, 60_000);
        encoder.set_color(png::ColorType::Rgba);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_chunk(
                png::chunk::IDAT,
                &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
            )
            .unwrap();
        drop(writer);
        assert_eq!(unbake(&out), Err(PngError::TooLarge));
        assert_eq!(bake(&out, JSON), Err(PngError::TooLarge));
    }
}
