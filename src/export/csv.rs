//! The data as a wide CSV file that the app reads back: `# title:` and `# source:`
//! lines, a header of `period` and one `Name (unit)` column per series, one row per
//! period. Values are written in Rust's shortest exact form, so they read back equal;
//! a missing value is an empty cell.
//!
//! What a wide CSV cannot say is left out: events, each value's status and note, and
//! which series are steps.

use crate::data::{Dataset, Period, Series};

/// Which part of the data to write.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CsvOptions {
    /// Only periods that overlap this time range (fractional years); `None` for all.
    pub x_range: Option<(f64, f64)>,
    /// Names of series left out.
    pub hidden_series: Vec<String>,
}

/// The dataset (or the part `options` asks for) as wide CSV text.
pub fn dataset_csv(dataset: &Dataset, options: &CsvOptions) -> String {
    let series: Vec<&Series> = dataset
        .series
        .iter()
        .filter(|series| !options.hidden_series.contains(&series.name))
        .collect();
    let periods = periods_in_range(&series, options.x_range);
    let mut out = String::new();
    let mut meta = |key: &str, value: &str| {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if !value.is_empty() {
            out.push_str(&format!("# {key}: {value}\n"));
        }
    };
    meta("title", &dataset.title);
    for source in &dataset.sources {
        meta("source", source);
    }
    for note in &dataset.notes {
        meta("note", note);
    }
    if let Some(as_of) = &dataset.as_of {
        meta("as of", as_of);
    }
    // A partial year stays partial when read back (issue 17: 2026 is Jan–Apr).
    let mut partial: Vec<String> = Vec::new();
    for point in series.iter().flat_map(|series| series.points.iter()) {
        if let Some(coverage) = point.coverage()
            && periods.contains(&point.period)
        {
            let line = format!("{} {coverage}", point.period);
            if !partial.contains(&line) {
                partial.push(line);
            }
        }
    }
    for line in &partial {
        meta("partial", line);
    }
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header = std::iter::once("period".to_string()).chain(series.iter().map(|s| header(s)));
    let mut rows_ok = writer.write_record(header).is_ok();
    for period in &periods {
        let cells =
            std::iter::once(period.to_string()).chain(series.iter().map(|series| {
                value_at(series, *period).map_or_else(String::new, |v| v.to_string())
            }));
        rows_ok &= writer.write_record(cells).is_ok();
    }
    // Writing to a Vec cannot fail; if it somehow did, the table is left out whole
    // rather than written in part.
    match writer.into_inner() {
        Ok(bytes) if rows_ok => out.push_str(&String::from_utf8_lossy(&bytes)),
        _ => {}
    }
    out
}

/// `Trade balance (USD bn)`, or the bare name for a series without a unit.
fn header(series: &Series) -> String {
    let name = series.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if series.unit.is_empty() {
        name
    } else {
        format!("{name} ({})", series.unit)
    }
}

/// The finite value a series has at exactly `period`, if any.
fn value_at(series: &Series, period: Period) -> Option<f64> {
    series
        .points
        .iter()
        .find(|point| point.period == period)
        .and_then(|point| point.value())
        .filter(|value| value.is_finite())
}

/// Periods of the series that overlap `range`, without duplicates, in time order
/// (a year before the quarters, months and days that start on its first day).
fn periods_in_range(series: &[&Series], range: Option<(f64, f64)>) -> Vec<Period> {
    let mut periods: Vec<Period> = series
        .iter()
        .flat_map(|series| series.points.iter().map(|point| point.period))
        .filter(|period| {
            range.is_none_or(|(from, to)| period.end_x() > from && period.start_x() < to)
        })
        .collect();
    periods.sort_by_key(|period| (period.first_day(), period.resolution()));
    periods.dedup();
    periods
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::{Point, Unit};

    fn dataset() -> Dataset {
        Dataset {
            title: "Trade, \"goods\"".into(),
            sources: vec!["Census".into()],
            series: vec![
                Series {
                    name: "Balance, goods".into(),
                    unit: Unit::parse("USD bn"),
                    step: false,
                    source: None,
                    points: vec![
                        Point::new(Period::Year(2017), Some(-375.576)),
                        Point::new(Period::Year(2018), None),
                        Point::new(Period::Year(2019), Some(-345.0)),
                    ],
                },
                Series {
                    name: "Tariff".into(),
                    unit: Unit::parse("%"),
                    step: true,
                    source: None,
                    points: vec![Point::new(Period::parse("2018-07-06").unwrap(), Some(12.0))],
                },
            ],
            ..Dataset::default()
        }
    }

    #[test]
    fn writes_metadata_units_and_empty_cells_for_missing_values() {
        let text = dataset_csv(&dataset(), &CsvOptions::default());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "# title: Trade, \"goods\"");
        assert_eq!(lines[1], "# source: Census");
        assert_eq!(lines[2], "period,\"Balance, goods (USD bn)\",Tariff (%)");
        assert_eq!(lines[3], "2017,-375.576,");
        assert_eq!(lines[4], "2018,,");
        assert_eq!(lines[5], "2018-07-06,,12");
        assert_eq!(lines[6], "2019,-345,");
    }

    #[test]
    fn crops_to_the_range_and_leaves_hidden_series_out() {
        let options = CsvOptions {
            x_range: Some((2018.9, 2030.0)),
            hidden_series: vec!["Tariff".into()],
        };
        let text = dataset_csv(&dataset(), &options);
        let lines: Vec<&str> = text.lines().skip(2).collect();
        assert_eq!(
            lines,
            ["period,\"Balance, goods (USD bn)\"", "2018,", "2019,-345"]
        );
    }
}
