//! What to draw: a [`Chart`] of panels, lines and event marks built from a dataset.
//!
//! The chart is a plain description — positions on the fractional-year time axis,
//! colours as RGB, label texts — that the window (egui_plot) and the exporters paint.
//! It knows nothing of egui, so everything here is tested without a window.
//!
//! Placement rules: a value that covers a period (a yearly total) is drawn at the
//! middle of its period; a value of a step series (a tariff rate) starts at the start
//! of its period and holds until the next value, the last one until the end of the
//! data and event range. A missing value is a gap: lines are split into segments and
//! never drawn across it.

pub mod annotations;
pub mod certainty;
pub mod colour_vision;
pub mod decimate;
pub mod describe;
pub mod end_labels;
pub mod format;
pub mod labels;
pub mod layout;
pub mod palette;
pub mod saved_view;
pub mod scale;
pub mod view;

use std::ops::RangeInclusive;

pub use certainty::Run;
pub use format::{
    ValueScale, XTick, format_value, format_value_with_unit, format_x, format_x_tick, x_ticks,
    y_ticks,
};
pub use palette::{Rgb, category_colour, series_colour};
pub use view::{EventFilter, EventKey, Look, Theme, ThemeColours, View, first_view};

use crate::data::transform::{Transform, transform_dataset};
use crate::data::{Dataset, Event, Period, Series, Status, Unit};

/// What the user chose to see.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartOptions {
    /// Draw a marker at every value.
    pub show_markers: bool,
    /// Draw each value of a non-step series as a bar across the period it covers,
    /// besides its marker at the middle (see [`certainty`]).
    pub period_bars: bool,
    /// Draw event lines, spans and labels.
    pub show_events: bool,
    /// The time range to show first (fractional years); `None` shows everything.
    pub view_x: Option<(f64, f64)>,
    /// How every series is shown: level, change, percent change, index, share.
    pub transform: Transform,
    /// Value axes on a log scale (panels with values of zero or below stay linear).
    pub log_scale: bool,
    /// Each series' name at the end of its line instead of a legend.
    pub direct_labels: bool,
    /// Names of the series hidden in the legends: the log scale is decided from the
    /// shown series only.
    pub hidden_series: Vec<String>,
}

impl Default for ChartOptions {
    fn default() -> Self {
        Self {
            show_markers: true,
            period_bars: false,
            show_events: true,
            view_x: None,
            transform: Transform::Level,
            log_scale: false,
            direct_labels: false,
            hidden_series: Vec::new(),
        }
    }
}

/// Everything to draw for one dataset.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chart {
    pub title: String,
    /// One panel per unit, in the order the units first appear among the series.
    pub panels: Vec<Panel>,
    /// Event marks in time order; empty when events are switched off.
    pub events: Vec<EventMark>,
    /// Event categories in order of first appearance, with their colours (for a key).
    pub categories: Vec<(String, Rgb)>,
    /// Time range covered by all data and events; `None` for an empty dataset.
    pub x_range: Option<(f64, f64)>,
    /// Time range to show first: the options' range, or else [`Chart::x_range`].
    pub view_x: Option<(f64, f64)>,
    pub show_markers: bool,
    /// Values drawn as bars across their periods (see [`Line::period_bars`]).
    pub period_bars: bool,
    /// Series names at line ends instead of a legend (see [`end_labels`]).
    pub direct_labels: bool,
    /// Remarks on what could not be drawn as asked (a log scale refused, series left
    /// out of a share).
    pub notes: Vec<String>,
    /// The series as shown when a transformation is on (for readouts); `None` when
    /// the values are shown as they are.
    pub transformed: Option<std::sync::Arc<Dataset>>,
}

/// A plot of the series that share one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub unit: Unit,
    /// The Y axis title, e.g. `US$ billions` or `Percent`.
    pub axis_title: String,
    /// How the panel's values are written (`$504.9bn` for values in millions), on
    /// the axis, in the readout, the table and the exports.
    pub scale: ValueScale,
    pub lines: Vec<Line>,
    /// Smallest and largest value of the panel's lines, if any (in `log10` on a log
    /// panel).
    pub y_range: Option<(f64, f64)>,
    /// The y coordinates are `log10` of the values (see [`scale`]).
    pub log_scale: bool,
}

/// One series as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub name: String,
    /// Position of the series in the dataset; the colour follows it.
    pub series_index: usize,
    pub colour: Rgb,
    pub step: bool,
    /// Unbroken runs of the line, each a polyline of `[x, y]` to draw as is (for a
    /// step series the corners of the steps are included). Split at missing values
    /// and at periods missing from a regular series.
    pub segments: Vec<Vec<[f64; 2]>>,
    /// For each segment, whether each edge (point `i` to `i + 1`) is dashed: into and
    /// out of an estimate, a projection or a partial period. Paint [`Line::runs`].
    pub dashed: Vec<Vec<bool>>,
    /// One marker per value.
    pub markers: Vec<Marker>,
}

/// A drawn value: where it is and how sure it is (non-reported values are drawn
/// hollow).
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub y: f64,
    pub period: Period,
    pub status: Status,
    pub note: Option<String>,
    /// The time the value covers: its period, or the months of a partial one.
    pub span: (f64, f64),
    /// The months a partial year or quarter covers (drawn hollow).
    pub coverage: Option<crate::data::Coverage>,
}

/// An event as drawn: a line at `x`, or a span from `x` to `end_x`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventMark {
    pub x: f64,
    /// End of a span (the end of its last period).
    pub end_x: Option<f64>,
    /// When the event was announced before taking effect at `x`: drawn as a bracket
    /// from here to `x` (see [`certainty::bracket`]).
    pub announced_x: Option<f64>,
    /// `2018-07-06`, or `2018-12-01 – 2019-03-01` for a span, or `announced 2025-04-02,
    /// effective 2025-04-09`.
    pub date_text: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub source: Option<String>,
    pub colour: Rgb,
    pub status: Status,
    /// The first day after the event (or its span): a planned event is stale from then
    /// (see [`crate::data::freshness::status_text`]).
    pub day_after: Option<chrono::NaiveDate>,
    /// Higher is kept longer when labels crowd (see [`labels::importance`]).
    pub importance: u8,
}

impl Default for Rgb {
    fn default() -> Self {
        palette::OTHER_CATEGORY_COLOUR
    }
}

impl Chart {
    /// The shortest period any line's values cover, in years (1 for yearly values,
    /// 1/12 for monthly ones), from each line's first value; `None` without values.
    /// The time axis marks no finer steps than this (see [`x_ticks`]).
    pub fn finest_period(&self) -> Option<f64> {
        self.panels
            .iter()
            .flat_map(|panel| &panel.lines)
            .filter_map(|line| line.markers.first())
            .map(|marker| marker.period.end_x() - marker.period.start_x())
            .filter(|years| *years > 0.0)
            .reduce(f64::min)
    }

    /// Describes how to draw `dataset` with `options`.
    pub fn build(dataset: &Dataset, options: &ChartOptions) -> Chart {
        if options.transform.is_level() {
            return Self::build_untransformed(dataset, options, Vec::new());
        }
        let transformed = transform_dataset(dataset, &options.transform);
        let mut chart = Self::build_untransformed(&transformed.dataset, options, transformed.notes);
        chart.transformed = Some(std::sync::Arc::new(transformed.dataset));
        chart
    }

    fn build_untransformed(
        dataset: &Dataset,
        options: &ChartOptions,
        mut notes: Vec<String>,
    ) -> Chart {
        let events: Vec<EventMark> = if options.show_events {
            dataset.events.iter().map(event_mark).collect()
        } else {
            Vec::new()
        };
        let x_range = data_x_range(dataset, &events);
        let step_end = x_range.map_or(f64::NEG_INFINITY, |(_, max)| max);
        let mut panels = build_panels(dataset, step_end);
        for panel in &mut panels {
            panel.axis_title = options.transform.axis_title(&panel.axis_title);
            if options.log_scale {
                notes.extend(scale::apply_log_scale_shown(panel, &options.hidden_series));
            }
        }
        let view_x = options
            .view_x
            .filter(|(min, max)| min.is_finite() && max.is_finite() && min < max)
            .or(x_range);
        Chart {
            title: dataset.title.clone(),
            categories: categories(&events),
            panels,
            events,
            x_range,
            view_x,
            show_markers: options.show_markers,
            period_bars: options.period_bars,
            direct_labels: options.direct_labels,
            notes,
            transformed: None,
        }
    }

    /// The range to show, or one year around 2000 for an empty chart, so that a plot
    /// always has a valid range.
    pub fn view_x_or_default(&self) -> RangeInclusive<f64> {
        let (min, max) = self.view_x.unwrap_or((2000.0, 2001.0));
        min..=max
    }

    /// Names of all lines, panel by panel.
    pub fn line_names(&self) -> impl Iterator<Item = &str> {
        self.panels
            .iter()
            .flat_map(|panel| panel.lines.iter().map(|line| line.name.as_str()))
    }
}

fn build_panels(dataset: &Dataset, step_end: f64) -> Vec<Panel> {
    let mut panels: Vec<Panel> = Vec::new();
    for (index, series) in dataset.series.iter().enumerate() {
        let line = build_line(index, series, step_end);
        match panels.iter_mut().find(|panel| panel.unit == series.unit) {
            Some(panel) => panel.lines.push(line),
            None => panels.push(Panel {
                unit: series.unit.clone(),
                axis_title: axis_title(&series.unit),
                scale: ValueScale::unscaled(&series.unit),
                lines: vec![line],
                y_range: None,
                log_scale: false,
            }),
        }
    }
    for panel in &mut panels {
        panel.y_range = y_range(&panel.lines);
        panel.scale = panel_scale(dataset, &panel.unit);
        panel.axis_title = panel.scale.axis_title();
    }
    panels
}

/// The scale the values in `unit` are shown at, from all of `dataset`'s series in
/// that unit (the values of one panel): the same for the axis, the readout and the
/// table.
pub fn panel_scale(dataset: &Dataset, unit: &Unit) -> ValueScale {
    ValueScale::for_values(unit, unit_values(dataset, unit))
}

/// Every value of `dataset` in `unit`.
fn unit_values<'a>(dataset: &'a Dataset, unit: &'a Unit) -> impl Iterator<Item = f64> + 'a {
    dataset
        .series
        .iter()
        .filter(move |series| series.unit == *unit)
        .flat_map(|series| series.points.iter().filter_map(|point| point.value()))
}

/// How each series of `dataset` is written in the table and the hover readout: its
/// panel's scale, and one number of decimals for all the values in that unit, so that
/// a value reads the same in both and values of one unit line up (`$3.50bn` beside
/// `$3.86bn`, `8.0%` beside `8.4%`).
pub fn series_formats(dataset: &Dataset) -> Vec<(ValueScale, usize)> {
    let mut formats: Vec<(ValueScale, usize)> = Vec::new();
    dataset
        .series
        .iter()
        .map(|series| {
            if let Some(format) = formats
                .iter()
                .find(|(scale, _)| *scale.unit() == series.unit)
            {
                return format.clone();
            }
            let scale = panel_scale(dataset, &series.unit);
            let decimals = scale.decimals_for(unit_values(dataset, &series.unit));
            formats.push((scale.clone(), decimals));
            (scale, decimals)
        })
        .collect()
}

/// The Y axis title for a unit.
pub fn axis_title(unit: &Unit) -> String {
    match unit.as_str() {
        "" => "Value".to_string(),
        "USD bn" => "US$ billions".to_string(),
        "USD mn" => "US$ millions".to_string(),
        "USD thousands" => "US$ thousands".to_string(),
        "USD" => "US$".to_string(),
        "%" => "Percent".to_string(),
        "pp" => "Percentage points".to_string(),
        other => other.to_string(),
    }
}

fn build_line(index: usize, series: &Series, step_end: f64) -> Line {
    let points = certainty::sorted_points(series);
    let markers = points
        .iter()
        .filter_map(|point| {
            point.value().filter(|v| v.is_finite()).map(|y| Marker {
                x: certainty::marker_x(point, series.step),
                y,
                period: point.period,
                status: point.status(),
                note: point.note().map(str::to_string),
                span: point.span_x(),
                coverage: point.coverage(),
            })
        })
        .collect();
    let geometry = certainty::line_geometry(&points, series.step, step_end);
    Line {
        name: series.name.clone(),
        series_index: index,
        colour: series_colour(index),
        step: series.step,
        segments: geometry.segments,
        dashed: geometry.dashed,
        markers,
    }
}

fn y_range(lines: &[Line]) -> Option<(f64, f64)> {
    lines
        .iter()
        .flat_map(|line| line.markers.iter().map(|marker| marker.y))
        .fold(None, |range, y| match range {
            None => Some((y, y)),
            Some((low, high)) => Some((f64::min(low, y), f64::max(high, y))),
        })
}

fn event_mark(event: &Event) -> EventMark {
    let end_x = event
        .end
        .map(|end| end.end_x())
        .filter(|end| *end > event.date.start_x());
    let mut date_text = match event.end {
        Some(end) if end != event.date => format!("{} – {}", event.date, end),
        _ => event.date.to_string(),
    };
    let announced_x = event
        .announced
        .filter(|announced| announced.first_day() < event.date.first_day())
        .map(|announced| {
            date_text = certainty::announced_date_text(announced, &date_text);
            announced.start_x()
        });
    EventMark {
        x: event.date.start_x(),
        end_x,
        announced_x,
        date_text,
        title: event.title.clone(),
        description: event.description.clone(),
        category: event.category.clone(),
        source: event.source.clone(),
        colour: category_colour(&event.category),
        status: event.status,
        day_after: Some(event.end.unwrap_or(event.date).end_day()),
        importance: if event.highlight {
            labels::HIGHLIGHT_IMPORTANCE
        } else {
            labels::importance(&event.category, event.status)
        },
    }
}

/// True when `a` and `b` name one event category: case and surrounding spaces aside
/// ("Tariff action" is "tariff action").
pub fn same_category(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The event categories of `events`, one per name compared case-insensitively, each
/// as first spelled, in order of first appearance.
pub fn known_categories<'a>(categories: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for category in categories {
        if !seen.iter().any(|name| same_category(name, category)) {
            seen.push(category.trim().to_string());
        }
    }
    seen
}

/// The categories for a key: one per name compared case-insensitively ("Tariff
/// action" and "tariff action" are one), as first spelled, with its colour.
fn categories(events: &[EventMark]) -> Vec<(String, Rgb)> {
    let mut seen: Vec<(String, Rgb)> = Vec::new();
    for event in events {
        if !seen
            .iter()
            .any(|(name, _)| same_category(name, &event.category))
        {
            seen.push((event.category.clone(), event.colour));
        }
    }
    seen
}

/// The time range covered by all values (each period whole) and all events.
fn data_x_range(dataset: &Dataset, events: &[EventMark]) -> Option<(f64, f64)> {
    let period_edges = dataset.series.iter().flat_map(|series| {
        series
            .points
            .iter()
            .filter(|point| point.value().is_some_and(f64::is_finite))
            .flat_map(|point| [point.period.start_x(), point.period.end_x()])
    });
    let event_edges = events.iter().flat_map(|event| {
        [Some(event.x), event.end_x, event.announced_x]
            .into_iter()
            .flatten()
    });
    period_edges
        .chain(event_edges)
        .fold(None, |range, x| match range {
            None => Some((x, x)),
            Some((low, high)) => Some((f64::min(low, x), f64::max(high, x))),
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests;
