//! Starting the window as a desktop app: its icon, one window per file given on the
//! command line, and the exit-after-first-frame switch the package test uses to see
//! what a launched window loaded.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;
use std::thread::JoinHandle;
use std::time::Instant;

use eframe::egui;

use super::TradeChartApp;

/// The app icon, rendered from `assets/icon/tradechart.svg` by `scripts/make-icons.sh`.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/tradechart-256.png");

/// Environment variable: when it is `1`, the window prints
/// `loaded: <window title> (<ms> ms since start)` once its first frame is on screen,
/// then closes. Tests and the package check launch the real app with it.
pub const EXIT_AFTER_FIRST_FRAME: &str = "TRADECHART_EXIT_AFTER_FIRST_FRAME";

/// The window icon, or `None` (with a message on stderr) if it cannot be decoded: a
/// missing icon is no reason not to open the window.
pub fn window_icon() -> Option<egui::IconData> {
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => Some(icon),
        Err(error) => {
            eprintln!("tradechart: the window icon cannot be decoded: {error}");
            None
        }
    }
}

/// The windows opened by [`open_in_new_windows`], each a process of its own.
#[must_use = "wait for the other windows before exiting"]
pub struct OtherWindows(Vec<JoinHandle<()>>);

impl OtherWindows {
    /// Waits until every other window has closed, so that `tradechart a.csv b.csv`
    /// in a terminal returns when all its windows are gone, as with one file.
    pub fn wait(self) {
        for reaper in self.0 {
            let _ = reaper.join();
        }
    }
}

/// Opens each of `files` in a window of its own, each a new process of this program,
/// so that every file of a multiple selection (`Exec=tradechart %F`) gets a window,
/// exactly as if each had been double-clicked. A file that cannot be launched is
/// reported on stderr; the others still open.
pub fn open_in_new_windows(files: &[PathBuf]) -> OtherWindows {
    // When the binary was replaced (an upgrade) current_exe may fail; PATH finds it.
    let program = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("tradechart"));
    let mut reapers = Vec::new();
    for file in files {
        // `--` keeps a file named like a subcommand or an option a file.
        match Command::new(&program).arg("--").arg(file).spawn() {
            Ok(mut child) => {
                // Reap the child when it exits so no zombie lingers while this window runs.
                reapers.push(std::thread::spawn(move || {
                    let _ = child.wait();
                }));
            }
            Err(error) => eprintln!(
                "tradechart: cannot open a window for {}: {error}",
                file.display()
            ),
        }
    }
    OtherWindows(reapers)
}

/// Wraps the window so that, when [`EXIT_AFTER_FIRST_FRAME`] is `1`, it reports what
/// it shows and closes after the first frame; otherwise returns it as it is.
pub fn launch(app: TradeChartApp, started: Instant) -> Box<dyn eframe::App> {
    if std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some_and(|value| value == "1") {
        Box::new(ExitAfterFirstFrame {
            app,
            started,
            frames: 0,
            reported: false,
        })
    } else {
        Box::new(app)
    }
}

/// The window, closing itself once its first frame with the loaded file has been shown.
/// It forwards every [`eframe::App`] method `TradeChartApp` implements; one it
/// implements later must be forwarded here too.
struct ExitAfterFirstFrame {
    app: TradeChartApp,
    started: Instant,
    /// Frames painted since the file finished loading.
    frames: u32,
    reported: bool,
}

impl ExitAfterFirstFrame {
    /// The line printed: the title the window shows and the time it took.
    fn report(&self) -> String {
        format!(
            "loaded: {} ({} ms since start)",
            self.app.window_title(),
            self.started.elapsed().as_millis()
        )
    }
}

impl eframe::App for ExitAfterFirstFrame {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.app.logic(ctx, frame);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.app.ui(ui, frame);
        // The file loads on a background thread: count frames from when it is shown.
        self.frames = if self.app.is_loading() {
            0
        } else {
            self.frames + 1
        };
        // A frame is painted after this call returns: report from the next one.
        if self.frames < 2 {
            ui.ctx().request_repaint();
            return;
        }
        if !self.reported {
            self.reported = true;
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "{}", self.report());
            let _ = stdout.flush();
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.app.clear_color(visuals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_icon_decodes_at_its_size() {
        let icon = window_icon().unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }

    #[test]
    fn the_report_names_the_window_title() {
        let app = TradeChartApp::new(
            crate::data::Dataset {
                title: "Trade in 2019".to_string(),
                ..Default::default()
            },
            None,
        );
        let wrapped = ExitAfterFirstFrame {
            app,
            started: Instant::now(),
            frames: 0,
            reported: false,
        };
        let line = wrapped.report();
        assert!(line.starts_with("loaded: Trade in 2019 ("), "{line}");
        assert!(line.ends_with(" ms since start)"), "{line}");
    }
}
