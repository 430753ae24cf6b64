//! Before/after figures for an event: each series' average over the N periods before
//! the event and the N periods after it, and the change between them.
//!
//! Which periods are "before" and which "after" (the rule the README documents):
//! - a period that ends on or before the event's first day is **before**;
//! - a period that starts on or after the event's first day is **after**;
//! - the period the event falls inside (a year holding a July event) counts as
//!   **after** when the event is in its first half (its first day is before the
//!   period's middle), and is **left out** otherwise: most of it came before.
//!
//! The N periods are the N listed periods nearest the event on each side; a missing
//! value among them is left out of the average (`before_count` says how many values
//! it holds). Step series are treated the same way, at their dates.

use serde::Serialize;

use super::model::{Dataset, Event, Point, Series};
use super::period::Period;

/// How many periods on each side, unless the user chooses.
pub const DEFAULT_PERIODS: usize = 3;

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
    /// N: periods averaged on each side.
    pub periods: usize,
    pub series: Vec<SeriesBeforeAfter>,
}

/// One series' averages before and after an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesBeforeAfter {
    pub name: String,
    pub unit: String,
    /// Average of the values in the N periods before; `None` when none has a value.
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// `after − before`, in the series' unit.
    pub change: Option<f64>,
    /// `change ÷ |before| × 100`; `None` when `before` is zero or missing.
    pub change_percent: Option<f64>,
    /// Values averaged on each side (at most N; fewer near the data's ends or gaps).
    pub before_count: usize,
    pub after_count: usize,
    /// First and last period averaged before the event, e.g. `["2015", "2017"]`.
    pub before_periods: Option<(String, String)>,
    pub after_periods: Option<(String, String)>,
}

/// The before/after figures of every series of `dataset` around `event`, with `periods`
/// (at least 1) on each side.
pub fn before_after(dataset: &Dataset, event: &Event, periods: usize) -> BeforeAfter {
    let periods = periods.max(1);
    BeforeAfter {
        event: event.title.clone(),
        date: event.date.to_string(),
        periods,
        series: dataset
            .series
            .iter()
            .map(|series| series_before_after(series, event.date, periods))
            .collect(),
    }
}

/// One series' figures around an event on `event`.
pub fn series_before_after(series: &Series, event: Period, periods: usize) -> SeriesBeforeAfter {
    let mut points: Vec<&Point> = series.points.iter().collect();
    points.sort_by_key(|point| point.period);
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
    let (before_mean, before_count) = mean(&before);
    let (after_mean, after_count) = mean(&after);
    let change = before_mean.zip(after_mean).map(|(b, a)| a - b);
    let change_percent = change
        .zip(before_mean)
        .and_then(|(change, before)| (before != 0.0).then(|| change / before.abs() * 100.0));
    SeriesBeforeAfter {
        name: series.name.clone(),
        unit: series.unit.to_string(),
        before: before_mean,
        after: after_mean,
        change,
        change_percent,
        before_count,
        after_count,
        before_periods: span(&before),
        after_periods: span(&after),
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
        assert_eq!(figures.before, Some(-350.0));
        assert_eq!(figures.before_periods, Some(("2015".into(), "2017".into())));
        assert_eq!(figures.after_periods, Some(("2019".into(), "2021".into())));
        assert_eq!(figures.after, Some(-336.0));
        assert_eq!(figures.change, Some(14.0));
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
