//! How much an event deserves a label where labels crowd: headlines (`highlight` in
//! the data) above all, then the category — tariff actions, agreements and truces
//! and court rulings are the story of a trade chart, then retaliation, then
//! negotiations and export controls, then investigations, then anything else — and
//! within a category a reported event before a planned one, before an estimate,
//! before one recalled from memory. The annotation plan (`super::annotations`) places
//! labels and badges by it.

use crate::data::Status;

/// Importance of a headline event (`highlight` in the data): above every category.
pub const HIGHLIGHT_IMPORTANCE: u8 = 100;

/// How much an event's label deserves a place: higher is kept longer (see the module
/// documentation for the order).
pub fn importance(category: &str, status: Status) -> u8 {
    let category_rank = match category.trim().to_lowercase().as_str() {
        "tariff action" | "agreement or truce" | "court ruling" => 5,
        "retaliation" => 4,
        "negotiation" | "export control" => 3,
        "investigation" => 2,
        _ => 1,
    };
    let status_rank = match status {
        Status::Reported => 3,
        Status::Planned => 2,
        Status::Estimated => 1,
        Status::FromMemory | Status::Postponed | Status::Unverified => 0,
    };
    category_rank * 4 + status_rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_tariffs_and_agreements_above_minor_events() {
        assert!(
            importance("tariff action", Status::FromMemory)
                > importance("negotiation", Status::Reported)
        );
        assert!(
            importance("agreement or truce", Status::Reported)
                > importance("retaliation", Status::Reported)
        );
        assert!(importance("investigation", Status::Reported) > importance("", Status::Reported));
        assert!(
            importance("tariff action", Status::Reported)
                > importance("tariff action", Status::FromMemory)
        );
    }
}
