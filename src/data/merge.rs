//! Adding another file's series to a dataset (File → Add series from file…, `render
//! --add`): each added series keeps its own source, a name already taken gets the
//! added file's name beside it, and what differs — another frequency, events left
//! out — is said in a note. Dollars at another scale than the chart's (a Census file in
//! USD millions beside the embedded USD billions) are converted to the chart's, so the
//! two sit on one panel; any other unit is left as it is, on a panel of its own.

use super::{Dataset, Frequency, Series, Unit};

/// Adds the series of `added` (read from the file `origin` names, as `country.xlsx ·
/// partner=Mexico`) to `base`, and returns the notes to show. `Err` when `added` holds
/// no series.
pub fn add_series(base: &mut Dataset, added: Dataset, origin: &str) -> Result<Vec<String>, String> {
    if added.series.is_empty() {
        return Err(format!("{origin} holds no series to add"));
    }
    let mut notes = Vec::new();
    // Coarsest first, each once.
    let base_frequencies: Vec<Frequency> = Frequency::ALL
        .into_iter()
        .filter(|frequency| {
            base.series
                .iter()
                .any(|series| drawn_frequency(series) == Some(*frequency))
        })
        .collect();
    let sources = if added.sources.is_empty() {
        origin.to_string()
    } else {
        added.sources.join("; ")
    };
    let mut names = Vec::new();
    let mut converted: Vec<(String, Unit, Unit)> = Vec::new();
    // The added series drawn at a frequency the chart had none of, by frequency.
    let mut other_frequency: Vec<(Frequency, Vec<String>)> = Vec::new();
    for mut series in added.series {
        let wanted = series.name.clone();
        series.name = free_name(base, &wanted, &added.title, origin);
        if series.name != wanted {
            notes.push(format!(
                "\"{wanted}\" of {origin} is shown as \"{}\": the chart has a series of that name",
                series.name
            ));
        }
        if let Some(frequency) = drawn_frequency(&series)
            && !base_frequencies.is_empty()
            && !base_frequencies.contains(&frequency)
        {
            match other_frequency
                .iter_mut()
                .find(|(seen, _)| *seen == frequency)
            {
                Some((_, names)) => names.push(series.name.clone()),
                None => other_frequency.push((frequency, vec![series.name.clone()])),
            }
        }
        if let Some(from) = convert_dollars(base, &mut series) {
            converted.push((series.name.clone(), from, series.unit.clone()));
        }
        let own = series.source.take().unwrap_or_else(|| sources.clone());
        series.source = Some(format!("{own} (added from {origin})"));
        names.push(series.name.clone());
        base.series.push(series);
    }
    if let Some((_, from, to)) = converted.first() {
        let names: Vec<&str> = converted.iter().map(|(name, ..)| name.as_str()).collect();
        notes.push(format!(
            "{}: {from} converted to {to} (÷ {}), to share the panel of the chart's {to}",
            names.join(", "),
            dollar_factor(from, to).map_or(1.0, f64::recip)
        ));
    }
    let others: Vec<&str> = base_frequencies.iter().map(|f| f.name()).collect();
    for (frequency, names) in other_frequency {
        notes.push(format!(
            "{} {} {}, the chart's other series {}: each value is drawn over its own period",
            names.join(", "),
            if names.len() == 1 { "is" } else { "are" },
            frequency.name(),
            others.join(" and ")
        ));
    }
    notes.insert(
        0,
        format!(
            "Added {} from {origin}: {}",
            count(names.len(), "series", "series"),
            names.join(", ")
        ),
    );
    // Credited on the chart's source line: the file's sources, or the file itself.
    let credits = if added.sources.is_empty() {
        vec![origin.to_string()]
    } else {
        added
            .sources
            .iter()
            .map(|source| format!("{origin}: {source}"))
            .collect()
    };
    for line in credits {
        if !base.sources.contains(&line) {
            base.sources.push(line);
        }
    }
    if !added.events.is_empty() {
        notes.push(format!(
            "{origin} also holds {}, not added with its series (File → Add events… adds them)",
            count(added.events.len(), "event", "events")
        ));
    }
    Ok(notes)
}

/// US dollars per unit of `unit` (`USD mn`: a million), for the dollar units.
fn dollars_per_unit(unit: &Unit) -> Option<f64> {
    match unit.as_str() {
        "USD" => Some(1.0),
        "USD thousands" => Some(1e3),
        "USD mn" => Some(1e6),
        "USD bn" => Some(1e9),
        _ => None,
    }
}

/// What a value in `from` is multiplied by to read in `to` (both dollar units).
fn dollar_factor(from: &Unit, to: &Unit) -> Option<f64> {
    Some(dollars_per_unit(from)? / dollars_per_unit(to)?)
}

/// Converts `series` to the dollar scale of `base`'s dollar series when it is in
/// dollars at another scale and `base` has none at its own; returns the unit it had.
fn convert_dollars(base: &Dataset, series: &mut Series) -> Option<Unit> {
    dollars_per_unit(&series.unit)?;
    if base.series.iter().any(|other| other.unit == series.unit) {
        return None;
    }
    let to = base
        .series
        .iter()
        .map(|other| &other.unit)
        .find(|unit| dollars_per_unit(unit).is_some())?
        .clone();
    let factor = dollar_factor(&series.unit, &to)?;
    for point in &mut series.points {
        if let Some(value) = point.value() {
            point.set_value(Some(value * factor));
        }
    }
    Some(std::mem::replace(&mut series.unit, to))
}

/// The frequency a series is drawn at: that of its first period, for series that
/// cover their periods (a step series' dates are days of change, not a frequency).
fn drawn_frequency(series: &Series) -> Option<Frequency> {
    if series.step {
        return None;
    }
    series
        .points
        .first()
        .map(|point| Frequency::of(&point.period))
}

/// `wanted` if no series of `base` has that name, else `wanted (title)`, `wanted
/// (origin)`, then `wanted (origin) 2`, 3, …
fn free_name(base: &Dataset, wanted: &str, title: &str, origin: &str) -> String {
    let taken = |name: &str| base.series.iter().any(|series| series.name == name);
    let title = title.trim();
    let candidates = [
        Some(wanted.to_string()),
        (!title.is_empty()).then(|| format!("{wanted} ({title})")),
        Some(format!("{wanted} ({origin})")),
    ];
    if let Some(free) = candidates.into_iter().flatten().find(|name| !taken(name)) {
        return free;
    }
    (2..)
        .map(|number| format!("{wanted} ({origin}) {number}"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| wanted.to_string())
}

/// `1 series`, `3 events`.
fn count(number: usize, one: &str, many: &str) -> String {
    format!("{number} {}", if number == 1 { one } else { many })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::{Event, Period, Point};

    fn series(name: &str, unit: &str, periods: &[Period]) -> Series {
        Series {
            name: name.to_string(),
            unit: Unit::parse(unit),
            step: false,
            source: None,
            points: periods
                .iter()
                .map(|period| Point::new(*period, Some(1.0)))
                .collect(),
        }
    }

    fn years() -> Vec<Period> {
        (2015..=2017).map(Period::Year).collect()
    }

    fn base() -> Dataset {
        Dataset {
            title: "US–China".into(),
            sources: vec!["Census c5700".into()],
            series: vec![series("Trade balance", "USD bn", &years())],
            ..Dataset::default()
        }
    }

    #[test]
    fn added_series_keep_their_own_source_and_dollars_join_the_charts_scale() {
        let mut dataset = base();
        let mut mexico = series("Balance with Mexico", "USD mn", &years());
        mexico.source = Some("Census c2010".into());
        let added = Dataset {
            title: "US trade with Mexico".into(),
            sources: vec!["Census country.xlsx".into()],
            series: vec![mexico, series("Exports to Mexico", "USD mn", &years())],
            ..Dataset::default()
        };
        let notes = add_series(&mut dataset, added, "country.xlsx · partner=Mexico").unwrap();
        assert_eq!(
            notes,
            [
                "Added 2 series from country.xlsx · partner=Mexico: Balance with Mexico, Exports to Mexico",
                "Balance with Mexico, Exports to Mexico: USD mn converted to USD bn (÷ 1000), to share the panel of the chart's USD bn",
            ]
        );
        let names: Vec<&str> = dataset.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["Trade balance", "Balance with Mexico", "Exports to Mexico"]
        );
        // The series' own source where it has one, else the file's sources.
        assert_eq!(
            dataset.series[1].source.as_deref(),
            Some("Census c2010 (added from country.xlsx · partner=Mexico)")
        );
        assert_eq!(
            dataset.series[2].source.as_deref(),
            Some("Census country.xlsx (added from country.xlsx · partner=Mexico)")
        );
        // Millions read as billions: 1.0 mn is 0.001 bn, on the chart's panel.
        assert_eq!(dataset.series[1].unit.as_str(), "USD bn");
        assert_eq!(dataset.series[1].points[0].value(), Some(0.001));
        // A unit that is no dollar scale is left as it is (a panel of its own).
        let mut other = base();
        let tariffs = Dataset {
            series: vec![series("Tariff", "%", &years())],
            ..Dataset::default()
        };
        add_series(&mut other, tariffs, "t.csv").unwrap();
        assert_eq!(other.series[1].unit.as_str(), "%");
        assert_eq!(other.series[1].points[0].value(), Some(1.0));
        assert_eq!(
            dataset.sources,
            [
                "Census c5700",
                "country.xlsx · partner=Mexico: Census country.xlsx"
            ]
        );
        assert_eq!(dataset.title, "US–China", "the chart keeps its title");
    }

    #[test]
    fn a_name_taken_gets_the_title_then_the_file_beside_it() {
        let mut dataset = base();
        let other = |title: &str| Dataset {
            title: title.into(),
            series: vec![series("Trade balance", "USD bn", &years())],
            ..Dataset::default()
        };
        add_series(&mut dataset, other("Mexico"), "mx.csv").unwrap();
        let notes = add_series(&mut dataset, other("Mexico"), "mx.csv").unwrap();
        add_series(&mut dataset, other("Mexico"), "mx.csv").unwrap();
        add_series(&mut dataset, other(""), "mx.csv").unwrap();
        let names: Vec<&str> = dataset.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Trade balance",
                "Trade balance (Mexico)",
                "Trade balance (mx.csv)",
                "Trade balance (mx.csv) 2",
                "Trade balance (mx.csv) 3",
            ]
        );
        assert!(notes.contains(
            &"\"Trade balance\" of mx.csv is shown as \"Trade balance (mx.csv)\": the chart has a series of that name"
                .to_string()
        ));
        // A file without sources is credited by its name.
        assert_eq!(
            dataset.series[1].source.as_deref(),
            Some("mx.csv (added from mx.csv)")
        );
        assert_eq!(dataset.sources, ["Census c5700", "mx.csv"]);
    }

    #[test]
    fn another_frequency_is_said_and_step_series_do_not_count() {
        let mut dataset = base();
        let mut tariff = series("Tariff", "%", &[Period::parse("2018-07-06").unwrap()]);
        tariff.step = true;
        dataset.series.push(tariff);
        let months = [
            Period::parse("2016-01").unwrap(),
            Period::parse("2016-02").unwrap(),
        ];
        let added = Dataset {
            series: vec![
                series("Monthly balance", "USD bn", &months),
                series("Monthly exports", "USD bn", &months),
            ],
            events: vec![Event::new(Period::Year(2016), "An event")],
            ..Dataset::default()
        };
        let notes = add_series(&mut dataset, added, "m.csv").unwrap();
        assert_eq!(
            notes,
            [
                "Added 2 series from m.csv: Monthly balance, Monthly exports",
                "Monthly balance, Monthly exports are monthly, the chart's other series yearly: each value is drawn over its own period",
                "m.csv also holds 1 event, not added with its series (File → Add events… adds them)",
            ]
        );
        assert!(dataset.events.is_empty());
        // The same frequency says nothing.
        let yearly = Dataset {
            series: vec![series("Other", "USD bn", &years())],
            ..Dataset::default()
        };
        assert_eq!(add_series(&mut dataset, yearly, "y.csv").unwrap().len(), 1);
    }

    #[test]
    fn a_file_without_series_is_refused() {
        let mut dataset = base();
        let error = add_series(&mut dataset, Dataset::default(), "e.csv").unwrap_err();
        assert_eq!(error, "e.csv holds no series to add");
        assert_eq!(dataset, base());
    }
}
