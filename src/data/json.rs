//! The app's own JSON document: a [`Dataset`] as serde writes it.

use super::model::Dataset;
use super::problem::Problem;

pub fn read(text: &str) -> Result<Dataset, Vec<Problem>> {
    serde_json::from_str(text)
        .map_err(|error| vec![Problem::at(error.line(), error.column(), error.to_string())])
}

pub fn write(dataset: &Dataset) -> String {
    serde_json::to_string_pretty(dataset).unwrap_or_default()
}
