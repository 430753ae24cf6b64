//! A bare eframe window with the app's features and renderer, for the start-time
//! comparison in `scripts/bench.sh`: with `TRADECHART_EXIT_AFTER_FIRST_FRAME=1` it
//! prints `loaded: bare (<ms> ms since start)` once its first frame is on screen and
//! closes, at the same moment the app reports (`app::startup`); with
//! `TRADECHART_REPAINT_FRAMES=<n>` as well, it first paints n more frames and prints
//! `frames: <n>, median interval <ms> ms`, as the app does.

use std::io::Write as _;
use std::time::Instant;

use eframe::egui;

/// The app's renderer (`app::startup::RENDERER`): glow with the `glow` feature.
#[cfg(feature = "glow")]
const RENDERER: eframe::Renderer = eframe::Renderer::Glow;
/// The app's renderer (`app::startup::RENDERER`): wgpu without the `glow` feature.
#[cfg(not(feature = "glow"))]
const RENDERER: eframe::Renderer = eframe::Renderer::Wgpu;

/// Reports once its first frame has been painted, as `app::startup` does.
struct Bare {
    started: Instant,
    /// A frame has been drawn (and eframe paints it once `ui` returns).
    shown: bool,
    reported: bool,
    exit_after_first_frame: bool,
    /// Frames to paint after the report, and when each frame since the report began.
    repaint_frames: usize,
    frame_starts: Vec<Instant>,
    done: bool,
}

impl eframe::App for Bare {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if !self.exit_after_first_frame || !self.shown || self.done {
            return;
        }
        let mut stdout = std::io::stdout().lock();
        if !self.reported {
            // The start of the second frame: the first is on screen.
            self.reported = true;
            let _ = writeln!(
                stdout,
                "loaded: bare ({} ms since start)",
                self.started.elapsed().as_millis()
            );
        }
        self.frame_starts.push(Instant::now());
        if self.frame_starts.len() > self.repaint_frames {
            self.done = true;
            if self.repaint_frames > 0 {
                let _ = writeln!(
                    stdout,
                    "{}",
                    tradechart::app::frame_interval_report(&self.frame_starts)
                );
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let _ = stdout.flush();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.label("bare");
        if self.exit_after_first_frame && !self.done {
            self.shown = true;
            ui.ctx().request_repaint();
        }
    }
}

fn main() -> eframe::Result {
    let started = Instant::now();
    let exit_after_first_frame =
        std::env::var_os("TRADECHART_EXIT_AFTER_FIRST_FRAME").is_some_and(|value| value == "1");
    let repaint_frames = std::env::var("TRADECHART_REPAINT_FRAMES")
        .ok()
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare")
            .with_inner_size([1200.0, 800.0]),
        renderer: RENDERER,
        ..Default::default()
    };
    eframe::run_native(
        "bare",
        options,
        Box::new(move |_creation| {
            Ok(Box::new(Bare {
                started,
                shown: false,
                reported: false,
                exit_after_first_frame,
                repaint_frames,
                frame_starts: Vec::new(),
                done: false,
            }))
        }),
    )
}
