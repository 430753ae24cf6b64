//! Tests of [`Chart::build`]: panels, placement, gaps, steps and event marks.

use super::*;
use crate::data::Point;

fn year(y: i32) -> Period {
    Period::Year(y)
}

fn day(text: &str) -> Period {
    Period::parse(text).unwrap()
}

fn series(name: &str, unit: &str, step: bool, points: &[(Period, Option<f64>)]) -> Series {
    Series {
        name: name.to_string(),
        unit: Unit::parse(unit),
        step,
        source: None,
        points: points.iter().map(|(p, v)| Point::new(*p, *v)).collect(),
    }
}

fn dataset(series: Vec<Series>, events: Vec<Event>) -> Dataset {
    Dataset {
        title: "Trade".into(),
        series,
        events,
        ..Dataset::default()
    }
}

#[test]
fn one_panel_per_unit_in_order_of_first_appearance() {
    let data = dataset(
        vec![
            series("Balance", "USD bn", false, &[(year(2018), Some(-418.2))]),
            series("US tariff", "%", true, &[(year(2018), Some(3.1))]),
            series("Exports", "USD bn", false, &[(year(2018), Some(120.0))]),
        ],
        vec![],
    );
    let chart = Chart::build(&data, &ChartOptions::default());
    assert_eq!(chart.title, "Trade");
    let units: Vec<&str> = chart.panels.iter().map(|p| p.unit.as_str()).collect();
    assert_eq!(units, ["USD bn", "%"]);
    assert_eq!(chart.panels[0].axis_title, "US$ billions");
    assert_eq!(chart.panels[1].axis_title, "Percent");
    let names: Vec<&str> = chart.line_names().collect();
    assert_eq!(names, ["Balance", "Exports", "US tariff"]);
    // Colours follow the series index across the whole chart, not the panel.
    assert_eq!(chart.panels[0].lines[1].colour, series_colour(2));
    assert_eq!(chart.panels[1].lines[0].colour, series_colour(1));
    assert_eq!(chart.panels[0].y_range, Some((-418.2, 120.0)));
}

#[test]
fn a_yearly_value_is_drawn_at_the_middle_of_its_year() {
    let data = dataset(
        vec![series(
            "Balance",
            "USD bn",
            false,
            &[(year(2017), Some(-375.2)), (year(2018), Some(-418.2))],
        )],
        vec![],
    );
    let chart = Chart::build(&data, &ChartOptions::default());
    let line = &chart.panels[0].lines[0];
    assert_eq!(
        line.segments,
        vec![vec![[2017.5, -375.2], [2018.5, -418.2]]]
    );
    assert_eq!(line.markers[0].x, 2017.5);
    assert_eq!(line.markers[0].period, year(2017));
    // The range covers both years whole.
    assert_eq!(chart.x_range, Some((2017.0, 2019.0)));
    assert_eq!(chart.view_x, chart.x_range);
}

#[test]
fn a_missing_value_splits_the_line_into_segments() {
    let data = dataset(
        vec![series(
            "Exports",
            "USD bn",
            false,
            &[
                (year(2015), Some(1.0)),
                (year(2016), Some(2.0)),
                (year(2017), None),
                (year(2018), Some(4.0)),
                (year(2019), Some(f64::NAN)),
                (year(2020), Some(6.0)),
            ],
        )],
        vec![],
    );
    let line = &Chart::build(&data, &ChartOptions::default()).panels[0].lines[0];
    assert_eq!(
        line.segments,
        vec![
            vec![[2015.5, 1.0], [2016.5, 2.0]],
            vec![[2018.5, 4.0]],
            vec![[2020.5, 6.0]],
        ]
    );
    assert_eq!(line.markers.len(), 4);
}

#[test]
fn steps_start_at_their_date_and_the_last_runs_to_the_end_of_the_range() {
    let data = dataset(
        vec![
            series(
                "US tariff",
                "%",
                true,
                &[
                    (day("2018-01-01"), Some(3.1)),
                    (day("2018-07-06"), Some(6.7)),
                ],
            ),
            series("Balance", "USD bn", false, &[(year(2019), Some(-345.0))]),
        ],
        vec![],
    );
    let chart = Chart::build(&data, &ChartOptions::default());
    let line = &chart.panels[0].lines[0];
    let july = day("2018-07-06").start_x();
    assert!(line.step);
    assert_eq!(
        line.segments,
        vec![vec![[2018.0, 3.1], [july, 3.1], [july, 6.7], [2020.0, 6.7]]]
    );
    assert_eq!(line.markers[1].x, july);
}

#[test]
fn a_missing_step_value_is_a_gap_not_a_held_value() {
    let data = dataset(
        vec![series(
            "China tariff",
            "%",
            true,
            &[
                (day("2025-01-20"), Some(21.2)),
                (day("2025-02-04"), None),
                (day("2025-04-12"), Some(147.6)),
            ],
        )],
        vec![],
    );
    let line = &Chart::build(&data, &ChartOptions::default()).panels[0].lines[0];
    let (jan, feb, apr) = (
        day("2025-01-20").start_x(),
        day("2025-02-04").start_x(),
        day("2025-04-12").start_x(),
    );
    assert_eq!(line.segments.len(), 2);
    assert_eq!(line.segments[0], vec![[jan, 21.2], [feb, 21.2]]);
    assert_eq!(line.segments[1][0], [apr, 147.6]);
    assert!(line.segments[1][1][0] > apr);
}

#[test]
fn events_become_marks_with_spans_colours_and_short_labels() {
    let mut truce = Event::new(day("2018-12-01"), "Buenos Aires G20 truce");
    truce.end = Some(day("2019-03-01"));
    truce.category = "agreement or truce".into();
    let mut escalation = Event::new(
        day("2025-04-09"),
        "US escalates to 125% reciprocal (145% total)",
    );
    escalation.category = "tariff action".into();
    escalation.status = Status::FromMemory;
    let data = dataset(
        vec![series(
            "Balance",
            "USD bn",
            false,
            &[(year(2018), Some(-418.2))],
        )],
        vec![truce, escalation],
    );
    let chart = Chart::build(&data, &ChartOptions::default());
    let [truce, escalation] = &chart.events[..] else {
        panic!("two events expected");
    };
    assert_eq!(truce.x, day("2018-12-01").start_x());
    assert_eq!(truce.end_x, Some(day("2019-03-02").start_x()));
    assert_eq!(truce.date_text, "2018-12-01 – 2019-03-01");
    assert_eq!(truce.colour, category_colour("agreement or truce"));
    assert_eq!(escalation.label, "US escalates to 125%…");
    assert_eq!(escalation.status, Status::FromMemory);
    assert_ne!(truce.colour, escalation.colour);
    assert_eq!(chart.categories.len(), 2);
    // The range reaches the last event.
    assert_eq!(chart.x_range.map(|r| r.1), Some(escalation.x));
    let hidden = Chart::build(
        &data,
        &ChartOptions {
            show_events: false,
            ..ChartOptions::default()
        },
    );
    assert!(hidden.events.is_empty());
    assert_eq!(hidden.x_range, Some((2018.0, 2019.0)));
}

#[test]
fn marker_status_is_kept_for_hollow_drawing() {
    let mut data = dataset(
        vec![series(
            "US tariff",
            "%",
            true,
            &[(day("2025-02-04"), Some(30.8))],
        )],
        vec![],
    );
    data.series[0].points[0].status = Status::Estimated;
    let chart = Chart::build(&data, &ChartOptions::default());
    assert_eq!(
        chart.panels[0].lines[0].markers[0].status,
        Status::Estimated
    );
}

#[test]
fn an_empty_dataset_builds_an_empty_chart_with_a_valid_view() {
    let chart = Chart::build(&Dataset::default(), &ChartOptions::default());
    assert!(chart.panels.is_empty());
    assert_eq!(chart.x_range, None);
    let view = chart.view_x_or_default();
    assert!(view.start() < view.end());
    let chosen = Chart::build(
        &Dataset::default(),
        &ChartOptions {
            view_x: Some((2018.0, 2026.0)),
            ..ChartOptions::default()
        },
    );
    assert_eq!(chosen.view_x, Some((2018.0, 2026.0)));
}
