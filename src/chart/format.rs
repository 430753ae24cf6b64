//! How numbers and times are written on axes and in hover labels: `$418bn`, `21%`,
//! `1,234.5`; years, months or days depending on how far the view is zoomed in; and
//! where the time-axis ticks go (on year, month or day boundaries).

use chrono::{Datelike as _, NaiveDate};

use crate::data::Unit;
use crate::data::period::{date_from_x, x_from_date};

/// A value as an axis tick or a hover label writes it: `$418bn` / `-$418bn` for
/// `USD bn` (likewise `$12mn`, `$5k`, `$7`), `21%` for `%`, and a plain number with
/// thousands separators otherwise. Up to two decimals, trailing zeros dropped.
pub fn format_value(unit: &Unit, value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let number = group_thousands(value.abs());
    let sign = if value < 0.0 && number != "0" {
        "-"
    } else {
        ""
    };
    match unit.as_str() {
        "USD bn" => format!("{sign}${number}bn"),
        "USD mn" => format!("{sign}${number}mn"),
        "USD thousands" => format!("{sign}${number}k"),
        "USD" => format!("{sign}${number}"),
        "%" => format!("{sign}{number}%"),
        _ => format!("{sign}{number}"),
    }
}

/// A value with its unit for hover labels: like [`format_value`], with the unit
/// appended when the number alone does not show it (`1,234 tonnes`).
pub fn format_value_with_unit(unit: &Unit, value: f64) -> String {
    let text = format_value(unit, value);
    if shows_unit(unit) || unit.is_empty() {
        text
    } else {
        format!("{text} {unit}")
    }
}

fn shows_unit(unit: &Unit) -> bool {
    matches!(
        unit.as_str(),
        "USD bn" | "USD mn" | "USD thousands" | "USD" | "%"
    )
}

/// `1234.5` → `1,234.5`; rounded to two decimals with trailing zeros dropped.
fn group_thousands(magnitude: f64) -> String {
    let rounded = format!("{magnitude:.2}");
    let (whole, fraction) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 + 3);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if fraction.is_empty() {
        grouped
    } else {
        format!("{grouped}.{fraction}")
    }
}

/// Views wider than this many years label ticks with years alone.
const YEARS_ONLY_SPAN: f64 = 4.0;
/// Views wider than this many years (and up to [`YEARS_ONLY_SPAN`]) label months.
const MONTHS_SPAN: f64 = 0.4;

/// A position on the time axis as a tick label: `2018` when the view spans years,
/// `Jul 2018` when it spans months, `6 Jul 2018` when it spans days.
pub fn format_x(x: f64, visible_span: f64) -> String {
    // Nudge by a few seconds so a tick computed as the start of a day is not read as
    // the last instant of the day before.
    let Some(date) = date_from_x(x + 1e-7) else {
        return format!("{x:.1}");
    };
    if visible_span > YEARS_ONLY_SPAN {
        date.year().to_string()
    } else if visible_span > MONTHS_SPAN {
        date.format("%b %Y").to_string()
    } else {
        date.format("%-d %b %Y").to_string()
    }
}

/// A tick on the time axis: where it is and the size of the step it belongs to, in
/// years (egui_plot fades grid lines by step size).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct XTick {
    pub x: f64,
    pub step_years: f64,
}

/// A calendar step between time-axis ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Days(u32),
    Months(u32),
    Years(i32),
}

impl Step {
    fn in_years(self) -> f64 {
        match self {
            Step::Days(days) => f64::from(days) / 365.25,
            Step::Months(months) => f64::from(months) / 12.0,
            Step::Years(years) => f64::from(years),
        }
    }
}

const STEPS: [Step; 16] = [
    Step::Days(1),
    Step::Days(2),
    Step::Days(7),
    Step::Days(14),
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
    Step::Years(100),
    Step::Years(200),
    Step::Years(500),
];

/// Ticks for the time axis between `min` and `max` (fractional years) on calendar
/// boundaries — whole years, month starts or days — using the finest step that gives
/// at most `max_ticks` ticks. Returns nothing for an empty or non-finite range.
pub fn x_ticks(min: f64, max: f64, max_ticks: usize) -> Vec<XTick> {
    if !(min.is_finite() && max.is_finite()) || max <= min || max_ticks == 0 {
        return Vec::new();
    }
    // A screen never shows more; the cap also bounds the day-by-day walk below.
    let max_ticks = max_ticks.min(1000);
    let span = max - min;
    let step = STEPS
        .iter()
        .copied()
        .find(|step| span / step.in_years() <= max_ticks as f64)
        .unwrap_or(Step::Years(1000));
    let step_years = step.in_years();
    ticks_for_step(min, max, step)
        .into_iter()
        .map(|x| XTick { x, step_years })
        .collect()
}

fn ticks_for_step(min: f64, max: f64, step: Step) -> Vec<f64> {
    match step {
        Step::Years(years) => {
            let years = f64::from(years);
            let first = (min / years).ceil() as i64;
            let last = (max / years).floor() as i64;
            (first..=last).map(|k| k as f64 * years).collect()
        }
        Step::Months(months) => calendar_ticks(min, max, |date| {
            date.day() == 1 && date.month0() % months == 0
        }),
        Step::Days(days) => calendar_ticks(min, max, |date| {
            (date.day0() % days == 0) && date.day0() + days <= 31
        }),
    }
}

/// Day-by-day walk over the range, keeping days that `keep` accepts. Only used for
/// month and day steps, so the range is a few years of days at most.
fn calendar_ticks(min: f64, max: f64, keep: impl Fn(NaiveDate) -> bool) -> Vec<f64> {
    let (Some(first), Some(last)) = (date_from_x(min), date_from_x(max)) else {
        return Vec::new();
    };
    first
        .iter_days()
        .take_while(|date| *date <= last)
        .filter(|date| keep(*date))
        .map(x_from_date)
        .filter(|x| (min..=max).contains(x))
        .collect()
}

/// Ticks for a value axis between `min` and `max` at a round step (1, 2, 2.5 or 5
/// times a power of ten), the finest that gives at most `max_ticks` ticks. Each tick is
/// `(value, step)`. Returns nothing for an empty or non-finite range.
pub fn y_ticks(min: f64, max: f64, max_ticks: usize) -> Vec<(f64, f64)> {
    if !(min.is_finite() && max.is_finite()) || max <= min || max_ticks == 0 {
        return Vec::new();
    }
    let max_ticks = max_ticks.min(1000) as f64;
    let rough = (max - min) / max_ticks;
    let magnitude = 10f64.powf(rough.log10().floor());
    let ticks_at = |step: f64| (max / step).floor() - (min / step).ceil() + 1.0;
    let step = [1.0, 2.0, 2.5, 5.0, 10.0, 20.0]
        .iter()
        .map(|factor| factor * magnitude)
        .find(|step| ticks_at(*step) <= max_ticks)
        .unwrap_or(20.0 * magnitude);
    let first = (min / step).ceil() as i64;
    let last = (max / step).floor() as i64;
    (first..=last)
        // Multiplying (not adding) keeps 0.1 steps free of accumulated error.
        .map(|k| (k as f64 * step, step))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn formats_dollars_percent_and_plain_numbers() {
        let bn = Unit::parse("USD bn");
        assert_eq!(format_value(&bn, 418.0), "$418bn");
        assert_eq!(format_value(&bn, -418.0), "-$418bn");
        assert_eq!(format_value(&bn, -418.24), "-$418.24bn");
        assert_eq!(format_value(&bn, 1234.5), "$1,234.5bn");
        assert_eq!(format_value(&bn, -0.0001), "$0bn");
        assert_eq!(format_value(&Unit::parse("%"), 21.0), "21%");
        assert_eq!(format_value(&Unit::parse("%"), 7.5), "7.5%");
        assert_eq!(
            format_value(&Unit::parse("USD mn"), 1_234_567.0),
            "$1,234,567mn"
        );
        assert_eq!(
            format_value(&Unit::parse("tonnes"), 1_234_567.25),
            "1,234,567.25"
        );
        assert_eq!(format_value(&Unit::default(), 0.30000000000000004), "0.3");
        assert_eq!(format_value(&Unit::default(), f64::NAN), "–");
    }

    #[test]
    fn appends_units_the_number_does_not_show() {
        assert_eq!(
            format_value_with_unit(&Unit::parse("tonnes"), 12.0),
            "12 tonnes"
        );
        assert_eq!(format_value_with_unit(&Unit::parse("%"), 12.0), "12%");
    }

    #[test]
    fn formats_x_as_years_months_or_days_by_zoom() {
        let july_6 = x_from_date(NaiveDate::from_ymd_opt(2018, 7, 6).unwrap());
        assert_eq!(format_x(2018.0, 40.0), "2018");
        assert_eq!(format_x(july_6, 40.0), "2018");
        assert_eq!(format_x(july_6, 2.0), "Jul 2018");
        assert_eq!(format_x(july_6, 0.1), "6 Jul 2018");
        assert_eq!(format_x(f64::NAN, 1.0), "NaN");
    }

    #[test]
    fn year_ticks_are_whole_years_within_the_limit() {
        let ticks = x_ticks(1984.6, 2026.3, 10);
        assert!(ticks.len() <= 10 && ticks.len() >= 4, "{ticks:?}");
        assert!(ticks.iter().all(|t| t.x.fract() == 0.0 && t.x % 5.0 == 0.0));
        assert_eq!(ticks.first().map(|t| t.x), Some(1985.0));
    }

    #[test]
    fn value_ticks_use_round_steps() {
        let values: Vec<f64> = y_ticks(-5.0, 152.0, 5).iter().map(|t| t.0).collect();
        assert_eq!(values, [0.0, 50.0, 100.0, 150.0]);
        let values: Vec<f64> = y_ticks(-440.0, 560.0, 10).iter().map(|t| t.0).collect();
        assert_eq!(values.first(), Some(&-400.0));
        assert_eq!(values.len(), 10);
        assert_eq!(y_ticks(0.0, 1.0, 4)[1], (0.5, 0.5));
        // A quarter step where a half would leave a tall panel two ticks.
        let values: Vec<f64> = y_ticks(-450.0, 850.0, 6).iter().map(|t| t.0).collect();
        assert_eq!(values, [-250.0, 0.0, 250.0, 500.0, 750.0]);
        // Never more than asked for.
        for max_ticks in 1..12 {
            assert!(y_ticks(-3.7, 41.2, max_ticks).len() <= max_ticks);
        }
        assert!(y_ticks(1.0, 1.0, 4).is_empty());
        assert!(y_ticks(0.0, f64::INFINITY, 4).is_empty());
    }

    #[test]
    fn month_ticks_fall_on_month_starts() {
        let ticks = x_ticks(2018.0, 2019.0, 6);
        let labels: Vec<String> = ticks.iter().map(|t| format_x(t.x, 1.0)).collect();
        assert_eq!(
            labels,
            ["Jan 2018", "Apr 2018", "Jul 2018", "Oct 2018", "Jan 2019"]
        );
    }

    #[test]
    fn day_ticks_when_zoomed_to_weeks() {
        let start = x_from_date(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
        let end = x_from_date(NaiveDate::from_ymd_opt(2025, 4, 15).unwrap());
        let ticks = x_ticks(start, end, 8);
        let labels: Vec<String> = ticks.iter().map(|t| format_x(t.x, end - start)).collect();
        assert_eq!(labels[..3], ["1 Apr 2025", "3 Apr 2025", "5 Apr 2025"]);
        assert!(x_ticks(2.0, 1.0, 5).is_empty());
        assert!(x_ticks(f64::NEG_INFINITY, 1.0, 5).is_empty());
    }
}
