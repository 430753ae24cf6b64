//! Settings kept between runs: the round trip through `settings.json` (window size,
//! recent files, view choices), older and newer files, and a damaged file kept aside
//! and reported in the window instead of silently reset.
//!
//! Each test keeps its settings in a temporary folder (as `TRADECHART_CONFIG_DIR` does
//! for the app).
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradechart::app::settings::{DEFAULT_WINDOW_SIZE, SETTINGS_FILE};
use tradechart::app::{Settings, SettingsStore, TradeChartApp};
use tradechart::chart::{Look, Theme};
use tradechart::data;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/chart")
        .join(name)
}

fn default_app() -> TradeChartApp {
    TradeChartApp::new(data::default_dataset().unwrap(), None)
}

fn harness(app: TradeChartApp, size: [f32; 2]) -> Harness<'static, TradeChartApp> {
    Harness::builder()
        .with_size(egui::vec2(size[0], size[1]))
        .build_eframe(move |_creation| app)
}

/// The files in `folder`, by name, sorted.
fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// One frame with Ctrl+Q pressed.
fn press_ctrl_q(harness: &mut Harness<'_, TradeChartApp>) {
    harness.input_mut().events.push(egui::Event::Key {
        key: egui::Key::Q,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    harness.step();
}

#[test]
fn settings_survive_a_restart() {
    let folder = tempfile::tempdir().unwrap();
    let store = SettingsStore::new(folder.path());
    let mut app = default_app().with_settings(store.clone());
    assert!(app.settings_note().is_none());
    assert_eq!(app.initial_window_size(), DEFAULT_WINDOW_SIZE);
    assert!(app.load_now(&fixture("small.json")));
    assert!(app.load_now(&fixture("other.json")));
    let prefs = Look {
        theme: Theme::Dark,
        markers: false,
        side_panel: false,
        ..Look::default()
    };
    app.set_look(prefs.clone());
    let mut harness = self::harness(app, [1000.0, 700.0]);
    harness.run();
    press_ctrl_q(&mut harness);
    drop(harness);

    // Written whole, no temporary file left behind.
    assert_eq!(names_in(folder.path()), [SETTINGS_FILE]);
    let again = default_app().with_settings(store);
    assert!(again.settings_note().is_none());
    assert_eq!(again.initial_window_size(), [1000.0, 700.0]);
    assert_eq!(again.look(), &prefs);
    assert_eq!(again.recent_files().len(), 2);
    assert!(again.recent_files()[0].ends_with("other.json"));
    assert!(again.recent_files()[1].ends_with("small.json"));
}

#[test]
fn opening_a_file_saves_the_recent_files_at_once() {
    let folder = tempfile::tempdir().unwrap();
    let store = SettingsStore::new(folder.path().join("new-folder"));
    let app = default_app().with_settings(store.clone());
    let mut harness = self::harness(app, [900.0, 600.0]);
    harness.run();
    assert!(harness.state_mut().load_now(&fixture("small.json")));
    harness.run();
    // Not only on quit: a crash later does not lose the list.
    let saved = store.load();
    assert!(saved.note.is_none());
    assert!(saved.settings.recent_files[0].ends_with("small.json"));
}

#[test]
fn an_older_settings_file_loads_and_unknown_fields_are_ignored() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join(SETTINGS_FILE),
        r#"{"recent_files": ["/data/trade.csv"], "view": {"theme": "light"}, "from_the_future": 1}"#,
    )
    .unwrap();
    let app = default_app().with_settings(SettingsStore::new(folder.path()));
    assert!(app.settings_note().is_none());
    assert_eq!(app.recent_files(), [PathBuf::from("/data/trade.csv")]);
    assert_eq!(app.look().theme, Theme::Light);
    // Fields the file did not have take their defaults.
    assert_eq!(app.look().markers, Look::default().markers);
    assert_eq!(app.initial_window_size(), DEFAULT_WINDOW_SIZE);
}

#[test]
fn a_damaged_settings_file_is_kept_aside_and_reported() {
    let folder = tempfile::tempdir().unwrap();
    let damaged = b"{\"recent_files\": [\"/data/trade.csv\"], \"window_si";
    std::fs::write(folder.path().join(SETTINGS_FILE), damaged).unwrap();
    let app = default_app().with_settings(SettingsStore::new(folder.path()));
    let note = app.settings_note().unwrap().to_string();
    assert!(note.contains("settings file was damaged"), "{note}");
    assert!(note.contains("line 1 column"), "{note}");
    assert_eq!(
        app.settings(),
        Settings {
            view: app.settings().view,
            window_size: None,
            recent_files: Vec::new(),
            recent_selections: Default::default(),
            ui_zoom: None,
        }
    );

    // The damaged bytes are kept, under a name that says so.
    let names = names_in(folder.path());
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("settings.json.corrupt-"), "{names:?}");
    assert_eq!(
        std::fs::read(folder.path().join(&names[0])).unwrap(),
        damaged
    );

    // The window says so until dismissed.
    let mut harness = self::harness(app, [1000.0, 700.0]);
    harness.run();
    harness.get_by_label(&note);
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.query_by_label(&note).is_none());
    assert!(harness.state().settings_note().is_none());

    // New settings are written beside the kept file.
    press_ctrl_q(&mut harness);
    let mut names = names_in(folder.path());
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[0], SETTINGS_FILE);
}

#[test]
fn view_choices_this_version_does_not_understand_spoil_only_the_view() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join(SETTINGS_FILE),
        r#"{"recent_files": ["/data/trade.csv"], "view": {"theme": "purple"}}"#,
    )
    .unwrap();
    let app = default_app().with_settings(SettingsStore::new(folder.path()));
    let note = app.settings_note().unwrap();
    assert!(note.contains("view choices"), "{note}");
    assert_eq!(app.recent_files(), [PathBuf::from("/data/trade.csv")]);
    assert_eq!(app.look(), &Look::default());
}

#[test]
fn a_settings_folder_that_is_a_file_is_reported_and_left_alone() {
    let folder = tempfile::tempdir().unwrap();
    let not_a_folder = folder.path().join("config");
    std::fs::write(&not_a_folder, "a file").unwrap();
    let app = default_app().with_settings(SettingsStore::new(&not_a_folder));
    let mut harness = self::harness(app, [1000.0, 700.0]);
    harness.run();
    let note = harness.state().settings_note().unwrap().to_string();
    assert!(
        note.starts_with("Settings not loaded: cannot read"),
        "{note}"
    );
    harness.get_by_label(&note);
    assert!(harness.state_mut().load_now(&fixture("small.json")));
    press_ctrl_q(&mut harness);
    assert_eq!(std::fs::read_to_string(&not_a_folder).unwrap(), "a file");
}

/// One frame with `key` pressed with Ctrl (Cmd on a Mac).
fn press_ctrl(harness: &mut Harness<'_, TradeChartApp>, key: egui::Key) {
    harness.input_mut().events.push(egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    harness.step();
    harness.step();
}

#[test]
fn ctrl_plus_scales_the_window_and_the_scale_survives_a_restart() {
    let folder = tempfile::tempdir().unwrap();
    let store = SettingsStore::new(folder.path());
    let mut harness = self::harness(default_app().with_settings(store.clone()), [1000.0, 700.0]);
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
    press_ctrl(&mut harness, egui::Key::Plus);
    press_ctrl(&mut harness, egui::Key::Plus);
    let zoomed = harness.ctx.zoom_factor();
    assert!(zoomed > 1.15, "{zoomed}");
    assert_eq!(harness.state().ui_zoom(), Some(zoomed));
    press_ctrl_q(&mut harness);
    drop(harness);
    assert_eq!(store.load().settings.ui_zoom, Some(zoomed));

    // The next window opens at that scale; Ctrl+Minus and Ctrl+0 change it back.
    let mut harness = self::harness(default_app().with_settings(store.clone()), [1000.0, 700.0]);
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), zoomed);
    press_ctrl(&mut harness, egui::Key::Minus);
    assert!(harness.ctx.zoom_factor() < zoomed);
    press_ctrl(&mut harness, egui::Key::Num0);
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
    assert_eq!(harness.state().ui_zoom(), None);
    // A scale no key could make is not taken from the file.
    let mut settings = store.load().settings;
    settings.ui_zoom = Some(f32::NAN);
    store.save(&settings).unwrap();
    let mut harness = self::harness(default_app().with_settings(store), [1000.0, 700.0]);
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
}

#[test]
fn the_high_contrast_theme_is_white_on_black_and_remembered() {
    let folder = tempfile::tempdir().unwrap();
    let store = SettingsStore::new(folder.path());
    let mut harness = self::harness(default_app().with_settings(store.clone()), [1000.0, 700.0]);
    harness.run();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("High-contrast theme").click();
    harness.run();
    assert_eq!(harness.state().look().theme, Theme::HighContrast);
    let visuals = harness.ctx.global_style().visuals.clone();
    assert_eq!(visuals.panel_fill, egui::Color32::BLACK);
    assert_eq!(visuals.override_text_color, Some(egui::Color32::WHITE));
    // Text stays unhinted (see `draw_text_unhinted`) in a new theme.
    assert!(!visuals.text_options.font_hinting);
    press_ctrl_q(&mut harness);
    drop(harness);
    let again = default_app().with_settings(store);
    assert_eq!(again.look().theme, Theme::HighContrast);
    // Back to dark: egui's own dark look, not the high-contrast one kept.
    let mut harness = self::harness(again, [1000.0, 700.0]);
    harness.run();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Dark theme").click();
    harness.run();
    assert_eq!(
        harness.ctx.global_style().visuals.panel_fill,
        egui::Visuals::dark().panel_fill
    );
}
