//! Events tables: `date,title[,description][,category][,end_date][,source]`.

use super::model::Event;
use super::problem::Problem;
use super::text::Table;

pub fn looks_like_events(_table: &Table) -> bool {
    false
}

pub fn read(_table: &Table) -> Result<Vec<Event>, Vec<Problem>> {
    Err(vec![Problem::whole_file("events reader not written yet")])
}
