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
    /// How current the data is, in words: the release it was taken from and how far
    /// its values and events reach ("Census release of June 2026, data through April
    /// 2026; events through 24 July 2026"). Shown with the sources and on exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
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
            as_of: None,
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

/// A value at a period. A missing value (`value()` is `None`) is a gap, never a zero.
///
/// 24 bytes: a large file holds millions of points, and each byte is memory the OS
/// must hand over, so a missing value is a NaN in the value's place, and the rare
/// status other than reported, note and partial coverage sit behind one pointer.
#[derive(Clone, Serialize, Deserialize)]
#[serde(from = "PointForm", into = "PointForm")]
pub struct Point {
    pub period: Period,
    /// The value; NaN where it is missing (no reader makes a NaN value: a cell that
    /// is not a number is refused or missing, and a calculation that gives none
    /// gives a missing value).
    value: f64,
    /// The status, note and coverage, when the point has any but the default.
    details: Option<Box<PointDetails>>,
}

/// What few points carry: how sure the value is, where it comes from, and the months
/// it covers.
#[derive(Clone, Debug, Default, PartialEq)]
struct PointDetails {
    status: Status,
    note: Option<String>,
    coverage: Option<Coverage>,
}

impl PartialEq for Point {
    /// Equal periods, values (two missing values are equal) and details.
    fn eq(&self, other: &Self) -> bool {
        self.period == other.period
            && self.value() == other.value()
            && self.details == other.details
    }
}

impl Point {
    pub fn new(period: Period, value: Option<f64>) -> Self {
        Self {
            period,
            value: value.unwrap_or(f64::NAN),
            details: None,
        }
    }

    /// The same point with status `status`.
    pub fn with_status(mut self, status: Status) -> Self {
        self.set_status(status);
        self
    }

    /// The same point with the note `note`.
    pub fn with_note(mut self, note: Option<String>) -> Self {
        self.set_note(note);
        self
    }

    /// The same point covering only `coverage` of its period (`None`: all of it).
    pub fn with_coverage(mut self, coverage: Option<Coverage>) -> Self {
        self.set_coverage(coverage);
        self
    }

    /// The value; `None` is a missing value.
    pub fn value(&self) -> Option<f64> {
        (!self.value.is_nan()).then_some(self.value)
    }

    /// Sets the value; `None` (or a NaN) is a missing value.
    pub fn set_value(&mut self, value: Option<f64>) {
        self.value = value.unwrap_or(f64::NAN);
    }

    /// How sure the value is.
    pub fn status(&self) -> Status {
        self.details
            .as_ref()
            .map_or(Status::Reported, |details| details.status)
    }

    /// Sets how sure the value is (`Reported` takes no memory beyond the point).
    pub fn set_status(&mut self, status: Status) {
        if status != self.status() {
            self.change_details(|details| details.status = status);
        }
    }

    /// Where this one value comes from, or how it was estimated.
    pub fn note(&self) -> Option<&str> {
        self.details.as_ref()?.note.as_deref()
    }

    pub fn set_note(&mut self, note: Option<String>) {
        self.change_details(|details| details.note = note);
    }

    /// For a year or quarter with only some months of data (a year-to-date total):
    /// the months it covers. `None` is the whole period.
    pub fn coverage(&self) -> Option<Coverage> {
        self.details.as_ref()?.coverage
    }

    pub fn set_coverage(&mut self, coverage: Option<Coverage>) {
        self.change_details(|details| details.coverage = coverage);
    }

    /// Changes the details, and frees them when nothing is left in them.
    fn change_details(&mut self, change: impl FnOnce(&mut PointDetails)) {
        let details = self.details.get_or_insert_with(Box::default);
        change(details);
        if **details == PointDetails::default() {
            self.details = None;
        }
    }

    /// True for a value that covers only part of its period.
    pub fn is_partial(&self) -> bool {
        self.coverage().is_some()
    }

    /// Where the value's time span starts and ends on the axis: its period, or the
    /// months it covers when partial.
    pub fn span_x(&self) -> (f64, f64) {
        match self.coverage() {
            Some(coverage) => (coverage.start_x(self.period), coverage.end_x(self.period)),
            None => (self.period.start_x(), self.period.end_x()),
        }
    }
}

impl std::fmt::Debug for Point {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Point")
            .field("period", &self.period)
            .field("value", &self.value())
            .field("status", &self.status())
            .field("note", &self.note())
            .field("coverage", &self.coverage())
            .finish()
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
    /// Announced for this date, then put off or cancelled: it did not happen then.
    Postponed,
    /// Its outcome or end is not known from any source read (a truce whose expiry
    /// passed with no report of what followed).
    Unverified,
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
            Status::Postponed => "postponed",
            Status::Unverified => "outcome unverified",
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
            .filter(|point| point.value().is_some())
            .count()
    }

    /// Smallest and largest value, if any.
    pub fn value_range(&self) -> Option<(f64, f64)> {
        self.points
            .iter()
            .filter_map(|point| point.value())
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
        for value in self.points.iter().filter_map(|point| point.value()) {
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
        let mut with_values = self.points.iter().filter(|point| point.value().is_some());
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
            } => Point::new(period, value)
                .with_status(status)
                .with_note(note)
                .with_coverage(coverage),
        }
    }
}

impl From<Point> for PointForm {
    fn from(point: Point) -> Self {
        let value = point.value();
        match point.details {
            None => PointForm::Pair(point.period, value),
            Some(details) => {
                let PointDetails {
                    status,
                    note,
                    coverage,
                } = *details;
                PointForm::Full {
                    period: point.period,
                    value,
                    status,
                    note,
                    coverage,
                }
            }
        }
    }
}

/// Events in time order; the order of equal dates is kept.
pub fn sort_events(events: &mut [Event]) {
    events.sort_by_key(|event| event.date.first_day());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_is_24_bytes() {
        assert_eq!(std::mem::size_of::<Point>(), 24);
    }

    #[test]
    fn a_missing_value_is_missing_however_it_is_made() {
        let missing = Point::new(Period::Year(2018), None);
        assert_eq!(missing.value(), None);
        assert_eq!(Point::new(Period::Year(2018), Some(f64::NAN)), missing);
        let mut point = Point::new(Period::Year(2018), Some(-0.0));
        assert_eq!(point.value(), Some(0.0));
        point.set_value(None);
        assert_eq!(point, missing);
        point.set_value(Some(2.5));
        assert_eq!(point.value(), Some(2.5));
    }

    #[test]
    fn a_status_is_kept_with_a_note_and_freed_when_reported() {
        let mut point = Point::new(Period::Year(2018), Some(1.0)).with_status(Status::Estimated);
        assert_eq!(point.status(), Status::Estimated);
        point.set_note(Some("n".into()));
        point.set_note(None);
        assert_eq!(point.status(), Status::Estimated);
        point.set_status(Status::Reported);
        assert_eq!(point, Point::new(Period::Year(2018), Some(1.0)));
        assert!(point.details.is_none());
    }

    #[test]
    fn details_are_freed_when_emptied() {
        let mut point = Point::new(Period::Year(2018), Some(1.0)).with_note(Some("n".into()));
        assert_eq!(point.note(), Some("n"));
        point.set_note(None);
        assert_eq!(point, Point::new(Period::Year(2018), Some(1.0)));
        point.set_value(None);
        assert_eq!(point, Point::new(Period::Year(2018), None));
    }
}
