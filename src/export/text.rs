//! The font exports are set in and how wide a text is in it: the Ubuntu Light face
//! that egui already embeds, measured with its own advance widths, so that labels laid
//! out for an SVG are laid out for the glyphs that the PNG rasteriser draws.

use std::sync::OnceLock;

/// The font file every export uses (egui's default proportional face).
pub const FONT_DATA: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The family name the font file declares, first in the SVG's `font-family` list.
pub const FONT_FAMILY: &str = "Ubuntu";

/// The `font-family` attribute of an exported SVG: the embedded face first, then faces
/// of similar width that viewers of the SVG file are likely to have.
pub const FONT_FAMILY_LIST: &str = "Ubuntu, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";

/// Width of a character the font has no glyph for, as a fraction of the font size.
const FALLBACK_ADVANCE_EM: f64 = 0.55;

/// Advance widths of the embedded face, read once.
struct Metrics {
    face: Option<ttf_parser::Face<'static>>,
    units_per_em: f64,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let face = ttf_parser::Face::parse(FONT_DATA, 0).ok();
        let units_per_em = face
            .as_ref()
            .map_or(1000.0, |face| f64::from(face.units_per_em().max(1)));
        Metrics { face, units_per_em }
    })
}

/// Width of `text` set at `size` pixels, in pixels (kerning ignored: it changes a
/// label's width by well under a character).
pub fn text_width(text: &str, size: f64) -> f64 {
    let metrics = metrics();
    let Some(face) = &metrics.face else {
        return text.chars().count() as f64 * FALLBACK_ADVANCE_EM * size;
    };
    let units: f64 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|glyph| face.glyph_hor_advance(glyph))
                .map_or(FALLBACK_ADVANCE_EM * metrics.units_per_em, f64::from)
        })
        .sum();
    units / metrics.units_per_em * size
}

/// `text` cut at a word (or a character) and ended with `…` so that it fits in
/// `max_width` pixels at `size`; unchanged when it already fits.
pub fn fit_text(text: &str, size: f64, max_width: f64) -> String {
    if text_width(text, size) <= max_width {
        return text.to_string();
    }
    let mut kept = String::new();
    for c in text.chars() {
        let candidate = format!("{kept}{c}…");
        if text_width(&candidate, size) > max_width {
            break;
        }
        kept.push(c);
    }
    // End on a word when one ends in the last third of what fits.
    if let Some(space) = kept.rfind(' ')
        && space * 3 >= kept.len() * 2
    {
        kept.truncate(space);
    }
    format!("{}…", kept.trim_end())
}

/// Splits `text` into lines no wider than `max_width` pixels at `size`, breaking at
/// spaces; a single word wider than a line is put on a line of its own.
pub fn wrap_text(text: &str, size: f64, max_width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || text_width(&candidate, size) <= max_width {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_font() {
        let narrow = text_width("iiii", 12.0);
        let wide = text_width("WWWW", 12.0);
        assert!(narrow > 0.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        assert!((text_width("Tariff", 24.0) - 2.0 * text_width("Tariff", 12.0)).abs() < 1e-9);
        assert_eq!(text_width("", 12.0), 0.0);
    }

    #[test]
    fn fits_long_text_with_an_ellipsis() {
        let text = "US–China goods trade, tariffs and policy events";
        assert_eq!(fit_text(text, 12.0, 1000.0), text);
        let cut = fit_text(text, 12.0, 120.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, 12.0) <= 120.0,
            "{cut}"
        );
    }

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let text = "Source: US Census Bureau; PIIE; Reuters and the news pages named";
        let lines = wrap_text(text, 10.0, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|line| text_width(line, 10.0) <= 120.0));
        assert_eq!(lines.join(" "), text);
        assert!(wrap_text("   ", 10.0, 100.0).is_empty());
    }
}
