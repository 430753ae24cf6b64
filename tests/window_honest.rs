#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Honest drawing in the window, driven headless with egui_kittest: the hover readout
//! names how much of its period a value covers and how sure it is, planned events say
//! so in their label and tooltip, an announced event's tooltip gives both dates, and
//! the status line under the plots explains dashed and hollow drawing.
//!
//! Fixture: `tests/data/honest/honest.json`.

use std::path::Path;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tradechart::app::TradeChartApp;
use tradechart::chart::{Look, Theme};
use tradechart::data;

mod common;

fn honest_app() -> TradeChartApp {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/honest/honest.json");
    let loaded = data::LoadRequest::path(&path).load().unwrap();
    TradeChartApp::new(loaded.dataset, None)
}

fn harness(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    common::settled_window(app, egui::vec2(1280.0, 800.0))
}

/// A point inside the first plot at time `x`, below its legend.
fn in_first_plot(harness: &Harness<'_, TradeChartApp>, x: f64) -> egui::Pos2 {
    let legend = harness.get_by_label("Balance").rect();
    let screen_x = harness.state().screen_x_of_time(x).unwrap();
    egui::pos2(screen_x, legend.bottom() + 120.0)
}

#[test]
fn the_readout_says_a_value_is_partial_or_an_estimate() {
    let mut harness = harness(honest_app());
    let (partial, estimate, whole) = (
        in_first_plot(&harness, 2023.1),
        in_first_plot(&harness, 2021.5),
        in_first_plot(&harness, 2017.3),
    );
    harness.hover_at(partial);
    harness.run();
    harness.get_by_label("2023 (Jan–Mar only)");
    harness.get_by_label("-$90.1bn");

    harness.hover_at(estimate);
    harness.run();
    harness.get_by_label("-$352.8bn (estimate)");
    harness.get_by_label("estimate: sum of 11 months plus a guess");

    harness.hover_at(whole);
    harness.run();
    harness.get_by_label("2017 (whole year)");
}

/// The fixture's summit was planned for 31 Mar 2023 and the file never said what
/// became of it: the tooltip flags it as stale (issue 17).
#[test]
fn a_planned_event_says_planned_in_its_label_and_stale_in_its_tooltip() {
    let mut harness = harness(honest_app());
    harness.get_by_label("Beijing summit (planned)").hover();
    harness.run();
    harness.get_by_label("Status: planned, date passed with no update (stale)");
}

#[test]
fn an_announced_event_tooltip_gives_both_dates() {
    let mut harness = harness(honest_app());
    harness.get_by_label("List 1 tariffs").hover();
    harness.run();
    let hovered = harness.state().hovered_event().unwrap();
    assert!(hovered.announced_x.is_some());
    // In the tooltip (the chart's node for the event says it too, for screen readers).
    let shown = harness
        .get_all_by_label_contains("announced 2018-06-15, effective 2018-07-06")
        .filter(|node| node.accesskit_node().role() != egui::accesskit::Role::ListItem)
        .count();
    assert_eq!(shown, 1);
}

#[test]
fn the_status_line_explains_dashed_and_hollow_drawing() {
    let harness = harness(honest_app());
    harness.get_by_label_contains("Hollow marker, dashed line = estimate, planned");
    harness.get_by_label_contains("partial period");
    harness.get_by_label_contains("Bracket = from announced to effective date");
}

#[test]
fn period_bars_are_a_view_choice() {
    let mut harness = harness(honest_app());
    assert!(!harness.state().options().period_bars);
    let prefs = Look {
        period_bars: true,
        ..harness.state().look().clone()
    };
    harness.state_mut().set_look(prefs);
    harness.run();
    assert!(harness.state().options().period_bars);
    assert!(harness.state().chart().period_bars);
}

#[test]
fn snapshot_of_honest_drawing_with_period_bars() {
    let mut harness = harness(honest_app());
    let prefs = Look {
        period_bars: true,
        theme: Theme::Light,
        ..harness.state().look().clone()
    };
    harness.state_mut().set_look(prefs);
    harness.run();
    harness.snapshot("honest_period_bars");
}

/// The horizontal line segments the last frame painted in `colour`, wider than a
/// grid line (1 point).
fn horizontal_segments(
    harness: &Harness<'_, TradeChartApp>,
    colour: egui::Color32,
) -> Vec<[egui::Pos2; 2]> {
    fn collect(shape: &egui::Shape, colour: egui::Color32, found: &mut Vec<[egui::Pos2; 2]>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, colour, found)),
            egui::Shape::LineSegment { points, stroke }
                if stroke.color == colour
                    && stroke.width > 1.0
                    && (points[0].y - points[1].y).abs() < 0.5 =>
            {
                found.push(*points);
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, colour, &mut found);
    }
    found
}

/// Pins issue 15's zero-line drift: the export drew a line at zero where
/// `chart::layout::shows_zero_line` says (a panel in USD or % with zero inside its
/// value range), the window drew none. The window now draws it across the plot, in
/// the value axis' text colour, in light and dark.
#[test]
fn a_plot_read_against_zero_draws_a_line_at_zero_as_the_export_does() {
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        let app = TradeChartApp::new(data::default_dataset().unwrap(), None);
        let harness = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .with_max_steps(12)
            .with_theme(theme)
            .build_eframe(move |_creation| app);
        let mut harness = harness;
        harness.run();
        let app = harness.state();
        let (start, end) = app.visible_x_range().unwrap();
        let balance = app
            .chart()
            .panels
            .iter()
            .position(|panel| panel.lines.iter().any(|line| line.name == "Trade balance"));
        let balance = balance.unwrap();
        let (low, high) = app.visible_value_ranges()[balance];
        assert!(low < 0.0 && high > 0.0, "zero is inside {low}..{high}");
        let left = app.screen_pos_of_value(balance, start, 0.0).unwrap();
        let right = app.screen_pos_of_value(balance, end, 0.0).unwrap();
        let axis_colour = harness.ctx.global_style().visuals.text_color();
        let at_zero = horizontal_segments(&harness, axis_colour)
            .into_iter()
            .filter(|[a, b]| {
                (a.y - left.y).abs() < 1.0
                    && a.x.min(b.x) <= left.x + 1.0
                    && a.x.max(b.x) >= right.x - 1.0
            })
            .count();
        assert_eq!(
            at_zero, 1,
            "one line at zero across the balance plot ({theme:?})"
        );
    }
}
