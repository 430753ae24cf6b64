//! The chart leaves the app: SVG drawn from the one [`Chart`] description the window
//! paints, PNG rasterised from that SVG, the data as CSV, and files written whole or
//! not at all.
//!
//! How the window and the command line use it:
//!
//! ```no_run
//! use std::path::Path;
//! use tradechart::chart::{Chart, Theme, View};
//! use tradechart::export::{Export, ExportError, Overwrite, Page, WriteError};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dataset = tradechart::data::default_dataset().map_err(|_| "no default")?;
//! let mut view = View {
//!     hidden_series: vec!["US exports to China".into()],
//!     x_range: Some([2017.0, 2027.0]),
//!     ..View::default()
//! };
//! view.look.theme = Theme::Dark;
//! let chart = Chart::build(&dataset, &view.chart_options());
//! let export = Export {
//!     dataset: &dataset,
//!     chart: &chart,
//!     view: &view,
//!     page: Page::for_dataset(&dataset, 1200, 800),
//!     png_scale: 2.0,
//! };
//! let target = Path::new("chart@2x.png");
//! match export.write(target, Overwrite::Refuse, &[]) {
//!     // The window asks the user, then writes again with `Overwrite::Replace`.
//!     Err(ExportError::Write(WriteError::Exists(_))) => {}
//!     other => other.map(|_| ())?,
//! }
//! # Ok(())
//! # }
//! ```

pub mod annotate;
pub mod atomic;
pub mod csv;
pub mod events_csv;
pub mod layout;
pub mod png;
pub mod svg;
pub mod text;

use std::fmt;
use std::path::Path;

pub use atomic::{Overwrite, WriteError};

use crate::chart::{Chart, View};
use crate::data::Dataset;

/// Default size of an exported chart, in pixels.
pub const DEFAULT_WIDTH: u32 = 1200;
pub const DEFAULT_HEIGHT: u32 = 800;
/// Smallest size that still leaves room for axes, labels and the source line.
pub const MIN_WIDTH: u32 = 320;
pub const MIN_HEIGHT: u32 = 240;
/// Largest side of an exported chart, in pixels (at 1×).
pub const MAX_SIDE: u32 = 10_000;

/// The page a chart is drawn on: its size and the texts around the chart that are
/// not part of the [`View`] (a title given instead of the data's, the sources).
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Size in pixels (SVG user units); a PNG may be rasterised at a multiple.
    pub width: u32,
    pub height: u32,
    /// Replaces the chart's title; `Some("")` leaves the title out.
    pub title: Option<String>,
    /// The data's sources, credited in the line at the bottom.
    pub sources: Vec<String>,
    /// The chart in words (see [`crate::chart::describe`]): the SVG's `<desc>`, the
    /// PNG's `Description`. [`Export`] fills it in when `None`.
    pub description: Option<String>,
}

impl Default for Page {
    fn default() -> Self {
        Self {
            width: DEFAULT_WIDTH,
            height: DEFAULT_HEIGHT,
            title: None,
            sources: Vec::new(),
            description: None,
        }
    }
}

impl Page {
    /// A page of `width` × `height` crediting the dataset's sources (see
    /// [`sources_of`]).
    pub fn for_dataset(dataset: &Dataset, width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            title: None,
            sources: sources_of(dataset),
            description: None,
        }
    }
}

/// The sources to credit: the dataset's own list, or else the distinct sources of its
/// series, in order; then the dataset's "as of", when it has one.
pub fn sources_of(dataset: &Dataset) -> Vec<String> {
    let mut sources: Vec<String> = Vec::new();
    let candidates: Vec<&String> = if dataset.sources.is_empty() {
        dataset
            .series
            .iter()
            .filter_map(|series| series.source.as_ref())
            .collect()
    } else {
        dataset.sources.iter().collect()
    };
    for source in candidates {
        let source = source.split_whitespace().collect::<Vec<_>>().join(" ");
        if !source.is_empty() && !sources.contains(&source) {
            sources.push(source);
        }
    }
    // How current the data is travels with every export's source line.
    if let Some(as_of) = dataset.as_of.as_deref().map(str::trim)
        && !as_of.is_empty()
    {
        sources.push(format!("data as of {as_of}"));
    }
    sources
}

/// The line at the bottom of a chart as a newsroom prints it: `Source: A; B`, each
/// source by its credit name (see [`credit_name`]), or `None` without sources.
pub fn source_line(sources: &[String]) -> Option<String> {
    // Each source's own full stop goes: they are joined by semicolons.
    let mut names: Vec<&str> = Vec::new();
    for name in sources
        .iter()
        .map(|source| credit_name(source.trim().trim_end_matches('.').trim_end()))
        .filter(|name| !name.is_empty())
    {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| format!("Source: {}", names.join("; ")))
}

/// Longest credit name before a source's `: ` (longer, the colon is part of the text).
const MAX_CREDIT_NAME_CHARS: usize = 40;

/// The name a chart credits a source by: the text before its first `: ` when that is
/// short (`US Census Bureau: "Trade in Goods with China" …` → `US Census Bureau`), else
/// the whole source. The whole text stays in the file, the window's data sources and
/// the SVG's metadata.
pub fn credit_name(source: &str) -> &str {
    match source.split_once(": ") {
        Some((name, _))
            if !name.trim().is_empty() && name.chars().count() <= MAX_CREDIT_NAME_CHARS =>
        {
            name.trim()
        }
        _ => source,
    }
}

/// What a file is written as, chosen by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Svg,
    Png,
    Csv,
}

impl ExportFormat {
    /// The format named by a path's extension (any case), if it is one.
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "svg" => Some(ExportFormat::Svg),
            "png" => Some(ExportFormat::Png),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Svg => "SVG",
            ExportFormat::Png => "PNG",
            ExportFormat::Csv => "CSV",
        }
    }
}

/// One export: the chart as the user sees it — the chart, the [`View`] (range, hidden
/// series, event filter, look, with its theme decided) and the page — and the data it
/// was built from (for CSV). The window, `render` and `render VIEW` fill it alike.
#[derive(Clone, Debug)]
pub struct Export<'a> {
    pub dataset: &'a Dataset,
    pub chart: &'a Chart,
    pub view: &'a View,
    pub page: Page,
    /// Pixels per SVG pixel in a PNG: 1.0, or 2.0 for a sharp image on slides.
    pub png_scale: f32,
}

impl Export<'_> {
    /// The file contents in `format`. CSV holds the data in the time range shown,
    /// without hidden series.
    pub fn bytes(&self, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
        match format {
            ExportFormat::Svg => {
                check_size(self.page.width, self.page.height, 1.0)?;
                Ok(svg::chart_svg(self.chart, self.view, &self.described_page()).into_bytes())
            }
            ExportFormat::Png => png::chart_png(
                self.chart,
                self.view,
                &self.described_page(),
                self.png_scale,
            ),
            ExportFormat::Csv => {
                let x_range = self.view.range().or(self.chart.view_x);
                let csv_options = csv::CsvOptions {
                    x_range,
                    hidden_series: self.view.hidden_series.clone(),
                };
                Ok(csv::dataset_csv(self.dataset, &csv_options).into_bytes())
            }
        }
    }

    /// The page with the chart's description as the view shows it (its alt text).
    fn described_page(&self) -> Page {
        let description = self.page.description.clone().unwrap_or_else(|| {
            crate::chart::describe::Description::of(self.dataset, self.chart, self.view).text()
        });
        Page {
            description: Some(description),
            ..self.page.clone()
        }
    }

    /// Writes the file at `path` in the format its extension names, atomically (see
    /// [`atomic`]); `inputs` are the files the data was read from. Returns the format.
    pub fn write(
        &self,
        path: &Path,
        overwrite: Overwrite,
        inputs: &[&Path],
    ) -> Result<ExportFormat, ExportError> {
        let format = ExportFormat::from_path(path).ok_or_else(|| {
            ExportError::Format(format!(
                "expected a file name ending in .svg, .png or .csv, found \"{}\"",
                path.display()
            ))
        })?;
        let bytes = self.bytes(format)?;
        atomic::write_file(path, &bytes, overwrite, inputs)?;
        Ok(format)
    }
}

/// Why a chart could not be exported.
#[derive(Debug)]
pub enum ExportError {
    /// The file name names no format we write.
    Format(String),
    /// The size asked for is outside [`MIN_WIDTH`]…[`MAX_SIDE`].
    Size(String),
    /// The rasteriser failed (it should not for an SVG we wrote).
    Render(String),
    /// The file could not be written.
    Write(WriteError),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Format(message)
            | ExportError::Size(message)
            | ExportError::Render(message) => f.write_str(message),
            ExportError::Write(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<WriteError> for ExportError {
    fn from(error: WriteError) -> Self {
        ExportError::Write(error)
    }
}

/// Checks a size in pixels: each side within the limits, at `scale` times.
pub fn check_size(width: u32, height: u32, scale: f32) -> Result<(), ExportError> {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Err(ExportError::Size(format!(
            "expected a size of at least {MIN_WIDTH}×{MIN_HEIGHT} pixels, found {width}×{height}"
        )));
    }
    let scaled = |side: u32| f64::from(side) * f64::from(scale);
    if !(scale.is_finite() && scale > 0.0)
        || scaled(width) > f64::from(MAX_SIDE)
        || scaled(height) > f64::from(MAX_SIDE)
    {
        return Err(ExportError::Size(format!(
            "expected at most {MAX_SIDE} pixels a side, found {}×{}",
            scaled(width).round(),
            scaled(height).round()
        )));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::{Series, Unit};

    #[test]
    fn credits_the_dataset_sources_or_else_the_series_sources() {
        let mut dataset = Dataset {
            series: vec![Series {
                name: "Balance".into(),
                unit: Unit::parse("USD bn"),
                step: false,
                source: Some("Census\n  FT900".into()),
                points: Vec::new(),
            }],
            ..Dataset::default()
        };
        assert_eq!(sources_of(&dataset), ["Census FT900"]);
        assert_eq!(
            source_line(&sources_of(&dataset)).as_deref(),
            Some("Source: Census FT900")
        );
        dataset.sources = vec!["Census".into(), "PIIE".into(), "Census".into()];
        assert_eq!(
            source_line(&sources_of(&dataset)).as_deref(),
            Some("Source: Census; PIIE")
        );
        assert_eq!(source_line(&[" ".into()]), None);
        // Issue 17: every export says how current its data is.
        dataset.as_of = Some("Census release of June 2026 ".into());
        assert_eq!(
            source_line(&sources_of(&dataset)).as_deref(),
            Some("Source: Census; PIIE; data as of Census release of June 2026")
        );
    }

    /// Issue 16: a source line a newsroom would print, the provenance kept whole
    /// elsewhere.
    #[test]
    fn the_source_line_credits_sources_by_their_names() {
        let sources = [
            "US Census Bureau: \"Trade in Goods with China\", 1985–2020 summed from …".to_string(),
            "PIIE (Chad P. Bown): \"US-China Trade War Tariffs\": versions of 2019 to 2025.".into(),
            "news reports: PIIE, Reuters, AP and the pages named in each event's source.".into(),
            "A source with a long prefix before its colon, forty-one: the rest".into(),
        ];
        assert_eq!(
            source_line(&sources).as_deref(),
            Some(
                "Source: US Census Bureau; PIIE (Chad P. Bown); news reports; \
                 A source with a long prefix before its colon, forty-one: the rest"
            )
        );
        assert_eq!(credit_name("Census FT900"), "Census FT900");
        assert_eq!(credit_name(": odd"), ": odd");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            ExportFormat::from_path(Path::new("a/b.SVG")),
            Some(ExportFormat::Svg)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("b.png")),
            Some(ExportFormat::Png)
        );
        assert_eq!(ExportFormat::from_path(Path::new("b.jpeg")), None);
        assert_eq!(ExportFormat::from_path(Path::new("png")), None);
    }

    #[test]
    fn refuses_sizes_out_of_bounds() {
        assert!(check_size(1200, 800, 2.0).is_ok());
        assert!(check_size(100, 800, 1.0).is_err());
        assert!(check_size(6000, 800, 2.0).is_err());
        assert!(check_size(1200, 800, f32::NAN).is_err());
    }
}
