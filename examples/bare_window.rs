//! A bare eframe window with the app's features and renderer, for the start-time
//! comparison in `scripts/bench.sh`: with `TRADECHART_EXIT_AFTER_FIRST_FRAME=1` it
//! prints `loaded: bare (<ms> ms since start)` once its first frame is on screen and
//! closes, exactly as the app does.

use std::io::Write as _;
use std::time::Instant;

use eframe::egui;

/// Counts painted frames and reports after the first, as `app::startup` does.
struct Bare {
    started: Instant,
    frames: u32,
    reported: bool,
    exit_after_first_frame: bool,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.label("bare");
        self.frames += 1;
        if !self.exit_after_first_frame {
            return;
        }
        // A frame is painted after this call returns: report from the next one.
        if self.frames < 2 {
            ui.ctx().request_repaint();
            return;
        }
        if !self.reported {
            self.reported = true;
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(
                stdout,
                "loaded: bare ({} ms since start)",
                self.started.elapsed().as_millis()
            );
            let _ = stdout.flush();
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

fn main() -> eframe::Result {
    let started = Instant::now();
    let exit_after_first_frame =
        std::env::var_os("TRADECHART_EXIT_AFTER_FIRST_FRAME").is_some_and(|value| value == "1");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare")
            .with_inner_size([1200.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "bare",
        options,
        Box::new(move |_creation| {
            Ok(Box::new(Bare {
                started,
                frames: 0,
                reported: false,
                exit_after_first_frame,
            }))
        }),
    )
}
