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
    data.series[0].points[0].set_status(Status::Estimated);
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

#[test]
fn a_panel_in_millions_is_shown_in_billions() {
    // As a Census file gives it: USD millions, values in the hundreds of thousands.
    let data = dataset(
        vec![series(
            "Imports",
            "USD mn",
            false,
            &[(year(2017), Some(505_165.1)), (year(2018), Some(538_514.2))],
        )],
        vec![],
    );
    let chart = Chart::build(&data, &ChartOptions::default());
    let panel = &chart.panels[0];
    assert_eq!(panel.axis_title, "US$ billions");
    assert_eq!(scale::tick_label(panel, 500_000.0, 100_000.0), "$500bn");
    assert_eq!(scale::format_tick(panel, 600_000.0), "$600bn");
    // The data is not changed, only how it is shown.
    assert_eq!(panel.lines[0].markers[1].y, 538_514.2);
    assert_eq!(panel.unit.as_str(), "USD mn");
    let formats = series_formats(&data);
    let (scale, decimals) = &formats[0];
    assert_eq!(scale.format_in_column(538_514.2, *decimals), "$538.5bn");
    // On a log axis too.
    let log = Chart::build(
        &data,
        &ChartOptions {
            log_scale: true,
            ..ChartOptions::default()
        },
    );
    assert_eq!(
        scale::format_tick(&log.panels[0], 500_000f64.log10()),
        "$500bn"
    );
    assert_eq!(log.panels[0].axis_title, "US$ billions (log scale)");
}

#[test]
fn the_log_scale_is_decided_from_the_shown_series() {
    let data = dataset(
        vec![
            series(
                "Imports",
                "USD bn",
                false,
                &[(year(2017), Some(505.0)), (year(2018), Some(538.0))],
            ),
            series(
                "Balance",
                "USD bn",
                false,
                &[(year(2017), Some(-375.0)), (year(2018), Some(-418.0))],
            ),
        ],
        vec![],
    );
    let log = |hidden: &[&str]| {
        Chart::build(
            &data,
            &ChartOptions {
                log_scale: true,
                hidden_series: hidden.iter().map(|name| name.to_string()).collect(),
                ..ChartOptions::default()
            },
        )
    };
    let shown = log(&[]);
    assert!(!shown.panels[0].log_scale);
    assert_eq!(shown.notes.len(), 1);
    let hidden = log(&["Balance"]);
    assert!(hidden.panels[0].log_scale, "{:?}", hidden.notes);
    assert!(hidden.notes.is_empty());
    // The range is the shown series'; the hidden deficit has nothing to draw.
    let (low, high) = hidden.panels[0].y_range.unwrap();
    assert!((low - 505f64.log10()).abs() < 1e-9 && (high - 538f64.log10()).abs() < 1e-9);
    let balance = &hidden.panels[0].lines[1];
    assert!(balance.markers.is_empty() && balance.segments.is_empty());
}

#[test]
fn event_categories_differing_by_case_are_one_category() {
    let event = |date: &str, category: &str| Event {
        category: category.into(),
        ..Event::new(day(date), "An event")
    };
    let data = dataset(
        vec![],
        vec![
            event("2018-07-06", "Tariff action"),
            event("2019-05-10", "tariff action"),
            event("2020-01-15", " TARIFF ACTION "),
            event("2020-01-16", "Negotiation"),
        ],
    );
    let chart = Chart::build(&data, &ChartOptions::default());
    let names: Vec<&str> = chart
        .categories
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(names, ["Tariff action", "Negotiation"]);
    assert!(
        chart.events[..3]
            .iter()
            .all(|e| e.colour == chart.categories[0].1)
    );
    assert!(same_category("Tariff action", " tariff ACTION"));
    assert_eq!(
        known_categories(["tariff action", "Tariff action", "Truce"]),
        ["tariff action", "Truce"]
    );
}
