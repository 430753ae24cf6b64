//! `--frequency` and `--header-line`: the user's word, on `check` and `render`, on the
//! two guesses made in reading a table — the frequency of its periods and the row of
//! its column names — as the window's "Read periods as" and "Header row" give it.

use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser as _};

use crate::data::{Frequency, LoadOptions, Selection};

/// The options that overrule a guess made in reading a file.
#[derive(Clone, Debug, Default, Args)]
pub struct OverruleArgs {
    /// Read the periods as years, quarters, months or days instead of the frequency
    /// inferred from the dates (FRED writes every period as its first day).
    #[arg(long, value_name = "FREQ", value_parser = frequency_parser())]
    pub frequency: Option<Frequency>,
    /// The line of the file (row of the sheet) that holds the column names, counted
    /// from 1, instead of the one found; the lines above it are read as title and notes.
    #[arg(long, value_name = "N", value_parser = header_line_parser())]
    pub header_line: Option<usize>,
}

impl OverruleArgs {
    /// The options that read a file as these say, with `selection`.
    pub fn load_options(&self, selection: Selection) -> LoadOptions {
        LoadOptions {
            selection,
            frequency: self.frequency,
            header_line: self.header_line,
            ..LoadOptions::default()
        }
    }

    /// The flags given, as written (`--frequency`, `--header-line`).
    pub fn given(&self) -> Vec<&'static str> {
        [
            ("--frequency", self.frequency.is_some()),
            ("--header-line", self.header_line.is_some()),
        ]
        .into_iter()
        .filter(|(_, given)| *given)
        .map(|(flag, _)| flag)
        .collect()
    }
}

/// `yearly`, `quarterly`, `monthly` or `daily`; anything else is a usage error that
/// lists them.
fn frequency_parser() -> impl clap::builder::TypedValueParser<Value = Frequency> {
    PossibleValuesParser::new(Frequency::ALL.map(Frequency::name))
        .try_map(|name: String| Frequency::parse(&name))
}

/// A line number from 1.
fn header_line_parser() -> impl clap::builder::TypedValueParser<Value = usize> {
    clap::value_parser!(u64)
        .range(1..=u64::from(u32::MAX))
        .try_map(usize::try_from)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use clap::Parser as _;

    use super::*;
    use crate::cli::{Cli, Command, EXIT_USAGE};

    fn check(extra: &[&str]) -> Result<OverruleArgs, clap::Error> {
        let mut argv = vec!["tradechart", "check", "data.csv"];
        argv.extend_from_slice(extra);
        match Cli::try_parse_from(argv)?.command {
            Some(Command::Check { overrule, .. }) => Ok(overrule),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn reads_the_frequency_and_header_line() {
        let args = check(&["--frequency", "monthly", "--header-line", "3"]).unwrap();
        assert_eq!(args.frequency, Some(Frequency::Monthly));
        assert_eq!(args.header_line, Some(3));
        assert_eq!(args.given(), ["--frequency", "--header-line"]);
        let options = args.load_options(Selection::default());
        assert!(options.overrules());
        assert!(check(&[]).unwrap().given().is_empty());
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for extra in [
            &["--frequency", "weekly"][..],
            &["--header-line", "0"],
            &["--header-line", "two"],
            &["--frequency"],
        ] {
            let error = check(extra).unwrap_err();
            assert_eq!(error.exit_code(), EXIT_USAGE, "{extra:?}");
        }
        let message = check(&["--frequency", "weekly"]).unwrap_err().to_string();
        assert!(
            message.contains("yearly, quarterly, monthly, daily"),
            "{message}"
        );
    }
}
