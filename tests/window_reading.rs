#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Reading and navigating the chart in the window, driven headless with egui_kittest
//! through accessible labels: selecting events, the hover readout, the side panel's
//! filters and search, zoom and pan by keys, "Fit" and the year range, the table, the
//! View menu and Help → Data format; and pictures at 1280×800.
//!
//! Fixture: `tests/data/reading/reading.json`. Pictures: `tests/snapshots/reading_*.png`
//! (recreate with `UPDATE_SNAPSHOTS=1 cargo test --test window_reading`).

use std::path::Path;

use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tradechart::app::TradeChartApp;
use tradechart::chart::{Look, Theme};
use tradechart::data;

mod common;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

fn reading_app() -> TradeChartApp {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reading/reading.json");
    let loaded = data::LoadRequest::path(&path).load().unwrap();
    // No source path: the header (and so the pictures) do not depend on the checkout.
    TradeChartApp::new(loaded.dataset, None)
}

fn harness(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    common::settled_window(app, SIZE)
}

/// Fractional year of a day.
fn x_of(day: &str) -> f64 {
    data::Period::parse(day).unwrap().start_x()
}

/// A point inside the first plot at time `x`: below its legend, at the time's place.
fn in_first_plot(harness: &Harness<'_, TradeChartApp>, x: f64) -> egui::Pos2 {
    let legend = harness.get_by_label("Exports").rect();
    let screen_x = harness.state().screen_x_of_time(x).unwrap();
    egui::pos2(screen_x, legend.bottom() + 120.0)
}

fn visible(harness: &Harness<'_, TradeChartApp>) -> (f64, f64) {
    harness.state().visible_x_range().unwrap()
}

fn assert_near(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-6, "{actual} != {expected}");
}

/// A left click at `pos`: press in one frame, release in the next.
fn click_at(harness: &mut Harness<'_, TradeChartApp>, pos: egui::Pos2) {
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

fn open_menu(harness: &mut Harness<'_, TradeChartApp>, menu: &str, entry: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
}

#[test]
fn clicking_an_event_label_selects_it_and_shows_its_details() {
    let mut harness = harness(reading_app());
    assert!(harness.query_by_label("Selected event").is_none());
    harness.get_by_label("Section 301 List 1 tariffs").click();
    harness.run();
    let selected = harness.state().selected_event().unwrap();
    assert_eq!(selected.title, "Section 301 List 1 tariffs");
    // The side panel opens with the details.
    harness.get_by_label("Selected event");
    harness.get_by_label("25% on $34bn of Chinese imports");
    harness.get_by_label("Status: reported");
    harness.get_by_label("Source: USTR");
    harness.get_by_label("Clear selection").click();
    harness.run();
    assert!(harness.state().selected_event().is_none());
}

#[test]
fn clicking_an_event_line_selects_it_and_says_it_is_unverified() {
    let mut harness = harness(reading_app());
    let at = in_first_plot(&harness, x_of("2019-05-13"));
    harness.hover_at(at);
    harness.run();
    // The hover tooltip says what it was before any click.
    assert_eq!(
        harness.state().hovered_event().unwrap().title,
        "China retaliation"
    );
    harness.get_by_label("Higher rates on $60bn of US goods");
    harness.get_by_label("Status: from memory, unverified");
    click_at(&mut harness, at);
    assert_eq!(
        harness.state().selected_event().unwrap().title,
        "China retaliation"
    );
    harness.get_by_label("Selected event");
    // Escape clears the selection.
    harness.hover_at(egui::pos2(5.0, SIZE.y - 5.0));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().selected_event().is_none());
}

#[test]
fn a_planned_event_is_marked_planned_and_stale_in_the_side_panel() {
    let mut harness = harness(reading_app());
    harness
        .get_by_label("Consumer goods tariffs (planned)")
        .click();
    harness.run();
    // Planned for 15 Dec 2019, never updated (issue 17).
    harness.get_by_label("Status: planned, date passed with no update (stale)");
}

#[test]
fn hovering_a_plot_reads_every_series_at_that_time() {
    let mut harness = harness(reading_app());
    // Where to point, found before a readout (which names the series too) shows.
    let (mid_2015, mid_2020) = (
        in_first_plot(&harness, 2015.5),
        in_first_plot(&harness, 2020.5),
    );
    // Mid-2015: exports reported, the balance missing, no tariff yet.
    harness.hover_at(mid_2015);
    harness.run();
    harness.get_by_label("2 Jul 2015");
    harness.get_by_label("$115.9bn");
    assert_eq!(harness.query_all_by_label("no data").count(), 2);
    // Mid-2020: the balance is an estimate; the tariff holds at its last step.
    harness.hover_at(mid_2020);
    harness.run();
    harness.get_by_label("-$308.0bn (estimate)");
    harness.get_by_label("21.0%");
    harness.get_by_label("$124.5bn");
}

#[test]
fn a_series_hidden_in_its_legend_leaves_the_readout() {
    let mut harness = harness(reading_app());
    let mid_2020 = in_first_plot(&harness, 2020.5);
    harness
        .get_by_role_and_label(Role::CheckBox, "Exports")
        .click();
    harness.run();
    harness.hover_at(mid_2020);
    harness.run();
    harness.get_by_label("-$308.0bn (estimate)");
    harness.get_by_label("21.0%");
    assert!(
        harness.query_by_label("$124.5bn").is_none(),
        "hidden exports still read"
    );
}

#[test]
fn the_side_panel_search_and_category_filters_hide_events_from_the_chart() {
    let mut harness = harness(reading_app());
    open_menu(&mut harness, "View", "Side panel");
    assert!(harness.state().look().side_panel);
    harness.get_by_label("About the data");
    harness.get_by_label("Dataset: Reading test chart");
    harness.get_by_label("• Test source A");
    harness.get_by_label("2018-07-06  Section 301 List 1 tariffs");

    // A category switched off leaves the timeline and the chart.
    harness.get_by_label("tariff action (2)").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Section 301 List 1 tariffs")
            .is_none()
    );
    assert!(
        harness
            .query_by_label("2018-07-06  Section 301 List 1 tariffs")
            .is_none()
    );
    harness.get_by_label("China retaliation");
    harness.get_by_label("tariff action (2)").click();
    harness.run();
    harness.get_by_label("Section 301 List 1 tariffs");

    // The search keeps only matching events, in the list and on the chart.
    let search = harness.get_by_label("Search events");
    search.focus();
    search.type_text("RETALIATION");
    harness.run();
    assert_eq!(harness.state().event_filter().search, "RETALIATION");
    harness.get_by_label("2019-05-13  China retaliation");
    harness.get_by_label("China retaliation");
    assert!(
        harness
            .query_by_label("Section 301 List 1 tariffs")
            .is_none()
    );
    assert!(harness.query_by_label("Buenos Aires truce").is_none());
}

#[test]
fn clicking_an_event_in_the_timeline_brings_it_into_view_keeping_the_zoom() {
    let mut app = reading_app();
    app.set_visible_x_range((2018.0, 2020.0));
    app.set_look(Look {
        side_panel: true,
        ..Look::default()
    });
    let mut harness = harness(app);
    assert_near(visible(&harness).0, 2018.0);
    harness
        .get_by_label("2012-03-13  Rare earths case filed")
        .click();
    harness.run();
    assert_eq!(
        harness.state().selected_event().unwrap().title,
        "Rare earths case filed"
    );
    let (start, end) = visible(&harness);
    let event = x_of("2012-03-13");
    assert!(start < event && event < end, "{start}..{end}");
    assert!((end - start - 2.0).abs() < 1e-6, "zoom span kept");
    // Its label is on the chart now, beside its title in the side panel.
    assert_eq!(
        harness.query_all_by_label("Rare earths case filed").count(),
        2
    );
}

#[test]
fn keys_pan_zoom_and_fit() {
    let mut harness = harness(reading_app());
    let full = harness.state().chart().x_range.unwrap();
    let (start, end) = visible(&harness);
    assert_near(start, full.0);
    let span = end - start;

    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_near(visible(&harness).0, start + span * 0.1);
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_near(visible(&harness).0, start);

    harness.key_press(egui::Key::Plus);
    harness.run();
    let (zoomed_start, zoomed_end) = visible(&harness);
    assert_near(zoomed_end - zoomed_start, span * 0.8);
    harness.key_press(egui::Key::Minus);
    harness.run();
    let (out_start, out_end) = visible(&harness);
    assert_near(out_end - out_start, span);

    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    harness.key_press(egui::Key::Num0);
    harness.run();
    assert_eq!(visible(&harness), full);
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    harness.key_press(egui::Key::Home);
    harness.run();
    assert_eq!(visible(&harness), full);
}

#[test]
fn the_year_range_sets_and_shows_the_visible_range_and_fit_resets_it() {
    let mut harness = harness(reading_app());
    harness
        .get_by_role_and_label(Role::Slider, "From year")
        .set_value_accesskit(2016.0);
    harness.run();
    assert_eq!(visible(&harness).0, 2016.0);
    harness
        .get_by_role_and_label(Role::Slider, "To year")
        .set_value_accesskit(2018.0);
    harness.run();
    assert_eq!(visible(&harness), (2016.0, 2019.0));
    // The handles show the range set another way.
    harness.state_mut().set_visible_x_range((2012.0, 2015.0));
    harness.run();
    let handle = |harness: &Harness<'_, TradeChartApp>, label: &str| {
        harness
            .get_by_role_and_label(Role::Slider, label)
            .accesskit_node()
            .numeric_value()
    };
    assert_eq!(handle(&harness, "From year"), Some(2012.0));
    assert_eq!(handle(&harness, "To year"), Some(2014.0));
    harness.get_by_label("Fit").click();
    harness.run();
    assert_eq!(visible(&harness), harness.state().chart().x_range.unwrap());
}

#[test]
fn the_table_lists_periods_and_sorts_by_a_clicked_column() {
    let mut harness = harness(reading_app());
    harness.get_by_label("Table").click();
    harness.run();
    assert!(harness.state().look().table);
    harness.get_by_label("-$308.0bn (est.)");
    harness.get_by_label("12.0%");
    let top =
        |harness: &Harness<'_, TradeChartApp>, text: &str| harness.get_by_label(text).rect().top();
    // In period order first: 2016 above 2018.
    assert!(top(&harness, "-$346.8bn") < top(&harness, "-$418.2bn"));
    harness.get_by_label("Balance").click();
    harness.run();
    // Ascending by balance: the deepest deficit first.
    assert!(top(&harness, "-$418.2bn") < top(&harness, "-$346.8bn"));
    harness.get_by_label("Balance").click();
    harness.run();
    assert!(top(&harness, "-$346.8bn") < top(&harness, "-$418.2bn"));
    harness.get_by_label("Chart").click();
    harness.run();
    harness.get_by_label("Section 301 List 1 tariffs");
}

#[test]
fn the_view_menu_switches_theme_markers_and_labels_keeping_the_view() {
    let mut harness = harness(reading_app());
    harness.state_mut().set_visible_x_range((2014.0, 2019.0));
    harness.run();
    open_menu(&mut harness, "View", "Light theme");
    assert_eq!(harness.state().look().theme, Theme::Light);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    open_menu(&mut harness, "View", "Dark theme");
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);

    open_menu(&mut harness, "View", "Markers");
    assert!(!harness.state().chart().show_markers);
    assert_eq!(visible(&harness), (2014.0, 2019.0));

    harness.get_by_label("Section 301 List 1 tariffs");
    open_menu(&mut harness, "View", "Event labels");
    assert!(
        harness
            .query_by_label("Section 301 List 1 tariffs")
            .is_none()
    );
}

#[test]
fn help_describes_the_data_format() {
    let mut harness = harness(reading_app());
    open_menu(&mut harness, "Help", "Data format");
    harness.get_by_label("Events CSV");
    harness.get_by_label_contains("end_date makes a span");
}

#[test]
fn a_reload_can_keep_the_view_and_the_selection() {
    let mut harness = harness(reading_app());
    harness.get_by_label("Buenos Aires truce").click();
    harness.run();
    harness.state_mut().set_visible_x_range((2017.0, 2020.0));
    harness.run();
    let dataset = harness.state().dataset().clone();
    harness
        .state_mut()
        .replace_dataset(dataset.clone(), None, true);
    harness.run();
    assert_eq!(visible(&harness), (2017.0, 2020.0));
    assert_eq!(
        harness.state().selected_event().unwrap().title,
        "Buenos Aires truce"
    );
    // Opening something new starts from its own first view.
    harness.state_mut().replace_dataset(dataset, None, false);
    harness.run();
    assert_eq!(visible(&harness), harness.state().chart().x_range.unwrap());
}

/// The app on the embedded default dataset, as it opens.
fn default_app() -> TradeChartApp {
    TradeChartApp::new(data::default_dataset().unwrap(), None)
}

#[test]
fn the_default_dataset_opens_on_its_trade_war_years() {
    let harness = harness(default_app());
    let (start, end) = visible(&harness);
    let full = harness.state().chart().x_range.unwrap();
    assert!(start > full.0 + 20.0 && start <= 2018.0, "{start}");
    assert_eq!(end, full.1);
}

#[test]
fn snapshot_default_dark() {
    let mut harness = harness(default_app());
    harness.snapshot("reading_default_dark");
}

/// Issue 16: the default story on a 1920 × 1080 screen, every headline titled whole.
#[test]
fn snapshot_default_full_hd() {
    let mut harness = common::settled_window(default_app(), egui::vec2(1920.0, 1080.0));
    harness.snapshot("reading_default_1920");
}

#[test]
fn snapshot_default_light() {
    let mut harness = common::settled_light_window(default_app(), SIZE);
    harness.snapshot("reading_default_light");
}

/// Selects "Phase One agreement signed" by clicking its label, with the pointer moved
/// away afterwards so that no tooltip covers the picture.
fn select_phase_one(harness: &mut Harness<'_, TradeChartApp>) {
    // A headline: labelled with its whole title.
    harness.get_by_label("Phase One agreement signed").click();
    harness.run();
    harness.hover_at(egui::pos2(SIZE.x - 4.0, 14.0));
    harness.run();
}

#[test]
fn snapshot_event_selected() {
    let mut harness = harness(default_app());
    select_phase_one(&mut harness);
    harness.snapshot("reading_event_selected");
}

#[test]
fn snapshot_event_selected_light() {
    let mut harness = common::settled_light_window(default_app(), SIZE);
    select_phase_one(&mut harness);
    harness.snapshot("reading_event_selected_light");
}

#[test]
fn snapshot_table_light() {
    let mut harness = common::settled_light_window(default_app(), SIZE);
    harness.get_by_label("Table").click();
    harness.run();
    harness.snapshot("reading_table_light");
}

#[test]
fn snapshot_readout_light() {
    let mut harness = common::settled_light_window(default_app(), SIZE);
    // Mid-2019, between event lines.
    let legend = harness.get_by_label("US exports to China").rect();
    let x = harness.state().screen_x_of_time(2021.5).unwrap();
    harness.hover_at(egui::pos2(x, legend.bottom() + 150.0));
    harness.run();
    harness.get_by_label("2 Jul 2021");
    harness.snapshot("reading_readout_light");
}

/// With the side panel open, the toolbar, the plots and the labels stay left of it.
/// Pins a bug: the year sliders did not wrap, the toolbar overflowed and pushed the
/// plots (and the right-most event labels) under the panel.
#[test]
fn the_side_panel_never_covers_the_chart() {
    let mut harness = harness(default_app());
    select_phase_one(&mut harness);
    let panel_left = harness.get_by_label("Selected event").rect().left();
    for to_year in harness.query_all_by_label("To year") {
        let rect = to_year.rect();
        assert!(
            rect.right() <= panel_left,
            "toolbar {rect:?} runs under the panel at {panel_left}"
        );
    }
    let (_, end) = visible(&harness);
    let plot_right = harness.state().screen_x_of_time(end).unwrap();
    assert!(
        plot_right <= panel_left,
        "plot ends at {plot_right}, panel starts at {panel_left}"
    );
}

fn app_of(path: &str) -> TradeChartApp {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let loaded = data::LoadRequest::path(&path).load().unwrap();
    TradeChartApp::new(loaded.dataset, None)
}

#[test]
fn the_log_scale_follows_the_series_shown_in_the_legend() {
    // Exports, imports and a negative balance in one panel.
    let mut harness = harness(app_of("tests/data/analysis/trade.csv"));
    harness.get_by_label("Log scale").click();
    harness.run();
    assert!(!harness.state().chart().panels[0].log_scale);
    harness.get_by_label_contains("Log scale not used");
    // Hiding the balance leaves only positive values: the panel goes log.
    harness
        .get_by_role_and_label(Role::CheckBox, "Balance")
        .click();
    harness.run();
    let panel = &harness.state().chart().panels[0];
    assert!(panel.log_scale, "{:?}", harness.state().chart().notes);
    assert!(
        harness
            .query_by_label_contains("Log scale not used")
            .is_none()
    );
    assert_eq!(panel.axis_title, "US$ billions (log scale)");
    // Still hidden in the legend, still out of the exports.
    assert_eq!(harness.state().hidden_series(), ["Balance"]);
    // Shown again: linear, with the note.
    harness
        .get_by_role_and_label(Role::CheckBox, "Balance")
        .click();
    harness.run();
    assert!(!harness.state().chart().panels[0].log_scale);
    harness.get_by_label_contains("Log scale not used");
}

#[test]
fn a_census_file_in_millions_reads_in_billions() {
    // `(millions of dollars)`: 538,514.2 is $538.5bn on the axis and in the readout.
    let mut harness = harness(app_of("tests/data/shapes/title_lines.csv"));
    assert_eq!(harness.state().chart().panels[0].axis_title, "US$ billions");
    let legend = harness.get_by_label("Imports").rect();
    let screen_x = harness.state().screen_x_of_time(2018.5).unwrap();
    harness.hover_at(egui::pos2(screen_x, legend.bottom() + 120.0));
    harness.run();
    harness.get_by_label("$538.5bn");
    harness.get_by_label("-$418.2bn");
    assert!(harness.query_by_label_contains("mn").is_none());
}

/// Issue 18: the table is a grid a screen reader walks cell by cell, each cell with
/// its column's header (and its period) and the header row of column headers.
#[test]
fn the_tables_cells_have_their_headers_for_screen_readers() {
    let mut harness = harness(default_app());
    harness.get_by_label("Table").click();
    harness.run();
    let grid = harness.get_by_role(Role::Grid);
    fn in_row<'a>(node: egui_kittest::Node<'a>) -> egui_kittest::Node<'a> {
        std::iter::successors(node.parent(), |node| node.parent())
            .find(|node| node.accesskit_node().role() == Role::Row)
            .unwrap()
    }
    let series = harness.state().dataset().series.len();
    assert_eq!(
        grid.accesskit_node().data().column_count(),
        Some(series + 1)
    );
    let periods = grid.accesskit_node().data().row_count().unwrap();
    assert!(periods > 40, "{periods}");
    let header = harness.get_by_role_and_label(Role::ColumnHeader, "US imports from China");
    let column = header.accesskit_node().data().column_index();
    assert_eq!(column, Some(2));
    assert_eq!(in_row(header).accesskit_node().data().row_index(), Some(0));
    // The period column is sorted, ascending; sorted by imports, largest first, the
    // 2018 imports come into view.
    let period_header = harness.get_by_role_and_label(Role::ColumnHeader, "Period");
    assert_eq!(
        period_header.accesskit_node().sort_direction(),
        Some(egui::accesskit::SortDirection::Ascending)
    );
    for _ in 0..2 {
        harness
            .get_by_role_and_label(Role::ColumnHeader, "US imports from China")
            .click();
        harness.run();
    }
    let header = harness.get_by_role_and_label(Role::ColumnHeader, "US imports from China");
    assert_eq!(
        header.accesskit_node().sort_direction(),
        Some(egui::accesskit::SortDirection::Descending)
    );
    // The 2018 imports: a cell under that header, in the row of 2018.
    let cell = harness.get_by_label("$538.5bn");
    let node = cell.accesskit_node();
    assert_eq!(node.role(), Role::Cell);
    assert_eq!(node.data().column_index(), column);
    assert_eq!(
        node.description().as_deref(),
        Some("US imports from China, 2018")
    );
    let row = in_row(cell);
    let period = row
        .children_recursive()
        .find(|child| child.accesskit_node().role() == Role::RowHeader)
        .unwrap();
    assert_eq!(period.accesskit_node().label().as_deref(), Some("2018"));
    assert_eq!(
        node.data().row_index(),
        period.accesskit_node().data().row_index()
    );
}
