//! FRED-style transformations of series: level, change, percent change, change from a
//! year earlier, an index (= 100 at a chosen period) and a share of a total series.
//!
//! Pure functions on [`Series`] and [`Dataset`]. A transformed value that depends on a
//! missing value is missing (a gap stays a gap). A step series (a tariff rate) is
//! transformed at its own dates: its change is the size of each step.
//!
//! A change of a series in % is in percentage points (`pp`). No percentage is taken
//! from a base near zero (smaller than [`NEAR_ZERO_SHARE`] of the series' largest
//! absolute value) or across a change of sign: the value is a gap whose note says why,
//! and the transformation's notes say [`NO_PERCENT_NOTE`].

use std::fmt;

use chrono::{Datelike as _, NaiveDate};

use super::model::{Dataset, Point, Series, Status};
use super::period::Period;
use super::unit::Unit;

/// A base whose size is below this share of the series' largest absolute value is
/// "near zero": no percentage is taken from it (a trade balance of −$0.006bn in a
/// series reaching −$418bn would give 27,000%).
pub const NEAR_ZERO_SHARE: f64 = 0.001;

/// The note added when some percentage was not taken.
pub const NO_PERCENT_NOTE: &str = "% change not shown where the base is near zero or changes sign";

/// Why a percentage was not taken from a base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoPercent {
    /// The base is zero or near it (see [`NEAR_ZERO_SHARE`]).
    NearZero,
    /// The value and its base have opposite signs.
    SignChange,
}

impl NoPercent {
    /// The reason, as the note of the gap: "% not shown: the base is near zero".
    pub fn reason(self) -> &'static str {
        match self {
            NoPercent::NearZero => "% not shown: the base is near zero",
            NoPercent::SignChange => "% not shown: the value changes sign from its base",
        }
    }
}

/// `(now ÷ base − 1) × 100`, unless `base` is near zero for a series whose largest
/// absolute value is `scale`, or `now` and `base` have opposite signs. A negative base
/// of the same sign gives the change in size: −400 to −350 is −12.5%.
pub fn percent_change_between(base: f64, now: f64, scale: f64) -> Result<f64, NoPercent> {
    check_base(base, now, scale).map(|()| (now / base - 1.0) * 100.0)
}

/// Whether a percentage of `now` against `base` may be taken, in a series whose
/// largest absolute value is `scale`: `Err` when `base` is near zero or `now` has the
/// other sign.
pub fn check_base(base: f64, now: f64, scale: f64) -> Result<(), NoPercent> {
    if !is_meaningful_base(base, scale) {
        return Err(NoPercent::NearZero);
    }
    if base * now < 0.0 {
        return Err(NoPercent::SignChange);
    }
    Ok(())
}

/// True when `value` is a usable base for an index or a percentage in a series whose
/// largest absolute value is `scale`: not zero, not near it.
pub fn is_meaningful_base(value: f64, scale: f64) -> bool {
    value.is_finite() && value != 0.0 && value.abs() >= scale.abs() * NEAR_ZERO_SHARE
}

/// The largest absolute finite value of a series.
pub fn largest_magnitude(series: &Series) -> f64 {
    series
        .points
        .iter()
        .filter_map(|point| point.value())
        .filter(|value| value.is_finite())
        .map(f64::abs)
        .fold(0.0, f64::max)
}

/// The index base to offer first: the earliest whole year (else period) of `periods`
/// at which every one of `series` has a meaningful value (see [`is_meaningful_base`]);
/// failing that, the earliest at which the most of them have one. `None` without
/// periods.
pub fn default_index_base(series: &[&Series], periods: &[Period]) -> Option<Period> {
    let scales: Vec<f64> = series
        .iter()
        .map(|series| largest_magnitude(series))
        .collect();
    let meaningful_at = |base: Period| {
        series
            .iter()
            .zip(&scales)
            .filter(|(series, scale)| {
                base_value(series, base).is_some_and(|value| is_meaningful_base(value, **scale))
            })
            .count()
    };
    let years: Vec<Period> = periods
        .iter()
        .copied()
        .filter(|period| matches!(period, Period::Year(_)))
        .collect();
    let candidates: &[Period] = if years.is_empty() { periods } else { &years };
    let mut best: Option<(Period, usize)> = None;
    for &period in candidates {
        let count = meaningful_at(period);
        if count == series.len() {
            return Some(period);
        }
        if best.is_none_or(|(_, most)| count > most) {
            best = Some((period, count));
        }
    }
    best.map(|(period, _)| period)
}

/// How every series of a dataset is shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Transform {
    /// The values as they are.
    #[default]
    Level,
    /// `x(t) − x(t−1)`, in the series' own unit.
    Change,
    /// `(x(t) / x(t−1) − 1) × 100`, in percent.
    PercentChange,
    /// Percent change from the value one year earlier: the previous year, the same
    /// quarter or month a year before, or for days the value in force a year before.
    YearOverYear,
    /// `x(t) / x(base) × 100`; `base` may be coarser than the series (a year for
    /// monthly data: the base is then the average over that year).
    Index(Period),
    /// `x(t) / total(t) × 100`, where `total` names a series of the same unit.
    Share(String),
}

/// The transformations a user can choose, for menus (`Index` and `Share` with a
/// placeholder base and total).
pub const TRANSFORM_KINDS: [&str; 6] = ["level", "change", "pct", "yoy", "index", "share"];

impl Transform {
    /// Reads the command-line form: `level`, `change`, `pct`, `yoy`, `index:2018`,
    /// `share:Imports`.
    pub fn parse(text: &str) -> Result<Transform, String> {
        let text = text.trim();
        let (kind, argument) = match text.split_once(':') {
            Some((kind, argument)) => (kind.trim(), Some(argument.trim())),
            None => (text, None),
        };
        let needs_nothing = |transform: Transform| match argument {
            None => Ok(transform),
            Some(argument) => Err(format!(
                "expected no \":\" after \"{kind}\", found \"{argument}\""
            )),
        };
        match kind.to_ascii_lowercase().as_str() {
            "level" | "lin" => needs_nothing(Transform::Level),
            "change" | "chg" => needs_nothing(Transform::Change),
            "pct" | "percent-change" | "pch" => needs_nothing(Transform::PercentChange),
            "yoy" | "pc1" => needs_nothing(Transform::YearOverYear),
            "index" => {
                let base = argument.filter(|base| !base.is_empty()).ok_or_else(|| {
                    "expected a base period after \"index:\", e.g. index:2018, found nothing"
                        .to_string()
                })?;
                Period::parse(base)
                    .map(Transform::Index)
                    .map_err(|error| error.0)
            }
            "share" => argument
                .filter(|total| !total.is_empty())
                .map(|total| Transform::Share(total.to_string()))
                .ok_or_else(|| {
                    "expected a total series after \"share:\", e.g. share:Imports, found nothing"
                        .to_string()
                }),
            _ => Err(format!(
                "expected level, change, pct, yoy, index:PERIOD or share:SERIES, found \"{text}\""
            )),
        }
    }

    /// True for [`Transform::Level`]: nothing to do.
    pub fn is_level(&self) -> bool {
        *self == Transform::Level
    }

    /// The words for a menu: "Level", "Change", "Percent change", …
    pub fn label(&self) -> String {
        match self {
            Transform::Level => "Level".into(),
            Transform::Change => "Change".into(),
            Transform::PercentChange => "Percent change".into(),
            Transform::YearOverYear => "Percent change from a year ago".into(),
            Transform::Index(base) => format!("Index ({base} = 100)"),
            Transform::Share(total) => format!("Share of {total}"),
        }
    }

    /// The unit of a series of `unit` once transformed.
    pub fn unit(&self, unit: &Unit) -> Unit {
        match self {
            Transform::Level => unit.clone(),
            // A change of a rate is in percentage points, not percent.
            Transform::Change if unit.is_percent() => Unit::verbatim("pp"),
            Transform::Change => unit.clone(),
            Transform::PercentChange | Transform::YearOverYear => Unit::parse("%"),
            Transform::Index(base) => Unit::verbatim(&format!("index ({base} = 100)")),
            Transform::Share(total) => Unit::verbatim(&format!("% of {total}")),
        }
    }

    /// The value axis title for a panel of transformed series, given the title the
    /// plain unit would have (`US$ billions`).
    pub fn axis_title(&self, plain_title: &str) -> String {
        match self {
            Transform::Level => plain_title.to_string(),
            Transform::Change if plain_title == "pp" || plain_title == "Percentage points" => {
                "Change, percentage points".into()
            }
            Transform::Change => format!("Change, {plain_title}"),
            Transform::PercentChange => "Percent change from previous period".into(),
            Transform::YearOverYear => "Percent change from a year ago".into(),
            Transform::Index(base) => format!("Index ({base} = 100)"),
            Transform::Share(total) => format!("% of {total}"),
        }
    }
}

impl fmt::Display for Transform {
    /// The command-line form, which [`Transform::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Transform::Level => f.write_str("level"),
            Transform::Change => f.write_str("change"),
            Transform::PercentChange => f.write_str("pct"),
            Transform::YearOverYear => f.write_str("yoy"),
            Transform::Index(base) => write!(f, "index:{base}"),
            Transform::Share(total) => write!(f, "share:{total}"),
        }
    }
}

/// A dataset with every series transformed, and what could not be done.
#[derive(Clone, Debug, PartialEq)]
pub struct Transformed {
    pub dataset: Dataset,
    /// Remarks for the user, e.g. series left out of a share of a total in another unit.
    pub notes: Vec<String>,
}

/// Transforms every series of `dataset` (events and metadata unchanged). For a share,
/// the total itself and series in another unit than the total are left out (a note
/// says so); an unknown total leaves the dataset as it is, with a note.
pub fn transform_dataset(dataset: &Dataset, transform: &Transform) -> Transformed {
    let mut notes = Vec::new();
    let mut out = dataset.clone();
    match transform {
        Transform::Level => {}
        Transform::Share(total_name) => {
            let Some(total) = find_series(dataset, total_name) else {
                notes.push(format!(
                    "no series named \"{total_name}\" to take a share of; showing levels"
                ));
                return Transformed {
                    dataset: out,
                    notes,
                };
            };
            let mut left_out = Vec::new();
            out.series = dataset
                .series
                .iter()
                .filter(|series| series.name != total.name)
                .filter_map(|series| {
                    if series.unit == total.unit {
                        Some(share_of(series, total))
                    } else {
                        left_out.push(series.name.clone());
                        None
                    }
                })
                .collect();
            if !left_out.is_empty() {
                notes.push(format!(
                    "left out of the share of {}: {} (another unit)",
                    total.name,
                    left_out.join(", ")
                ));
            }
        }
        other => {
            if let Transform::Index(base) = other {
                let without: Vec<&str> = dataset
                    .series
                    .iter()
                    .filter(|series| {
                        base_value(series, *base).is_none_or(|value| {
                            !is_meaningful_base(value, largest_magnitude(series))
                        })
                    })
                    .map(|series| series.name.as_str())
                    .collect();
                if !without.is_empty() {
                    notes.push(format!(
                        "no value away from zero at {base} to index to: {}",
                        without.join(", ")
                    ));
                }
            }
            out.series = dataset
                .series
                .iter()
                .map(|series| transform_series(series, other))
                .collect();
            let percentages = matches!(
                other,
                Transform::PercentChange | Transform::YearOverYear | Transform::Index(_)
            );
            let withheld = out.series.iter().any(|series| {
                series.points.iter().any(|point| {
                    point.value().is_none()
                        && point.note().is_some_and(|note| {
                            note == NoPercent::NearZero.reason()
                                || note == NoPercent::SignChange.reason()
                        })
                })
            });
            if percentages && withheld {
                notes.push(NO_PERCENT_NOTE.to_string());
            }
        }
    }
    Transformed {
        dataset: out,
        notes,
    }
}

/// The series named `name` (exactly, else ignoring case).
pub fn find_series<'a>(dataset: &'a Dataset, name: &str) -> Option<&'a Series> {
    let name = name.trim();
    dataset
        .series
        .iter()
        .find(|series| series.name == name)
        .or_else(|| {
            dataset
                .series
                .iter()
                .find(|series| series.name.eq_ignore_ascii_case(name))
        })
}

/// One series transformed on its own. A share needs its total: use [`share_of`];
/// here it leaves the series as it is.
pub fn transform_series(series: &Series, transform: &Transform) -> Series {
    match transform {
        Transform::Level | Transform::Share(_) => series.clone(),
        Transform::Change => by_previous(series, transform, |now, before| Ok(now - before)),
        Transform::PercentChange => {
            let scale = largest_magnitude(series);
            by_previous(series, transform, |now, before| {
                percent_change_between(before, now, scale)
            })
        }
        Transform::YearOverYear => year_over_year(series),
        Transform::Index(base) => index(series, *base),
    }
}

/// `series ÷ total × 100` at each period both have; a period the total lacks (or
/// where it is zero) is missing.
pub fn share_of(series: &Series, total: &Series) -> Series {
    let transform = Transform::Share(total.name.clone());
    let points = sorted(series)
        .into_iter()
        .map(|point| {
            let total_point = total.points.iter().find(|t| t.period == point.period);
            let value = match (point.value(), total_point.and_then(|t| t.value())) {
                (Some(value), Some(sum)) if sum != 0.0 => Some(value / sum * 100.0),
                _ => None,
            };
            derived(point, total_point, value)
        })
        .collect();
    with_points(series, &transform, points)
}

/// The points in time order (a file may list them in any order).
fn sorted(series: &Series) -> Vec<&Point> {
    let mut points: Vec<&Point> = series.points.iter().collect();
    points.sort_by_key(|point| point.period);
    points
}

/// Each value against the previous period's: the year, quarter or month just before
/// (a period not listed is a missing value), or for days the day listed before (daily
/// data skips weekends; a step series changes on irregular days). The first has
/// nothing to compare.
fn by_previous(
    series: &Series,
    transform: &Transform,
    combine: impl Fn(f64, f64) -> Result<f64, NoPercent>,
) -> Series {
    let points = sorted(series);
    let mut out = Vec::with_capacity(points.len());
    for (position, point) in points.iter().enumerate() {
        let listed_before = position
            .checked_sub(1)
            .and_then(|before| points.get(before))
            .copied();
        let previous = match period_before(point.period) {
            Some(wanted) => listed_before.filter(|before| before.period == wanted),
            None => listed_before,
        };
        let value = match (point.value(), previous.and_then(|p| p.value())) {
            (Some(now), Some(before)) => combine(now, before).map(Some),
            _ => Ok(None),
        };
        out.push(derived_or_withheld(point, previous, value));
    }
    with_points(series, transform, out)
}

/// The period just before `period`; `None` for a day (see [`by_previous`]).
fn period_before(period: Period) -> Option<Period> {
    match period {
        Period::Year(y) => Some(Period::Year(y - 1)),
        Period::Quarter(y, 1) => Some(Period::Quarter(y - 1, 4)),
        Period::Quarter(y, q) => Some(Period::Quarter(y, q - 1)),
        Period::Month(y, 1) => Some(Period::Month(y - 1, 12)),
        Period::Month(y, m) => Some(Period::Month(y, m - 1)),
        Period::Day(_) => None,
    }
}

/// Percent change from the value a year earlier (see [`year_earlier`]).
fn year_over_year(series: &Series) -> Series {
    let points = sorted(series);
    let scale = largest_magnitude(series);
    let out = points
        .iter()
        .map(|point| {
            let earlier = year_earlier(&points, point.period);
            let value = match (point.value(), earlier.and_then(|p| p.value())) {
                (Some(now), Some(before)) => percent_change_between(before, now, scale).map(Some),
                _ => Ok(None),
            };
            derived_or_withheld(point, earlier, value)
        })
        .collect();
    with_points(series, &Transform::YearOverYear, out)
}

/// The point a year before `period`: the same kind of period one year back (a lag of
/// 1 for years, 4 for quarters, 12 for months); for a day, the last point on or before
/// the same date a year back (29 February falls back to the 28th), which is the value
/// in force then for a step series and the last observation for a daily one.
fn year_earlier<'a>(points: &[&'a Point], period: Period) -> Option<&'a Point> {
    let target = match period {
        Period::Year(y) => Period::Year(y - 1),
        Period::Quarter(y, q) => Period::Quarter(y - 1, q),
        Period::Month(y, m) => Period::Month(y - 1, m),
        Period::Day(date) => {
            let back = one_year_before(date)?;
            return points
                .iter()
                .copied()
                .filter(|point| matches!(point.period, Period::Day(day) if day <= back))
                .max_by_key(|point| point.period);
        }
    };
    points.iter().copied().find(|point| point.period == target)
}

fn one_year_before(date: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year() - 1, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(date.year() - 1, date.month(), date.day() - 1))
}

/// `x ÷ base × 100`, with the base the value at `base` or, for a finer series, the
/// average of its values inside `base`. No base value: all missing. A base near zero
/// (see [`NEAR_ZERO_SHARE`]): all withheld; a value of the other sign than the base:
/// withheld.
fn index(series: &Series, base: Period) -> Series {
    let base_value = base_value(series, base);
    let scale = largest_magnitude(series);
    let points = sorted(series)
        .into_iter()
        .map(|point| {
            let value = match (point.value(), base_value) {
                (Some(_), Some(base)) if !is_meaningful_base(base, scale) => {
                    Err(NoPercent::NearZero)
                }
                (Some(value), Some(base)) if value * base < 0.0 => Err(NoPercent::SignChange),
                (Some(value), Some(base)) => Ok(Some(value / base * 100.0)),
                _ => Ok(None),
            };
            derived_or_withheld(point, None, value)
        })
        .collect();
    with_points(series, &Transform::Index(base), points)
}

/// The series' value at `base`: the point of that very period, else the average of
/// the points inside it when all of them hold a value.
pub fn base_value(series: &Series, base: Period) -> Option<f64> {
    if let Some(point) = series.points.iter().find(|point| point.period == base) {
        return point.value();
    }
    let (start, end) = (base.first_day(), base.end_day());
    let inside: Vec<&Point> = series
        .points
        .iter()
        .filter(|point| point.period.first_day() >= start && point.period.end_day() <= end)
        .collect();
    if inside.is_empty() {
        return None;
    }
    let values: Option<Vec<f64>> = inside.iter().map(|point| point.value()).collect();
    let values = values?;
    Some(values.iter().sum::<f64>() / values.len() as f64)
}

/// A transformed point at `point`'s period: it keeps the point's note, and is as
/// unsure as the least sure of the values it came from.
fn derived(point: &Point, other: Option<&Point>, value: Option<f64>) -> Point {
    let status = if point.status() != Status::Reported {
        point.status()
    } else {
        other.map_or(Status::Reported, |other| other.status())
    };
    Point::new(point.period, value.filter(|value| value.is_finite()))
        .with_status(status)
        .with_note(point.note().map(str::to_string))
        .with_coverage(point.coverage())
}

/// [`derived`], or for a percentage withheld a gap whose note gives the reason.
fn derived_or_withheld(
    point: &Point,
    other: Option<&Point>,
    value: Result<Option<f64>, NoPercent>,
) -> Point {
    match value {
        Ok(value) => derived(point, other, value),
        Err(reason) => derived(point, other, None).with_note(Some(reason.reason().to_string())),
    }
}

fn with_points(series: &Series, transform: &Transform, points: Vec<Point>) -> Series {
    Series {
        name: series.name.clone(),
        unit: transform.unit(&series.unit),
        step: series.step,
        source: series.source.clone(),
        points,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    fn series(name: &str, unit: &str, points: &[(&str, Option<f64>)]) -> Series {
        Series {
            name: name.into(),
            unit: Unit::parse(unit),
            step: false,
            source: None,
            points: points
                .iter()
                .map(|(period, value)| Point::new(Period::parse(period).unwrap(), *value))
                .collect(),
        }
    }

    fn values(series: &Series) -> Vec<Option<f64>> {
        series
            .points
            .iter()
            .map(|point| point.value().map(|v| (v * 1000.0).round() / 1000.0))
            .collect()
    }

    #[test]
    fn parses_the_command_line_forms_and_writes_them_back() {
        for text in [
            "level",
            "change",
            "pct",
            "yoy",
            "index:2018",
            "share:Imports",
        ] {
            assert_eq!(Transform::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(
            Transform::parse("index:2018-Q3").unwrap(),
            Transform::Index(Period::Quarter(2018, 3))
        );
        for bad in [
            "",
            "log",
            "index",
            "index:",
            "index:7/6/2018",
            "share:",
            "yoy:3",
        ] {
            assert!(Transform::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn change_and_percent_change_compare_with_the_previous_period() {
        let s = series(
            "Imports",
            "USD bn",
            &[
                ("2017", Some(100.0)),
                ("2018", Some(125.0)),
                ("2019", Some(100.0)),
            ],
        );
        let change = transform_series(&s, &Transform::Change);
        assert_eq!(values(&change), [None, Some(25.0), Some(-25.0)]);
        assert_eq!(change.unit, Unit::parse("USD bn"));
        let pct = transform_series(&s, &Transform::PercentChange);
        assert_eq!(values(&pct), [None, Some(25.0), Some(-20.0)]);
        assert!(pct.unit.is_percent());
    }

    #[test]
    fn a_missing_value_makes_every_value_that_depends_on_it_missing() {
        let s = series(
            "Imports",
            "USD bn",
            &[
                ("2016", Some(80.0)),
                ("2017", None),
                ("2018", Some(120.0)),
                ("2019", Some(150.0)),
            ],
        );
        assert_eq!(
            values(&transform_series(&s, &Transform::Change)),
            [None, None, None, Some(30.0)]
        );
        assert_eq!(
            values(&transform_series(&s, &Transform::YearOverYear)),
            [None, None, None, Some(25.0)]
        );
        assert_eq!(
            values(&transform_series(&s, &Transform::Index(Period::Year(2018)))),
            [Some(66.667), None, Some(100.0), Some(125.0)]
        );
        // A missing base: nothing to index to.
        let none = transform_series(&s, &Transform::Index(Period::Year(2017)));
        assert!(none.points.iter().all(|point| point.value().is_none()));
        let dataset = Dataset {
            series: vec![s],
            ..Dataset::default()
        };
        let noted = transform_dataset(&dataset, &Transform::Index(Period::Year(2017)));
        assert_eq!(
            noted.notes,
            ["no value away from zero at 2017 to index to: Imports"]
        );
    }

    #[test]
    fn a_period_not_listed_is_missing_too() {
        let s = series(
            "M",
            "",
            &[
                ("2018-11", Some(1.0)),
                ("2019-01", Some(3.0)),
                ("2019-02", Some(4.0)),
            ],
        );
        assert_eq!(
            values(&transform_series(&s, &Transform::Change)),
            [None, None, Some(1.0)]
        );
        let quarters = series("Q", "", &[("2018-Q4", Some(1.0)), ("2019-Q1", Some(3.0))]);
        assert_eq!(
            values(&transform_series(&quarters, &Transform::Change)),
            [None, Some(2.0)]
        );
    }

    #[test]
    fn percent_change_from_zero_is_missing_not_infinite() {
        let s = series("X", "", &[("2017", Some(0.0)), ("2018", Some(5.0))]);
        assert_eq!(
            values(&transform_series(&s, &Transform::PercentChange)),
            [None, None]
        );
    }

    #[test]
    fn year_over_year_uses_the_same_period_a_year_before() {
        let months = series(
            "M",
            "",
            &[
                ("2018-01", Some(100.0)),
                ("2018-02", Some(50.0)),
                ("2019-01", Some(110.0)),
                ("2019-02", Some(40.0)),
            ],
        );
        assert_eq!(
            values(&transform_series(&months, &Transform::YearOverYear)),
            [None, None, Some(10.0), Some(-20.0)]
        );
        let quarters = series(
            "Q",
            "",
            &[
                ("2018-Q1", Some(10.0)),
                ("2018-Q2", Some(20.0)),
                ("2019-Q1", Some(15.0)),
            ],
        );
        assert_eq!(
            values(&transform_series(&quarters, &Transform::YearOverYear)),
            [None, None, Some(50.0)]
        );
    }

    #[test]
    fn daily_year_over_year_takes_the_value_in_force_a_year_before() {
        let mut tariff = series(
            "Tariff",
            "%",
            &[
                ("2018-07-06", Some(10.0)),
                ("2019-05-10", Some(20.0)),
                ("2019-09-01", Some(25.0)),
            ],
        );
        tariff.step = true;
        let yoy = transform_series(&tariff, &Transform::YearOverYear);
        // 2019-05-10: nothing was in force a year before. 2019-09-01 against
        // 2018-09-01, when 10% was in force.
        assert_eq!(values(&yoy), [None, None, Some(150.0)]);
        assert!(yoy.step);
    }

    #[test]
    fn index_of_a_monthly_series_to_a_year_uses_the_years_average() {
        let s = series(
            "M",
            "",
            &[
                ("2018-01", Some(90.0)),
                ("2018-02", Some(110.0)),
                ("2019-01", Some(150.0)),
            ],
        );
        let indexed = transform_series(&s, &Transform::Index(Period::Year(2018)));
        assert_eq!(values(&indexed), [Some(90.0), Some(110.0), Some(150.0)]);
        assert_eq!(indexed.unit.as_str(), "index (2018 = 100)");
    }

    #[test]
    fn share_of_a_total_in_the_same_unit() {
        let dataset = Dataset {
            series: vec![
                series(
                    "Imports",
                    "USD bn",
                    &[("2018", Some(500.0)), ("2019", Some(400.0))],
                ),
                series(
                    "Exports",
                    "USD bn",
                    &[("2018", Some(100.0)), ("2019", None)],
                ),
                series("Tariff", "%", &[("2018", Some(10.0))]),
            ],
            ..Dataset::default()
        };
        let transformed = transform_dataset(&dataset, &Transform::Share("imports".into()));
        assert_eq!(transformed.dataset.series.len(), 1);
        let exports = &transformed.dataset.series[0];
        assert_eq!(values(exports), [Some(20.0), None]);
        assert_eq!(exports.unit.as_str(), "% of Imports");
        assert!(
            transformed.notes[0].contains("Tariff"),
            "{:?}",
            transformed.notes
        );
        let unknown = transform_dataset(&dataset, &Transform::Share("Nope".into()));
        assert_eq!(unknown.dataset, dataset);
        assert_eq!(unknown.notes.len(), 1);
    }

    #[test]
    fn transformed_values_are_as_unsure_as_their_inputs() {
        let mut s = series("X", "", &[("2017", Some(1.0)), ("2018", Some(2.0))]);
        s.points[0].set_status(Status::Estimated);
        let change = transform_series(&s, &Transform::Change);
        assert_eq!(change.points[1].status(), Status::Estimated);
    }

    #[test]
    fn percent_change_is_withheld_from_a_base_near_zero_or_across_a_change_of_sign() {
        // A trade balance: −0.006 in 1985 against −418 at most; 2.0 after −3.0.
        let s = series(
            "Balance",
            "USD bn",
            &[
                ("1985", Some(-0.006)),
                ("1986", Some(-1.7)),
                ("1987", Some(-2.8)),
                ("1988", Some(-418.0)),
                ("1989", Some(2.0)),
            ],
        );
        let pct = transform_series(&s, &Transform::PercentChange);
        // 1986 from −0.006 would be +28,233%: withheld. 1987: −1.7 → −2.8 is +64.706%
        // (1.7 is 0.4% of 418, above the 0.1% threshold). 1988: (418 / 2.8 − 1) × 100.
        // 1989: −418 → 2: the sign changes.
        assert_eq!(
            values(&pct),
            [None, None, Some(64.706), Some(14828.571), None]
        );
        assert_eq!(pct.points[1].note(), Some(NoPercent::NearZero.reason()));
        assert_eq!(pct.points[4].note(), Some(NoPercent::SignChange.reason()));
        assert_eq!(pct.points[0].note(), None);
        let dataset = Dataset {
            series: vec![s.clone()],
            ..Dataset::default()
        };
        let transformed = transform_dataset(&dataset, &Transform::PercentChange);
        assert_eq!(transformed.notes, [NO_PERCENT_NOTE]);
        assert_eq!(
            NO_PERCENT_NOTE,
            "% change not shown where the base is near zero or changes sign"
        );
        // Year over year: the same rule.
        let yoy = transform_series(&s, &Transform::YearOverYear);
        assert_eq!(values(&yoy), values(&pct));
        // Plain change needs no base.
        let change = transform_series(&s, &Transform::Change);
        assert_eq!(
            change.points[1]
                .value()
                .map(|v| (v * 1000.0).round() / 1000.0),
            Some(-1.694)
        );
    }

    #[test]
    fn an_index_is_withheld_from_a_base_near_zero_and_across_a_change_of_sign() {
        let s = series(
            "Balance",
            "USD bn",
            &[
                ("1985", Some(-0.006)),
                ("1986", Some(-200.0)),
                ("1987", Some(-400.0)),
                ("1988", Some(10.0)),
            ],
        );
        // Base 1985 (−0.006): would be 6,666,667 for 1987; withheld throughout.
        let from_1985 = transform_series(&s, &Transform::Index(Period::Year(1985)));
        assert_eq!(values(&from_1985), [None, None, None, None]);
        assert_eq!(
            from_1985.points[2].note(),
            Some(NoPercent::NearZero.reason())
        );
        // Base 1986 (−200): −400 is 200; 10 (a surplus) is of the other sign.
        let from_1986 = transform_series(&s, &Transform::Index(Period::Year(1986)));
        assert_eq!(
            values(&from_1986),
            [Some(0.003), Some(100.0), Some(200.0), None]
        );
        assert_eq!(
            from_1986.points[3].note(),
            Some(NoPercent::SignChange.reason())
        );
        let dataset = Dataset {
            series: vec![s],
            ..Dataset::default()
        };
        let noted = transform_dataset(&dataset, &Transform::Index(Period::Year(1985)));
        assert_eq!(
            noted.notes,
            [
                "no value away from zero at 1985 to index to: Balance",
                NO_PERCENT_NOTE
            ]
        );
    }

    #[test]
    fn the_default_index_base_is_the_first_year_where_every_series_has_a_meaningful_value() {
        let balance = series(
            "Balance",
            "USD bn",
            &[
                ("1985", Some(-0.006)),
                ("1986", Some(-1.7)),
                ("2018", Some(-418.0)),
                ("2019", Some(-345.0)),
            ],
        );
        let mut tariff = series(
            "Tariff",
            "%",
            &[
                ("2018-01-01", Some(3.1)),
                ("2018-07-06", Some(6.7)),
                ("2019-06-15", Some(17.5)),
            ],
        );
        tariff.step = true;
        let dataset = Dataset {
            series: vec![balance.clone(), tariff.clone()],
            ..Dataset::default()
        };
        let periods = dataset.periods();
        // 1985: the balance is near zero; 1986: no tariff yet; 2018: both.
        assert_eq!(
            default_index_base(&[&balance, &tariff], &periods),
            Some(Period::Year(2018))
        );
        // The balance alone: 1986 (−1.7 is 0.4% of 418).
        assert_eq!(
            default_index_base(&[&balance], &periods),
            Some(Period::Year(1986))
        );
        assert_eq!(default_index_base(&[&balance], &[]), None);
    }

    #[test]
    fn a_change_of_a_rate_is_in_percentage_points() {
        let pct = Unit::parse("%");
        assert_eq!(Transform::Change.unit(&pct).as_str(), "pp");
        assert_eq!(
            Transform::Change.axis_title("Percentage points"),
            "Change, percentage points"
        );
        let s = series("Tariff", "%", &[("2018", Some(16.8)), ("2019", Some(23.6))]);
        let change = transform_series(&s, &Transform::Change);
        assert_eq!(change.unit.as_str(), "pp");
        assert_eq!(values(&change), [None, Some(6.8)]);
    }

    #[test]
    fn labels_units_and_axis_titles_say_which_transformation() {
        let usd = Unit::parse("USD bn");
        assert_eq!(
            Transform::Change.axis_title("US$ billions"),
            "Change, US$ billions"
        );
        assert_eq!(Transform::Change.unit(&usd), usd);
        assert!(Transform::YearOverYear.unit(&usd).is_percent());
        assert_eq!(
            Transform::Share("Imports".into()).axis_title("US$ billions"),
            "% of Imports"
        );
        assert_eq!(
            Transform::Index(Period::Year(2018)).label(),
            "Index (2018 = 100)"
        );
    }
}
