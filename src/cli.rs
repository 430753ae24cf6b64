//! The command line: `tradechart [FILE]...` opens a window per file, `tradechart check FILE...
//! [--json]` validates files without one, `tradechart render FILE -o OUT` draws the
//! chart to a file (see [`render`]), `tradechart describe FILE` writes it in words (see
//! [`describe`]).

pub mod before_after;
pub mod describe;
pub mod overrule;
pub mod render;
pub mod sample;
pub mod view;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::data::{self, Loaded, Problem};

/// Exit status: every file was fine.
pub const EXIT_OK: i32 = 0;
/// Exit status: at least one file had problems.
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit status: the command line itself was wrong.
pub const EXIT_USAGE: i32 = 2;

/// Charts of trade balance and tariff rates, with the policy events that moved them.
#[derive(Debug, Parser)]
#[command(name = "tradechart", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Data files to open (CSV, TSV, JSON, XLSX, ODS), each in a window of its own.
    /// Without one the window opens on the embedded US–China dataset.
    pub files: Vec<PathBuf>,
    /// Open an embedded sample instead: default, deficit-moved (the US goods balance
    /// by partner, 2015–2025) or monthly (US–China trade by month, 1985 – April 2026).
    #[arg(long, value_name = "NAME", conflicts_with = "files")]
    pub sample: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate data files without opening a window: print a summary of each, or its
    /// problems as FILE:LINE:COL: message. Exit 0 when all are fine, 1 otherwise.
    Check {
        /// The files to check.
        #[arg(required_unless_present = "sample")]
        files: Vec<PathBuf>,
        /// Check an embedded sample too: default, deficit-moved or monthly.
        #[arg(long, value_name = "NAME")]
        sample: Option<String>,
        /// Print one JSON object per file per line instead of text.
        #[arg(long)]
        json: bool,
        /// --event TITLE [--periods N]: before/after figures of an event.
        #[command(flatten)]
        analysis: before_after::BeforeAfterArgs,
        /// Which partner, country or indicator to read from a file that holds several
        /// (Census country.xlsx, WDI): `partner=China`, `country=CHN,indicator=NE.EXP.GNFS.CD`,
        /// `partner=China,frequency=yearly`. Without it such a file is checked whole and
        /// its choices listed.
        #[arg(long, value_name = "SEL")]
        select: Option<data::Selection>,
        /// --frequency FREQ, --header-line N: read the files so, not as guessed.
        #[command(flatten)]
        overrule: overrule::OverruleArgs,
    },
    /// Draw a data file's chart to an SVG or PNG file (or its data to CSV), no window.
    ///
    /// The output's extension picks the format. Exit 0 when written, 1 on a file
    /// problem or an existing OUT (without --force), 2 on a usage error.
    Render(render::RenderArgs),
    /// Describe a data file's chart in words: what is plotted, each series' range,
    /// extremes and latest values, the headline and planned events (the alt text of
    /// its pictures). Exit 0 when described, 1 on a file problem, 2 on a usage error.
    Describe(describe::DescribeArgs),
}

/// What `check --json` prints for one file: exactly these keys, in this order.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub path: String,
    pub ok: bool,
    pub format: Option<&'static str>,
    pub title: Option<String>,
    pub series: Vec<SeriesSummary>,
    pub events: usize,
    pub notes: Vec<String>,
    pub problems: Vec<Problem>,
    /// Only with `--event`: averages before and after it (see [`before_after`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before_after: Option<before_after::BeforeAfterReport>,
}

/// One series in a [`CheckReport`].
#[derive(Debug, Serialize)]
pub struct SeriesSummary {
    pub name: String,
    pub unit: String,
    /// Points that hold a value (missing values not counted).
    pub points: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl CheckReport {
    /// Loads `path` and summarises it.
    pub fn for_path(path: &Path) -> CheckReport {
        Self::for_path_with(path, &before_after::BeforeAfterArgs::default())
    }

    /// Loads `path` and summarises it, with the before/after figures `analysis` asks for.
    pub fn for_path_with(path: &Path, analysis: &before_after::BeforeAfterArgs) -> CheckReport {
        Self::for_path_selected(path, analysis, &data::LoadOptions::default())
    }

    /// [`Self::for_path_with`] reading the part of the file `options` select. A file
    /// that holds several partners (indicators) and none selected is fine: the report
    /// lists the choices in a note and no series.
    pub fn for_path_selected(
        path: &Path,
        analysis: &before_after::BeforeAfterArgs,
        options: &data::LoadOptions,
    ) -> CheckReport {
        // A saved view is checked with the data file it names (see `view`).
        if let Some(report) = view::check_report(path) {
            return report;
        }
        let shown = path.display().to_string();
        match data::LoadRequest::path(path)
            .options(options.clone())
            .load()
        {
            Ok(loaded) => {
                let report = CheckReport {
                    before_after: analysis.report(&loaded.dataset),
                    ..Self::for_loaded(shown, &loaded)
                };
                drop_in_background(loaded);
                report
            }
            Err(data::LoadError {
                choices: Some(choices),
                ..
            }) => CheckReport {
                path: shown,
                ok: true,
                format: Some(choices.format.name()),
                title: None,
                series: Vec::new(),
                events: 0,
                notes: vec![choices.message()],
                problems: Vec::new(),
                before_after: None,
            },
            Err(error) => CheckReport::failed(shown, None, error.problems),
        }
    }

    /// The report of a file that could not be read (`format`: what it was taken for).
    pub fn failed(
        path: String,
        format: Option<&'static str>,
        problems: Vec<Problem>,
    ) -> CheckReport {
        CheckReport {
            path,
            ok: false,
            format,
            title: None,
            series: Vec::new(),
            events: 0,
            notes: Vec::new(),
            problems,
            before_after: None,
        }
    }

    fn for_loaded(path: String, loaded: &Loaded) -> CheckReport {
        let dataset = &loaded.dataset;
        let series = dataset
            .series
            .iter()
            .zip(value_summaries(&dataset.series))
            .map(|(series, (points, values))| {
                let range = series.period_range();
                SeriesSummary {
                    name: series.name.clone(),
                    unit: series.unit.to_string(),
                    points,
                    first: range.map(|(first, _)| first.to_string()),
                    last: range.map(|(_, last)| last.to_string()),
                    min: values.map(|(min, _)| min),
                    max: values.map(|(_, max)| max),
                }
            })
            .collect();
        CheckReport {
            path,
            ok: true,
            format: Some(loaded.format.name()),
            title: Some(dataset.title.clone()),
            series,
            events: dataset.events.len(),
            notes: loaded.notes.clone(),
            problems: Vec::new(),
            before_after: None,
        }
    }

    /// The human-readable summary: a header line, then the series, events and notes;
    /// or the problems as `FILE:LINE:COL: message`.
    pub fn text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        if !self.ok {
            let error = data::LoadError::new(Path::new(&self.path), self.problems.clone());
            for line in error.lines() {
                let _ = writeln!(out, "{line}");
            }
            return out;
        }
        // A file that holds several datasets has no title until one is chosen (the
        // note below says how): no empty quotes then.
        let title = match self.title.as_deref() {
            Some(title) if !title.is_empty() => format!(" \"{title}\""),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{}: ok, {}{title}",
            self.path,
            self.format.unwrap_or("?")
        );
        for series in &self.series {
            let unit = if series.unit.is_empty() {
                String::new()
            } else {
                format!(" [{}]", series.unit)
            };
            let span = match (&series.first, &series.last) {
                (Some(first), Some(last)) => format!("{first} to {last}"),
                _ => "no values".to_string(),
            };
            let range = match (series.min, series.max) {
                (Some(min), Some(max)) => format!(", min {min}, max {max}"),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  {}{unit}: {} points, {span}{range}",
                series.name, series.points
            );
        }
        let _ = writeln!(out, "  events: {}", self.events);
        if let Some(figures) = &self.before_after {
            out.push_str(&figures.text());
        }
        for note in &self.notes {
            let _ = writeln!(out, "  note: {note}");
        }
        out
    }
}

/// Frees a large dataset on a thread of its own: its report is ready, and freeing
/// millions of points takes a millisecond the report need not wait for (at exit the
/// OS takes what is left).
fn drop_in_background(loaded: Loaded) {
    let points: usize = loaded
        .dataset
        .series
        .iter()
        .map(|series| series.points.len())
        .sum();
    if points >= MANY_POINTS {
        // A thread the OS will not give: freed here after all.
        let _ = std::thread::Builder::new().spawn(move || drop(loaded));
    }
}

/// Points above which a pass over every point is shared by two threads.
const MANY_POINTS: usize = 1 << 16;

/// Each series' count of values and their range ([`data::Series::value_summary`]);
/// two threads share a large dataset, as a pass over every point waits on memory.
fn value_summaries(series: &[data::Series]) -> Vec<(usize, Option<(f64, f64)>)> {
    let summarise = |part: &[data::Series]| -> Vec<_> {
        part.iter().map(data::Series::value_summary).collect()
    };
    let total: usize = series.iter().map(|series| series.points.len()).sum();
    let mut counted = 0;
    let half = series
        .iter()
        .position(|series| {
            counted += series.points.len();
            counted * 2 >= total
        })
        .map_or(0, |index| index + 1);
    match series.split_at_checked(half) {
        Some((front, back)) if total >= MANY_POINTS && !back.is_empty() => {
            std::thread::scope(|scope| {
                let back = scope.spawn(|| summarise(back));
                let mut summaries = summarise(front);
                match back.join() {
                    Ok(back) => summaries.extend(back),
                    Err(_) => summaries = summarise(series),
                }
                summaries
            })
        }
        _ => summarise(series),
    }
}

/// Runs `check` on `files` as read by default: writes one report per file to `out`
/// and returns the exit status.
pub fn run_check(files: &[PathBuf], json: bool, out: &mut dyn Write) -> i32 {
    let analysis = before_after::BeforeAfterArgs::default();
    run_check_command(
        None,
        files,
        json,
        &analysis,
        &data::LoadOptions::default(),
        out,
    )
}

/// Runs `check` as the command line gives it: the sample named by `--sample` (with the
/// before/after figures asked for), then each file read with `options`.
pub fn run_check_command(
    sample: Option<&str>,
    files: &[PathBuf],
    json: bool,
    analysis: &before_after::BeforeAfterArgs,
    options: &data::LoadOptions,
    out: &mut dyn Write,
) -> i32 {
    let sample_report = sample.map(|name| sample::check_report(name, analysis));
    let reports = sample_report.into_iter().chain(
        files
            .iter()
            .map(|path| CheckReport::for_path_selected(path, analysis, options)),
    );
    print_reports(reports, json, out)
}

/// Writes each report to `out` (text or one JSON line each) as it comes; returns the
/// exit status.
fn print_reports(
    reports: impl Iterator<Item = CheckReport>,
    json: bool,
    out: &mut dyn Write,
) -> i32 {
    let mut status = EXIT_OK;
    for report in reports {
        if !report.ok
            || report
                .before_after
                .as_ref()
                .is_some_and(|figures| !figures.is_ok())
        {
            status = EXIT_PROBLEMS;
        }
        let written = if json {
            match serde_json::to_string(&report) {
                Ok(line) => writeln!(out, "{line}"),
                Err(error) => writeln!(
                    out,
                    "{{\"path\":{:?},\"ok\":false,\"error\":{:?}}}",
                    report.path,
                    error.to_string()
                ),
            }
        } else {
            write!(out, "{}", report.text())
        };
        if written.is_err() {
            // stdout closed (e.g. piped into `head`): nothing more to say.
            return status;
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        let cli = Cli::try_parse_from(["tradechart"]).unwrap();
        assert!(cli.command.is_none() && cli.files.is_empty());
        let cli = Cli::try_parse_from(["tradechart", "trade.csv", "b.csv"]).unwrap();
        assert_eq!(
            cli.files,
            [PathBuf::from("trade.csv"), PathBuf::from("b.csv")]
        );
        // How a second window is launched: `--` keeps any file name a file.
        let cli = Cli::try_parse_from(["tradechart", "--", "check"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.files, [PathBuf::from("check")]);
        let cli = Cli::try_parse_from(["tradechart", "check", "a.csv", "b.csv", "--json"]).unwrap();
        match cli.command {
            Some(Command::Check { files, json, .. }) => {
                assert_eq!(files.len(), 2);
                assert!(json);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn check_needs_a_file() {
        let error = Cli::try_parse_from(["tradechart", "check"]).unwrap_err();
        assert_eq!(error.exit_code(), EXIT_USAGE);
    }

    #[test]
    fn value_summaries_are_the_counts_and_ranges_of_each_series() {
        use crate::data::{Period, Point, Series};
        let series = |name: &str, values: Vec<Option<f64>>| Series {
            name: name.to_string(),
            unit: Default::default(),
            step: false,
            source: None,
            points: values
                .into_iter()
                .enumerate()
                .map(|(year, value)| Point::new(Period::Year(1000 + year as i32), value))
                .collect(),
        };
        let odd = vec![
            Some(2.0),
            None,
            Some(f64::NAN),
            Some(-1.0),
            Some(f64::INFINITY),
        ];
        let many: Vec<Option<f64>> = (0..MANY_POINTS)
            .map(|index| (index % 3 != 0).then_some(index as f64 - 5.0))
            .collect();
        for all in [
            vec![series("a", odd.clone())],
            vec![
                series("a", many.clone()),
                series("b", odd),
                series("c", many),
            ],
            vec![
                series("none", vec![None, None]),
                series("empty", Vec::new()),
            ],
        ] {
            let expected: Vec<_> = all
                .iter()
                .map(|series| (series.value_count(), series.value_range()))
                .collect();
            assert_eq!(value_summaries(&all), expected);
        }
    }

    #[test]
    fn a_missing_file_is_a_problem_not_a_panic() {
        let mut out = Vec::new();
        let status = run_check(&[PathBuf::from("/no/such/file.csv")], false, &mut out);
        assert_eq!(status, EXIT_PROBLEMS);
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("/no/such/file.csv: cannot read the file"),
            "{text}"
        );
    }
}
