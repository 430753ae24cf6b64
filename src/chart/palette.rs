//! Colours of the chart: a colour-blind-safe palette for series and a fixed palette
//! for event categories, both readable on a white and on a dark grey background.

/// A colour as plain 8-bit sRGB, so that exporters need no GUI crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// A colour from `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Self {
        Self((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
    }

    /// `#rrggbb`, as SVG and CSS write it.
    pub fn to_hex_string(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance as WCAG 2 defines it (0 black … 1 white).
    pub fn luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// WCAG contrast ratio between two colours (1 … 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance() + 0.05, other.luminance() + 0.05);
        a.max(b) / a.min(b)
    }
}

/// The light background the chart must be readable on.
pub const WHITE: Rgb = Rgb::hex(0xFFFFFF);
/// The high-contrast theme's background.
pub const BLACK: Rgb = Rgb::hex(0x000000);
/// The dark background the chart must be readable on (egui's dark panel grey).
pub const DARK_GREY: Rgb = Rgb::hex(0x1B1B1B);

/// Okabe–Ito colours, reordered so the first four reach 3:1 contrast on both white and
/// dark grey (WCAG's bar for graphics); orange and sky blue come after them because they
/// are weaker on white. Okabe–Ito's yellow (invisible on white) and black (invisible
/// on dark grey) are left out. A brown and a slate grey follow (chosen to stay apart from
/// the six under simulated colour-vision deficiencies), so that seven partners
/// and a total (the deficit sample) each have a colour of their own before any repeats.
pub const SERIES_PALETTE: [Rgb; 8] = [
    Rgb::hex(0x0072B2), // blue
    Rgb::hex(0xD55E00), // vermillion
    Rgb::hex(0x009E73), // bluish green
    Rgb::hex(0xCC79A7), // reddish purple
    Rgb::hex(0xE69F00), // orange
    Rgb::hex(0x56B4E9), // sky blue
    Rgb::hex(0x995544), // brown
    Rgb::hex(0x666677), // slate grey
];

/// The colour of the series at `index` across the whole chart (not per panel), so a
/// series keeps its colour when panels change.
pub fn series_colour(index: usize) -> Rgb {
    SERIES_PALETTE[index % SERIES_PALETTE.len()]
}

/// Event category colours: muted hues (CIELAB chroma at most about 60, softer than
/// the series palette, so a dashed event line never reads as a series), first after
/// Paul Tol's muted scheme, then moved apart until every pair, the grey of other
/// categories included, differs by a CIEDE2000 of 10 or more with normal vision and
/// under simulated protanopia, deuteranopia and tritanopia, on white and on dark grey
/// (see [`super::colour_vision`] and the tests below). Keys are matched
/// case-insensitively against the category name.
const CATEGORY_PALETTE: [(&str, Rgb); 7] = [
    ("tariff action", Rgb::hex(0xB63F3D)),      // brick red
    ("retaliation", Rgb::hex(0x7C5B89)),        // muted purple
    ("agreement or truce", Rgb::hex(0x3CB2B2)), // teal
    ("negotiation", Rgb::hex(0x969CF5)),        // periwinkle
    ("court ruling", Rgb::hex(0x95A746)),       // olive
    ("export control", Rgb::hex(0xB69E8D)),     // sand
    ("investigation", Rgb::hex(0x5E6BD5)),      // indigo
];

/// How opaque an event line is drawn (SVG `stroke-opacity`).
pub const EVENT_LINE_OPACITY: f64 = 0.85;

/// Colour of events whose category is empty or not in the fixed palette.
pub const OTHER_CATEGORY_COLOUR: Rgb = Rgb::hex(0x747474);

/// The colour of an event category; unknown categories share a neutral grey.
pub fn category_colour(category: &str) -> Rgb {
    let wanted = category.trim().to_lowercase();
    CATEGORY_PALETTE
        .iter()
        .find(|(name, _)| *name == wanted || wanted_alias(&wanted) == Some(name))
        .map_or(OTHER_CATEGORY_COLOUR, |(_, colour)| *colour)
}

/// Other spellings of the known categories that files in the field use.
fn wanted_alias(category: &str) -> Option<&'static str> {
    match category {
        "tariff" | "tariffs" | "tariff increase" | "tariff cut" => Some("tariff action"),
        "agreement" | "truce" | "deal" => Some("agreement or truce"),
        "talks" | "meeting" | "summit" => Some("negotiation"),
        "court" | "ruling" | "legal" => Some("court ruling"),
        "export controls" | "sanction" | "sanctions" => Some("export control"),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn first_four_series_colours_reach_three_to_one_on_both_backgrounds() {
        for colour in &SERIES_PALETTE[..4] {
            assert!(colour.contrast(WHITE) >= 3.0, "{colour:?} on white");
            assert!(colour.contrast(DARK_GREY) >= 3.0, "{colour:?} on dark");
        }
        for colour in SERIES_PALETTE {
            assert!(colour.contrast(WHITE) >= 2.0, "{colour:?} on white");
            assert!(colour.contrast(DARK_GREY) >= 3.0, "{colour:?} on dark");
        }
    }

    #[test]
    fn eight_series_have_eight_colours() {
        let colours: std::collections::HashSet<Rgb> = (0..8).map(series_colour).collect();
        assert_eq!(colours.len(), 8);
    }

    #[test]
    fn category_colours_are_readable_and_distinct_from_series_colours() {
        for (name, colour) in CATEGORY_PALETTE {
            assert!(colour.contrast(WHITE) >= 2.5, "{name} on white");
            assert!(colour.contrast(DARK_GREY) >= 3.0, "{name} on dark");
            assert!(!SERIES_PALETTE.contains(&colour), "{name}");
        }
    }

    /// The smallest CIEDE2000 difference between two of `colours` drawn at `opacity`
    /// on each theme's background, seen with normal vision and with each simulated
    /// deficiency; with the pair and how it was seen.
    fn closest_pair(colours: &[Rgb], opacity: f64) -> (f64, String) {
        use super::super::Theme;
        use super::super::colour_vision::{Deficiency, blended, ciede2000, seen};
        let mut closest = (f64::INFINITY, String::new());
        for theme in [Theme::Light, Theme::Dark, Theme::HighContrast] {
            let background = theme.colours().background;
            let drawn: Vec<Rgb> = colours
                .iter()
                .map(|colour| blended(*colour, background, opacity))
                .collect();
            let visions = [None].into_iter().chain(Deficiency::ALL.map(Some));
            for vision in visions {
                for (i, first) in drawn.iter().enumerate() {
                    for (j, second) in drawn.iter().enumerate().skip(i + 1) {
                        let difference = ciede2000(seen(*first, vision), seen(*second, vision));
                        if difference < closest.0 {
                            closest = (
                                difference,
                                format!(
                                    "{:?} and {:?}, {vision:?}, {theme}",
                                    colours[i], colours[j]
                                ),
                            );
                        }
                    }
                }
            }
        }
        closest
    }

    /// Two lines of a chart are told apart at a CIEDE2000 difference of 10 or more.
    const DISTINGUISHABLE: f64 = 10.0;

    #[test]
    fn series_colours_stay_apart_under_protanopia_deuteranopia_and_tritanopia() {
        let (difference, pair) = closest_pair(&SERIES_PALETTE, 1.0);
        assert!(difference >= DISTINGUISHABLE, "{difference:.1}: {pair}");
    }

    #[test]
    fn category_colours_stay_apart_under_protanopia_deuteranopia_and_tritanopia() {
        // Event lines are drawn at 85% opacity; the grey of other categories counts.
        let mut colours: Vec<Rgb> = CATEGORY_PALETTE.iter().map(|(_, colour)| *colour).collect();
        colours.push(OTHER_CATEGORY_COLOUR);
        for opacity in [1.0, EVENT_LINE_OPACITY] {
            let (difference, pair) = closest_pair(&colours, opacity);
            assert!(difference >= DISTINGUISHABLE, "{difference:.1}: {pair}");
        }
    }

    #[test]
    fn colours_by_category_name_and_index() {
        assert_eq!(category_colour("Tariff action"), Rgb::hex(0xB63F3D));
        assert_eq!(
            category_colour("truce"),
            category_colour("agreement or truce")
        );
        assert_eq!(category_colour("weather"), OTHER_CATEGORY_COLOUR);
        assert_eq!(series_colour(0), series_colour(SERIES_PALETTE.len()));
        assert_eq!(Rgb::hex(0x0072B2).to_hex_string(), "#0072b2");
    }
}
