//! `tradechart describe FILE [--from] [--to] [--select] [--json]`: the chart of a data
//! file in words (see [`crate::chart::describe`]), the alt text a sighted reader's
//! picture needs.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::render::asked_range;
use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::chart::describe::Description;
use crate::chart::{Chart, View};
use crate::data;

/// The arguments of `describe`.
#[derive(Debug, Args)]
pub struct DescribeArgs {
    /// The data file to describe (CSV, TSV, JSON, XLSX, ODS).
    pub file: PathBuf,
    /// First period to describe: a year (2018), quarter (2018-Q3), month or day.
    #[arg(long, value_name = "YEAR")]
    pub from: Option<String>,
    /// Last period to describe, included whole.
    #[arg(long, value_name = "YEAR")]
    pub to: Option<String>,
    /// Which partner, country or indicator to read from a file that holds several
    /// (see `check --select`).
    #[arg(long, value_name = "SEL")]
    pub select: Option<data::Selection>,
    /// Print the description as one JSON object (its figures and its text).
    #[arg(long)]
    pub json: bool,
    /// --frequency FREQ, --header-line N: read the file so, not as guessed.
    #[command(flatten)]
    pub overrule: super::overrule::OverruleArgs,
}

/// What `describe --json` prints.
#[derive(Serialize)]
struct DescribeReport<'a> {
    path: String,
    text: String,
    #[serde(flatten)]
    description: &'a Description,
}

/// Runs `describe`: writes the description to `out`, or the problem to `err`; returns
/// the exit status.
pub fn run_describe(args: &DescribeArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let range = match range_of(args) {
        Ok(range) => range,
        Err(message) => {
            let _ = writeln!(err, "tradechart describe: {message}");
            return EXIT_USAGE;
        }
    };
    let options = args
        .overrule
        .load_options(args.select.clone().unwrap_or_default());
    let loaded = match data::LoadRequest::path(&args.file).options(options).load() {
        Ok(loaded) => loaded,
        Err(error) => {
            for line in error.lines() {
                let _ = writeln!(err, "{line}");
            }
            return EXIT_PROBLEMS;
        }
    };
    let mut view = View::default();
    let chart = Chart::build(&loaded.dataset, &view.chart_options());
    if let Some((from, to)) = range {
        let whole = chart.view_x_or_default();
        view.set_range(Some((
            from.unwrap_or(*whole.start()),
            to.unwrap_or(*whole.end()),
        )));
    }
    let description = Description::of(&loaded.dataset, &chart, &view);
    let text = description.text();
    let written = if args.json {
        let report = DescribeReport {
            path: args.file.display().to_string(),
            text,
            description: &description,
        };
        match serde_json::to_string(&report) {
            Ok(line) => writeln!(out, "{line}"),
            Err(error) => writeln!(err, "tradechart describe: {error}"),
        }
    } else {
        writeln!(out, "{text}")
    };
    // stdout closed (piped into `head`) is not a problem of the file.
    let _ = written;
    EXIT_OK
}

/// The asked time range: `None` for the whole chart, else each asked edge.
type AskedRange = Option<(Option<f64>, Option<f64>)>;

fn range_of(args: &DescribeArgs) -> Result<AskedRange, String> {
    let (from, to) =
        asked_range(args.from.as_deref(), args.to.as_deref()).map_err(|error| error.0)?;
    Ok((from.is_some() || to.is_some()).then_some((from, to)))
}
