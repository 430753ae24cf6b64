//! Partial periods: a yearly (or quarterly) value that covers only some of its months,
//! such as a year-to-date total for `2025` made of January to March.
//!
//! In the JSON document a point says so with `"coverage": "Jan–Mar"`; a CSV file says
//! it with a metadata line `# partial: 2025 Jan–Mar` before the header. The chart
//! draws such a value hollow, with a dashed segment into it, over the months it covers.

use std::fmt;

use super::period::Period;

/// English month names, lower case, January first: what month words are read against.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The months (1–12, of the period's calendar year) a partial value covers, first
/// to last, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Coverage {
    pub first_month: u8,
    pub last_month: u8,
}

/// Three-letter month names, as the coverage is written.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Coverage {
    /// Reads `Jan–Mar`, `Jan-Mar`, `January–March`, `01-03`, `1–3` or a single month
    /// (`Mar`): the months a partial value covers.
    pub fn parse(text: &str) -> Result<Coverage, String> {
        let trimmed = text.trim();
        let (first, last) = match trimmed.split_once(['–', '—', '-']) {
            Some((first, last)) => (first, last),
            None => (trimmed, trimmed),
        };
        let (Some(first_month), Some(last_month)) = (month_of(first), month_of(last)) else {
            return Err(format!(
                "expected the months covered, such as Jan–Mar, found \"{trimmed}\""
            ));
        };
        if last_month < first_month {
            return Err(format!(
                "expected the first month before the last, found \"{trimmed}\""
            ));
        }
        Ok(Coverage {
            first_month,
            last_month,
        })
    }

    /// Whether this coverage is a true part of `period`: months inside a year or a
    /// quarter, and not all of them. Explains why not.
    pub fn check(&self, period: Period) -> Result<(), String> {
        let (first, last) = match period {
            Period::Year(_) => (1, 12),
            Period::Quarter(_, quarter) => (quarter * 3 - 2, quarter * 3),
            Period::Month(..) | Period::Day(_) => {
                return Err(format!(
                    "expected a partial year or quarter, found {self} of {period}, which is a month or a day"
                ));
            }
        };
        if self.first_month < first || self.last_month > last {
            return Err(format!("expected months within {period}, found {self}"));
        }
        if self.first_month == first && self.last_month == last {
            return Err(format!(
                "expected only some months of {period}, found {self}, which is all of them"
            ));
        }
        Ok(())
    }

    /// Where the covered months start on the time axis, in the year of `period`.
    pub fn start_x(&self, period: Period) -> f64 {
        Period::Month(period.year(), self.first_month).start_x()
    }

    /// Where the covered months end on the time axis (the start of the next month).
    pub fn end_x(&self, period: Period) -> f64 {
        Period::Month(period.year(), self.last_month).end_x()
    }

    /// What the tooltip says: `Jan–Mar only`.
    pub fn label(&self) -> String {
        format!("{self} only")
    }
}

impl fmt::Display for Coverage {
    /// `Jan–Mar`, or `Mar` for one month.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |month: u8| {
            MONTHS
                .get(usize::from(month.saturating_sub(1)))
                .copied()
                .unwrap_or("?")
        };
        if self.first_month == self.last_month {
            f.write_str(name(self.first_month))
        } else {
            write!(f, "{}–{}", name(self.first_month), name(self.last_month))
        }
    }
}

impl serde::Serialize for Coverage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Coverage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Coverage::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A month named in English (three letters or more: `Mar`, `March`) or by number.
fn month_of(text: &str) -> Option<u8> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<u8>()
            .ok()
            .filter(|month| (1..=12).contains(month));
    }
    let lower = text.to_lowercase();
    if lower.chars().count() < 3 {
        return None;
    }
    let lower = lower.strip_suffix('.').unwrap_or(&lower);
    MONTH_NAMES
        .iter()
        .position(|name| name.starts_with(lower))
        .and_then(|index| u8::try_from(index + 1).ok())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn reads_the_spellings_people_write_and_writes_one() {
        for text in [
            "Jan–Mar",
            "Jan-Mar",
            "January – March",
            "01-03",
            "1–3",
            "jan.-mar",
        ] {
            let coverage = Coverage::parse(text).unwrap();
            assert_eq!(coverage.to_string(), "Jan–Mar", "{text}");
        }
        assert_eq!(Coverage::parse("Mar").unwrap().to_string(), "Mar");
        assert_eq!(Coverage::parse("Jan–Mar").unwrap().label(), "Jan–Mar only");
    }

    #[test]
    fn refuses_what_is_not_a_run_of_months() {
        for text in ["", "Ja", "Mar–Jan", "13", "0-3", "spring"] {
            assert!(Coverage::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn must_be_a_true_part_of_a_year_or_quarter() {
        let coverage = Coverage::parse("Jan–Mar").unwrap();
        assert!(coverage.check(Period::Year(2025)).is_ok());
        assert!(coverage.check(Period::Quarter(2025, 1)).is_err());
        assert!(
            Coverage::parse("Jan-Feb")
                .unwrap()
                .check(Period::Quarter(2025, 1))
                .is_ok()
        );
        assert!(coverage.check(Period::Quarter(2025, 2)).is_err());
        assert!(coverage.check(Period::Month(2025, 1)).is_err());
        let whole = Coverage::parse("Jan–Dec").unwrap();
        assert!(
            whole
                .check(Period::Year(2025))
                .unwrap_err()
                .contains("all of them")
        );
    }

    #[test]
    fn spans_its_months_on_the_axis() {
        let coverage = Coverage::parse("Jan–Mar").unwrap();
        let period = Period::Year(2025);
        assert_eq!(coverage.start_x(period), 2025.0);
        assert_eq!(coverage.end_x(period), Period::Month(2025, 4).start_x());
    }
}
