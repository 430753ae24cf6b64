//! `check --json --event TITLE [--periods N]`: the before/after figures of a named event
//! (see [`crate::data::analysis`]), added to the report as `before_after`.

use clap::Args;
use clap::builder::TypedValueParser as _;
use serde::Serialize;

use crate::data::Dataset;
use crate::data::analysis::{self, BeforeAfter, DEFAULT_PERIODS};

/// The `check` options that ask for before/after figures.
#[derive(Clone, Debug, Default, Args)]
pub struct BeforeAfterArgs {
    /// Add the averages of every series over N periods before and after this event
    /// (its title, any case, or a part of it found in one title only).
    #[arg(long, value_name = "TITLE")]
    pub event: Option<String>,
    /// N, the periods averaged on each side of --event.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PERIODS,
          value_parser = clap::value_parser!(u16).range(1..=1000).map(usize::from))]
    pub periods: usize,
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
        let mut out = format!(
            "  before/after \"{}\" ({}), {} periods each side:\n",
            figures.event, figures.date, figures.periods
        );
        let number =
            |value: Option<f64>| value.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"));
        for series in &figures.series {
            let percent = series
                .change_percent
                .map(|p| format!(" ({p:+.1}%)"))
                .unwrap_or_default();
            out.push_str(&format!(
                "    {}: before {}, after {}, change {}{percent}\n",
                series.name,
                number(series.before),
                number(series.after),
                number(series.change),
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
            Ok(event) => {
                BeforeAfterReport::Figures(analysis::before_after(dataset, event, self.periods))
            }
            Err(error) => BeforeAfterReport::Error { error },
        })
    }
}
