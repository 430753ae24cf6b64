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
    let number = group_thousands(value.abs(), None);
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

/// `1234.5` → `1,234.5`: with `decimals` decimals, or rounded to two decimals with
/// trailing zeros dropped when `None`.
fn group_thousands(magnitude: f64, decimals: Option<usize>) -> String {
    let rounded = format!("{magnitude:.*}", decimals.unwrap_or(2));
    let (whole, fraction) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let fraction = if decimals.is_some() {
        fraction
    } else {
        fraction.trim_end_matches('0')
    };
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

/// How the values of one unit are shown: dollars at the scale their size calls for
/// (`$504.9bn`, not `$504,938.5mn`), every other unit as it is. The data is never
/// changed; only the text is. Built from the values with [`ValueScale::for_values`],
/// so the axis, the hover readout, the table and the exports of a unit agree.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueScale {
    /// The unit of the values as the file gives them.
    unit: Unit,
    /// For dollars: the power of a thousand the values are shown in (0 dollars,
    /// 1 thousands, 2 millions, 3 billions, 4 trillions) and the one the file uses.
    dollars: Option<(u8, u8)>,
}

/// Dollar scales: the suffix after the number and the axis title.
const DOLLAR_SCALES: [(&str, &str); 5] = [
    ("", "US$"),
    ("k", "US$ thousands"),
    ("mn", "US$ millions"),
    ("bn", "US$ billions"),
    ("tn", "US$ trillions"),
];

/// Most decimals a value in a column is written with.
const MAX_DECIMALS: usize = 2;

impl ValueScale {
    /// The unit's values at the file's own scale.
    pub fn unscaled(unit: &Unit) -> ValueScale {
        ValueScale {
            unit: unit.clone(),
            dollars: dollar_power(unit).map(|power| (power, power)),
        }
    }

    /// The scale for `values` in `unit`: dollars in the largest of dollars,
    /// thousands, millions, billions and trillions that keeps the largest magnitude at
    /// 1 or more (`600,000` `USD mn` → billions); any other unit as it is.
    pub fn for_values(unit: &Unit, values: impl IntoIterator<Item = f64>) -> ValueScale {
        let Some(file_power) = dollar_power(unit) else {
            return Self::unscaled(unit);
        };
        let largest = values
            .into_iter()
            .filter(|value| value.is_finite())
            .map(f64::abs)
            .fold(0.0, f64::max);
        if largest <= 0.0 {
            return Self::unscaled(unit);
        }
        let dollars = largest.log10() + 3.0 * f64::from(file_power);
        // A hair of tolerance so that exactly 1,000 reads as 1 of the next scale.
        let power = ((dollars + 1e-9) / 3.0).floor().clamp(0.0, 4.0) as u8;
        ValueScale {
            unit: unit.clone(),
            dollars: Some((power, file_power)),
        }
    }

    /// The unit of the values as the file gives them.
    pub fn unit(&self) -> &Unit {
        &self.unit
    }

    /// What a value is divided by to be shown (1 unless dollars are rescaled).
    pub fn divisor(&self) -> f64 {
        match self.dollars {
            Some((shown, file)) => 1000f64.powi(i32::from(shown) - i32::from(file)),
            None => 1.0,
        }
    }

    /// The value axis title: `US$ billions`, `Percent`, or the unit.
    pub fn axis_title(&self) -> String {
        match self.dollars {
            Some((shown, _)) => DOLLAR_SCALES
                .get(usize::from(shown))
                .map_or_else(|| "US$".to_string(), |(_, title)| (*title).to_string()),
            None => super::axis_title(&self.unit),
        }
    }

    /// `value` (in the file's unit) as shown, with `decimals` decimals, or with up to
    /// two and trailing zeros dropped when `None`: `$504.9bn`, `8.0%`, `1,234.5`.
    pub fn format(&self, value: f64, decimals: Option<usize>) -> String {
        if !value.is_finite() {
            return "–".to_string();
        }
        let shown = value / self.divisor();
        let number = group_thousands(shown.abs(), decimals);
        let zero = number.chars().all(|c| matches!(c, '0' | '.' | ','));
        let sign = if shown < 0.0 && !zero { "-" } else { "" };
        match self.dollars {
            Some((power, _)) => {
                let suffix = DOLLAR_SCALES
                    .get(usize::from(power))
                    .map_or("", |(suffix, _)| suffix);
                format!("{sign}${number}{suffix}")
            }
            None if self.unit.is_percent() => format!("{sign}{number}%"),
            None => format!("{sign}{number}"),
        }
    }

    /// Like [`ValueScale::format`], with the unit after the number when the number
    /// alone does not show it (`1,234 tonnes`).
    pub fn format_with_unit(&self, value: f64, decimals: Option<usize>) -> String {
        let text = self.format(value, decimals);
        if self.dollars.is_some() || self.unit.is_percent() || self.unit.is_empty() {
            text
        } else {
            format!("{text} {}", self.unit)
        }
    }

    /// One number of decimals for a column of `values`, so that they line up
    /// (`$3.50bn` beside `$3.86bn`, `8.0%` beside `8.4%`): as many as the values need,
    /// at most two, and fewer for large numbers (four significant digits of the
    /// largest are enough: `$504.9bn`, `1,234`).
    pub fn decimals_for(&self, values: impl IntoIterator<Item = f64>) -> usize {
        let divisor = self.divisor();
        let shown: Vec<f64> = values
            .into_iter()
            .filter(|value| value.is_finite())
            .map(|value| (value / divisor).abs())
            .collect();
        let largest = shown.iter().copied().fold(0.0, f64::max);
        if largest <= 0.0 {
            return 0;
        }
        let most = (3.0 - largest.log10().floor()).clamp(0.0, MAX_DECIMALS as f64) as usize;
        shown
            .iter()
            .map(|value| needed_decimals(*value, most))
            .max()
            .unwrap_or(0)
    }

    /// A value of a column written with the column's `decimals` (see
    /// [`ValueScale::decimals_for`]), with its unit; a value that would read as zero
    /// though it is not gets the digits it needs (`-$0.006bn`, not `$0.0bn`).
    pub fn format_in_column(&self, value: f64, decimals: usize) -> String {
        let shown = (value / self.divisor()).abs();
        let rounds_to_zero = shown > 0.0 && shown < 0.5 * 10f64.powi(-(decimals as i32));
        let decimals = if rounds_to_zero {
            // Down to the first significant digit.
            ((-shown.log10()).floor().max(0.0) as usize + 1).clamp(decimals, 9)
        } else {
            decimals
        };
        self.format_with_unit(value, Some(decimals))
    }

    /// A tick label at `value` on an axis ticked every `step` (both in the file's
    /// unit): every tick with the decimals of the step (`$0.5tn`, `$1.0tn`).
    pub fn tick(&self, value: f64, step: f64) -> String {
        let step = (step / self.divisor()).abs();
        let decimals = if step.is_finite() && step > 0.0 {
            needed_decimals(step, 6)
        } else {
            0
        };
        self.format(value, Some(decimals))
    }
}

/// Where `unit` is dollars, the power of a thousand it counts in.
fn dollar_power(unit: &Unit) -> Option<u8> {
    match unit.as_str() {
        "USD" => Some(0),
        "USD thousands" => Some(1),
        "USD mn" => Some(2),
        "USD bn" => Some(3),
        _ => None,
    }
}

/// The fewest decimals (up to `most`) that write `value` as `most` decimals do,
/// trailing zeros aside.
fn needed_decimals(value: f64, most: usize) -> usize {
    let digits = format!("{:.*}", most, value.abs());
    let fraction = digits.split_once('.').map_or("", |(_, fraction)| fraction);
    fraction.trim_end_matches('0').len()
}

/// Views wider than this many years label ticks with years alone.
const YEARS_ONLY_SPAN: f64 = 4.0;
/// Views wider than this many years (and up to [`YEARS_ONLY_SPAN`]) label months.
const MONTHS_SPAN: f64 = 0.4;

/// A position on the time axis as a tick label: `2018` when the view spans years,
/// `Jul 2018` when it spans months, `6 Jul 2018` when it spans days.
pub fn format_x(x: f64, visible_span: f64) -> String {
    let fineness = if visible_span > YEARS_ONLY_SPAN {
        Fineness::Year
    } else if visible_span > MONTHS_SPAN {
        Fineness::Month
    } else {
        Fineness::Day
    };
    date_label(x, fineness)
}

/// How much of a date a time label writes.
#[derive(Clone, Copy)]
enum Fineness {
    Year,
    Month,
    Day,
}

/// The date at `x` as `2018`, `Jul 2018` or `6 Jul 2018`.
fn date_label(x: f64, fineness: Fineness) -> String {
    // Nudge by a few seconds so a tick computed as the start of a day is not read as
    // the last instant of the day before.
    let Some(date) = date_from_x(x + 1e-7) else {
        return format!("{x:.1}");
    };
    match fineness {
        Fineness::Year => date.year().to_string(),
        Fineness::Month => date.format("%b %Y").to_string(),
        Fineness::Day => date.format("%-d %b %Y").to_string(),
    }
}

/// A time-axis tick's label, as fine as its step: `2018` for a step of a year or
/// more, `Jul 2018` for months, `6 Jul 2018` for days (a three-year view of yearly
/// ticks reads `2018`, not `Jan 2018`).
pub fn format_x_tick(x: f64, step_years: f64) -> String {
    const MONTH: f64 = 1.0 / 12.0;
    let fineness = if step_years >= 1.0 - 1e-9 {
        Fineness::Year
    } else if step_years >= MONTH - 1e-9 {
        Fineness::Month
    } else {
        Fineness::Day
    };
    date_label(x, fineness)
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
/// at most `max_ticks` ticks and is no finer than the data's `finest_period` (in years,
/// see [`super::Chart::finest_period`]): yearly data is marked by years, not by "Jan"
/// and "Jul" of each, unless that leaves fewer than two ticks in view. Returns nothing
/// for an empty or non-finite range.
pub fn x_ticks(min: f64, max: f64, max_ticks: usize, finest_period: Option<f64>) -> Vec<XTick> {
    if !(min.is_finite() && max.is_finite()) || max <= min || max_ticks == 0 {
        return Vec::new();
    }
    // A screen never shows more; the cap also bounds the day-by-day walk below.
    let max_ticks = max_ticks.min(1000);
    let span = max - min;
    let fits = |step: &Step| span / step.in_years() <= max_ticks as f64;
    // A month is 28 to 31 days: a period's span is compared with some slack.
    let as_coarse_as_the_data =
        |step: &Step| finest_period.is_none_or(|period| step.in_years() >= 0.8 * period);
    let step = STEPS
        .iter()
        .copied()
        .find(|step| fits(step) && as_coarse_as_the_data(step))
        .filter(|step| ticks_for_step(min, max, *step).len() >= 2)
        .or_else(|| STEPS.iter().copied().find(fits))
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
    if last.saturating_sub(first) as f64 > 2.0 * max_ticks + 2.0 {
        // A range too narrow for its magnitude (a value of 1e16 widened by 0.5): the
        // steps are below the floats' precision, so no ticks rather than billions.
        return Vec::new();
    }
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
    fn yearly_data_is_marked_by_years_unless_that_leaves_one_tick() {
        // Three years of yearly values, room for 8 ticks: "2018 2019 2020 2021", not
        // "Jan 2018 Jul 2018 …".
        let ticks = x_ticks(2018.0, 2021.0, 8, Some(1.0));
        let labels: Vec<String> = ticks
            .iter()
            .map(|t| format_x_tick(t.x, t.step_years))
            .collect();
        assert_eq!(labels, ["2018", "2019", "2020", "2021"]);
        // Without the data's period the same view is marked by half years.
        let ticks = x_ticks(2018.0, 2021.0, 8, None);
        assert_eq!(ticks.len(), 7);
        assert_eq!(format_x_tick(ticks[1].x, ticks[1].step_years), "Jul 2018");
        // Zoomed inside one year: months, or there would be a tick or none.
        let ticks = x_ticks(2018.2, 2018.9, 8, Some(1.0));
        assert!(ticks.len() >= 2, "{ticks:?}");
        // Monthly data (a February is shorter than a twelfth of a year) allows months.
        let february = 28.0 / 365.0;
        let ticks = x_ticks(2018.0, 2018.5, 8, Some(february));
        assert!(
            ticks
                .iter()
                .all(|t| (t.step_years - 1.0 / 12.0).abs() < 1e-9),
            "{ticks:?}"
        );
    }

    #[test]
    fn a_tick_label_is_as_fine_as_its_step() {
        let july_6 = crate::data::period::x_from_date(NaiveDate::from_ymd_opt(2018, 7, 6).unwrap());
        assert_eq!(format_x_tick(2018.0, 1.0), "2018");
        assert_eq!(format_x_tick(2018.0, 5.0), "2018");
        assert_eq!(format_x_tick(2018.5, 0.5), "Jul 2018");
        assert_eq!(format_x_tick(2018.5, 1.0 / 12.0), "Jul 2018");
        assert_eq!(format_x_tick(july_6, 7.0 / 365.25), "6 Jul 2018");
    }

    #[test]
    fn y_ticks_of_a_range_below_the_precision_of_its_values_are_none_not_billions() {
        // The chart_svg fuzz target found a range whose ticks ran into the billions:
        // one this narrow makes a step of 0 (a capacity overflow without the guard).
        assert!(y_ticks(0.0, f64::from_bits(1), 8).len() <= 18);
        let value = 1e17;
        assert!(y_ticks(value - 16.0, value + 16.0, 8).len() <= 18);
        assert_eq!(y_ticks(0.0, 10.0, 5).len(), 5);
    }

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
    fn dollars_are_shown_at_the_scale_of_their_values() {
        let mn = Unit::parse("USD mn");
        // A Census file in millions: $600,000mn is $600bn.
        let census = ValueScale::for_values(&mn, [504_938.5, 120_289.3, -418_224.9]);
        assert_eq!(census.axis_title(), "US$ billions");
        assert_eq!(census.tick(600_000.0, 100_000.0), "$600bn");
        assert_eq!(census.tick(-200_000.0, 100_000.0), "-$200bn");
        assert_eq!(census.format(504_938.5, None), "$504.94bn");
        let decimals = census.decimals_for([504_938.5, 120_289.3, -418_224.9]);
        assert_eq!(census.format_in_column(504_938.5, decimals), "$504.9bn");
        // Up to trillions, down to thousands; other units as they are.
        let bn = Unit::parse("USD bn");
        let total = ValueScale::for_values(&bn, [1_500.0, 900.0]);
        assert_eq!(total.axis_title(), "US$ trillions");
        assert_eq!(total.tick(1_000.0, 500.0), "$1.0tn");
        assert_eq!(total.tick(1_500.0, 500.0), "$1.5tn");
        let small = ValueScale::for_values(&bn, [0.25, 0.5]);
        assert_eq!(small.axis_title(), "US$ millions");
        assert_eq!(small.format(0.25, None), "$250mn");
        let thousands = ValueScale::for_values(&Unit::parse("USD"), [5_000.0, 12_500.0]);
        assert_eq!(thousands.format(12_500.0, None), "$12.5k");
        let kept = ValueScale::for_values(&bn, [418.2, -0.006]);
        assert_eq!(kept.axis_title(), "US$ billions");
        assert_eq!(kept.divisor(), 1.0);
        let tonnes = ValueScale::for_values(&Unit::parse("tonnes"), [1_234_567.0]);
        assert_eq!(
            tonnes.format_with_unit(1_234_567.0, None),
            "1,234,567 tonnes"
        );
        assert_eq!(tonnes.axis_title(), "tonnes");
        // No values: the file's own scale.
        assert_eq!(ValueScale::for_values(&mn, []).axis_title(), "US$ millions");
    }

    #[test]
    fn a_column_has_one_number_of_decimals() {
        let bn = Unit::parse("USD bn");
        let scale = ValueScale::for_values(&bn, [3.5, 3.86]);
        let decimals = scale.decimals_for([3.5, 3.86]);
        assert_eq!(scale.format_in_column(3.5, decimals), "$3.50bn");
        assert_eq!(scale.format_in_column(3.86, decimals), "$3.86bn");
        let percent = Unit::parse("%");
        let scale = ValueScale::for_values(&percent, [8.0, 8.4]);
        let decimals = scale.decimals_for([8.0, 8.4]);
        assert_eq!(scale.format_in_column(8.0, decimals), "8.0%");
        assert_eq!(scale.format_in_column(8.4, decimals), "8.4%");
        // Whole numbers stay whole; large ones get fewer decimals.
        assert_eq!(scale.decimals_for([21.0, 145.0]), 0);
        assert_eq!(ValueScale::unscaled(&bn).decimals_for([418.24, 1.5]), 1);
        assert_eq!(ValueScale::unscaled(&bn).decimals_for([12_345.67]), 0);
        // A small value that would read as zero keeps a digit of its own.
        let balance = ValueScale::for_values(&bn, [-418.2, -0.006]);
        let decimals = balance.decimals_for([-418.2, -0.006]);
        assert_eq!(balance.format_in_column(-418.2, decimals), "-$418.2bn");
        assert_eq!(balance.format_in_column(-0.006, decimals), "-$0.006bn");
        assert_eq!(balance.format_in_column(0.0, decimals), "$0.0bn");
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
        let ticks = x_ticks(1984.6, 2026.3, 10, None);
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
        let ticks = x_ticks(2018.0, 2019.0, 6, None);
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
        let ticks = x_ticks(start, end, 8, None);
        let labels: Vec<String> = ticks.iter().map(|t| format_x(t.x, end - start)).collect();
        assert_eq!(labels[..3], ["1 Apr 2025", "3 Apr 2025", "5 Apr 2025"]);
        assert!(x_ticks(2.0, 1.0, 5, None).is_empty());
        assert!(x_ticks(f64::NEG_INFINITY, 1.0, 5, None).is_empty());
    }
}
