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
use crate::app::view::{EventFilter, first_view};
use crate::chart::{Chart, ChartOptions};
use crate::data::Problem;
use crate::data::view::{self as saved, SavedView, ViewData, ViewTheme};
use crate::export::{self, Export, ExportFormat, ExportOptions, Theme};

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

/// The chart, events filtered, and export options for a view, as the window's
/// Export draws them at `width` × `height`.
pub fn view_export_parts(
    view: &ViewData,
    width: u32,
    height: u32,
    fallback_theme: Theme,
) -> (Chart, ExportOptions) {
    let saved = &view.view;
    let dataset = &view.loaded.dataset;
    let options = chart_options(saved);
    let mut chart = Chart::build(dataset, &options);
    let filter = EventFilter {
        hidden_categories: saved.hidden_categories.iter().cloned().collect(),
        search: saved.search.clone(),
    };
    let x_range = saved.range().or_else(|| first_view(&chart, None));
    chart.events.retain(|event| filter.shows(event));
    let theme = match saved.look.theme {
        ViewTheme::Light => Theme::Light,
        ViewTheme::Dark => Theme::Dark,
        ViewTheme::System => fallback_theme,
    };
    let export = ExportOptions {
        width,
        height,
        theme,
        x_range,
        hidden_series: saved.hidden_series.clone(),
        ..ExportOptions::for_dataset(dataset)
    };
    (chart, export)
}

/// The chart options a view asks for.
pub fn chart_options(view: &SavedView) -> ChartOptions {
    ChartOptions {
        show_markers: view.look.markers,
        period_bars: view.look.period_bars,
        direct_labels: view.look.direct_labels,
        transform: view.transform(),
        log_scale: view.log_scale,
        hidden_series: view.hidden_series.clone(),
        ..ChartOptions::default()
    }
}

/// `render VIEW -o OUT`: the options that describe the chart itself come from the
/// view; giving them as well is a usage error.
pub fn run_render_view(args: &RenderArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let conflicting: Vec<&str> = [
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
    let view = match saved::load_view(&args.file) {
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
    let (chart, mut options) = view_export_parts(&view, args.width, args.height, fallback_theme);
    options.title.clone_from(&args.title);
    for note in &chart.notes {
        let _ = writeln!(err, "tradechart render: note: {note}");
    }
    let dataset = &view.loaded.dataset;
    let export = Export {
        dataset,
        chart: &chart,
        options,
        png_scale: 1.0,
    };
    let about = format!(" (view of {})", view.data_shown());
    let mut data_files = vec![args.file.as_path()];
    data_files.extend(view.data_path.as_deref());
    super::render::write_and_report(&export, args, format, &data_files, &about, out, err)
}
