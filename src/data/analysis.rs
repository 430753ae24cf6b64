//! Before/after figures for an event: for a flow series the average over the N
//! periods before the event and the N periods after it; for a step series (a tariff
//! rate) the rate in force just before the event and the rate in force once its
//! changes took effect (or, when asked, time-weighted averages over equal windows);
//! and the change between them.
//!
//! Which periods of a flow series are "before" and which "after" (the rule the README
//! documents):
//! - a period that ends on or before the event's first day is **before**;
//! - a period that starts on or after the event's first day is **after**;
//! - the period the event falls inside (a year holding a July event) counts as
//!   **after** when the event is in its first half (its first day is before the
//!   period's middle), and is **left out** otherwise: most of it came before.
//!
//! The N periods are the N listed periods nearest the event on each side; a missing
//! value among them is left out of the average (`before_count` says how many values
//! it holds).
//!
//! For a step series, "before" is the value of the last step dated before the event's
//! (effective) day, "after" the value of the first step dated on or after it. With a
//! window of D days, "before" is the average over the D days before the event of the
//! rate in force each day, "after" the same over the D days from the event on (days
//! without a rate in force are left out).
//!
//! A side that reaches into another event (the periods after an event holding the next
//! one, a step that came after the next event) names that event, so the table can mark
//! it. A change of a rate (a series in %) is in percentage points; its percent change
//! (a percent of a percent) is given only when asked.

use chrono::NaiveDate;
use serde::Serialize;

use super::model::{Dataset, Event, Point, Series};
use super::period::Period;
use super::transform::{check_base, largest_magnitude};

/// How many periods on each side, unless the user chooses.
pub const DEFAULT_PERIODS: usize = 3;

/// The window of a time-weighted average of a step series, unless the user chooses.
pub const DEFAULT_WINDOW_DAYS: u32 = 90;

/// How the figures are taken: N periods for flows, and the rule for step series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BeforeAfterOptions {
    /// N, the periods averaged on each side of a flow series (at least 1).
    pub periods: usize,
    /// `None`: a step series' rate in force just before and once the changes took
    /// effect; `Some(D)`: its time-weighted average over D days on each side.
    pub step_window_days: Option<u32>,
    /// Also give the percent change of a rate (a percent of a percent).
    pub relative_change_of_rates: bool,
}

impl Default for BeforeAfterOptions {
    fn default() -> Self {
        Self {
            periods: DEFAULT_PERIODS,
            step_window_days: None,
            relative_change_of_rates: false,
        }
    }
}

/// How one series' before and after were taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// A flow series: the average of N periods on each side.
    PeriodAverage,
    /// A step series: the rate in force just before, and once the changes took effect.
    InForce,
    /// A step series: time-weighted averages over a window of days on each side.
    TimeWeighted,
}

impl Method {
    /// The words for the table, e.g. "rate in force".
    pub fn label(self) -> &'static str {
        match self {
            Method::PeriodAverage => "average of periods",
            Method::InForce => "rate in force",
            Method::TimeWeighted => "time-weighted average",
        }
    }
}

/// Which side of an event a period is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
    /// The period holds the event in its second half: left out.
    LeftOut,
}

/// The side of an event on `event` (its first day counts) that `period` is on (see the
/// module's rule).
pub fn side_of(period: Period, event: Period) -> Side {
    let day = event.first_day();
    if period.end_day() <= day {
        Side::Before
    } else if period.first_day() >= day || event.start_x() < period.mid_x() {
        // Starts at or after the event, or holds it in its first half.
        Side::After
    } else {
        Side::LeftOut
    }
}

/// The before/after figures of every series for one event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BeforeAfter {
    /// The event's title.
    pub event: String,
    /// The event's date, e.g. `2018-07-06`.
    pub date: String,
    /// N: periods averaged on each side of a flow series.
    pub periods: usize,
    /// The window of the time-weighted averages of step series, in days; `None` when
    /// step series give the rate in force.
    pub step_window_days: Option<u32>,
    pub series: Vec<SeriesBeforeAfter>,
}

/// One series' figures before and after an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesBeforeAfter {
    pub name: String,
    pub unit: String,
    /// How before and after were taken (see [`Method`]).
    pub method: Method,
    /// Before the event (see [`Method`]); `None` when there is no value.
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// `after − before`, in `change_unit`.
    pub change: Option<f64>,
    /// `pp` (percentage points) for a series in %, else the series' unit.
    pub change_unit: String,
    /// `change ÷ |before| × 100`, for a series not in %; `None` when `before` is
    /// missing, near zero (see [`super::transform::NEAR_ZERO_SHARE`]) or of the other
    /// sign than `after`.
    pub change_percent: Option<f64>,
    /// For a series in %, the percent change of the rate (a percent of a percent),
    /// only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_change_percent: Option<f64>,
    /// Values (flows) or steps in force (steps) taken on each side.
    pub before_count: usize,
    pub after_count: usize,
    /// First and last period (or day) taken before the event, e.g. `["2015", "2017"]`.
    pub before_periods: Option<(String, String)>,
    pub after_periods: Option<(String, String)>,
    /// The title of another event that the before side reaches back into, if any.
    pub before_crosses: Option<String>,
    /// The title of the next event that the after side reaches into, if any.
    pub after_crosses: Option<String>,
}

/// The before/after figures of every series of `dataset` around `event`, with `periods`
/// (at least 1) on each side of a flow series and the rate in force for a step series.
pub fn before_after(dataset: &Dataset, event: &Event, periods: usize) -> BeforeAfter {
    before_after_with(
        dataset,
        event,
        &BeforeAfterOptions {
            periods,
            ..BeforeAfterOptions::default()
        },
    )
}

/// The before/after figures of every series of `dataset` around `event`, as `options`
/// ask.
pub fn before_after_with(
    dataset: &Dataset,
    event: &Event,
    options: &BeforeAfterOptions,
) -> BeforeAfter {
    let options = BeforeAfterOptions {
        periods: options.periods.max(1),
        step_window_days: options.step_window_days.map(|days| days.max(1)),
        ..*options
    };
    BeforeAfter {
        event: event.title.clone(),
        date: event.date.to_string(),
        periods: options.periods,
        step_window_days: options.step_window_days,
        series: dataset
            .series
            .iter()
            .map(|series| series_figures(series, event, &dataset.events, &options))
            .collect(),
    }
}

/// One side's figure: the value, how many values or steps it holds, the first and
/// last period (or day) it covers, and the days it spans (first, end exclusive).
struct SideFigure {
    value: Option<f64>,
    count: usize,
    span: Option<(String, String)>,
    days: Option<(NaiveDate, NaiveDate)>,
}

/// One series' figures around `event`; `events` are all the dataset's (for marking a
/// side that reaches into another one).
pub fn series_figures(
    series: &Series,
    event: &Event,
    events: &[Event],
    options: &BeforeAfterOptions,
) -> SeriesBeforeAfter {
    let mut points: Vec<&Point> = series.points.iter().collect();
    points.sort_by_key(|point| point.period);
    let day = event.date.first_day();
    let (method, before, after) = if !series.step {
        let (before, after) = flow_sides(&points, event.date, options.periods);
        (Method::PeriodAverage, before, after)
    } else if let Some(days) = options.step_window_days {
        let (before, after) = time_weighted_sides(&points, day, days);
        (Method::TimeWeighted, before, after)
    } else {
        let (before, after) = in_force_sides(&points, day);
        (Method::InForce, before, after)
    };
    let change = before.value.zip(after.value).map(|(b, a)| a - b);
    let is_rate = series.unit.is_percent();
    let scale = largest_magnitude(series);
    let percent = before
        .value
        .zip(after.value)
        .filter(|(b, a)| check_base(*b, *a, scale).is_ok())
        .map(|(b, a)| (a - b) / b.abs() * 100.0);
    let (change_percent, relative_change_percent) = if is_rate {
        (None, percent.filter(|_| options.relative_change_of_rates))
    } else {
        (percent, None)
    };
    let before_crosses = before.days.and_then(|(first, _)| {
        events
            .iter()
            .filter(|other| {
                let other_day = other.date.first_day();
                other_day >= first && other_day < day
            })
            .max_by_key(|other| other.date.first_day())
            .map(|other| other.title.clone())
    });
    let after_crosses = after.days.and_then(|(_, end)| {
        events
            .iter()
            .filter(|other| {
                let other_day = other.date.first_day();
                other_day > day && other_day < end
            })
            .min_by_key(|other| other.date.first_day())
            .map(|other| other.title.clone())
    });
    SeriesBeforeAfter {
        name: series.name.clone(),
        unit: series.unit.to_string(),
        method,
        before: before.value,
        after: after.value,
        change,
        change_unit: if is_rate {
            "pp".to_string()
        } else {
            series.unit.to_string()
        },
        change_percent,
        relative_change_percent,
        before_count: before.count,
        after_count: after.count,
        before_periods: before.span,
        after_periods: after.span,
        before_crosses,
        after_crosses,
    }
}

/// A flow series: the averages of the N periods nearest the event on each side.
fn flow_sides(points: &[&Point], event: Period, periods: usize) -> (SideFigure, SideFigure) {
    let before: Vec<&Point> = {
        let mut side: Vec<&Point> = points
            .iter()
            .copied()
            .filter(|point| side_of(point.period, event) == Side::Before)
            .rev()
            .take(periods)
            .collect();
        side.reverse();
        side
    };
    let after: Vec<&Point> = points
        .iter()
        .copied()
        .filter(|point| side_of(point.period, event) == Side::After)
        .take(periods)
        .collect();
    let figure = |side: &[&Point]| {
        let (value, count) = mean(side);
        SideFigure {
            value,
            count,
            span: span(side),
            days: side
                .first()
                .zip(side.last())
                .map(|(first, last)| (first.period.first_day(), last.period.end_day())),
        }
    };
    (figure(&before), figure(&after))
}

/// A step series: the value of the last step dated before `day`, and of the first step
/// dated on or after it.
fn in_force_sides(points: &[&Point], day: NaiveDate) -> (SideFigure, SideFigure) {
    let before_step = points
        .iter()
        .rev()
        .find(|point| point.period.first_day() < day);
    let before = match before_step {
        Some(point) => {
            let value = point.value().filter(|value| value.is_finite());
            let last_day = day.pred_opt().unwrap_or(day);
            SideFigure {
                value,
                count: usize::from(value.is_some()),
                span: Some((point.period.to_string(), last_day.to_string())),
                // In force at the event: no window that could reach another event.
                days: None,
            }
        }
        None => SideFigure::empty(),
    };
    let after = match points.iter().find(|point| point.period.first_day() >= day) {
        Some(point) => {
            let value = point.value().filter(|value| value.is_finite());
            let step_day = point.period.first_day();
            SideFigure {
                value,
                count: usize::from(value.is_some()),
                span: Some((point.period.to_string(), point.period.to_string())),
                // The step reaches into any event after this one and up to its own day.
                days: step_day.succ_opt().map(|end| (day, end)),
            }
        }
        None => SideFigure::empty(),
    };
    (before, after)
}

/// A step series: the averages of the rate in force each day over the `days` days
/// before `day`, and over the `days` days from `day` on. The last step holds on; days
/// before the first step or under a missing value are left out.
fn time_weighted_sides(points: &[&Point], day: NaiveDate, days: u32) -> (SideFigure, SideFigure) {
    let length = chrono::Days::new(u64::from(days));
    let before = day
        .checked_sub_days(length)
        .map_or_else(SideFigure::empty, |start| time_weighted(points, start, day));
    let after = day
        .checked_add_days(length)
        .map_or_else(SideFigure::empty, |end| time_weighted(points, day, end));
    (before, after)
}

/// The average over the days `start` (inclusive) to `end` (exclusive) of the step in
/// force each day.
fn time_weighted(points: &[&Point], start: NaiveDate, end: NaiveDate) -> SideFigure {
    let mut weighted = 0.0;
    let mut covered = 0_i64;
    let mut count = 0;
    for (index, point) in points.iter().enumerate() {
        let from = point.period.first_day().max(start);
        let until = points
            .get(index + 1)
            .map_or(end, |next| next.period.first_day())
            .min(end);
        let length = (until - from).num_days();
        if length <= 0 {
            continue;
        }
        let Some(value) = point.value().filter(|value| value.is_finite()) else {
            continue;
        };
        weighted += value * length as f64;
        covered += length;
        count += 1;
    }
    let last = end.pred_opt().unwrap_or(end);
    SideFigure {
        value: (covered > 0).then(|| weighted / covered as f64),
        count,
        span: Some((start.to_string(), last.to_string())),
        days: Some((start, end)),
    }
}

impl SideFigure {
    fn empty() -> Self {
        Self {
            value: None,
            count: 0,
            span: None,
            days: None,
        }
    }
}

/// The average of the finite values, and how many there were.
fn mean(points: &[&Point]) -> (Option<f64>, usize) {
    let values: Vec<f64> = points
        .iter()
        .filter_map(|point| point.value())
        .filter(|value| value.is_finite())
        .collect();
    if values.is_empty() {
        return (None, 0);
    }
    (
        Some(values.iter().sum::<f64>() / values.len() as f64),
        values.len(),
    )
}

fn span(points: &[&Point]) -> Option<(String, String)> {
    let first = points.first()?;
    let last = points.last()?;
    Some((first.period.to_string(), last.period.to_string()))
}

/// The event titled `title`: exactly, else ignoring case, else the only one whose
/// title contains it (ignoring case). `Err` lists what there is to choose from.
pub fn find_event<'a>(dataset: &'a Dataset, title: &str) -> Result<&'a Event, String> {
    let wanted = title.trim();
    let lower = wanted.to_lowercase();
    if let Some(event) = dataset
        .events
        .iter()
        .find(|event| event.title == wanted)
        .or_else(|| {
            dataset
                .events
                .iter()
                .find(|event| event.title.to_lowercase() == lower)
        })
    {
        return Ok(event);
    }
    let containing: Vec<&Event> = dataset
        .events
        .iter()
        .filter(|event| event.title.to_lowercase().contains(&lower))
        .collect();
    match containing.as_slice() {
        [only] => Ok(only),
        [] if dataset.events.is_empty() => Err(format!(
            "expected an event titled \"{wanted}\", found a file with no events"
        )),
        [] => Err(format!(
            "expected one of the file's event titles, found \"{wanted}\" (events: {})",
            titles(dataset.events.iter())
        )),
        many => Err(format!(
            "expected one event, found \"{wanted}\" in {} titles: {}",
            many.len(),
            titles(many.iter().copied())
        )),
    }
}

fn titles<'a>(events: impl Iterator<Item = &'a Event>) -> String {
    events
        .map(|event| format!("\"{}\"", event.title))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::Unit;

    fn period(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    fn yearly(values: &[(i32, Option<f64>)]) -> Series {
        Series {
            name: "Balance".into(),
            unit: Unit::parse("USD bn"),
            step: false,
            source: None,
            points: values
                .iter()
                .map(|(year, value)| Point::new(Period::Year(*year), *value))
                .collect(),
        }
    }

    /// A step series in %, dated steps.
    fn tariff(steps: &[(&str, Option<f64>)]) -> Series {
        Series {
            name: "Tariff".into(),
            unit: Unit::parse("%"),
            step: true,
            source: None,
            points: steps
                .iter()
                .map(|(day, value)| Point::new(period(day), *value))
                .collect(),
        }
    }

    /// The figures of `series` around an event on `date`, among `events` on the other
    /// dates given.
    fn figures_with(
        series: &Series,
        date: &str,
        others: &[&str],
        options: &BeforeAfterOptions,
    ) -> SeriesBeforeAfter {
        let event = Event::new(period(date), "This event");
        let mut events = vec![event.clone()];
        events.extend(
            others
                .iter()
                .map(|day| Event::new(period(day), format!("Event of {day}"))),
        );
        series_figures(series, &event, &events, options)
    }

    fn series_before_after(series: &Series, date: Period, periods: usize) -> SeriesBeforeAfter {
        let event = Event::new(date, "This event");
        let options = BeforeAfterOptions {
            periods,
            ..BeforeAfterOptions::default()
        };
        series_figures(series, &event, &[], &options)
    }

    fn near(actual: Option<f64>, expected: f64) -> bool {
        actual.is_some_and(|actual| (actual - expected).abs() < 1e-9)
    }

    #[test]
    fn the_year_holding_an_event_counts_after_only_in_its_first_half() {
        let early = period("2018-03-22");
        let late = period("2018-07-06");
        assert_eq!(side_of(Period::Year(2017), late), Side::Before);
        assert_eq!(side_of(Period::Year(2018), early), Side::After);
        assert_eq!(side_of(Period::Year(2018), late), Side::LeftOut);
        assert_eq!(side_of(Period::Year(2019), late), Side::After);
        // An event on the first day: its period starts at it, so it is after.
        assert_eq!(
            side_of(Period::Year(2018), period("2018-01-01")),
            Side::After
        );
        assert_eq!(side_of(Period::Month(2018, 7), late), Side::After);
        assert_eq!(side_of(Period::Month(2018, 6), late), Side::Before);
        // Days: strictly before the event's date vs on or after it.
        assert_eq!(side_of(period("2018-07-05"), late), Side::Before);
        assert_eq!(side_of(period("2018-07-06"), late), Side::After);
    }

    #[test]
    fn averages_n_periods_on_each_side_and_the_change() {
        let series = yearly(&[
            (2014, Some(-1000.0)),
            (2015, Some(-300.0)),
            (2016, Some(-350.0)),
            (2017, Some(-400.0)),
            (2018, Some(-418.0)),
            (2019, Some(-345.0)),
            (2020, Some(-310.0)),
            (2021, Some(-353.0)),
            (2022, Some(-999.0)),
        ]);
        let figures = series_before_after(&series, period("2018-07-06"), 3);
        // 2018 is left out (the event is in its second half).
        assert_eq!(figures.method, Method::PeriodAverage);
        assert_eq!(figures.before, Some(-350.0));
        assert_eq!(figures.before_periods, Some(("2015".into(), "2017".into())));
        assert_eq!(figures.after_periods, Some(("2019".into(), "2021".into())));
        assert_eq!(figures.after, Some(-336.0));
        assert_eq!(figures.change, Some(14.0));
        assert_eq!(figures.change_unit, "USD bn");
        assert!((figures.change_percent.unwrap() - 4.0).abs() < 1e-9);
        assert_eq!((figures.before_count, figures.after_count), (3, 3));
        let one = series_before_after(&series, period("2018-03-01"), 1);
        assert_eq!((one.before, one.after), (Some(-400.0), Some(-418.0)));
    }

    #[test]
    fn missing_values_and_data_ends_shrink_the_count() {
        let series = yearly(&[(2016, None), (2017, Some(10.0)), (2019, Some(20.0))]);
        let figures = series_before_after(&series, period("2018-01-01"), 3);
        assert_eq!((figures.before, figures.before_count), (Some(10.0), 1));
        assert_eq!((figures.after, figures.after_count), (Some(20.0), 1));
        let none = series_before_after(&yearly(&[(2019, Some(1.0))]), period("2018"), 3);
        assert_eq!(
            (none.before, none.change, none.change_percent),
            (None, None, None)
        );
    }

    #[test]
    fn a_zero_before_has_no_percent_change() {
        let series = yearly(&[(2017, Some(0.0)), (2019, Some(5.0))]);
        let figures = series_before_after(&series, period("2018-01-01"), 3);
        assert_eq!(figures.change, Some(5.0));
        assert_eq!(figures.change_percent, None);
    }

    #[test]
    fn no_percent_change_from_a_base_near_zero_or_across_a_change_of_sign() {
        // −0.006 against values in the hundreds: near zero.
        let near_zero = yearly(&[
            (2016, Some(-0.006)),
            (2019, Some(-1.7)),
            (2020, Some(-400.0)),
        ]);
        let figures = series_before_after(&near_zero, period("2018-01-01"), 1);
        assert!(near(figures.change, -1.694), "{figures:?}");
        assert_eq!(figures.change_percent, None);
        // From a surplus of 10 to a deficit of 30: no percent change.
        let crossing = yearly(&[(2017, Some(10.0)), (2019, Some(-30.0))]);
        let figures = series_before_after(&crossing, period("2018-01-01"), 1);
        assert_eq!(figures.change, Some(-40.0));
        assert_eq!(figures.change_percent, None);
    }

    /// Steps of the US tariff on Chinese goods in 2025 (the default dataset's).
    fn us_tariff_2025() -> Series {
        tariff(&[
            ("2025-03-04", Some(40.8)),
            ("2025-04-11", Some(124.1)),
            ("2025-05-03", Some(126.5)),
            ("2025-05-14", Some(51.1)),
            ("2025-11-10", Some(47.5)),
        ])
    }

    #[test]
    fn a_step_series_compares_the_rate_in_force_before_and_once_the_changes_took_effect() {
        let options = BeforeAfterOptions::default();
        // Stockholm talks, 28 July 2025: 51.1% had been in force since 14 May (not the
        // mean of the last three steps, 100.6%); the next step is on 10 November.
        let figures = figures_with(
            &us_tariff_2025(),
            "2025-07-28",
            &["2025-08-11", "2025-11-10", "2025-06-09"],
            &options,
        );
        assert_eq!(figures.method, Method::InForce);
        assert_eq!(figures.before, Some(51.1));
        assert_eq!(
            figures.before_periods,
            Some(("2025-05-14".into(), "2025-07-27".into()))
        );
        assert_eq!(figures.after, Some(47.5));
        assert_eq!(
            figures.after_periods,
            Some(("2025-11-10".into(), "2025-11-10".into()))
        );
        assert!(near(figures.change, -3.6), "{figures:?}");
        // The step after came after the truce's extension: marked. The rate before is
        // the rate at the event, which reaches nowhere.
        assert_eq!(
            figures.after_crosses.as_deref(),
            Some("Event of 2025-08-11")
        );
        assert_eq!(figures.before_crosses, None);
        assert_eq!((figures.before_count, figures.after_count), (1, 1));

        // A step on the event's own (effective) date is "after": Geneva, 14 May.
        let geneva = figures_with(&us_tariff_2025(), "2025-05-14", &["2025-06-09"], &options);
        assert_eq!((geneva.before, geneva.after), (Some(126.5), Some(51.1)));
        assert!(near(geneva.change, -75.4), "{geneva:?}");
        assert_eq!(geneva.after_crosses, None);
        // Nothing dated after the last step: no "after".
        let late = figures_with(&us_tariff_2025(), "2026-01-01", &[], &options);
        assert_eq!(
            (late.before, late.after, late.change),
            (Some(47.5), None, None)
        );
    }

    #[test]
    fn a_step_series_takes_time_weighted_averages_over_equal_windows_when_asked() {
        let options = BeforeAfterOptions {
            step_window_days: Some(90),
            ..BeforeAfterOptions::default()
        };
        let figures = figures_with(
            &us_tariff_2025(),
            "2025-07-28",
            &["2025-08-11", "2025-04-09"],
            &options,
        );
        assert_eq!(figures.method, Method::TimeWeighted);
        // 90 days before: 29 Apr – 27 Jul. 124.1% on 4 days (29 Apr – 2 May), 126.5% on
        // 11 (3 – 13 May), 51.1% on 75 (14 May – 27 Jul: 18 + 30 + 27).
        let before = (4.0 * 124.1 + 11.0 * 126.5 + 75.0 * 51.1) / 90.0;
        assert!(near(figures.before, before), "{figures:?}");
        assert!(near(figures.before, 5720.4 / 90.0));
        assert_eq!(
            figures.before_periods,
            Some(("2025-04-29".into(), "2025-07-27".into()))
        );
        assert_eq!(figures.before_count, 3);
        // 90 days from 28 Jul (to 25 Oct): 51.1% throughout.
        assert!(near(figures.after, 51.1), "{figures:?}");
        assert_eq!(
            figures.after_periods,
            Some(("2025-07-28".into(), "2025-10-25".into()))
        );
        assert!(near(figures.change, 51.1 - before));
        // The window after holds 11 Aug; the one before starts after 9 Apr.
        assert_eq!(
            figures.after_crosses.as_deref(),
            Some("Event of 2025-08-11")
        );
        assert_eq!(figures.before_crosses, None);
        // A window reaching before the first step counts only the days with a rate.
        let early = figures_with(&us_tariff_2025(), "2025-03-14", &[], &options);
        assert!(near(early.before, 40.8), "{early:?}");
    }

    #[test]
    fn a_flow_series_marks_periods_that_reach_into_another_event() {
        let series = yearly(&[
            (2016, Some(1.0)),
            (2017, Some(2.0)),
            (2019, Some(3.0)),
            (2020, Some(4.0)),
        ]);
        let options = BeforeAfterOptions {
            periods: 2,
            ..BeforeAfterOptions::default()
        };
        let figures = figures_with(
            &series,
            "2018-07-06",
            &["2020-01-15", "2016-05-01"],
            &options,
        );
        assert_eq!(
            figures.after_crosses.as_deref(),
            Some("Event of 2020-01-15")
        );
        assert_eq!(
            figures.before_crosses.as_deref(),
            Some("Event of 2016-05-01")
        );
        let clear = figures_with(
            &series,
            "2018-07-06",
            &["2021-01-01", "2015-12-31"],
            &options,
        );
        assert_eq!((clear.before_crosses, clear.after_crosses), (None, None));
    }

    #[test]
    fn a_change_of_a_rate_is_in_percentage_points() {
        // 16.8% before, 23.6% after: +6.8 pp, not +6.8% (+40.4%).
        let rate = Series {
            unit: Unit::parse("%"),
            ..yearly(&[(2017, Some(16.8)), (2019, Some(23.6))])
        };
        let figures = series_before_after(&rate, period("2018-01-01"), 1);
        assert!(near(figures.change, 6.8), "{figures:?}");
        assert_eq!(figures.change_unit, "pp");
        assert_eq!(figures.change_percent, None);
        assert_eq!(figures.relative_change_percent, None);
        // Asked for: the percent change of the rate, apart.
        let options = BeforeAfterOptions {
            periods: 1,
            relative_change_of_rates: true,
            ..BeforeAfterOptions::default()
        };
        let asked = figures_with(&rate, "2018-01-01", &[], &options);
        assert_eq!(asked.change_percent, None);
        let relative = asked.relative_change_percent.unwrap();
        assert!((relative - 6.8 / 16.8 * 100.0).abs() < 1e-9, "{relative}");
        assert_eq!(format!("{relative:.1}"), "40.5");
    }

    #[test]
    fn finds_events_by_title_ignoring_case_or_by_a_unique_part() {
        let dataset = Dataset {
            events: vec![
                Event::new(period("2018-07-06"), "Section 301 tariffs"),
                Event::new(period("2020-01-15"), "Phase One deal"),
            ],
            ..Dataset::default()
        };
        assert_eq!(
            find_event(&dataset, "phase one deal").unwrap().title,
            "Phase One deal"
        );
        assert_eq!(
            find_event(&dataset, "301").unwrap().title,
            "Section 301 tariffs"
        );
        let error = find_event(&dataset, "Geneva").unwrap_err();
        assert!(error.contains("\"Phase One deal\""), "{error}");
        assert!(find_event(&dataset, "e").is_err());
    }
}
