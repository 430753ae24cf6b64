//! The `tradechart` binary: parses the command line and hands over to the window or
//! to a command. All the work is in the library.

// A double-clicked app on Windows gets no console window (release builds only, so
// `cargo run` still shows panics). The price: `check` and `render` print nothing
// when run from a Windows console; use a debug build or read their exit status.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser as _;
use tradechart::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Prints help/version to stdout (exit 0) or the usage error to stderr (exit 2).
            let _ = error.print();
            return ExitCode::from(error.exit_code() as u8);
        }
    };
    if cli.command.is_some() {
        tradechart::prefer_small_pages();
    }
    match cli.command {
        Some(Command::Check {
            files,
            json,
            analysis,
            select,
            overrule,
            sample,
        }) => {
            let options = overrule.load_options(select.unwrap_or_default());
            let status = cli::run_check_command(
                sample.as_deref(),
                &files,
                json,
                &analysis,
                &options,
                &mut std::io::stdout().lock(),
            );
            ExitCode::from(status as u8)
        }
        Some(Command::Render(args)) => {
            let status = cli::render::run_render(
                &args,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            ExitCode::from(status as u8)
        }
        Some(Command::Describe(args)) => {
            let status = cli::describe::run_describe(
                &args,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            ExitCode::from(status as u8)
        }
        None if cli.sample.is_some() => {
            run_sample_window(cli.sample.as_deref().unwrap_or_default())
        }
        None => {
            // One window per file: this process shows the first, each other file gets
            // a process of its own, as if it had been double-clicked.
            let mut files = cli.files.into_iter();
            let first = files.next();
            let others = tradechart::app::open_in_new_windows(&files.collect::<Vec<_>>());
            let status = run_window(first);
            others.wait();
            status
        }
    }
}

/// Opens the window on the sample called `name`; an unknown name is a usage error that
/// lists the names there are.
fn run_sample_window(name: &str) -> ExitCode {
    let Some(sample) = tradechart::data::samples::sample(name) else {
        eprintln!(
            "tradechart: --sample: {}",
            tradechart::data::samples::unknown_sample(name)
        );
        return ExitCode::from(cli::EXIT_USAGE as u8);
    };
    match tradechart::app::run_sample(sample) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tradechart: cannot open a window: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the window on `first` (or the embedded dataset) and waits until it closes.
fn run_window(first: Option<std::path::PathBuf>) -> ExitCode {
    match tradechart::app::run(first) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tradechart: cannot open a window: {error}");
            ExitCode::FAILURE
        }
    }
}
