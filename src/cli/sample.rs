//! The embedded datasets on the command line: `tradechart --sample NAME`, `check
//! --sample NAME`, `render --sample NAME` (names in [`crate::data::samples`]).

use crate::data::samples::{self, Sample};
use crate::data::{Format, Loaded, ReaderUsed};

use super::CheckReport;
use super::before_after::BeforeAfterArgs;

/// The sample called `name`, read; `Err` lists the names there are.
pub fn load(name: &str) -> Result<(&'static Sample, Loaded), String> {
    let sample = samples::sample(name).ok_or_else(|| samples::unknown_sample(name))?;
    let dataset = sample.dataset().map_err(|problems| {
        let first = problems
            .first()
            .map_or("", |problem| problem.message.as_str());
        format!("the sample {} does not read: {first}", sample.name)
    })?;
    Ok((
        sample,
        Loaded {
            dataset,
            format: Format::Json,
            notes: Vec::new(),
            choices: None,
            reader: ReaderUsed::General,
        },
    ))
}

/// How reports name a sample: `sample deficit-moved`.
pub fn shown(name: &str) -> String {
    format!("sample {}", name.trim())
}

/// The report of `check --sample NAME`, with the before/after figures `analysis` asks
/// for.
pub fn check_report(name: &str, analysis: &BeforeAfterArgs) -> CheckReport {
    match load(name) {
        Ok((sample, loaded)) => CheckReport {
            before_after: analysis.report(&loaded.dataset),
            ..CheckReport::for_loaded(shown(sample.name), &loaded)
        },
        Err(message) => CheckReport::failed(
            shown(name),
            None,
            vec![crate::data::Problem::whole_file(message)],
        ),
    }
}
