//! Long (tidy) tables: one row per (series, period, value), pivoted into series.

use super::model::Dataset;
use super::problem::Problem;
use super::text::Table;

pub fn looks_long(_table: &Table) -> bool {
    false
}

pub fn read(_table: &Table) -> Result<Dataset, Vec<Problem>> {
    Err(vec![Problem::whole_file("long CSV reader not written yet")])
}
