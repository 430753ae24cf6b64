#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Moving around the chart in the window (issue 14: points 5, 8, 9 and 16), driven
//! headless with egui_kittest on the embedded default dataset: a value under an event
//! line is read, an event clicked in the Events list comes into view without leaving
//! the data, the wheel and a right-button box zoom time and keep the data in view, the
//! value axes fit what is in view unless "Lock Y" holds them, and the key under the
//! plots is whole at 1024 wide.

use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tradechart::app::TradeChartApp;
use tradechart::data;

mod common;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

fn default_app() -> TradeChartApp {
    TradeChartApp::new(data::default_dataset().unwrap(), None)
}

fn harness(size: egui::Vec2) -> Harness<'static, TradeChartApp> {
    common::settled_window(default_app(), size)
}

/// Steps frames until the window is still (smooth scrolling takes a few).
fn settle(harness: &mut Harness<'_, TradeChartApp>) {
    for _ in 0..30 {
        harness.step();
    }
    harness.run();
}

/// The middle of panel `panel`'s plot, found from where a time and a value were drawn.
fn middle_of_plot(harness: &Harness<'_, TradeChartApp>, panel: usize) -> egui::Pos2 {
    let app = harness.state();
    let (start, end) = app.visible_x_range().unwrap();
    let (low, high) = app.visible_value_ranges()[panel];
    app.screen_pos_of_value(panel, (start + end) / 2.0, (low + high) / 2.0)
        .unwrap()
}

/// Every drawn value of a panel inside the visible time range lies inside the value
/// range the panel shows, and the panel shows at least one value.
fn assert_values_in_view(harness: &Harness<'_, TradeChartApp>) {
    let app = harness.state();
    let (start, end) = app.visible_x_range().unwrap();
    let ranges = app.visible_value_ranges();
    assert_eq!(ranges.len(), app.chart().panels.len());
    for (panel, (low, high)) in app.chart().panels.iter().zip(ranges) {
        let shown: Vec<f64> = panel
            .lines
            .iter()
            .flat_map(|line| line.markers.iter())
            .filter(|marker| (start..=end).contains(&marker.x))
            .map(|marker| marker.y)
            .collect();
        assert!(!shown.is_empty(), "{}: no value in view", panel.axis_title);
        for value in shown {
            assert!(
                (low..=high).contains(&value),
                "{}: {value} outside {low}..{high} (time {start}..{end})",
                panel.axis_title
            );
        }
    }
}

fn wheel(harness: &mut Harness<'_, TradeChartApp>, at: egui::Pos2, delta_y: f32, ctrl: bool) {
    harness.hover_at(at);
    harness.step();
    let modifiers = if ctrl {
        egui::Modifiers::COMMAND
    } else {
        egui::Modifiers::NONE
    };
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, delta_y),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers,
    });
    settle(harness);
}

fn button(harness: &mut Harness<'_, TradeChartApp>, at: egui::Pos2, pressed: bool) {
    harness.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Secondary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    });
    harness.step();
}

/// The button of the Events list whose text names `title`.
fn events_list_entry<'h>(
    harness: &'h Harness<'_, TradeChartApp>,
    title: &str,
) -> egui_kittest::Node<'h> {
    harness
        .get_all_by_role(Role::Button)
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|label| label.contains(title))
        })
        .expect("the event in the Events list")
}

#[test]
fn a_value_under_an_event_line_is_read_not_the_event() {
    let mut harness = harness(SIZE);
    let app = harness.state();
    let balance = app.chart().panels[0]
        .lines
        .iter()
        .find(|line| line.name.to_lowercase().contains("balance"))
        .expect("a balance line");
    let marker = balance
        .markers
        .iter()
        .find(|marker| marker.period == data::Period::Year(2018))
        .expect("a 2018 value");
    let at = app.screen_pos_of_value(0, marker.x, marker.y).unwrap();
    // The 2018 marker (mid-year) sits on the line of the tariffs of 6 July 2018.
    let under = app
        .chart()
        .events
        .iter()
        .find(|event| (app.screen_x_of_time(event.x).unwrap() - at.x).abs() <= 3.0)
        .expect("an event line through the 2018 marker");
    assert!(under.date_text.contains("2018"), "{}", under.date_text);

    harness.hover_at(at);
    harness.run();

    assert!(
        harness.state().hovered_event().is_none(),
        "the event's tooltip won over the value"
    );
    // The readout: the day under the pointer and the 2018 balance.
    harness.get_by_label_contains("Jul 2018");
    harness.get_by_label("-$418.2bn");
}

#[test]
fn an_event_clicked_in_the_events_list_comes_into_view_inside_the_data() {
    let mut harness = harness(SIZE);
    harness.get_by_label("Events panel").click();
    harness.run();
    harness.get_by_label("Fit").click();
    harness.run();
    let data = harness.state().chart().x_range.unwrap();
    events_list_entry(&harness, "Stockholm talks").scroll_to_me();
    harness.run();
    events_list_entry(&harness, "Stockholm talks").click();
    harness.run();

    let event_x = harness.state().selected_event().unwrap().x;
    let (start, end) = harness.state().visible_x_range().unwrap();
    // Inside the data, with at most 2% of its span either side.
    let margin = (data.1 - data.0) * 0.02 + 1e-9;
    assert!(
        start >= data.0 - margin && end <= data.1 + margin,
        "{start}..{end} leaves the data {data:?}"
    );
    assert!((start..=end).contains(&event_x), "{event_x} not in view");
}

#[test]
fn the_wheel_zooms_time_and_keeps_the_data_in_view() {
    let mut harness = harness(SIZE);
    let before = harness.state().visible_x_range().unwrap();
    let at = middle_of_plot(&harness, 0);
    // Wheel down: out in time; the value axes still hold the values.
    wheel(&mut harness, at, -300.0, false);
    let out = harness.state().visible_x_range().unwrap();
    assert!(out.1 - out.0 > before.1 - before.0, "{out:?} vs {before:?}");
    assert_values_in_view(&harness);
    // Wheel up: in again.
    wheel(&mut harness, at, 600.0, false);
    let zoomed = harness.state().visible_x_range().unwrap();
    assert!(zoomed.1 - zoomed.0 < out.1 - out.0, "{zoomed:?} vs {out:?}");
    assert_values_in_view(&harness);
    // However far the wheel goes, the view stays on the data (2% either side).
    wheel(&mut harness, at, -3000.0, false);
    let data = harness.state().chart().x_range.unwrap();
    let margin = (data.1 - data.0) * 0.02 + 1e-9;
    let (start, end) = harness.state().visible_x_range().unwrap();
    assert!(
        start >= data.0 - margin && end <= data.1 + margin,
        "{start}..{end} leaves the data {data:?}"
    );
    assert_values_in_view(&harness);
    // Ctrl+wheel acts on time too.
    let lower = middle_of_plot(&harness, 1);
    wheel(&mut harness, lower, -300.0, true);
    assert_values_in_view(&harness);
}

#[test]
fn a_right_button_box_zooms_time_and_keeps_the_data_in_view() {
    let mut harness = harness(SIZE);
    let app = harness.state();
    let (low, high) = app.visible_value_ranges()[0];
    // A short box near the top of the first plot, from mid-2019 to mid-2022: the
    // values it spans vertically hold none of the data.
    let top = low + (high - low) * 0.9;
    let from = app.screen_pos_of_value(0, 2019.5, top).unwrap();
    let to = app
        .screen_pos_of_value(0, 2022.5, top - (high - low) * 0.05)
        .unwrap();
    harness.hover_at(from);
    harness.step();
    button(&mut harness, from, true);
    for step in 1..=5 {
        harness.hover_at(from + (to - from) * (step as f32 / 5.0));
        harness.step();
    }
    button(&mut harness, to, false);
    harness.run();

    let (start, end) = harness.state().visible_x_range().unwrap();
    assert!((start - 2019.5).abs() < 0.05, "{start}");
    assert!((end - 2022.5).abs() < 0.05, "{end}");
    assert_values_in_view(&harness);
}

#[test]
fn the_value_axes_fit_the_data_in_view_after_a_time_zoom() {
    let mut harness = harness(SIZE);
    let (_, tariff_top) = harness.state().visible_value_ranges()[1];
    // The first view reaches the 2025 escalation (over 100%).
    assert!(tariff_top > 100.0, "{tariff_top}");
    harness.state_mut().set_visible_x_range((2017.5, 2019.0));
    harness.run();
    // The 2018 tariffs are under 25%: the axis fits them.
    let (_, tariff_top) = harness.state().visible_value_ranges()[1];
    assert!(tariff_top < 40.0, "{tariff_top}");
    assert_values_in_view(&harness);
}

#[test]
fn lock_y_keeps_the_value_axes_until_fit() {
    let mut harness = harness(SIZE);
    harness.get_by_label("Lock Y").click();
    harness.run();
    let locked = harness.state().visible_value_ranges();
    harness.state_mut().set_visible_x_range((2017.5, 2019.0));
    harness.run();
    let lower = middle_of_plot(&harness, 1);
    wheel(&mut harness, lower, 200.0, false);
    assert_eq!(harness.state().visible_value_ranges(), locked);

    // Fit unlocks: the axes fit again, and follow the next zoom.
    harness.get_by_label("Fit").click();
    harness.run();
    harness.state_mut().set_visible_x_range((2017.5, 2019.0));
    harness.run();
    let (_, tariff_top) = harness.state().visible_value_ranges()[1];
    assert!(tariff_top < 40.0, "{tariff_top}");
}

#[test]
fn the_key_under_the_plots_is_whole_at_1024_wide() {
    let size = egui::vec2(1024.0, 700.0);
    let mut harness = harness(size);
    harness.run();
    let note = "Bracket = from announced to effective date";
    let label = harness.get_by_label_contains(note);
    // egui gives a label's text as the node's value.
    let node = label.accesskit_node();
    let text = node.label().or_else(|| node.value()).unwrap_or_default();
    let rect = label.rect();
    let font = egui::TextStyle::Body.resolve(&harness.ctx.global_style());
    let width = harness.ctx.fonts_mut(|fonts| {
        fonts
            .layout_no_wrap(text.clone(), font, egui::Color32::WHITE)
            .size()
            .x
    });
    // Laid out whole: as wide as its text, inside the window.
    assert!(rect.width() + 1.0 >= width, "{text:?} cut to {rect:?}");
    assert!(
        rect.right() <= size.x && rect.bottom() <= size.y,
        "{rect:?}"
    );
}

/// The chart's figure node (there is one).
fn figure<'a>(harness: &'a Harness<'_, TradeChartApp>) -> egui_kittest::Node<'a> {
    harness.get_by_role(Role::Figure)
}

/// Presses Tab until the chart's figure has the keyboard (Tab moves into the chart).
fn tab_into_the_chart(harness: &mut Harness<'_, TradeChartApp>) {
    for _ in 0..80 {
        if figure(harness).is_focused() {
            return;
        }
        harness.key_press(egui::Key::Tab);
        harness.run();
    }
    panic!("Tab never reached the chart");
}

fn press(harness: &mut Harness<'_, TradeChartApp>, key: egui::Key) -> String {
    harness.key_press(key);
    harness.run();
    figure(harness).accesskit_node().label().unwrap_or_default()
}

#[test]
fn the_chart_is_a_figure_described_in_words_with_nodes_for_panels_series_and_events() {
    let harness = harness(SIZE);
    let node = figure(&harness);
    assert_eq!(
        node.accesskit_node().label().as_deref(),
        Some("Chart: US–China goods trade, tariffs and policy events")
    );
    // The description is `tradechart describe`'s text of the whole chart.
    let golden = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/describe/default.txt"),
    )
    .unwrap();
    assert_eq!(
        node.accesskit_node().description().as_deref(),
        Some(golden.trim_end())
    );
    harness.get_by_role_and_label(Role::List, "Panel US$ billions");
    harness.get_by_role_and_label(Role::List, "Panel Percent");
    let balance = harness.get_by_label_contains("Trade balance (US$ billions), 1985 to 2026");
    assert_eq!(balance.accesskit_node().role(), Role::ListItem);
    assert_eq!(
        balance
            .parent()
            .unwrap()
            .accesskit_node()
            .label()
            .as_deref(),
        Some("Panel US$ billions")
    );
    let events = harness.get_by_role_and_label(Role::List, "53 events");
    assert_eq!(events.children().count(), 53);
    harness.get_by_role_and_label(
        Role::ListItem,
        "2020-01-15, Phase One agreement signed, agreement or truce, reported",
    );
}

#[test]
fn arrow_keys_step_the_cursor_period_by_period_and_the_figure_says_the_readout() {
    let mut harness = harness(SIZE);
    tab_into_the_chart(&mut harness);
    let first = press(&mut harness, egui::Key::Home);
    assert!(
        first.starts_with("1985, US exports to China $3.9bn"),
        "{first}"
    );
    let second = press(&mut harness, egui::Key::ArrowRight);
    assert!(second.starts_with("1986, "), "{second}");
    assert_eq!(press(&mut harness, egui::Key::ArrowLeft), first);
    // The 2018 peak of imports, read where the tariff rates had their own dates.
    for _ in 1985..2018 {
        harness.key_press(egui::Key::ArrowRight);
    }
    harness.run();
    let peak = figure(&harness).accesskit_node().label().unwrap();
    assert!(peak.starts_with("2018, "), "{peak}");
    assert!(peak.contains("US imports from China $538.5bn"), "{peak}");
    assert!(peak.contains("Trade balance -$418.2bn"), "{peak}");
    // A rate is read on the day it was set (as the README's example says).
    assert!(
        peak.contains("US tariff on Chinese goods 3.8% (2018-07-01)"),
        "{peak}"
    );
    assert!(
        peak.starts_with("2018, US exports to China $120.3bn"),
        "{peak}"
    );
    let last = press(&mut harness, egui::Key::End);
    assert!(last.starts_with("2026"), "{last}");
    // The window's own arrow keys (pan) do not move while the chart has them.
    assert!(figure(&harness).is_focused());
    // Escape leaves the chart; the arrows pan again.
    press(&mut harness, egui::Key::Escape);
    assert!(!figure(&harness).is_focused());
}

#[test]
fn every_event_is_reached_with_brackets_and_selected_with_enter() {
    let mut harness = harness(SIZE);
    tab_into_the_chart(&mut harness);
    press(&mut harness, egui::Key::Home);
    let count = harness.state().chart().events.len();
    let mut reached = Vec::new();
    for _ in 0..count {
        let label = press(&mut harness, egui::Key::CloseBracket);
        assert!(label.starts_with("Event "), "{label}");
        reached.push(label);
    }
    assert_eq!(reached.len(), count);
    assert!(
        reached[0].starts_with(&format!(
            "Event 1 of {count}: 2001-12-11, China joins the WTO"
        )),
        "{}",
        reached[0]
    );
    assert!(reached[count - 1].starts_with(&format!("Event {count} of {count}: ")));
    // Back one, and select it with Enter alone.
    let previous = press(&mut harness, egui::Key::OpenBracket);
    assert!(
        previous.starts_with(&format!("Event {} of {count}", count - 1)),
        "{previous}"
    );
    press(&mut harness, egui::Key::Enter);
    let selected = harness.state().selected_event().unwrap().title.clone();
    assert!(previous.contains(&selected), "{previous} / {selected}");
    assert!(
        figure(&harness)
            .accesskit_node()
            .label()
            .unwrap()
            .starts_with("Selected: ")
    );
}

// ----- Issue 15: the time range is the view's, not egui_plot's -----

/// Every plot showed `range` in the last frame (to a millionth of a year).
fn assert_plots_show(harness: &Harness<'_, TradeChartApp>, range: (f64, f64)) {
    let plotted = harness.state().plotted_time_ranges();
    assert_eq!(plotted.len(), harness.state().chart().panels.len());
    for (start, end) in plotted {
        assert!(
            (start - range.0).abs() < 1e-6 && (end - range.1).abs() < 1e-6,
            "a plot shows {start}..{end}, the view {range:?}"
        );
    }
}

#[test]
fn a_drag_moves_the_views_time_range_and_every_plot_shows_it() {
    let mut harness = harness(SIZE);
    harness.state_mut().set_visible_x_range((2010.0, 2020.0));
    settle(&mut harness);
    let from = middle_of_plot(&harness, 0);
    let to = from + egui::vec2(-200.0, 0.0);
    harness.hover_at(from);
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.step();
    for step in 1..=5 {
        harness.hover_at(from + (to - from) * (step as f32 / 5.0));
        harness.step();
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    settle(&mut harness);
    // Dragged left: later years come into view, the span kept.
    let app = harness.state();
    let moved = app.view().range().unwrap();
    assert!(moved.0 > 2010.5, "{moved:?}");
    assert!(((moved.1 - moved.0) - 10.0).abs() < 1e-9, "{moved:?}");
    assert_eq!(app.visible_x_range(), Some(moved));
    assert_plots_show(&harness, moved);
}

#[test]
fn the_plots_show_the_views_time_range_when_egui_forgets_everything() {
    let mut harness = harness(SIZE);
    harness.state_mut().set_visible_x_range((2012.0, 2015.0));
    settle(&mut harness);
    assert_plots_show(&harness, (2012.0, 2015.0));
    // Nothing but the view keeps the range: egui's and egui_plot's memory wiped.
    harness
        .ctx
        .memory_mut(|memory| *memory = Default::default());
    settle(&mut harness);
    assert_eq!(harness.state().visible_x_range(), Some((2012.0, 2015.0)));
    assert_plots_show(&harness, (2012.0, 2015.0));
}

#[test]
fn the_year_fields_set_the_views_range_and_the_plots_follow() {
    let mut harness = harness(SIZE);
    common::year_box(&harness, "From year").focus();
    harness.run();
    common::year_box(&harness, "From year").type_text("2019");
    harness.run();
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    let (start, end) = harness.state().view().range().unwrap();
    assert_eq!(start, 2019.0);
    assert_plots_show(&harness, (start, end));
}

#[test]
fn the_year_range_stays_on_the_toolbars_row_at_1024_wide() {
    let harness = harness(egui::vec2(1024.0, 700.0));
    let fit = harness.get_by_label("Fit").rect();
    // Each handle is a slider and its number box, both labelled.
    for (handle, rect) in ["From year", "To year"].into_iter().flat_map(|handle| {
        harness
            .get_all_by_label(handle)
            .map(move |node| (handle, node.rect()))
    }) {
        assert!(
            (rect.center().y - fit.center().y).abs() < fit.height() / 2.0,
            "{handle} at {rect:?}, on another row than Fit at {fit:?}"
        );
        assert!(rect.right() <= 1024.0, "{handle} runs out at {rect:?}");
    }
}

/// Every event of the default dataset is labelled or keyed where a 1920 × 1080 window
/// shows it: the key under the plots takes the rows its entries need (it scrolled past
/// three, and the last entries were out of the window).
#[test]
fn every_keyed_event_is_in_a_1920_window() {
    let size = egui::vec2(1920.0, 1080.0);
    let harness = harness(size);
    let (start, end) = harness.state().visible_x_range().unwrap();
    let titles: Vec<String> = harness
        .state()
        .chart()
        .events
        .iter()
        .filter(|event| event.end_x.unwrap_or(event.x) >= start && event.x <= end)
        .map(|event| event.title.clone())
        .collect();
    assert!(titles.len() > 20, "{} events in view", titles.len());
    for title in &titles {
        let node = harness.get(common::drawn_with_label_containing(title));
        let rect = node.rect();
        assert!(
            rect.bottom() <= size.y && rect.top() >= 0.0,
            "{title} is drawn at {rect:?}, outside the window"
        );
    }
}

/// The strip above the plots keeps no empty rows: at 1024 × 700 the badges' rail sits
/// right under the strip's labels, or right under the toolbar when it has none.
#[test]
fn no_empty_band_sits_above_the_event_badges_at_1024_wide() {
    let harness = harness(egui::vec2(1024.0, 700.0));
    let freshness = harness
        .get_by_label_contains("Newest value")
        .rect()
        .bottom();
    // The badges are labelled by their numbers.
    let badge_top = harness.get_by_label("1").rect().top();
    let label_height = 17.0;
    let strip_labels_above = harness.state().chart().events.iter().any(|event| {
        harness
            .query_by_label(&event.title)
            .is_some_and(|node| node.rect().bottom() <= badge_top + 1.0)
    });
    let allowed = if strip_labels_above { 2.5 } else { 1.5 } * label_height;
    assert!(
        badge_top - freshness <= allowed,
        "{} points between the note under the toolbar and the badges",
        badge_top - freshness
    );
}
