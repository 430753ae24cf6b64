//! Helpers the window tests share: a harness around the app that has settled its
//! first frames, stepping frames until the app reaches a state, and fixture paths.
// Each test file uses some of these; the rest would warn there.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradechart::app::{FilePicker, SaveFilter, TradeChartApp};
use tradechart::data;

/// How long a test waits for the app (a background load, a save) before failing.
const PATIENCE: Duration = Duration::from_secs(20);

/// A window of `size` on `app`, run until its layout settles (opening the side panel
/// takes a few frames to settle its size).
pub fn settled_window(app: TradeChartApp, size: egui::Vec2) -> Harness<'static, TradeChartApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_eframe(move |_creation| app);
    harness.run();
    harness
}

/// [`settled_window`] in egui's light theme.
pub fn settled_light_window(
    app: TradeChartApp,
    size: egui::Vec2,
) -> Harness<'static, TradeChartApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .with_theme(egui::Theme::Light)
        .build_eframe(move |_creation| app);
    harness.run();
    harness
}

/// Steps frames (the app's background threads running meanwhile) until `done` holds,
/// then lets the window settle.
pub fn step_until(harness: &mut Harness<'_, TradeChartApp>, done: impl Fn(&TradeChartApp) -> bool) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(start.elapsed() < PATIENCE, "timed out");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.run();
}

/// A file under `tests/data`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// The app on the file at `path`, read before the window opens.
pub fn app_on(path: &Path) -> TradeChartApp {
    let loaded = data::LoadRequest::path(path).load().unwrap();
    TradeChartApp::new(loaded.dataset, Some(path.to_path_buf()))
}

/// A picker where no dialog can appear: it answers at once, like rfd without a portal.
pub struct NoDialog;

impl FilePicker for NoDialog {
    fn pick_file(&self) -> Option<PathBuf> {
        None
    }
}

/// A picker that answers with one file, as if the user chose it.
pub struct Picks(pub PathBuf);

impl FilePicker for Picks {
    fn pick_file(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

/// A picker whose save dialog always answers this file, whatever is suggested.
pub struct SavesAs(pub PathBuf);

impl FilePicker for SavesAs {
    fn pick_file(&self) -> Option<PathBuf> {
        None
    }

    fn pick_save_file(&self, _suggested: &Path, _filter: SaveFilter) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

/// A picker whose save dialog records the path it was offered and answers that name
/// in the folder `saves_in` (or cancels without one).
pub struct RecordsSuggested {
    pub offered: std::sync::Arc<std::sync::Mutex<Vec<PathBuf>>>,
    pub saves_in: Option<PathBuf>,
}

impl FilePicker for RecordsSuggested {
    fn pick_file(&self) -> Option<PathBuf> {
        None
    }

    fn pick_save_file(&self, suggested: &Path, _filter: SaveFilter) -> Option<PathBuf> {
        if let Ok(mut offered) = self.offered.lock() {
            offered.push(suggested.to_path_buf());
        }
        Some(self.saves_in.as_ref()?.join(suggested.file_name()?))
    }
}

/// A file dropped on the window, as winit hands it to egui.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

/// Nodes whose label contains `text` among what is drawn: the chart's list items for
/// screen readers (one per event and series, issue 18) say the same titles, so they
/// are left out.
pub fn drawn_with_label_containing(text: &str) -> egui_kittest::kittest::By<'_> {
    egui_kittest::kittest::By::new()
        .label_contains(text)
        .predicate(|node| node.role() != egui::accesskit::Role::ListItem)
}

/// The number box of the year slider labelled `label` (it follows the slider's rail).
#[allow(clippy::expect_used, reason = "a test fails loudly")]
pub fn year_box<'h>(
    harness: &'h Harness<'_, TradeChartApp>,
    label: &str,
) -> egui_kittest::Node<'h> {
    let rail = harness
        .get_by_role_and_label(egui::accesskit::Role::Slider, label)
        .rect();
    harness
        .get_all_by_role(egui::accesskit::Role::SpinButton)
        .filter(|node| {
            let rect = node.rect();
            rect.left() >= rail.right() - 1.0 && (rect.center().y - rail.center().y).abs() < 4.0
        })
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("a number box right of the slider")
}
