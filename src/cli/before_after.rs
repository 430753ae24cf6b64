//! `check --json --event TITLE [--periods N]`: the before/after figures of a named event
//! (see [`crate::data::analysis`]), added to the report as `before_after`. Step series
//! give the rate in force (or, with `--step-window DAYS`, time-weighted averages); a
//! change of a rate is in percentage points (`change_unit` `pp`), its percent change
//! only with `--relative-change`.

use clap::Args;
use clap::builder::TypedValueParser as _;
use serde::Serialize;

use crate::data::Dataset;
use crate::data::analysis::{self, BeforeAfter, BeforeAfterOptions, DEFAULT_PERIODS, Method};

/// The `check` options that ask for before/after figures.
#[derive(Clone, Debug, Default, Args)]
pub struct BeforeAfterArgs {
    /// Add every series' figures before and after this event (its title, any case, or
    /// a part of it found in one title only): averages over N periods for flows, the
    /// rate in force for step series.
    #[arg(long, value_name = "TITLE")]
    pub event: Option<String>,
    /// N, the periods averaged on each side of --event (flow series).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PERIODS,
          value_parser = clap::value_parser!(u16).range(1..=1000).map(usize::from))]
    pub periods: usize,
    /// For step series (tariff rates), time-weighted averages over DAYS days on each
    /// side of --event instead of the rate in force just before and just after.
    #[arg(long, value_name = "DAYS",
          value_parser = clap::value_parser!(u16).range(1..=3660).map(u32::from))]
    pub step_window: Option<u32>,
    /// Also give the percent change of a rate (a percent of a percent) as
    /// relative_change_percent; a change of a rate is in percentage points.
    #[arg(long)]
    pub relative_change: bool,
}

/// The `before_after` key: the figures, or why there are none.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum BeforeAfterReport {
    Figures(BeforeAfter),
    /// No such event: `{"error": "expected one of the file's event titles, …"}`.
    Error {
        error: String,
    },
}

impl BeforeAfterReport {
    /// True when the event was found.
    pub fn is_ok(&self) -> bool {
        matches!(self, BeforeAfterReport::Figures(_))
    }
}

impl BeforeAfterReport {
    /// The lines `check` prints without `--json`: one per series, indented.
    pub fn text(&self) -> String {
        let figures = match self {
            BeforeAfterReport::Figures(figures) => figures,
            BeforeAfterReport::Error { error } => return format!("  before/after: {error}\n"),
        };
        let has_steps = figures
            .series
            .iter()
            .any(|series| series.method != Method::PeriodAverage);
        let steps = match figures.step_window_days {
            _ if !has_steps => String::new(),
            Some(days) => format!("; steps averaged over {days} days each side"),
            None => "; steps: the rate in force".to_string(),
        };
        let mut out = format!(
            "  before/after \"{}\" ({}), {} periods each side{steps}:\n",
            figures.event, figures.date, figures.periods
        );
        let number =
            |value: Option<f64>| value.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"));
        for series in &figures.series {
            let percent = series
                .change_percent
                .map(|p| format!(" ({p:+.1}%)"))
                .or_else(|| {
                    series
                        .relative_change_percent
                        .map(|p| format!(" (relative change {p:+.1}%)"))
                })
                .unwrap_or_default();
            let unit = if series.change_unit == "pp" && series.change.is_some() {
                " pp"
            } else {
                ""
            };
            let method = match series.method {
                Method::PeriodAverage => String::new(),
                other => format!(" [{}]", other.label()),
            };
            let crosses = |side: &str, title: &Option<String>| {
                title
                    .as_ref()
                    .map(|title| format!("; {side} reaches into \"{title}\""))
                    .unwrap_or_default()
            };
            out.push_str(&format!(
                "    {}: before {}, after {}, change {}{unit}{percent}{method}{}{}\n",
                series.name,
                number(series.before),
                number(series.after),
                number(series.change),
                crosses("before", &series.before_crosses),
                crosses("after", &series.after_crosses),
            ));
        }
        out
    }
}

impl BeforeAfterArgs {
    /// The report for `dataset`, or `None` when no event was asked for.
    pub fn report(&self, dataset: &Dataset) -> Option<BeforeAfterReport> {
        let title = self.event.as_deref()?;
        Some(match analysis::find_event(dataset, title) {
            Ok(event) => BeforeAfterReport::Figures(analysis::before_after_with(
                dataset,
                event,
                &BeforeAfterOptions {
                    periods: self.periods,
                    step_window_days: self.step_window,
                    relative_change_of_rates: self.relative_change,
                },
            )),
            Err(error) => BeforeAfterReport::Error { error },
        })
    }
}
