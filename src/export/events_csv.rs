//! Events as an events CSV file that the app reads back equal:
//! `date,title,description,category,end_date,source,status`, then `announced` and
//! `highlight` only when some event has them. Written whole or not at all by the
//! atomic writer.

use std::path::Path;

use super::atomic::{self, Overwrite, WriteError};
use crate::data::{Event, Status};

/// The columns always written, in this order.
pub const HEADER: [&str; 7] = [
    "date",
    "title",
    "description",
    "category",
    "end_date",
    "source",
    "status",
];

/// The events as CSV text (UTF-8, `\n` line ends, quoted where a cell needs it).
pub fn events_csv(events: &[Event]) -> String {
    let with_announced = events.iter().any(|event| event.announced.is_some());
    let with_highlight = events.iter().any(|event| event.highlight);
    let mut header: Vec<&str> = HEADER.to_vec();
    if with_announced {
        header.push("announced");
    }
    if with_highlight {
        header.push("highlight");
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failure would only lose the row, never panic.
    let _ = writer.write_record(&header);
    for event in events {
        let mut row = vec![
            event.date.to_string(),
            event.title.clone(),
            event.description.clone(),
            event.category.clone(),
            event.end.map(|end| end.to_string()).unwrap_or_default(),
            event.source.clone().unwrap_or_default(),
            status_text(event.status).to_string(),
        ];
        if with_announced {
            row.push(
                event
                    .announced
                    .map(|announced| announced.to_string())
                    .unwrap_or_default(),
            );
        }
        if with_highlight {
            row.push(if event.highlight { "yes" } else { "" }.to_string());
        }
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// How a status is written (and read back by `data::events_csv::parse_status`).
pub fn status_text(status: Status) -> &'static str {
    match status {
        Status::Reported => "reported",
        Status::FromMemory => "from-memory",
        Status::Estimated => "estimated",
        Status::Planned => "planned",
        Status::Postponed => "postponed",
        Status::Unverified => "unverified",
    }
}

/// Writes the events to `target` atomically; `inputs` (the files the chart was read
/// from) are never overwritten.
pub fn write_events_csv(
    target: &Path,
    events: &[Event],
    overwrite: Overwrite,
    inputs: &[&Path],
) -> Result<(), WriteError> {
    atomic::write_file(target, events_csv(events).as_bytes(), overwrite, inputs)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::{self, Period};

    fn event(date: &str, title: &str) -> Event {
        Event::new(Period::parse(date).unwrap(), title)
    }

    #[test]
    fn events_read_back_equal() {
        let mut tariff = event("2018-07-06", "Section 301, \"List 1\"");
        tariff.description = "25% on $34 bn,\nline two".into();
        tariff.category = "tariff action".into();
        tariff.source = Some("USTR".into());
        tariff.highlight = true;
        let mut truce = event("2018-12-01", "Truce");
        truce.end = Some(Period::parse("2019-05-10").unwrap());
        truce.status = Status::FromMemory;
        truce.announced = Some(Period::parse("2018-11-20").unwrap());
        let events = vec![tariff, truce, event("2025", "Planned review")];
        let text = events_csv(&events);
        assert!(text.starts_with(
            "date,title,description,category,end_date,source,status,announced,highlight\n"
        ));
        let loaded = data::LoadRequest::bytes(text.as_bytes(), Path::new("e.csv"))
            .load()
            .unwrap();
        assert_eq!(loaded.format, data::Format::EventsCsv);
        assert_eq!(loaded.dataset.events, events);
    }
}
