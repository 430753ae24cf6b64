//! How fresh a dataset is on a given day: how old its newest value is, and which of
//! its planned events are stale (their date passed and the file still calls them
//! planned). The day is always given, so the rules are tested without a clock; the
//! window passes [`today`].

use chrono::NaiveDate;

use super::model::{Dataset, Event, Point, Status};
use super::period::Period;

/// How old the newest value may grow before the window says how current the data is:
/// a quarter of a year (the longest quarter has 92 days).
pub const QUARTER_DAYS: i64 = 92;

/// Now in UTC to the second, from the system clock; `None` if the clock is before
/// 1970 or beyond what a date can hold.
pub fn now_utc() -> Option<chrono::DateTime<chrono::Utc>> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    chrono::DateTime::from_timestamp(i64::try_from(since.as_secs()).ok()?, 0)
}

/// Today's date in UTC, from the system clock.
pub fn today() -> NaiveDate {
    now_utc().map_or(NaiveDate::MIN, |time| time.date_naive())
}

/// True for a planned event whose last day (its end, or its date) is before `today`:
/// it should have happened, and the file was not updated to say whether it did.
pub fn is_stale_plan(event: &Event, today: NaiveDate) -> bool {
    is_stale(event.status, Some(day_after(event)), today)
}

/// The first day after an event, or after its span.
pub fn day_after(event: &Event) -> NaiveDate {
    event.end.unwrap_or(event.date).end_day()
}

fn is_stale(status: Status, day_after: Option<NaiveDate>, today: NaiveDate) -> bool {
    status == Status::Planned && day_after.is_some_and(|day_after| day_after <= today)
}

/// The event's status in words as of `today`: `planned` becomes `planned, date passed
/// with no update (stale)` once the event is a stale plan.
pub fn event_status_text(event: &Event, today: NaiveDate) -> String {
    status_text(event.status, Some(day_after(event)), today)
}

/// [`event_status_text`] from an event's status and the first day after it (`None`:
/// not known, never stale), as a drawn event mark carries them.
pub fn status_text(status: Status, day_after: Option<NaiveDate>, today: NaiveDate) -> String {
    if is_stale(status, day_after, today) {
        format!("{}, date passed with no update (stale)", status.label())
    } else {
        status.label().to_string()
    }
}

/// The last day the newest value covers: the end of its period, or of the months it
/// covers when partial. `None` for a dataset without values.
pub fn newest_value_day(dataset: &Dataset) -> Option<NaiveDate> {
    newest_value(dataset).map(last_day_covered)
}

/// The value whose period (or months covered) ends last; `None` without values.
fn newest_value(dataset: &Dataset) -> Option<&Point> {
    dataset
        .series
        .iter()
        .flat_map(|series| series.points.iter())
        .filter(|point| point.value().is_some())
        .max_by_key(|point| last_day_covered(point))
}

/// The time the newest value covers, as its period says it: `2020` for a year,
/// `Q4 2020`, `April 2026`, `6 July 2026`; a partial year or quarter by the last
/// month it covers.
fn newest_value_text(point: &Point) -> String {
    if point.coverage().is_some() {
        return last_day_covered(point).format("%B %Y").to_string();
    }
    match point.period {
        Period::Year(year) => year.to_string(),
        Period::Quarter(year, quarter) => format!("Q{quarter} {year}"),
        Period::Month(..) => point.period.first_day().format("%B %Y").to_string(),
        Period::Day(day) => day.format("%-d %B %Y").to_string(),
    }
}

fn last_day_covered(point: &Point) -> NaiveDate {
    let after = match point.coverage() {
        Some(coverage) => Period::Month(point.period.year(), coverage.last_month).end_day(),
        None => point.period.end_day(),
    };
    after.pred_opt().unwrap_or(after)
}

/// What the status line says when the newest value is more than a quarter old on
/// `today`: its period and the dataset's "as of", e.g. `Newest value: April 2026. As of:
/// Census release of June 2026 …`. `None` while the data is fresh. The text names no
/// age, so it stays the same from day to day.
pub fn dated_data_note(dataset: &Dataset, today: NaiveDate) -> Option<String> {
    let point = newest_value(dataset)?;
    if (today - last_day_covered(point)).num_days() <= QUARTER_DAYS {
        return None;
    }
    let mut note = format!("Newest value: {}.", newest_value_text(point));
    if let Some(as_of) = dataset.as_of.as_deref().map(str::trim)
        && !as_of.is_empty()
    {
        note.push_str(&format!(" As of: {as_of}"));
    }
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Coverage, Series};

    fn day(text: &str) -> NaiveDate {
        Period::parse(text).unwrap().first_day()
    }

    fn planned(date: &str, end: Option<&str>) -> Event {
        let mut event = Event::new(Period::parse(date).unwrap(), "Summit");
        event.end = end.map(|end| Period::parse(end).unwrap());
        event.status = Status::Planned;
        event
    }

    #[test]
    fn a_planned_event_is_stale_the_day_after_its_last_day() {
        let summit = planned("2026-03-31", Some("2026-04-02"));
        assert!(!is_stale_plan(&summit, day("2026-03-01")));
        assert!(
            !is_stale_plan(&summit, day("2026-04-02")),
            "still on its last day"
        );
        assert!(is_stale_plan(&summit, day("2026-04-03")));
        assert_eq!(
            event_status_text(&summit, day("2026-12-01")),
            "planned, date passed with no update (stale)"
        );
        assert_eq!(event_status_text(&summit, day("2026-03-01")), "planned");
    }

    #[test]
    fn only_planned_events_go_stale() {
        let mut held = planned("2026-05-13", None);
        held.status = Status::Reported;
        assert!(!is_stale_plan(&held, day("2026-12-01")));
        held.status = Status::Postponed;
        assert!(!is_stale_plan(&held, day("2026-12-01")));
        assert_eq!(event_status_text(&held, day("2026-12-01")), "postponed");
    }

    fn yearly(points: Vec<Point>) -> Dataset {
        Dataset {
            as_of: Some("Census release of June 2026".into()),
            series: vec![Series {
                name: "Balance".into(),
                unit: Default::default(),
                step: false,
                source: None,
                points,
            }],
            ..Dataset::default()
        }
    }

    #[test]
    fn a_partial_year_is_as_new_as_its_last_month() {
        let partial = Point::new(Period::Year(2026), Some(-43.9))
            .with_coverage(Some(Coverage::parse("Jan–Apr").unwrap()));
        let gap = Point::new(Period::Year(2027), None);
        let dataset = yearly(vec![
            Point::new(Period::Year(2025), Some(-202.7)),
            partial,
            gap,
        ]);
        assert_eq!(newest_value_day(&dataset), Some(day("2026-04-30")));
        assert_eq!(newest_value_day(&Dataset::default()), None);
    }

    #[test]
    fn the_note_appears_once_the_newest_value_is_a_quarter_old() {
        let partial = Point::new(Period::Year(2026), Some(-43.9))
            .with_coverage(Some(Coverage::parse("Jan–Apr").unwrap()));
        let dataset = yearly(vec![partial]);
        // 30 April + 92 days = 31 July.
        assert_eq!(dated_data_note(&dataset, day("2026-07-31")), None);
        assert_eq!(
            dated_data_note(&dataset, day("2026-08-01")).as_deref(),
            Some("Newest value: April 2026. As of: Census release of June 2026")
        );
        assert_eq!(
            dated_data_note(&dataset, day("2026-12-03")).as_deref(),
            Some("Newest value: April 2026. As of: Census release of June 2026")
        );
        let mut without = dataset;
        without.as_of = None;
        assert_eq!(
            dated_data_note(&without, day("2026-12-03")).as_deref(),
            Some("Newest value: April 2026.")
        );
    }

    #[test]
    fn the_note_names_the_newest_value_by_its_own_period() {
        let today = day("2026-12-03");
        let note = |period: &str| {
            let point = Point::new(Period::parse(period).unwrap(), Some(1.0));
            dated_data_note(&yearly(vec![point]), today)
                .unwrap()
                .split(". As of")
                .next()
                .unwrap()
                .to_string()
        };
        // Not "December 2020": a yearly value is for the year.
        assert_eq!(note("2020"), "Newest value: 2020");
        assert_eq!(note("2020-Q4"), "Newest value: Q4 2020");
        assert_eq!(note("2020-11"), "Newest value: November 2020");
        assert_eq!(note("2020-11-06"), "Newest value: 6 November 2020");
    }
}
