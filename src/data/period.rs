//! Periods (a year, a quarter, a month or a day) and their place on the one time axis.

use std::fmt;

use chrono::{Datelike as _, NaiveDate};

/// Earliest and latest year a period may name. Trade statistics start in the
/// nineteenth century at the earliest; anything outside is a typing error.
pub const MIN_YEAR: i32 = 1000;
pub const MAX_YEAR: i32 = 2999;

/// A stretch of calendar time that a value or an event belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    /// Year and quarter 1–4.
    Quarter(i32, u8),
    /// Year and month 1–12.
    Month(i32, u8),
    Day(NaiveDate),
}

/// How often a table's periods come: what its dates are read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Yearly,
    Quarterly,
    Monthly,
    Daily,
}

impl Frequency {
    /// Every frequency, coarsest first.
    pub const ALL: [Frequency; 4] = [
        Frequency::Yearly,
        Frequency::Quarterly,
        Frequency::Monthly,
        Frequency::Daily,
    ];

    /// `yearly`, `quarterly`, `monthly`, `daily`: the text form
    /// [`Frequency::parse`] reads back.
    pub fn name(self) -> &'static str {
        match self {
            Frequency::Yearly => "yearly",
            Frequency::Quarterly => "quarterly",
            Frequency::Monthly => "monthly",
            Frequency::Daily => "daily",
        }
    }

    /// `years`, `quarters`, `months`, `days`: what a note says periods were read as.
    pub fn plural(self) -> &'static str {
        match self {
            Frequency::Yearly => "years",
            Frequency::Quarterly => "quarters",
            Frequency::Monthly => "months",
            Frequency::Daily => "days",
        }
    }

    /// Reads `yearly` (also `annual`, `year`, `years`, `a`, `y`), `quarterly` (`quarter`,
    /// `q`), `monthly` (`month`, `m`) or `daily` (`day`, `d`), ignoring case.
    pub fn parse(text: &str) -> Result<Frequency, String> {
        match text.trim().to_lowercase().as_str() {
            "yearly" | "annual" | "annually" | "year" | "years" | "a" | "y" => {
                Ok(Frequency::Yearly)
            }
            "quarterly" | "quarter" | "quarters" | "q" => Ok(Frequency::Quarterly),
            "monthly" | "month" | "months" | "m" => Ok(Frequency::Monthly),
            "daily" | "day" | "days" | "d" => Ok(Frequency::Daily),
            _ => Err(format!(
                "expected a frequency yearly, quarterly, monthly or daily, found \"{}\"",
                text.trim()
            )),
        }
    }

    /// The frequency of a period: a year is yearly, a day daily.
    pub fn of(period: &Period) -> Frequency {
        match period {
            Period::Year(_) => Frequency::Yearly,
            Period::Quarter(..) => Frequency::Quarterly,
            Period::Month(..) => Frequency::Monthly,
            Period::Day(_) => Frequency::Daily,
        }
    }

    /// The period of this frequency that holds `date`.
    pub fn period_of(self, date: NaiveDate) -> Period {
        let month = date.month() as u8;
        match self {
            Frequency::Yearly => Period::Year(date.year()),
            Frequency::Quarterly => Period::Quarter(date.year(), (month - 1) / 3 + 1),
            Frequency::Monthly => Period::Month(date.year(), month),
            Frequency::Daily => Period::Day(date),
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Frequency {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Frequency::parse(text)
    }
}

/// Why a text is not a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodError(pub String);

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Period {
    /// Reads a period written as `2018`, `2018-Q3` (also `2018Q3`, `2018 Q3`),
    /// `2018-07`, `2018-07-06`, or a timestamp `2018-07-06T00:00:00` / `2018-07-06 00:00:00`
    /// whose time part is ignored. Forms like `7/6/2018` are refused: nothing in the
    /// text says whether it is the 6th of July or the 7th of June.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(PeriodError("expected a period such as 2018, 2018-Q3, 2018-07 or 2018-07-06, found an empty cell".into()));
        }
        if text.contains('/') || text.matches('.').count() == 2 {
            return Err(ambiguous(text));
        }
        // A spreadsheet may store the year 2018 as the number 2018.0.
        let text = text.strip_suffix(".0").unwrap_or(text);
        // A timestamp: keep the date part.
        let date_text = match text.split_once(['T', ' ']) {
            Some((date, time)) if date.len() == 10 && time.contains(':') => date,
            _ => text,
        };
        // A year before the common era is no trade year; said whole, not as "" found.
        if date_text.starts_with(['-', '−']) {
            return Err(PeriodError(format!(
                "expected a year from {MIN_YEAR} to {MAX_YEAR}, found \"{text}\""
            )));
        }
        let parts: Vec<&str> = date_text.split('-').collect();
        match parts.as_slice() {
            [year] => {
                if let Some((y, q)) = split_quarter(year) {
                    Self::quarter(y, q)
                } else {
                    year_of(year).map(Period::Year)
                }
            }
            [year, second] => {
                let year_value = year_of(year)?;
                if let Some(q) = second.strip_prefix(['Q', 'q']) {
                    let q: u8 = digits(q).ok_or_else(|| bad(text))?;
                    Self::quarter(year_value, q)
                } else {
                    let month: u8 = two_digits(second).ok_or_else(|| bad(text))?;
                    if !(1..=12).contains(&month) {
                        return Err(PeriodError(format!(
                            "expected a month 01–12, found \"{second}\" in \"{text}\""
                        )));
                    }
                    Ok(Period::Month(year_value, month))
                }
            }
            [year, month, day] => {
                let year_value = year_of(year)?;
                let month: u32 = two_digits(month).ok_or_else(|| bad(text))?;
                let day: u32 = two_digits(day).ok_or_else(|| bad(text))?;
                NaiveDate::from_ymd_opt(year_value, month, day)
                    .map(Period::Day)
                    .ok_or_else(|| PeriodError(format!("\"{text}\" is not a date in the calendar")))
            }
            _ => Err(bad(text)),
        }
    }

    fn quarter(year: i32, quarter: u8) -> Result<Period, PeriodError> {
        if (1..=4).contains(&quarter) {
            Ok(Period::Quarter(year, quarter))
        } else {
            Err(PeriodError(format!(
                "expected a quarter Q1–Q4, found Q{quarter}"
            )))
        }
    }

    /// The calendar year the period starts in.
    pub fn year(&self) -> i32 {
        match *self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) => y,
            Period::Day(date) => date.year(),
        }
    }

    /// First day of the period.
    pub fn first_day(&self) -> NaiveDate {
        let (year, month, day) = match *self {
            Period::Year(y) => (y, 1, 1),
            Period::Quarter(y, q) => (y, u32::from(q) * 3 - 2, 1),
            Period::Month(y, m) => (y, u32::from(m), 1),
            Period::Day(date) => return date,
        };
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
    }

    /// First day after the period.
    pub fn end_day(&self) -> NaiveDate {
        let next = match *self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
            Period::Day(date) => return date.succ_opt().unwrap_or(NaiveDate::MAX),
        };
        next.first_day()
    }

    /// Where the period starts on the time axis, in fractional years
    /// (`2018.0` is the first instant of 2018, `2018.5` about the 2nd of July).
    pub fn start_x(&self) -> f64 {
        x_from_date(self.first_day())
    }

    /// Where the period ends on the time axis (the start of the next period).
    pub fn end_x(&self) -> f64 {
        x_from_date(self.end_day())
    }

    /// The middle of the period on the time axis: where a value that covers the
    /// whole period is drawn.
    pub fn mid_x(&self) -> f64 {
        (self.start_x() + self.end_x()) / 2.0
    }

    /// How fine the period is: 0 for a year up to 3 for a day.
    pub fn resolution(&self) -> u8 {
        match self {
            Period::Year(_) => 0,
            Period::Quarter(..) => 1,
            Period::Month(..) => 2,
            Period::Day(_) => 3,
        }
    }
}

/// Periods sort in time order: by their first day, and a coarser period (the year
/// 2018) before a finer one starting the same day (2018-01-01).
impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.first_day(), self.resolution()).cmp(&(other.first_day(), other.resolution()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Position on the time axis, in fractional years, of the first instant of `date`.
pub fn x_from_date(date: NaiveDate) -> f64 {
    let year = date.year();
    let days_in_year = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366.0
    } else {
        365.0
    };
    f64::from(year) + f64::from(date.ordinal0()) / days_in_year
}

/// The day that contains the time-axis position `x` (fractional years).
pub fn date_from_x(x: f64) -> Option<NaiveDate> {
    if !x.is_finite() || x < f64::from(MIN_YEAR) || x >= f64::from(MAX_YEAR + 1) {
        return None;
    }
    let year = x.floor() as i32;
    let days_in_year = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366.0
    } else {
        365.0
    };
    let ordinal = ((x - f64::from(year)) * days_in_year).floor() as u32 + 1;
    NaiveDate::from_yo_opt(year, ordinal.min(days_in_year as u32))
}

impl fmt::Display for Period {
    /// The canonical form: `2018`, `2018-Q3`, `2018-07`, `2018-07-06`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
            Period::Day(date) => write!(f, "{}", date.format("%Y-%m-%d")),
        }
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Period::parse(&text).map_err(serde::de::Error::custom)
    }
}

fn ambiguous(text: &str) -> PeriodError {
    PeriodError(format!(
        "expected a date written year first (2018-07-06), found \"{text}\": it could be day/month or month/day, so it is not guessed"
    ))
}

fn bad(text: &str) -> PeriodError {
    PeriodError(format!(
        "expected a period such as 2018, 2018-Q3, 2018-07 or 2018-07-06, found \"{text}\""
    ))
}

fn split_quarter(text: &str) -> Option<(i32, u8)> {
    let upper = text.to_ascii_uppercase();
    let (year, quarter) = upper.split_once('Q')?;
    let year = year.trim();
    if year.len() != 4 {
        return None;
    }
    Some((year.parse().ok()?, digits(quarter.trim())?))
}

fn digits<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn two_digits<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.len() > 2 {
        return None;
    }
    digits(text)
}

fn year_of(text: &str) -> Result<i32, PeriodError> {
    let year: i64 = digits(text).ok_or_else(|| bad(text))?;
    if text.len() != 4 || year < i64::from(MIN_YEAR) || year > i64::from(MAX_YEAR) {
        return Err(PeriodError(format!(
            "expected a year from {MIN_YEAR} to {MAX_YEAR}, found \"{text}\""
        )));
    }
    Ok(year as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_canonical_form_and_writes_it_back() {
        for text in ["2018", "2018-Q3", "2018-07", "2018-07-06"] {
            let period = Period::parse(text).unwrap();
            assert_eq!(period.to_string(), text);
        }
    }

    #[test]
    fn reads_quarter_spellings_and_timestamps() {
        assert_eq!(Period::parse("2018Q3").unwrap(), Period::Quarter(2018, 3));
        assert_eq!(Period::parse("2018 q3").unwrap(), Period::Quarter(2018, 3));
        assert_eq!(
            Period::parse("2018-07-06T00:00:00").unwrap(),
            Period::Day(NaiveDate::from_ymd_opt(2018, 7, 6).unwrap())
        );
    }

    #[test]
    fn refuses_slashed_dates_as_ambiguous() {
        let error = Period::parse("7/6/2018").unwrap_err();
        assert!(error.0.contains("day/month or month/day"), "{error}");
    }

    #[test]
    fn refuses_impossible_periods() {
        for text in [
            "2018-13",
            "2018-02-30",
            "2018-Q5",
            "99999",
            "-2018",
            "201",
            "abc",
            "2018-7-6x",
        ] {
            assert!(Period::parse(text).is_err(), "{text} should be refused");
        }
    }

    #[test]
    fn a_year_covers_its_whole_span_on_the_axis() {
        let year = Period::Year(2018);
        assert_eq!(year.start_x(), 2018.0);
        assert_eq!(year.end_x(), 2019.0);
        assert_eq!(year.mid_x(), 2018.5);
        let july = Period::parse("2018-07-06").unwrap();
        assert!(july.start_x() > 2018.5 && july.start_x() < 2018.52);
    }

    #[test]
    fn periods_of_different_kinds_sort_in_time_order() {
        let mut periods = [
            Period::parse("2019").unwrap(),
            Period::parse("2018-07-06").unwrap(),
            Period::parse("2018-Q3").unwrap(),
            Period::parse("2018").unwrap(),
            Period::parse("2018-01-01").unwrap(),
        ];
        periods.sort();
        let texts: Vec<String> = periods.iter().map(Period::to_string).collect();
        assert_eq!(
            texts,
            ["2018", "2018-01-01", "2018-Q3", "2018-07-06", "2019"]
        );
    }

    #[test]
    fn axis_positions_map_back_to_their_day() {
        let date = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        assert_eq!(date_from_x(x_from_date(date) + 1e-9), Some(date));
        assert_eq!(date_from_x(f64::NAN), None);
    }
}
