//! The one model of everything the app draws: a dataset of series and events.
//!
//! It is also the app's own JSON document (see `data::json`): the serde names here are
//! the file format, so change them only with a migration.

use serde::{Deserialize, Serialize};

use super::coverage::Coverage;
use super::period::Period;
use super::unit::Unit;

/// A titled collection of series and the events that explain them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Version of the document format; written by the app, optional when read.
    #[serde(default = "format_version", rename = "tradechart")]
    pub format_version: u32,
    #[serde(default)]
    pub title: String,
    /// Free text remarks shown beside the chart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Where the data comes from, one line each; exported charts credit them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default)]
    pub series: Vec<Series>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
}

pub const FORMAT_VERSION: u32 = 1;

impl Default for Dataset {
    /// An empty dataset of the current format version, so that a file read from CSV
    /// and saved as JSON says which format it is in.
    fn default() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            title: String::new(),
            notes: Vec::new(),
            sources: Vec::new(),
            series: Vec::new(),
            events: Vec::new(),
        }
    }
}

fn format_version() -> u32 {
    FORMAT_VERSION
}

/// One named line of values over time, in one unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub name: String,
    #[serde(default)]
    pub unit: Unit,
    /// A step series holds each value from its period until the next one (a tariff
    /// rate); other series cover exactly their period (a yearly total).
    #[serde(default, skip_serializing_if = "is_false")]
    pub step: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub points: Vec<Point>,
}

/// A value at a period. `value: None` is a missing value: a gap, never a zero.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "PointForm", into = "PointForm")]
pub struct Point {
    pub period: Period,
    pub value: Option<f64>,
    pub status: Status,
    /// Where this one value comes from, or how it was estimated.
    pub note: Option<String>,
    /// For a year or quarter with only some months of data (a year-to-date total):
    /// the months it covers. `None` is the whole period.
    pub coverage: Option<Coverage>,
}

impl Point {
    pub fn new(period: Period, value: Option<f64>) -> Self {
        Self {
            period,
            value,
            status: Status::Reported,
            note: None,
            coverage: None,
        }
    }

    /// True for a value that covers only part of its period.
    pub fn is_partial(&self) -> bool {
        self.coverage.is_some()
    }

    /// Where the value's time span starts and ends on the axis: its period, or the
    /// months it covers when partial.
    pub fn span_x(&self) -> (f64, f64) {
        match self.coverage {
            Some(coverage) => (coverage.start_x(self.period), coverage.end_x(self.period)),
            None => (self.period.start_x(), self.period.end_x()),
        }
    }
}

/// How sure a value or an event is. Anything but `Reported` is drawn differently.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Read in a published source.
    #[default]
    Reported,
    /// Recalled, not checked against a source: check before publishing.
    FromMemory,
    /// Derived by calculation; the note says how.
    Estimated,
    /// Announced or expected, not (yet) happened.
    Planned,
}

impl Status {
    pub fn is_reported(&self) -> bool {
        *self == Status::Reported
    }

    /// The words shown to the user.
    pub fn label(&self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::FromMemory => "from memory, unverified",
            Status::Estimated => "estimate",
            Status::Planned => "planned",
        }
    }
}

/// A policy event: a day (or a span of days) with a title.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The day it takes effect (or happened).
    pub date: Period,
    /// The day it was announced, when that is earlier than `date`: the chart draws a
    /// bracket from the announcement to the effective date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced: Option<Period>,
    /// Last period of a span, such as a truce that ran to a date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Period>,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Status::is_reported")]
    pub status: Status,
    /// A headline event: its label is placed before all others when labels crowd.
    #[serde(default, skip_serializing_if = "is_false")]
    pub highlight: bool,
}

impl Event {
    pub fn new(date: Period, title: impl Into<String>) -> Self {
        Self {
            date,
            announced: None,
            end: None,
            title: title.into(),
            description: String::new(),
            category: String::new(),
            source: None,
            status: Status::Reported,
            highlight: false,
        }
    }
}

impl Dataset {
    /// The periods of all series, without duplicates, in time order.
    pub fn periods(&self) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .series
            .iter()
            .flat_map(|series| series.points.iter().map(|point| point.period))
            .collect();
        periods.sort();
        periods.dedup();
        periods
    }
}

impl Series {
    /// Number of points that hold a value.
    pub fn value_count(&self) -> usize {
        self.points
            .iter()
            .filter(|point| point.value.is_some())
            .count()
    }

    /// Smallest and largest value, if any.
    pub fn value_range(&self) -> Option<(f64, f64)> {
        self.points
            .iter()
            .filter_map(|point| point.value)
            .filter(|value| value.is_finite())
            .fold(None, |range, value| match range {
                None => Some((value, value)),
                Some((low, high)) => Some((f64::min(low, value), f64::max(high, value))),
            })
    }

    /// [`Self::value_count`] and [`Self::value_range`] in one pass over the points.
    pub fn value_summary(&self) -> (usize, Option<(f64, f64)>) {
        let mut count = 0;
        let mut range: Option<(f64, f64)> = None;
        for value in self.points.iter().filter_map(|point| point.value) {
            count += 1;
            if value.is_finite() {
                range = Some(match range {
                    None => (value, value),
                    Some((low, high)) => (f64::min(low, value), f64::max(high, value)),
                });
            }
        }
        (count, range)
    }

    /// First and last period that hold a value.
    pub fn period_range(&self) -> Option<(Period, Period)> {
        let mut with_values = self.points.iter().filter(|point| point.value.is_some());
        let first = with_values.next()?.period;
        let last = with_values.next_back().map_or(first, |point| point.period);
        Some((first, last))
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// How a point is written in JSON: `["2018", 418.2]` for a plain reported value, or an
/// object when it carries a status or a note.
#[derive(Serialize, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum PointForm {
    Pair(Period, Option<f64>),
    Full {
        period: Period,
        value: Option<f64>,
        #[serde(default, skip_serializing_if = "Status::is_reported")]
        status: Status,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        coverage: Option<Coverage>,
    },
}

impl From<PointForm> for Point {
    fn from(form: PointForm) -> Self {
        match form {
            PointForm::Pair(period, value) => Point::new(period, value),
            PointForm::Full {
                period,
                value,
                status,
                note,
                coverage,
            } => Point {
                period,
                value,
                status,
                note,
                coverage,
            },
        }
    }
}

impl From<Point> for PointForm {
    fn from(point: Point) -> Self {
        if point.status.is_reported() && point.note.is_none() && point.coverage.is_none() {
            PointForm::Pair(point.period, point.value)
        } else {
            PointForm::Full {
                period: point.period,
                value: point.value,
                status: point.status,
                note: point.note,
                coverage: point.coverage,
            }
        }
    }
}
