//! Saved views on the command line: `check VIEW` validates the view and the data file
//! it names, and `render VIEW -o OUT` draws exactly the chart the window shows for it
//! (range, transformation, hidden series, filtered events, look), as the window's
//! File → Export would.
//!
//! A view may draw the embedded dataset instead of a file. A data file (or an embedded
//! dataset) that changed since the view was saved: `check` reports it as a problem
//! (exit 1: the view no longer reproduces what was saved); `render` draws the file as
//! it is now and says so on stderr.

use std::io::Write;
use std::path::Path;

use super::render::RenderArgs;
use super::{CheckReport, EXIT_PROBLEMS, EXIT_USAGE};
use crate::chart::saved_view::{self as saved, ViewData};
use crate::chart::{Chart, Theme, View};
use crate::data::Problem;
use crate::export::{self, Export, ExportFormat, Page};

/// The report of `check` on a saved view, or `None` when `path` is not one.
pub fn check_report(path: &Path) -> Option<CheckReport> {
    if !saved::is_view_file(path) {
        return None;
    }
    let shown = path.display().to_string();
    Some(match saved::load_view(path) {
        Ok(view) => {
            let mut report = CheckReport::for_loaded(shown, &view.loaded);
            report.format = Some("view");
            report.notes.insert(
                0,
                format!(
                    "view of {} ({})",
                    view.data_shown(),
                    view.loaded.format.name()
                ),
            );
            if let Some(changed) = view.changed {
                report.ok = false;
                report.problems = vec![Problem::whole_file(changed)];
            }
            report
        }
        Err(error) => CheckReport::failed(
            error.path.display().to_string(),
            Some("view"),
            error.problems,
        ),
    })
}

/// The chart and the view a saved view draws, as the window's Export draws them: the
/// saved range, else the chart's first view; a "System" theme decided by
/// `fallback_theme`.
pub fn view_export_parts(view: &ViewData, fallback_theme: Theme) -> (Chart, View) {
    let mut shown = view.view.view.clone();
    let chart = Chart::build(&view.loaded.dataset, &shown.chart_options());
    shown.set_range(shown.shown_range(&chart));
    if shown.look.theme == Theme::System {
        shown.look.theme = fallback_theme;
    }
    (chart, shown)
}

/// `render VIEW -o OUT`: the options that describe the chart itself come from the
/// view; giving them as well is a usage error.
pub fn run_render_view(
    args: &RenderArgs,
    view_file: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let conflicting: Vec<&str> = [
        ("--add", !args.add.is_empty()),
        ("--from", args.from.is_some()),
        ("--to", args.to.is_some()),
        ("--select", args.select.is_some()),
        ("--transform", args.transform.is_some()),
        ("--log", args.log),
        ("--direct-labels", args.direct_labels),
        ("--period-bars", args.period_bars),
    ]
    .into_iter()
    .filter(|(_, given)| *given)
    .map(|(flag, _)| flag)
    .chain(args.overrule.given())
    .collect();
    if !conflicting.is_empty() {
        let _ = writeln!(
            err,
            "tradechart render: expected no {} with a saved view (the view says them), found them",
            conflicting.join(", ")
        );
        return EXIT_USAGE;
    }
    let Some(format) = ExportFormat::from_path(&args.output) else {
        let _ = writeln!(
            err,
            "tradechart render: expected an output file ending in .svg, .png or .csv, found \"{}\"",
            args.output.display()
        );
        return EXIT_USAGE;
    };
    let Some(fallback_theme) = Theme::parse(&args.theme) else {
        let _ = writeln!(
            err,
            "tradechart render: expected --theme light or dark, found \"{}\"",
            args.theme
        );
        return EXIT_USAGE;
    };
    if let Err(error) = export::check_size(args.width, args.height, 1.0) {
        let _ = writeln!(err, "tradechart render: {error}");
        return EXIT_USAGE;
    }
    let view = match saved::load_view(view_file) {
        Ok(view) => view,
        Err(error) => {
            for line in error.lines() {
                let _ = writeln!(err, "{line}");
            }
            return EXIT_PROBLEMS;
        }
    };
    if let Some(changed) = &view.changed {
        let _ = writeln!(err, "tradechart render: note: {changed}");
    }
    let (chart, shown) = view_export_parts(&view, fallback_theme);
    for note in &chart.notes {
        let _ = writeln!(err, "tradechart render: note: {note}");
    }
    let dataset = &view.loaded.dataset;
    let export = Export {
        dataset,
        chart: &chart,
        view: &shown,
        page: Page {
            title: args.title.clone(),
            ..Page::for_dataset(dataset, args.width, args.height)
        },
        png_scale: 1.0,
    };
    let about = format!(" (view of {})", view.data_shown());
    let mut data_files = vec![view_file];
    data_files.extend(view.data_path.as_deref());
    data_files.extend(view.added.iter().map(|file| file.path.as_path()));
    super::render::write_and_report(&export, args, format, &data_files, &about, out, err)
}
