//! Units a table names outside its header: in a line above it (`(millions of
//! dollars)`), and rates written as fractions of one.

use super::super::model::Dataset;
use super::super::unit::Unit;

/// A unit named by a line above the table: `(millions of dollars)`,
/// `[Billions of dollars]`, `In percent`.
pub(super) fn unit_in_lines(lines: &[(usize, String)]) -> Option<(Unit, String)> {
    lines.iter().find_map(|(_, text)| {
        let lower = text.to_lowercase();
        let says_unit = lower.contains("dollars")
            || lower.contains("usd")
            || lower.contains("percent")
            || lower.trim() == "(%)"
            || lower.trim() == "[%]";
        if !says_unit {
            return None;
        }
        // A sentence that names the unit among other words: `In millions of dollars.
        // Seasonally adjusted …` (Census exhibits).
        if text.len() > 80 {
            let phrase = [
                ("billions of dollars", "USD bn"),
                ("millions of dollars", "USD mn"),
                ("thousands of dollars", "USD thousands"),
                ("billions of u.s. dollars", "USD bn"),
                ("millions of u.s. dollars", "USD mn"),
            ]
            .iter()
            .find(|(words, _)| lower.contains(words))?;
            return Some((Unit::parse(phrase.1), text.clone()));
        }
        let inner = text
            .find(['(', '['])
            .and_then(|open| {
                let close = text.rfind([')', ']'])?;
                text.get(open + 1..close)
            })
            .unwrap_or(text);
        let unit = Unit::parse(inner);
        (unit.is_percent() || unit.as_str().starts_with("USD")).then(|| (unit, text.clone()))
    })
}

/// Rates written as fractions (`0.17` for 17%): a series whose name says rate, tariff
/// or ETR, with no unit and every value within 0–1, is shown in percent. Returns the
/// note for the series changed.
pub fn fractions_as_percent(dataset: &mut Dataset) -> Option<String> {
    let mut changed = Vec::new();
    for series in &mut dataset.series {
        if !series.unit.is_empty() || !names_a_rate(&series.name) {
            continue;
        }
        let values: Vec<f64> = series
            .points
            .iter()
            .filter_map(|point| point.value())
            .collect();
        let within = values.iter().all(|value| (0.0..=1.0).contains(value));
        let fractional = values.iter().any(|value| *value > 0.0 && *value < 1.0);
        if values.is_empty() || !within || !fractional {
            continue;
        }
        for point in &mut series.points {
            if let Some(value) = point.value() {
                // Rounded to 10 decimals: 0.181 × 100 is 18.099999999999998 in floats.
                point.set_value(Some((value * 100.0 * 1e10).round() / 1e10));
            }
        }
        series.unit = Unit::parse("%");
        changed.push(series.name.clone());
    }
    (!changed.is_empty()).then(|| {
        format!(
            "Rates between 0 and 1 shown in percent: {}",
            changed.join(", ")
        )
    })
}

/// True for a name that says it is a rate: `effective tariff rate`, `ETR`, `duty`.
fn names_a_rate(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|word| {
        matches!(
            word,
            "rate" | "rates" | "tariff" | "tariffs" | "etr" | "duty" | "duties"
        )
    })
}
