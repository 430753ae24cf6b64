//! `tradechart render FILE -o OUT.svg|OUT.png|OUT.csv`: the chart of a data file drawn
//! without a window, in the format the output's extension names.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::chart::saved_view::{AddedFile, AddedRead};
use crate::chart::{Chart, Theme, View, saved_view};
use crate::data::transform::Transform;
use crate::data::{self, Period};
use crate::export::{self, DEFAULT_HEIGHT, DEFAULT_WIDTH, Export, ExportFormat, Overwrite, Page};
use crate::paths::file_name;

/// The arguments of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The data file to draw (CSV, TSV, JSON, XLSX, ODS), or a saved view (File → Save
    /// view… in the window), drawn as the window shows it.
    #[arg(required_unless_present = "sample")]
    pub file: Option<PathBuf>,
    /// Draw an embedded sample instead of a file: default, deficit-moved or monthly.
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    pub sample: Option<String>,
    /// Add the series of another file to the chart, as File → Add series from file…
    /// does; `FILE:SELECTION` reads one partner of a file that holds several
    /// (`country.xlsx:partner=Mexico`). Give it again to add more.
    #[arg(long, value_name = "FILE[:SELECTION]")]
    pub add: Vec<String>,
    /// Where to write: .svg (vectors and text), .png (pixels) or .csv (the data shown).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Width in pixels.
    #[arg(long, default_value_t = DEFAULT_WIDTH)]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = DEFAULT_HEIGHT)]
    pub height: u32,
    /// First period to show: a year (2018), quarter (2018-Q3), month or day.
    #[arg(long, value_name = "YEAR")]
    pub from: Option<String>,
    /// Last period to show, included whole (--to 2026 shows all of 2026).
    #[arg(long, value_name = "YEAR")]
    pub to: Option<String>,
    /// Background: light (white), dark, or high-contrast (white on black).
    #[arg(long, default_value = "light", value_parser = ["light", "dark", "high-contrast"])]
    pub theme: String,
    /// Title instead of the file's own ("" for none).
    #[arg(long)]
    pub title: Option<String>,
    /// Replace OUT if it exists.
    #[arg(long)]
    pub force: bool,
    /// Which partner, country or indicator to draw from a file that holds several
    /// (see `check --select`); without it such a file is refused with its choices.
    #[arg(long, value_name = "SEL")]
    pub select: Option<data::Selection>,
    /// --frequency FREQ, --header-line N: read the file so, not as guessed.
    #[command(flatten)]
    pub overrule: super::overrule::OverruleArgs,
    /// Show every series transformed: level, change, pct (percent change), yoy
    /// (percent change from a year ago), index:PERIOD (= 100 at PERIOD) or
    /// share:SERIES (percent of that total series).
    #[arg(long, value_name = "HOW")]
    pub transform: Option<String>,
    /// Value axes on a log scale (panels with values of zero or below stay linear).
    #[arg(long)]
    pub log: bool,
    /// Name each series at the end of its line instead of in a legend.
    #[arg(long)]
    pub direct_labels: bool,
    /// Draw each value also as a bar across the year, quarter or month it covers.
    #[arg(long)]
    pub period_bars: bool,
}

/// A command line that asks for something impossible: exit status 2.
pub(super) struct UsageError(pub(super) String);

/// Runs `render`: writes the file and a one-line summary to `out`, or the problem to
/// `err`; returns the exit status.
pub fn run_render(args: &RenderArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // A saved view draws the chart it describes (see `super::view`).
    if let Some(file) = &args.file
        && saved_view::is_view_file(file)
    {
        return super::view::run_render_view(args, file, out, err);
    }
    let request = match Request::from_args(args) {
        Ok(request) => request,
        Err(UsageError(message)) => {
            let _ = writeln!(err, "tradechart render: {message}");
            return EXIT_USAGE;
        }
    };
    let (mut loaded, shown) = match (&args.file, &args.sample) {
        (Some(file), _) => {
            let options = args
                .overrule
                .load_options(args.select.clone().unwrap_or_default());
            match data::LoadRequest::path(file).options(options).load() {
                Ok(loaded) => (loaded, file_name(file)),
                Err(error) => {
                    for line in error.lines() {
                        let _ = writeln!(err, "{line}");
                    }
                    return EXIT_PROBLEMS;
                }
            }
        }
        (None, Some(name)) => match super::sample::load(name) {
            Ok((sample, loaded)) => (loaded, super::sample::shown(sample.name)),
            Err(message) => {
                let _ = writeln!(err, "tradechart render: --sample: {message}");
                return EXIT_USAGE;
            }
        },
        (None, None) => {
            let _ = writeln!(err, "tradechart render: expected a FILE or --sample NAME");
            return EXIT_USAGE;
        }
    };
    let added = match add_files(&request.added, &mut loaded.dataset) {
        Ok(added) => added,
        Err(error) => {
            for line in error.lines() {
                let _ = writeln!(err, "{line}");
            }
            return EXIT_PROBLEMS;
        }
    };
    for note in added.notes {
        let _ = writeln!(err, "tradechart render: note: {note}");
    }
    let dataset = &loaded.dataset;
    let mut view = request.view(args);
    let chart = Chart::build(dataset, &view.chart_options());
    for note in &chart.notes {
        let _ = writeln!(err, "tradechart render: note: {note}");
    }
    view.set_range(request.x_range(&chart));
    let mut page = Page {
        title: args.title.clone(),
        ..Page::for_dataset(dataset, args.width, args.height)
    };
    if page.sources.is_empty() {
        // Credit at least the file the numbers came from.
        page.sources = vec![shown];
    }
    let export = Export {
        dataset,
        chart: &chart,
        view: &view,
        page,
        png_scale: 1.0,
    };
    let data_files: Vec<&Path> = args
        .file
        .iter()
        .map(PathBuf::as_path)
        .chain(added.files.iter().map(|file| file.path.as_path()))
        .collect();
    write_and_report(&export, args, request.format, &data_files, "", out, err)
}

/// Reads each `--add` file and adds its series to `dataset`.
fn add_files(added: &[AddArg], dataset: &mut data::Dataset) -> Result<AddedRead, data::LoadError> {
    let mut read = AddedRead::default();
    for AddArg { path, selection } in added {
        let (file, loaded) =
            AddedFile::read(path, selection).map_err(|error| match &error.choices {
                // The file is fine but holds several partners: say how --add picks one.
                Some(choices) => {
                    let ways: Vec<String> = choices
                        .options
                        .iter()
                        .take(ADD_CHOICES_LISTED)
                        .map(|choice| format!("--add {}:{}", path.display(), choice.selection))
                        .collect();
                    let more = choices.options.len().saturating_sub(ways.len());
                    let more = if more > 0 {
                        format!(" (and {more} more)")
                    } else {
                        String::new()
                    };
                    data::LoadError::new(
                        path,
                        vec![data::Problem::whole_file(format!(
                            "expected one {} chosen, found {} in the file; add one with {}{more}",
                            choices.what,
                            choices.options.len(),
                            ways.join(", ")
                        ))],
                    )
                }
                None => error,
            })?;
        read.notes.extend(file.add_to(dataset, loaded)?);
        read.files.push(file);
    }
    Ok(read)
}

/// The choices of a many-partner `--add` file listed in its message.
const ADD_CHOICES_LISTED: usize = 8;

/// One `--add FILE[:SELECTION]`.
#[derive(Clone, Debug, PartialEq)]
struct AddArg {
    path: PathBuf,
    selection: data::Selection,
}

impl AddArg {
    /// `FILE` when such a file exists (a name may hold a colon), else `FILE:SELECTION`
    /// split at the last colon.
    fn parse(text: &str) -> Result<AddArg, UsageError> {
        let whole = PathBuf::from(text);
        if whole.is_file() {
            return Ok(AddArg {
                path: whole,
                selection: data::Selection::default(),
            });
        }
        let (path, selection) = match text.rsplit_once(':') {
            Some((path, selection)) if !path.is_empty() => (path, selection),
            _ => (text, ""),
        };
        let selection = data::Selection::parse(selection)
            .map_err(|error| UsageError(format!("--add {text}: {error}")))?;
        Ok(AddArg {
            path: PathBuf::from(path),
            selection,
        })
    }
}

/// Writes `export` to `args.output` (never over `data_files` or their sidecar events
/// files; over an existing file only with `--force`) and says what was written.
/// Shared by plain renders and renders of a saved view; `about` ends the report line.
pub(super) fn write_and_report(
    export: &Export<'_>,
    args: &RenderArgs,
    format: ExportFormat,
    data_files: &[&Path],
    about: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let sidecars: Vec<PathBuf> = data_files
        .iter()
        .filter_map(|path| data::sidecar_events_path(path))
        .collect();
    let inputs: Vec<&Path> = data_files
        .iter()
        .copied()
        .chain(sidecars.iter().map(PathBuf::as_path))
        .collect();
    let overwrite = if args.force {
        Overwrite::Replace
    } else {
        Overwrite::Refuse
    };
    if let Err(error) = export.write(&args.output, overwrite, &inputs) {
        let _ = writeln!(err, "tradechart render: {error}");
        return EXIT_PROBLEMS;
    }
    let size = match format {
        ExportFormat::Csv => format!("of {} series", export.dataset.series.len()),
        _ => format!("{}×{} px", args.width, args.height),
    };
    let _ = writeln!(
        out,
        "{}: {} {size}{about}",
        args.output.display(),
        format.name()
    );
    EXIT_OK
}

/// The checked command line.
struct Request {
    added: Vec<AddArg>,
    format: ExportFormat,
    theme: Theme,
    from: Option<f64>,
    to: Option<f64>,
    transform: Transform,
}

impl Request {
    fn from_args(args: &RenderArgs) -> Result<Request, UsageError> {
        let format = ExportFormat::from_path(&args.output).ok_or_else(|| {
            UsageError(format!(
                "expected an output file ending in .svg, .png or .csv, found \"{}\"",
                args.output.display()
            ))
        })?;
        let theme = Theme::parse(&args.theme).ok_or_else(|| {
            UsageError(format!(
                "expected --theme light, dark or high-contrast, found \"{}\"",
                args.theme
            ))
        })?;
        export::check_size(args.width, args.height, 1.0)
            .map_err(|error| UsageError(error.to_string()))?;
        let (from, to) = asked_range(args.from.as_deref(), args.to.as_deref())?;
        let transform = args
            .transform
            .as_deref()
            .map(Transform::parse)
            .transpose()
            .map_err(|error| UsageError(format!("--transform: {error}")))?
            .unwrap_or_default();
        let added = args
            .add
            .iter()
            .map(|text| AddArg::parse(text))
            .collect::<Result<_, _>>()?;
        Ok(Request {
            added,
            format,
            theme,
            from,
            to,
            transform,
        })
    }

    /// The view the command line asks for (its time range is set once the chart is
    /// built, see [`Request::x_range`]).
    fn view(&self, args: &RenderArgs) -> View {
        let mut view = View {
            transform: self.transform.clone(),
            log_scale: args.log,
            ..View::default()
        };
        view.look.theme = self.theme;
        view.look.direct_labels = args.direct_labels;
        view.look.period_bars = args.period_bars;
        view
    }

    /// The time range to show: the asked edges, the chart's own for those not asked.
    fn x_range(&self, chart: &Chart) -> Option<(f64, f64)> {
        if self.from.is_none() && self.to.is_none() {
            return None;
        }
        let whole = chart.view_x_or_default();
        let from = self.from.unwrap_or(*whole.start());
        let to = self.to.unwrap_or(*whole.end());
        // `--from 2030` on data that ends in 2026: one year from the asked start.
        Some(if from < to {
            (from, to)
        } else {
            (from, from + 1.0)
        })
    }
}

/// `--from` and `--to` as times: the start of the first period, the end of the last
/// (either may be absent); the first must come before the second.
pub(super) fn asked_range(
    from_text: Option<&str>,
    to_text: Option<&str>,
) -> Result<(Option<f64>, Option<f64>), UsageError> {
    let from = period_arg("--from", from_text)?.map(|period| period.start_x());
    let to = period_arg("--to", to_text)?.map(|period| period.end_x());
    if let (Some(from), Some(to)) = (from, to)
        && from >= to
    {
        return Err(UsageError(format!(
            "expected --from before --to, found --from {} --to {}",
            from_text.unwrap_or_default(),
            to_text.unwrap_or_default()
        )));
    }
    Ok((from, to))
}

fn period_arg(flag: &str, text: Option<&str>) -> Result<Option<Period>, UsageError> {
    text.map(|text| Period::parse(text).map_err(|error| UsageError(format!("{flag}: {error}"))))
        .transpose()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser as _;

    fn args(extra: &[&str]) -> RenderArgs {
        let mut argv = vec!["tradechart", "render", "data.csv"];
        argv.extend_from_slice(extra);
        match Cli::try_parse_from(argv).unwrap().command {
            Some(Command::Render(args)) => args,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn parses_options_with_defaults() {
        let parsed = args(&["-o", "out.png"]);
        assert_eq!((parsed.width, parsed.height), (1200, 800));
        assert_eq!(parsed.theme, "light");
        assert!(!parsed.force);
        let parsed = args(&[
            "-o", "o.svg", "--from", "2018", "--to", "2026", "--theme", "dark", "--force",
        ]);
        let request = Request::from_args(&parsed).ok().unwrap();
        assert_eq!(request.from, Some(2018.0));
        assert_eq!(request.to, Some(2027.0));
        assert_eq!(request.theme, Theme::Dark);
    }

    #[test]
    fn usage_errors_are_values() {
        for extra in [
            &["-o", "out.jpg"][..],
            &["-o", "out.svg", "--from", "2020", "--to", "2019"],
            &["-o", "out.svg", "--from", "7/6/2018"],
            &["-o", "out.svg", "--width", "10"],
            &["-o", "out.svg", "--transform", "log"],
            &["-o", "out.svg", "--transform", "index:"],
        ] {
            assert!(Request::from_args(&args(extra)).is_err(), "{extra:?}");
        }
        let error = Cli::try_parse_from([
            "tradechart",
            "render",
            "a.csv",
            "-o",
            "b.svg",
            "--theme",
            "blue",
        ])
        .unwrap_err();
        assert_eq!(error.exit_code(), EXIT_USAGE);
        let error = Cli::try_parse_from(["tradechart", "render", "a.csv"]).unwrap_err();
        assert_eq!(error.exit_code(), EXIT_USAGE);
    }
}
