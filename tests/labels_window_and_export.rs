//! The window and the export lay out event labels by the same rules (issue 15, step
//! 2: `chart::layout`): one view drawn in the window (egui_kittest) and as SVG puts
//! the same labels in the same rows.
//!
//! Rows are counted from the one nearest the plots (row 0). The export sets its text
//! at the window's size in a picture 800 px high and at least 1200 wide; at other
//! sizes it scales text with the picture, and so fits other labels. In the window a label is
//! a widget found by its text; in the SVG a `g.event-label` with its `data-row`.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;

use eframe::egui;
use egui_kittest::kittest::Queryable as _;
use roxmltree::Document;
use tradechart::app::TradeChartApp;
use tradechart::data;
use tradechart::export::svg;

mod common;

/// Label text → row, for the labels the window placed (rows from the plots up).
fn window_rows(
    harness: &egui_kittest::Harness<'_, TradeChartApp>,
    labels: &[String],
) -> BTreeMap<String, usize> {
    let placed: Vec<(String, f32)> = labels
        .iter()
        .filter_map(|label| {
            let node = harness.query_by_label(label)?;
            Some((label.clone(), node.rect().bottom()))
        })
        .collect();
    // Distinct bottoms, lowest on screen (nearest the plots) first.
    let mut bottoms: Vec<f32> = placed.iter().map(|(_, bottom)| *bottom).collect();
    bottoms.sort_by(|a, b| b.total_cmp(a));
    bottoms.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    placed
        .into_iter()
        .map(|(label, bottom)| {
            let row = bottoms
                .iter()
                .position(|b| (b - bottom).abs() < 1.0)
                .unwrap();
            (label, row)
        })
        .collect()
}

/// Label text → row, for the labels the SVG placed.
fn svg_rows(text: &str) -> BTreeMap<String, usize> {
    let doc = Document::parse(text).unwrap();
    doc.descendants()
        .filter(|node| node.attribute("class") == Some("event-label"))
        .map(|node| {
            let label = node
                .descendants()
                .filter(|child| child.has_tag_name("text"))
                .filter_map(|child| child.text())
                .collect::<String>();
            let row = node.attribute("data-row").unwrap().parse().unwrap();
            (label, row)
        })
        .collect()
}

fn same_labels_in_same_rows(app: TradeChartApp, size: egui::Vec2, range: (f64, f64)) {
    let mut app = app;
    app.set_visible_x_range(range);
    let harness = common::settled_window(app, size);
    let app = harness.state();
    let labels: Vec<String> = app
        .chart()
        .events
        .iter()
        .map(|event| event.label.clone())
        .collect();
    let in_window = window_rows(&harness, &labels);
    let page = app.export_page(1.0);
    let in_svg = svg_rows(&svg::chart_svg(app.chart(), &app.export_view(), &page));
    assert!(in_window.len() >= 3, "{in_window:?}");
    assert!(
        in_window.values().any(|row| *row > 0),
        "the labels crowd into more than one row: {in_window:?}"
    );
    assert_eq!(in_window, in_svg, "window vs SVG at {size:?}");
}

#[test]
fn the_window_and_the_svg_place_the_same_labels_in_the_same_rows() {
    let path = common::fixture("view/trade.csv");
    let app = common::app_on(&path).with_file_watch(false);
    same_labels_in_same_rows(app, egui::vec2(1200.0, 800.0), (2014.0, 2024.0));
}

#[test]
fn the_default_story_is_labelled_alike_in_the_window_and_the_svg() {
    // Sizes where the export sets text at the window's size (scale 1: 800 px high,
    // 1200 or wider); elsewhere an export scales its text with the picture.
    for size in [egui::vec2(1280.0, 800.0), egui::vec2(1600.0, 800.0)] {
        let dataset = data::default_dataset().unwrap();
        let app = TradeChartApp::new(dataset, None).with_file_watch(false);
        same_labels_in_same_rows(app, size, (2016.0, 2026.5));
    }
}

/// Markers are left out by the values in view, in the window as in the export: a line
/// of 400 yearly values zoomed to 20 years shows its markers (the window used to count
/// all 400 against the plot's width and left them out at any zoom).
#[test]
fn the_window_draws_markers_when_the_values_in_view_fit() {
    use tradechart::data::{Dataset, Period, Point, Series, Unit};
    let dataset = Dataset {
        title: "Long".into(),
        series: vec![Series {
            name: "Index".into(),
            unit: Unit::parse("index"),
            step: false,
            source: None,
            points: (1626..2026)
                .map(|year| Point::new(Period::Year(year), Some(1.0)))
                .collect(),
        }],
        ..Dataset::default()
    };
    let mut app = TradeChartApp::new(dataset, None).with_file_watch(false);
    app.set_visible_x_range((2006.0, 2026.0));
    let mut harness = common::settled_window(app, egui::vec2(1200.0, 800.0));
    let image = harness.render().unwrap();
    let app = harness.state();
    let colour = app.chart().panels[0].lines[0].colour;
    // A marker (radius 3) reaches 2 px above the line (width 2, 1 px either side).
    let centre = app.screen_pos_of_value(0, 2015.5, 1.0).unwrap();
    let scale = image.width() as f32 / 1200.0;
    let (x, y) = (
        (centre.x * scale).round() as u32,
        ((centre.y - 2.5) * scale).round() as u32,
    );
    let pixel = image.get_pixel(x, y).0;
    let near = |a: u8, b: u8| a.abs_diff(b) < 60;
    assert!(
        near(pixel[0], colour.0) && near(pixel[1], colour.1) && near(pixel[2], colour.2),
        "no marker at 2015.5: {pixel:?} (series {colour:?})"
    );
}

/// The value axes follow one rule (issue 15, step 2: `chart::layout::value_bounds`):
/// with direct labels (no legend inside the plots) the window and the export show
/// each panel over the same values. The export used to start a rate that reaches 0
/// at 0 and widen one value by a tenth of it; the window kept a margin below 0.
#[test]
fn the_window_and_the_svg_show_the_same_value_ranges() {
    use tradechart::export::layout::Layout;
    let dataset = data::default_dataset().unwrap();
    let mut app = TradeChartApp::new(dataset, None).with_file_watch(false);
    let mut look = app.look().clone();
    look.direct_labels = true;
    app.set_look(look);
    app.set_visible_x_range((2016.0, 2026.5));
    let harness = common::settled_window(app, egui::vec2(1280.0, 800.0));
    let app = harness.state();
    let in_window = app.visible_value_ranges();
    let layout = Layout::new(app.chart(), &app.export_view(), &app.export_page(1.0));
    let in_svg: Vec<(f64, f64)> = layout.panels.iter().map(|panel| panel.y_view).collect();
    assert_eq!(in_window.len(), 2, "{in_window:?}");
    assert_eq!(in_window.len(), in_svg.len());
    for (window, svg) in in_window.iter().zip(&in_svg) {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * (window.1 - window.0);
        assert!(
            close(window.0, svg.0) && close(window.1, svg.1),
            "window {in_window:?} vs SVG {in_svg:?}"
        );
    }
}
