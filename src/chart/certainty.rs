//! Time and certainty as drawn: where a value sits in the period it covers,
//! which stretches of a line are dashed (into and out of estimates, projections and
//! partial periods), where a line breaks (a missing value, or a period missing from a
//! regular series), and the words that say so in tooltips and legends.
//!
//! Rules:
//! - A value covering a period (a yearly total) is placed at the middle of the time it
//!   covers: its whole period, or, for a partial year, the months it covers. With
//!   "period bars" on it is also drawn as a bar across that time.
//! - A value that is not a reported fact (estimated, planned, from memory) or covers
//!   only part of its period is *uncertain*: drawn hollow, and the line into and out
//!   of it is dashed (for a step series, the step it holds and the rise into it). A
//!   value covering only part of its period (a year to date) is not joined to the
//!   others at all: a line from a whole year into four months would read as a fall.
//! - In a regular series (years, quarters or months) a period missing between two
//!   present ones is a gap, exactly like a listed missing value. Step series (a rate
//!   that holds until it changes) and daily dates have no expected spacing.

use crate::data::{Period, Point, Series, Status};

use super::{Chart, EventMark, Line};

/// A drawn line's geometry: unbroken polylines and, per polyline, whether each edge
/// (from point `i` to `i + 1`) is dashed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geometry {
    pub segments: Vec<Vec<[f64; 2]>>,
    pub dashed: Vec<Vec<bool>>,
}

/// A stretch of a line drawn in one style.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub points: Vec<[f64; 2]>,
    pub dashed: bool,
}

/// True for a value drawn hollow and reached by dashed lines: not a reported fact, or
/// only part of its period.
pub fn is_uncertain(point: &Point) -> bool {
    point.status() != Status::Reported || point.coverage().is_some()
}

/// Where a value's marker sits on the time axis: the start of its period for a step
/// series, else the middle of the time it covers.
pub fn marker_x(point: &Point, step: bool) -> f64 {
    if step {
        return point.period.start_x();
    }
    let (start, end) = point.span_x();
    (start + end) / 2.0
}

/// True when `next` does not follow `previous` directly although both are periods of
/// one regular kind (years, quarters or months): the periods between are missing.
pub fn is_implied_gap(previous: Period, next: Period) -> bool {
    let regular = previous.resolution() == next.resolution() && previous.resolution() < 3;
    regular && previous.end_day() < next.first_day()
}

/// The points of `series` in time order.
pub fn sorted_points(series: &Series) -> Vec<&Point> {
    let mut points: Vec<&Point> = series.points.iter().collect();
    points.sort_by_key(|point| point.period.first_day());
    points
}

fn finite(point: &Point) -> Option<f64> {
    point.value().filter(|value| value.is_finite())
}

/// The geometry of a series drawn as a plain line or as steps.
pub fn line_geometry(points: &[&Point], step: bool, step_end: f64) -> Geometry {
    let flagged = if step {
        step_points(points, step_end)
    } else {
        plain_points(points)
    };
    let mut geometry = Geometry::default();
    for run in flagged {
        let edges = run
            .windows(2)
            .map(|pair| match pair {
                // A step's rise and hold belong to the value stepped into; a plain
                // edge is as unsure as the less sure of its ends.
                [(_, from), (_, to)] => *to || (!step && *from),
                _ => false,
            })
            .collect();
        geometry
            .segments
            .push(run.iter().map(|(point, _)| *point).collect());
        geometry.dashed.push(edges);
    }
    geometry
}

type Flagged = Vec<([f64; 2], bool)>;

/// Values at the middle of the time they cover, split at missing values and at
/// missing periods of a regular series.
fn plain_points(points: &[&Point]) -> Vec<Flagged> {
    let mut runs = Vec::new();
    let mut current: Flagged = Vec::new();
    let mut previous: Option<Period> = None;
    for point in points {
        let follows = previous.is_none_or(|previous| !is_implied_gap(previous, point.period));
        if !follows && !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        previous = Some(point.period);
        match finite(point) {
            // A part of a period is not comparable with whole ones (four months'
            // imports are not a collapse of the year's): like a gap, it ends the run,
            // and its marker stands alone, unjoined.
            Some(y) if point.coverage().is_none() => {
                current.push(([marker_x(point, false), y], is_uncertain(point)));
            }
            _ if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// Steps: each value holds from the start of its period to the start of the next
/// period listed (missing or not); the last holds until `step_end` (or the end of its
/// own period, if later). A missing value ends the segment: unknown is not unchanged.
fn step_points(points: &[&Point], step_end: f64) -> Vec<Flagged> {
    let mut runs = Vec::new();
    let mut current: Flagged = Vec::new();
    for (position, point) in points.iter().enumerate() {
        let next_start = points.get(position + 1).map(|next| next.period.start_x());
        let Some(y) = finite(point) else {
            if !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
            continue;
        };
        let unsure = is_uncertain(point);
        current.push(([point.period.start_x(), y], unsure));
        let until = next_start.unwrap_or_else(|| step_end.max(point.period.end_x()));
        current.push(([until, y], unsure));
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

impl Line {
    /// The line as stretches of one style each, ready to paint: solid for facts,
    /// dashed into and out of uncertain values. A lone point is a run of one.
    pub fn runs(&self) -> Vec<Run> {
        let mut runs = Vec::new();
        for (index, segment) in self.segments.iter().enumerate() {
            let flags = self
                .dashed
                .get(index)
                .filter(|flags| flags.len() + 1 == segment.len());
            let Some(flags) = flags else {
                // Geometry changed after building (thinned): drawn solid.
                runs.push(Run {
                    points: segment.clone(),
                    dashed: false,
                });
                continue;
            };
            if segment.len() < 2 {
                runs.push(Run {
                    points: segment.clone(),
                    dashed: false,
                });
                continue;
            }
            let mut start = 0;
            for edge in 1..=flags.len() {
                if edge == flags.len() || flags.get(edge) != flags.get(start) {
                    runs.push(Run {
                        points: segment.get(start..=edge).unwrap_or_default().to_vec(),
                        dashed: flags.get(start).copied().unwrap_or(false),
                    });
                    start = edge;
                }
            }
        }
        runs
    }

    /// Horizontal bars `(x_start, x_end, y, hollow)` across the time each value covers,
    /// for a chart drawn with period bars; none for a step series (its steps already
    /// span their time).
    pub fn period_bars(&self) -> Vec<(f64, f64, f64, bool)> {
        if self.step {
            return Vec::new();
        }
        self.markers
            .iter()
            .map(|marker| (marker.span.0, marker.span.1, marker.y, marker.is_hollow()))
            .collect()
    }
}

impl super::Marker {
    /// Drawn hollow: not a reported fact, or only part of its period.
    pub fn is_hollow(&self) -> bool {
        self.status != Status::Reported || self.coverage.is_some()
    }

    /// The period as the readout and tooltips name it: `2018 (whole year)`,
    /// `2025 (Jan–Mar only)`, `2018-Q3 (whole quarter)`, `2018-07-06`.
    pub fn period_text(&self) -> String {
        period_text(self.period, self.coverage)
    }

    /// How sure the value is, with its note: `estimate: 20.8 + 10 pp…`; `None` for a
    /// reported value without a note.
    pub fn certainty_text(&self) -> Option<String> {
        certainty_text(self.status, self.note.as_deref())
    }
}

/// A period as the readout names it, saying how much time the value covers.
pub fn period_text(period: Period, coverage: Option<crate::data::Coverage>) -> String {
    match (period, coverage) {
        (_, Some(coverage)) => format!("{period} ({})", coverage.label()),
        (Period::Year(_), None) => format!("{period} (whole year)"),
        (Period::Quarter(..), None) => format!("{period} (whole quarter)"),
        (Period::Month(..), None) => format!("{period} (whole month)"),
        (Period::Day(_), None) => period.to_string(),
    }
}

/// The status and note of a value, as a tooltip line.
pub fn certainty_text(status: Status, note: Option<&str>) -> Option<String> {
    match (status, note.map(str::trim).filter(|note| !note.is_empty())) {
        (Status::Reported, None) => None,
        (Status::Reported, Some(note)) => Some(format!("Source: {note}")),
        (status, None) => Some(status.label().to_string()),
        (status, Some(note)) => Some(format!("{}: {note}", status.label())),
    }
}

/// The key to the chart's drawing conventions that apply to what it shows, one line
/// each, for a legend note under an exported chart or beside the window's plots.
pub fn legend_notes(chart: &Chart) -> Vec<String> {
    let markers = || {
        chart
            .panels
            .iter()
            .flat_map(|panel| panel.lines.iter())
            .flat_map(|line| line.markers.iter())
    };
    let mut statuses: Vec<&str> = Vec::new();
    for marker in markers().filter(|marker| marker.status != Status::Reported) {
        let label = marker.status.label();
        if !statuses.contains(&label) {
            statuses.push(label);
        }
    }
    let mut notes = Vec::new();
    if !statuses.is_empty() {
        notes.push(format!(
            "Hollow marker, dashed line = {}",
            statuses.join(", ")
        ));
    }
    if markers().any(|marker| marker.coverage.is_some()) {
        notes.push("Hollow marker over some months = partial period".to_string());
    }
    if chart
        .events
        .iter()
        .any(|event| event.status != Status::Reported)
    {
        notes.push("Dashed event line = planned or not verified".to_string());
    }
    if chart.events.iter().any(|event| event.announced_x.is_some()) {
        notes.push("Bracket = from announced to effective date".to_string());
    }
    notes
}

/// What hollow markers (and the dashed lines into them) stand for among `markers`,
/// in a few words for an exported chart's key: `hollow: estimate, partial`.
pub fn hollow_key_text(markers: &[&super::Marker]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for marker in markers {
        let kind = match marker.status {
            Status::Reported => continue,
            Status::FromMemory | Status::Unverified => "unverified",
            Status::Postponed => "postponed",
            Status::Estimated => "estimate",
            Status::Planned => "planned",
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    if markers.iter().any(|marker| marker.coverage.is_some()) {
        kinds.push("partial");
    }
    format!("hollow: {}", kinds.join(", "))
}

/// The date text of an event with an announcement date: `announced 2025-04-02,
/// effective 2025-04-09`.
pub fn announced_date_text(announced: Period, effective: &str) -> String {
    format!("announced {announced}, effective {effective}")
}

/// An event's label, saying `planned` for an event that has not happened and
/// `postponed` for one put off.
pub fn event_label(short: String, status: Status) -> String {
    let word = match status {
        Status::Planned => "planned",
        Status::Postponed => "postponed",
        _ => return short,
    };
    if short.to_lowercase().contains(word) {
        short
    } else {
        format!("{short} ({word})")
    }
}

/// The bracket of an event announced before it took effect: from the announcement to
/// the effective date, `None` for an event with one date.
pub fn bracket(event: &EventMark) -> Option<(f64, f64)> {
    event
        .announced_x
        .filter(|announced| *announced < event.x)
        .map(|announced| (announced, event.x))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::chart::{Chart, ChartOptions};
    use crate::data::{Coverage, Dataset, Event, Series, Unit};

    fn point(period: &str, value: Option<f64>) -> Point {
        Point::new(Period::parse(period).unwrap(), value)
    }

    fn with_status(mut point: Point, status: Status) -> Point {
        point.set_status(status);
        point
    }

    fn chart_of(step: bool, points: Vec<Point>) -> Chart {
        let dataset = Dataset {
            series: vec![Series {
                name: "Balance".into(),
                unit: Unit::parse("USD bn"),
                step,
                source: None,
                points,
            }],
            ..Dataset::default()
        };
        Chart::build(&dataset, &ChartOptions::default())
    }

    #[test]
    fn a_missing_year_of_a_yearly_series_breaks_the_line() {
        // 2019 is absent entirely (not an empty cell): two segments, never a line
        // straight across 2019.
        let chart = chart_of(
            false,
            vec![
                point("2017", Some(1.0)),
                point("2018", Some(2.0)),
                point("2020", Some(3.0)),
                point("2021", Some(4.0)),
            ],
        );
        let line = &chart.panels[0].lines[0];
        assert_eq!(
            line.segments,
            vec![
                vec![[2017.5, 1.0], [2018.5, 2.0]],
                vec![[2020.5, 3.0], [2021.5, 4.0]]
            ]
        );
        assert!(is_implied_gap(Period::Year(2018), Period::Year(2020)));
        assert!(!is_implied_gap(Period::Year(2018), Period::Year(2019)));
        assert!(is_implied_gap(
            Period::Quarter(2018, 4),
            Period::Quarter(2019, 2)
        ));
        assert!(!is_implied_gap(
            Period::Quarter(2018, 4),
            Period::Quarter(2019, 1)
        ));
        // Dates have no expected spacing, and a year followed by a month is no gap.
        assert!(!is_implied_gap(
            Period::parse("2018-07-06").unwrap(),
            Period::parse("2019-01-01").unwrap()
        ));
        assert!(!is_implied_gap(Period::Year(2017), Period::Month(2019, 1)));
    }

    #[test]
    fn a_step_series_holds_across_missing_periods() {
        let chart = chart_of(
            true,
            vec![point("2018", Some(3.0)), point("2020", Some(5.0))],
        );
        assert_eq!(chart.panels[0].lines[0].segments.len(), 1);
    }

    #[test]
    fn lines_into_and_out_of_an_estimate_are_dashed() {
        let chart = chart_of(
            false,
            vec![
                point("2017", Some(1.0)),
                point("2018", Some(2.0)),
                with_status(point("2019", Some(3.0)), Status::Estimated),
                point("2020", Some(4.0)),
                point("2021", Some(5.0)),
            ],
        );
        let line = &chart.panels[0].lines[0];
        assert_eq!(line.dashed, vec![vec![false, true, true, false]]);
        let runs = line.runs();
        let styles: Vec<(usize, bool)> = runs.iter().map(|r| (r.points.len(), r.dashed)).collect();
        assert_eq!(styles, [(2, false), (3, true), (2, false)]);
        // The runs meet at the shared points: the line is continuous.
        assert_eq!(runs[0].points[1], runs[1].points[0]);
        assert!(line.markers[2].is_hollow());
        assert!(!line.markers[1].is_hollow());
    }

    #[test]
    fn a_step_into_an_estimate_is_dashed_from_its_rise() {
        let chart = chart_of(
            true,
            vec![
                point("2018-01-01", Some(3.0)),
                with_status(point("2019-01-01", Some(5.0)), Status::Estimated),
            ],
        );
        let line = &chart.panels[0].lines[0];
        // Points: hold 3 (2 points), then rise and hold 5 (2 points).
        assert_eq!(line.dashed, vec![vec![false, true, true]]);
    }

    #[test]
    fn a_partial_year_sits_over_its_months_hollow_and_unjoined() {
        let mut partial = point("2025", Some(50.0));
        partial.set_coverage(Some(Coverage::parse("Jan–Mar").unwrap()));
        let chart = chart_of(false, vec![point("2024", Some(300.0)), partial]);
        let line = &chart.panels[0].lines[0];
        let marker = &line.markers[1];
        let april = Period::Month(2025, 4).start_x();
        assert_eq!(marker.span, (2025.0, april));
        assert!((marker.x - (2025.0 + april) / 2.0).abs() < 1e-9);
        assert!(marker.is_hollow());
        assert_eq!(marker.period_text(), "2025 (Jan–Mar only)");
        assert_eq!(line.markers[0].period_text(), "2024 (whole year)");
        // No line from 300 (a whole year) down to 50 (three months of it).
        assert!(
            line.segments.iter().all(|segment| segment.len() < 2),
            "{:?}",
            line.segments
        );
        let notes = legend_notes(&chart);
        assert!(
            notes.iter().any(|note| note.contains("partial")),
            "{notes:?}"
        );
    }

    #[test]
    fn period_bars_span_each_value_and_none_for_steps() {
        let chart = chart_of(
            false,
            vec![point("2018", Some(1.0)), point("2018-Q3", Some(2.0))],
        );
        let bars = chart.panels[0].lines[0].period_bars();
        assert_eq!(bars[0], (2018.0, 2019.0, 1.0, false));
        assert_eq!(bars[1].0, Period::Quarter(2018, 3).start_x());
        assert_eq!(bars[1].1, Period::Quarter(2018, 4).start_x());
        let steps = chart_of(true, vec![point("2018", Some(1.0))]);
        assert!(steps.panels[0].lines[0].period_bars().is_empty());
    }

    #[test]
    fn texts_name_the_period_and_how_sure_a_value_is() {
        assert_eq!(
            period_text(Period::Quarter(2018, 3), None),
            "2018-Q3 (whole quarter)"
        );
        assert_eq!(
            period_text(Period::parse("2018-07-06").unwrap(), None),
            "2018-07-06"
        );
        assert_eq!(certainty_text(Status::Reported, None), None);
        assert_eq!(
            certainty_text(Status::Estimated, Some("20.8 + 10 pp")).as_deref(),
            Some("estimate: 20.8 + 10 pp")
        );
        assert_eq!(
            event_label("Beijing summit".into(), Status::Planned),
            "Beijing summit (planned)"
        );
        assert_eq!(
            event_label("Planned summit".into(), Status::Planned),
            "Planned summit"
        );
    }

    #[test]
    fn an_announced_event_gets_a_bracket_to_its_effective_date() {
        let mut event = Event::new(Period::parse("2025-04-09").unwrap(), "Tariffs");
        event.announced = Some(Period::parse("2025-04-02").unwrap());
        let dataset = Dataset {
            events: vec![
                event,
                Event::new(Period::parse("2025-05-12").unwrap(), "Geneva"),
            ],
            ..Dataset::default()
        };
        let chart = Chart::build(&dataset, &ChartOptions::default());
        let mark = &chart.events[0];
        assert_eq!(mark.x, Period::parse("2025-04-09").unwrap().start_x());
        assert_eq!(
            bracket(mark),
            Some((Period::parse("2025-04-02").unwrap().start_x(), mark.x))
        );
        assert_eq!(mark.date_text, "announced 2025-04-02, effective 2025-04-09");
        assert_eq!(bracket(&chart.events[1]), None);
        // The range reaches back to the announcement.
        assert_eq!(
            chart.x_range.map(|range| range.0),
            Some(bracket(mark).unwrap().0)
        );
        assert!(
            legend_notes(&chart)
                .iter()
                .any(|note| note.contains("announced"))
        );
    }
}
