//! The `tradechart` binary: parses the command line and hands over to the window or
//! to a command. All the work is in the library.

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
    match cli.command {
        Some(Command::Check { files, json }) => {
            let status = cli::run_check(&files, json, &mut std::io::stdout().lock());
            ExitCode::from(status as u8)
        }
        None => match tradechart::app::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("tradechart: cannot open a window: {error}");
                ExitCode::FAILURE
            }
        },
    }
}
