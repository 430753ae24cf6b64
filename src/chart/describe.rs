//! The chart in words: what is plotted and in which units, each series' range, extremes
//! and latest values, the headline events and what is estimated or planned — computed
//! from the data, the same every time, with periods and values written as the chart
//! writes them. It is `tradechart describe`, the window's Copy description, the alt
//! text of exports and the accessibility tree's description of the plot.

use serde::Serialize;

use super::certainty::{is_implied_gap, sorted_points};
use super::{Chart, View, labels, series_formats};
use crate::data::{Dataset, Period, Point, Status};

/// Listed items (gaps, estimates) named one by one before "and N more".
const MOST_LISTED: usize = 4;
/// Events named when none is flagged as a headline.
const MOST_EVENTS_WITHOUT_HEADLINES: usize = 5;

/// The chart described, as data (`describe --json`) and as text ([`Description::text`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Description {
    pub title: String,
    /// First and last period with a value shown, as the chart writes them.
    pub span: Option<(String, String)>,
    pub panels: Vec<PanelDescription>,
    /// Events shown (in the range and let through by the event filter).
    pub event_count: usize,
    /// The headline events in time order (all events when none is flagged and there
    /// are few).
    pub headline_events: Vec<EventDescription>,
    /// Events announced or expected, not (yet) happened.
    pub planned_events: Vec<EventDescription>,
    /// How current the data is (the dataset's `as_of`).
    pub as_of: Option<String>,
}

/// One panel: the series that share a unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PanelDescription {
    /// The axis title: `US$ billions`, `Percent`.
    pub unit: String,
    pub series: Vec<SeriesDescription>,
}

/// One series as shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesDescription {
    pub name: String,
    pub unit: String,
    pub step: bool,
    pub first: Option<String>,
    pub last: Option<String>,
    pub highest: Option<ValueAt>,
    pub lowest: Option<ValueAt>,
    /// The last value that covers its whole period.
    pub latest: Option<ValueAt>,
    /// A partial period after [`SeriesDescription::latest`] (`2026 (Jan–Apr only)`).
    pub latest_partial: Option<ValueAt>,
    /// Periods without a value: `2019`, or `2018-03`.
    pub gaps: Vec<String>,
    /// Values that are not reported facts: estimates, projections, recalled values.
    pub uncertain: Vec<ValueAt>,
}

/// A value at a period, with its text as the chart shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueAt {
    pub period: String,
    pub value: f64,
    pub text: String,
    /// `estimate`, `planned` … for a value that is not reported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
}

/// An event as the description names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventDescription {
    pub date: String,
    pub title: String,
    pub category: String,
    pub status: &'static str,
}

impl Description {
    /// Describes `chart` (built from `dataset`) as `view` shows it: its time range,
    /// the series it does not hide and the events its filter lets through.
    pub fn of(dataset: &Dataset, chart: &Chart, view: &View) -> Description {
        let values = chart.transformed.as_deref().unwrap_or(dataset);
        let formats = series_formats(values);
        let range = view.range();
        let panels: Vec<PanelDescription> = chart
            .panels
            .iter()
            .map(|panel| PanelDescription {
                unit: panel.axis_title.clone(),
                series: panel
                    .lines
                    .iter()
                    .filter(|line| view.shows_series(&line.name))
                    .filter_map(|line| {
                        let series = values.series.get(line.series_index)?;
                        let (scale, decimals) = formats.get(line.series_index)?;
                        let points: Vec<&Point> = sorted_points(series)
                            .into_iter()
                            .filter(|point| in_range(point.period, range))
                            .collect();
                        let write = |point: &Point, value: f64| ValueAt {
                            period: period_text(point),
                            value,
                            text: scale.format_in_column(value, *decimals),
                            status: (!point.status().is_reported()).then(|| point.status().label()),
                        };
                        Some(describe_series(
                            &series.name,
                            &panel.axis_title,
                            series.step,
                            &points,
                            write,
                        ))
                    })
                    .filter(|series| series.first.is_some())
                    .collect(),
            })
            .filter(|panel| !panel.series.is_empty())
            .collect();
        let events: Vec<&super::EventMark> = chart
            .events
            .iter()
            .filter(|event| view.filter.shows(event))
            .filter(|event| range.is_none_or(|(from, to)| event.x >= from && event.x < to))
            .collect();
        let flagged: Vec<_> = events
            .iter()
            .filter(|event| event.importance >= labels::HIGHLIGHT_IMPORTANCE)
            .collect();
        let headline: Vec<_> = if !flagged.is_empty() {
            flagged
                .into_iter()
                .map(|event| describe_event(event))
                .collect()
        } else if events.len() <= MOST_EVENTS_WITHOUT_HEADLINES {
            events.iter().map(|event| describe_event(event)).collect()
        } else {
            Vec::new()
        };
        let planned = events
            .iter()
            .filter(|event| event.status == Status::Planned)
            .map(|event| describe_event(event))
            .collect();
        let span = span_of(&panels);
        Description {
            title: chart.title.clone(),
            span,
            panels,
            event_count: events.len(),
            headline_events: headline,
            planned_events: planned,
            as_of: dataset.as_of.clone(),
        }
    }

    /// The description as a few sentences, one line each.
    pub fn text(&self) -> String {
        let mut lines = Vec::new();
        let series_count: usize = self.panels.iter().map(|panel| panel.series.len()).sum();
        let title = if self.title.is_empty() {
            "Chart"
        } else {
            &self.title
        };
        let span = self.span.as_ref().map_or(String::new(), |(first, last)| {
            format!(", {}", from_to(first, last))
        });
        lines.push(format!(
            "{title}: {} in {}{span}.",
            counted(series_count, "series", "series"),
            counted(self.panels.len(), "panel", "panels"),
        ));
        for panel in &self.panels {
            let names: Vec<&str> = panel.series.iter().map(|s| s.name.as_str()).collect();
            lines.push(format!("Panel {}: {}.", panel.unit, names.join(", ")));
            lines.extend(panel.series.iter().map(SeriesDescription::text));
        }
        lines.push(self.events_text());
        // Planned events the headlines have not named already.
        let planned: Vec<String> = self
            .planned_events
            .iter()
            .filter(|event| !self.headline_events.contains(event))
            .map(|event| format!("{}: {}", event.date, event.title))
            .collect();
        if !planned.is_empty() {
            lines.push(format!("Planned: {}.", planned.join("; ")));
        }
        if let Some(as_of) = &self.as_of {
            lines.push(format!("Data as of {as_of}."));
        }
        lines.join("\n")
    }

    fn events_text(&self) -> String {
        let count = counted(self.event_count, "event", "events");
        if self.headline_events.is_empty() {
            return format!("{count} marked.");
        }
        let named: Vec<String> = self.headline_events.iter().map(event_text).collect();
        let which = if self.headline_events.len() == self.event_count {
            "marked"
        } else {
            "marked; the headlines"
        };
        format!("{count} {which}: {}.", named.join("; "))
    }

    /// The first line of [`Description::text`]: a title for the chart's picture.
    pub fn summary(&self) -> String {
        self.text().lines().next().unwrap_or_default().to_string()
    }
}

impl SeriesDescription {
    /// One sentence: `Trade balance (US$ billions), 1985 to 2026: lowest -$418.2bn in
    /// 2018, highest …; -$202.7bn in 2025 and -$43.9bn in 2026 (Jan–Apr only).`
    pub fn text(&self) -> String {
        let span = match (&self.first, &self.last) {
            (Some(first), Some(last)) => format!(", {}", from_to(first, last)),
            _ => String::new(),
        };
        let mut parts = Vec::new();
        if let (Some(highest), Some(lowest)) = (&self.highest, &self.lowest) {
            // The extreme farthest from zero first: a deficit's low is its peak.
            let extremes = if lowest.value.abs() > highest.value.abs() {
                [("lowest", lowest), ("highest", highest)]
            } else {
                [("highest", highest), ("lowest", lowest)]
            };
            let extremes: Vec<String> = extremes
                .iter()
                .map(|(word, at)| format!("{word} {}", self.value_text(at)))
                .collect();
            parts.push(extremes.join(", "));
        }
        let latest: Vec<String> = self
            .latest
            .iter()
            .chain(&self.latest_partial)
            .map(|at| self.value_text(at))
            .collect();
        if !latest.is_empty() {
            parts.push(format!("latest {}", latest.join(" and ")));
        }
        if !self.gaps.is_empty() {
            // A step series stops at a missing value until the next one.
            let word = if self.step { "from" } else { "for" };
            let gaps: Vec<String> = self
                .gaps
                .iter()
                .map(|gap| match gap.starts_with("between") {
                    true => gap.clone(),
                    false => format!("{word} {gap}"),
                })
                .collect();
            parts.push(format!("no value {}", listed(&gaps)));
        }
        // Grouped by status: `estimate: 2021, 2022; planned: 2027`.
        let mut statuses: Vec<&str> = Vec::new();
        for at in &self.uncertain {
            if let Some(status) = at.status
                && !statuses.contains(&status)
            {
                statuses.push(status);
            }
        }
        for status in statuses {
            let periods: Vec<String> = self
                .uncertain
                .iter()
                .filter(|at| at.status == Some(status))
                .map(|at| at.period.clone())
                .collect();
            parts.push(format!("{status}: {}", listed(&periods)));
        }
        format!("{} ({}){span}: {}.", self.name, self.unit, parts.join("; "))
    }

    fn value_text(&self, at: &ValueAt) -> String {
        let preposition = if self.step {
            "from"
        } else if at.period.len() == "2018-07-06".len() {
            "on"
        } else {
            "in"
        };
        format!("{} {preposition} {}", at.text, at.period)
    }
}

fn describe_series(
    name: &str,
    unit: &str,
    step: bool,
    points: &[&Point],
    write: impl Fn(&Point, f64) -> ValueAt,
) -> SeriesDescription {
    let valued: Vec<(&Point, f64)> = points
        .iter()
        .filter_map(|point| Some((*point, point.value().filter(|v| v.is_finite())?)))
        .collect();
    // The first of equal extremes: the earliest time the value was reached.
    let extreme = |better: fn(f64, f64) -> bool| {
        valued
            .iter()
            .fold(None::<&(&Point, f64)>, |best, candidate| match best {
                Some(best) if !better(candidate.1, best.1) => Some(best),
                _ => Some(candidate),
            })
            .map(|(point, value)| write(point, *value))
    };
    let last = valued.last();
    let latest_partial = last
        .filter(|(point, _)| point.is_partial())
        .map(|(point, value)| write(point, *value));
    let latest = valued
        .iter()
        .rev()
        .find(|(point, _)| !point.is_partial())
        .map(|(point, value)| write(point, *value));
    let mut gaps: Vec<String> = Vec::new();
    let mut previous: Option<Period> = None;
    for point in points {
        if let Some(before) = previous
            && is_implied_gap(before, point.period)
        {
            gaps.push(format!("between {before} and {}", point.period));
        }
        if point.value().is_none() {
            gaps.push(point.period.to_string());
        }
        previous = Some(point.period);
    }
    SeriesDescription {
        name: name.to_string(),
        unit: unit.to_string(),
        step,
        first: valued.first().map(|(point, _)| period_text(point)),
        last: last.map(|(point, _)| period_text(point)),
        highest: extreme(|candidate, best| candidate > best),
        lowest: extreme(|candidate, best| candidate < best),
        latest,
        latest_partial,
        gaps,
        uncertain: valued
            .iter()
            .filter(|(point, _)| !point.status().is_reported())
            .map(|(point, value)| write(point, *value))
            .collect(),
    }
}

fn describe_event(event: &super::EventMark) -> EventDescription {
    EventDescription {
        date: event.date_text.clone(),
        title: event.title.clone(),
        category: event.category.clone(),
        status: event.status.label(),
    }
}

/// `2018-07-06: Section 301 List 1 tariffs`, with its status when not reported.
fn event_text(event: &EventDescription) -> String {
    if event.status == Status::Reported.label() {
        format!("{}: {}", event.date, event.title)
    } else {
        format!("{}: {} ({})", event.date, event.title, event.status)
    }
}

/// A period as the description writes it: `2018`, or `2026 (Jan–Apr only)` for a
/// partial one.
fn period_text(point: &Point) -> String {
    match point.coverage() {
        Some(coverage) => format!("{} ({})", point.period, coverage.label()),
        None => point.period.to_string(),
    }
}

/// The first and last period of all series: earliest start, latest end (the year
/// 2026 ends after its day 2026-02-24).
fn span_of(panels: &[PanelDescription]) -> Option<(String, String)> {
    let periods = |pick: fn(&SeriesDescription) -> Option<&String>| {
        panels
            .iter()
            .flat_map(|panel| &panel.series)
            .filter_map(pick)
            .filter_map(|text| {
                let period = Period::parse(text.split(' ').next().unwrap_or(text)).ok()?;
                Some((period, text.clone()))
            })
            .collect::<Vec<_>>()
    };
    let first = periods(|series| series.first.as_ref())
        .into_iter()
        .min_by_key(|(period, _)| period.first_day())?;
    let last = periods(|series| series.last.as_ref())
        .into_iter()
        .max_by_key(|(period, _)| period.end_day())?;
    Some((first.1, last.1))
}

/// Whether a value of `period` is shown in the time range `range`: the period
/// overlaps it (`--from 2018` leaves 2017 out, a view from mid-2014 keeps 2014).
fn in_range(period: Period, range: Option<(f64, f64)>) -> bool {
    range.is_none_or(|(from, to)| period.end_x() > from && period.start_x() < to)
}

fn from_to(first: &str, last: &str) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first} to {last}")
    }
}

fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// `a, b, c, d and 3 more`.
fn listed(items: &[String]) -> String {
    let named = items.iter().take(MOST_LISTED).cloned().collect::<Vec<_>>();
    let rest = items.len().saturating_sub(MOST_LISTED);
    if rest == 0 {
        named.join(", ")
    } else {
        format!("{} and {rest} more", named.join(", "))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::chart::Chart;
    use crate::data::{Coverage, Series, Unit};

    fn balance() -> Dataset {
        let point = |year: i32, value: Option<f64>| Point::new(Period::Year(year), value);
        Dataset {
            title: "Balance".to_string(),
            series: vec![Series {
                name: "Trade balance".to_string(),
                unit: Unit::from("USD bn"),
                step: false,
                source: None,
                points: vec![
                    point(2017, Some(-375.17)),
                    point(2018, Some(-418.23)),
                    point(2019, None),
                    point(2020, Some(-307.97)),
                    point(2022, Some(-382.28)).with_status(Status::Estimated),
                    point(2023, Some(-90.1))
                        .with_coverage(Some(Coverage::parse("Jan–Mar").unwrap())),
                ],
            }],
            ..Dataset::default()
        }
    }

    #[test]
    fn a_deficit_names_its_deepest_year_first_and_the_partial_year_after_the_latest_whole() {
        let dataset = balance();
        let view = View::default();
        let chart = Chart::build(&dataset, &view.chart_options());
        let description = Description::of(&dataset, &chart, &view);
        // Decimals: the largest magnitude 418.23 has 3 whole digits, so one decimal.
        assert_eq!(
            description.text(),
            "Balance: 1 series in 1 panel, 2017 to 2023 (Jan–Mar only).\n\
             Panel US$ billions: Trade balance.\n\
             Trade balance (US$ billions), 2017 to 2023 (Jan–Mar only): \
             lowest -$418.2bn in 2018, highest -$90.1bn in 2023 (Jan–Mar only); \
             latest -$382.3bn in 2022 and -$90.1bn in 2023 (Jan–Mar only); \
             no value for 2019, between 2020 and 2022; estimate: 2022.\n\
             0 events marked."
        );
    }

    #[test]
    fn a_range_keeps_the_values_that_start_inside_it() {
        let dataset = balance();
        let mut view = View::default();
        view.set_range(Some((2019.0, 2021.0)));
        let chart = Chart::build(&dataset, &view.chart_options());
        let description = Description::of(&dataset, &chart, &view);
        let series = &description.panels[0].series[0];
        assert_eq!(series.first.as_deref(), Some("2020"));
        assert_eq!(series.last.as_deref(), Some("2020"));
        assert_eq!(series.gaps, ["2019"]);
        assert_eq!(
            series.highest.as_ref().map(|at| at.text.as_str()),
            Some("-$308.0bn")
        );
    }

    #[test]
    fn a_long_list_is_cut_with_a_count() {
        let items: Vec<String> = (1..=6).map(|n| n.to_string()).collect();
        assert_eq!(listed(&items), "1, 2, 3, 4 and 2 more");
        assert_eq!(listed(&items[..2]), "1, 2");
    }
}
