//! The chart as pixels: the SVG of [`super::svg`] rasterised with resvg at the size
//! asked (optionally at a multiple, for 2× exports), with the font egui embeds and no
//! other: no system font is looked up and nothing is downloaded, so a PNG comes out
//! the same on every machine.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::text::{FONT_DATA, FONT_FAMILY};
use super::{ExportError, Page, check_size, svg};
use crate::chart::{Chart, View};

/// An image as unpremultiplied RGBA bytes, row by row (for a clipboard).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbaImage {
    pub width: u32,
    pub height: u32,
    /// `width * height * 4` bytes.
    pub pixels: Vec<u8>,
}

/// The font database every rasterisation uses: the embedded face only, also standing
/// in for the generic families an SVG may name.
fn font_database() -> Arc<usvg::fontdb::Database> {
    static DATABASE: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(DATABASE.get_or_init(|| {
        let mut database = usvg::fontdb::Database::new();
        database.load_font_data(FONT_DATA.to_vec());
        database.set_sans_serif_family(FONT_FAMILY);
        database.set_serif_family(FONT_FAMILY);
        database.set_monospace_family(FONT_FAMILY);
        database.set_cursive_family(FONT_FAMILY);
        database.set_fantasy_family(FONT_FAMILY);
        Arc::new(database)
    }))
}

/// Rasterises an SVG document at `scale` times its own size.
pub fn rasterise(svg_text: &str, scale: f32) -> Result<tiny_skia::Pixmap, ExportError> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: font_database(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg_text, &options)
        .map_err(|error| ExportError::Render(format!("cannot read the SVG: {error}")))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| ExportError::Render(format!("cannot scale the image by {scale}")))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| {
        ExportError::Render(format!(
            "cannot make an image of {}×{} pixels",
            size.width(),
            size.height()
        ))
    })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The chart as a pixmap of `page.width·scale` × `page.height·scale` pixels.
pub fn chart_pixmap(
    chart: &Chart,
    view: &View,
    page: &Page,
    scale: f32,
) -> Result<tiny_skia::Pixmap, ExportError> {
    check_size(page.width, page.height, scale)?;
    rasterise(&svg::chart_svg(chart, view, page), scale)
}

/// The chart as PNG file bytes at `scale` times the page's size (1.0 or 2.0), with
/// `tEXt` chunks `Title` and `Description` (the page's description, its alt text).
pub fn chart_png(
    chart: &Chart,
    view: &View,
    page: &Page,
    scale: f32,
) -> Result<Vec<u8>, ExportError> {
    let image = chart_rgba(chart, view, page, scale)?;
    let title = page.title.clone().unwrap_or_else(|| chart.title.clone());
    let description = page.description.clone().unwrap_or_default();
    encode_png(&image, &[("Title", title), ("Description", description)])
}

/// How hard the PNG's pixels are compressed: zlib's level 3. A chart is mostly flat
/// colour, and compressing it was a fifth of `tradechart render`; measured on the
/// default chart at 1200×800 (medians of 15 whole renders): level 6 (the png crate's
/// default) 39.7 ms and 139 KB, level 3 34.4 ms and 147 KB, level 1 33.0 ms and 232 KB.
const DEFLATE_LEVEL: u8 = 3;

/// `image` as PNG bytes with a text chunk for each non-empty `(keyword, text)`: `tEXt`
/// holds Latin-1 only, so a text with other characters (`US–China`) is written there
/// with the nearest Latin-1 ones and also whole in an `iTXt` chunk of the same keyword.
fn encode_png(image: &RgbaImage, texts: &[(&str, String)]) -> Result<Vec<u8>, ExportError> {
    let failed = |error: ::png::EncodingError| {
        ExportError::Render(format!("cannot encode the PNG: {error}"))
    };
    let mut bytes = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut bytes, image.width, image.height);
    encoder.set_color(::png::ColorType::Rgba);
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_deflate_compression(::png::DeflateCompression::Level(DEFLATE_LEVEL));
    for (keyword, text) in texts.iter().filter(|(_, text)| !text.is_empty()) {
        let latin1 = latin1_text(text);
        if latin1 != *text {
            encoder
                .add_itxt_chunk((*keyword).to_string(), text.clone())
                .map_err(failed)?;
        }
        encoder
            .add_text_chunk((*keyword).to_string(), latin1)
            .map_err(failed)?;
    }
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&image.pixels).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(bytes)
}

/// `text` in the characters Latin-1 has: dashes as `-`, curly quotes straight, an
/// ellipsis as `...`, anything else as `?`.
fn latin1_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if u32::from(c) <= 0xFF => c.to_string(),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => "-".to_string(),
            '\u{2018}' | '\u{2019}' => "'".to_string(),
            '\u{201C}' | '\u{201D}' => "\"".to_string(),
            '\u{2026}' => "...".to_string(),
            _ => "?".to_string(),
        })
        .collect()
}

/// The chart as RGBA pixels, for "Copy image".
pub fn chart_rgba(
    chart: &Chart,
    view: &View,
    page: &Page,
    scale: f32,
) -> Result<RgbaImage, ExportError> {
    let pixmap = chart_pixmap(chart, view, page, scale)?;
    let (width, height) = (pixmap.width(), pixmap.height());
    // Unpremultiplied in place: a second buffer of the image's size is fresh memory,
    // which is what a render spends much of its time waiting for on a VM.
    let pixels = pixmap.take_demultiplied();
    Ok(RgbaImage {
        width,
        height,
        pixels,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_font_is_the_only_font() {
        let database = font_database();
        assert_eq!(database.len(), 1);
        let families: Vec<String> = database
            .faces()
            .flat_map(|face| face.families.iter().map(|(name, _)| name.clone()))
            .collect();
        assert!(
            families.iter().any(|name| name == FONT_FAMILY),
            "{families:?}"
        );
    }

    #[test]
    fn text_is_drawn_with_the_embedded_font() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="4" y="30" font-size="28" font-family="NoSuchFont, sans-serif" fill="#000">Tariff</text></svg>"##;
        let pixmap = rasterise(svg, 1.0).unwrap();
        let dark = pixmap
            .pixels()
            .iter()
            .filter(|pixel| pixel.red() < 128)
            .count();
        assert!(dark > 100, "{dark} dark pixels: the text was not drawn");
    }

    #[test]
    fn latin1_text_keeps_latin1_and_replaces_the_rest() {
        assert_eq!(
            latin1_text("US–China café “ok” …"),
            "US-China café \"ok\" ..."
        );
        assert_eq!(latin1_text("中"), "?");
    }

    #[test]
    fn the_png_is_lossless_and_small_for_flat_colour() {
        // A chart-like picture: a white ground, a grey grid, a coloured line.
        let (width, height) = (600_u32, 400_u32);
        let mut pixels = Vec::new();
        for y in 0..height {
            for x in 0..width {
                let pixel: [u8; 4] = if y == 200 + x / 10 % 20 {
                    [213, 94, 0, 255]
                } else if x % 50 == 0 || y % 50 == 0 {
                    [200, 200, 200, 255]
                } else {
                    [255, 255, 255, 255]
                };
                pixels.extend(pixel);
            }
        }
        let image = RgbaImage {
            width,
            height,
            pixels,
        };
        let bytes = encode_png(&image, &[]).unwrap();
        assert!(
            bytes.len() * 50 < image.pixels.len(),
            "{} bytes for {} of pixels",
            bytes.len(),
            image.pixels.len()
        );
        let mut reader = ::png::Decoder::new(std::io::Cursor::new(&bytes))
            .read_info()
            .unwrap();
        let mut decoded = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut decoded).unwrap();
        assert_eq!(decoded, image.pixels);
    }

    #[test]
    fn scales_the_image() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"/>"#;
        let pixmap = rasterise(svg, 2.0).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (60, 40));
        assert!(rasterise("<svg", 1.0).is_err());
    }
}
