//! Wide tables: the period in the first column, one series per other column.

use super::model::Dataset;
use super::problem::Problem;
use super::text::Table;

/// A FRED download: `observation_date,SERIESID` or `DATE,VALUE`.
pub fn looks_like_fred(table: &Table) -> bool {
    let first = table.header.first().map(|cell| cell.to_ascii_lowercase());
    matches!(first.as_deref(), Some("observation_date" | "date")) && table.header.len() == 2
}

pub fn read(_table: &Table) -> Result<Dataset, Vec<Problem>> {
    Err(vec![Problem::whole_file("wide CSV reader not written yet")])
}
