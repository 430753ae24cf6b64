//! Starting the window as a desktop app: its icon and renderer, one window per file
//! given on the command line, and the exit-after-first-frame switch the package test
//! uses to see what a launched window loaded.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;
use std::time::Instant;

use eframe::egui;
use egui::epaint::text::{FallbackRequest, FontInsert, FontProvider};
use egui_system_font_provider::SystemFontProvider;

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

/// The renderer this build paints with: OpenGL through glow when built with the
/// `glow` feature (the default), wgpu otherwise; `docs/renderer.md` has the
/// measurements that chose it.
#[cfg(feature = "glow")]
pub const RENDERER: eframe::Renderer = eframe::Renderer::Glow;
/// The renderer this build paints with: OpenGL through glow when built with the
/// `glow` feature (the default), wgpu otherwise; `docs/renderer.md` has the
/// measurements that chose it.
#[cfg(not(feature = "glow"))]
pub const RENDERER: eframe::Renderer = eframe::Renderer::Wgpu;

/// Whether the renderer dithers colours to hide banding: no. Every colour the window
/// draws is flat (no gradients), so dithering changed no pixel worth seeing, while it
/// cost a software renderer (Mesa's, in a VM or over a remote desktop) a tenth of the
/// time it spends on each covered pixel.
pub const DITHERING: bool = false;

/// The widest glyph atlas the window asks egui for, in pixels. egui's default is the
/// renderer's largest texture (16384 with Mesa): an atlas 16384 pixels wide and 32
/// high, 2 MB copied and uploaded in the first frame for glyphs that fill an eighth of
/// it. At 4096 wide (or the renderer's limit, if smaller) the same glyphs fit in
/// 4096 × 32, a quarter of that.
pub const FONT_ATLAS_SIDE: usize = 4096;

/// eframe's system font fallback (the system's fonts for characters egui's own fonts
/// lack, e.g. Chinese in a partner's name), started once the first frame is on screen
/// ([`Self::start`]) or when a character first needs it, whichever comes first.
/// Started by eframe with the window, its thread read the system's font list while
/// the first frame was drawn: on two cores it took CPU from that frame.
#[derive(Default)]
pub struct SystemFontFallback(OnceLock<SystemFontProvider>);

impl SystemFontFallback {
    /// The provider, reading the system's font list on a thread of its own from its
    /// first call on.
    pub fn start(&self) -> &SystemFontProvider {
        self.0.get_or_init(SystemFontProvider::new)
    }
}

impl FontProvider for SystemFontFallback {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        self.start().font_for(request)
    }
}

/// Environment variable, read with [`EXIT_AFTER_FIRST_FRAME`]: after its report the
/// window paints this many more frames, one right after another, prints
/// `frames: <n>, median interval <ms> ms` and closes (`scripts/bench.sh` measures the
/// steady frame time of each renderer with it).
pub const REPAINT_FRAMES: &str = "TRADECHART_REPAINT_FRAMES";

/// The window as eframe runs it: the app, painted on a background cleared to the
/// panel colour, with the system font fallback started after the first frame
/// ([`SystemFontFallback`]), and closing after its first frame when
/// [`EXIT_AFTER_FIRST_FRAME`] is `1`.
pub fn launch(app: TradeChartApp, started: Instant, ctx: &egui::Context) -> Box<dyn eframe::App> {
    prepare_window_context(ctx);
    let exit_after_first_frame =
        std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some_and(|value| value == "1");
    let repaint_frames = std::env::var(REPAINT_FRAMES)
        .ok()
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    let mut window = NativeWindow::new(app, ctx);
    window.first_frame = exit_after_first_frame.then(|| FirstFrame::new(started, repaint_frames));
    Box::new(window)
}

/// Sets `ctx` up as the native window's, before its first frame: the background is
/// cleared to the panel colour (see [`central_panel_frame`]) and text is unhinted
/// (`accessibility::draw_text_unhinted`). The measuring examples start their frames
/// with it, so that they measure what the window draws.
pub fn prepare_window_context(ctx: &egui::Context) {
    ctx.data_mut(|data| data.insert_temp(background_cleared_id(), true));
    super::accessibility::draw_text_unhinted(ctx);
}

fn background_cleared_id() -> egui::Id {
    egui::Id::unique("tradechart-background-cleared")
}

/// The central panel's frame. In the native window it has no fill: the window is
/// cleared to the same panel colour (see [`NativeWindow`]), and filling every pixel
/// once more cost a software renderer (Mesa's, in a VM or under Xvfb) 4 ms a frame
/// with glow and 20 ms with wgpu. Elsewhere (tests, headless rendering) it is
/// egui's own.
pub fn central_panel_frame(ui: &egui::Ui) -> egui::Frame {
    let frame = egui::Frame::central_panel(ui.style());
    let cleared = ui
        .ctx()
        .data(|data| data.get_temp::<bool>(background_cleared_id()))
        .unwrap_or(false);
    if cleared {
        frame.fill(egui::Color32::TRANSPARENT)
    } else {
        frame
    }
}

/// The window eframe runs. It forwards every [`eframe::App`] method `TradeChartApp`
/// implements; one it implements later must be forwarded here too.
struct NativeWindow {
    app: TradeChartApp,
    /// The system font fallback, until it is started after the first frame.
    system_fonts: Option<Arc<SystemFontFallback>>,
    /// Set when the window closes itself once its first frame is on screen.
    first_frame: Option<FirstFrame>,
}

impl NativeWindow {
    /// The window of `app` on `ctx`, with the system font fallback added to `ctx`
    /// but not yet started.
    fn new(app: TradeChartApp, ctx: &egui::Context) -> Self {
        let system_fonts = Arc::new(SystemFontFallback::default());
        ctx.add_font_provider(Arc::clone(&system_fonts) as Arc<dyn FontProvider>);
        Self {
            app,
            system_fonts: Some(system_fonts),
            first_frame: None,
        }
    }
}

/// The report of [`EXIT_AFTER_FIRST_FRAME`] (and of [`REPAINT_FRAMES`]).
struct FirstFrame {
    started: Instant,
    /// A frame showing the loaded file has been drawn (and is painted once `ui` returns).
    shown: bool,
    reported: bool,
    /// Frames to paint after the report, and when each frame since the report began.
    repaint_frames: usize,
    frame_starts: Vec<Instant>,
    done: bool,
}

impl FirstFrame {
    fn new(started: Instant, repaint_frames: usize) -> Self {
        Self {
            started,
            shown: false,
            reported: false,
            repaint_frames,
            frame_starts: Vec::new(),
            done: false,
        }
    }

    /// The line printed: the title the window shows and the time it took.
    fn report(&self, app: &TradeChartApp) -> String {
        format!(
            "loaded: {} ({} ms since start)",
            app.window_title(),
            self.started.elapsed().as_millis()
        )
    }

    /// Called at the start of every frame; true once the window should close.
    fn frame_started(&mut self, app: &TradeChartApp) -> bool {
        if !self.shown || self.done {
            return false;
        }
        let mut stdout = std::io::stdout().lock();
        if !self.reported {
            // eframe paints a frame right after its `ui`: the start of the next frame
            // is when the first one showing the file is on screen (bare_window reports
            // the same moment).
            self.reported = true;
            let _ = writeln!(stdout, "{}", self.report(app));
        }
        self.frame_starts.push(Instant::now());
        if self.frame_starts.len() > self.repaint_frames {
            self.done = true;
            if self.repaint_frames > 0 {
                let _ = writeln!(stdout, "{}", interval_report(&self.frame_starts));
            }
        }
        let _ = stdout.flush();
        self.done
    }
}

/// `frames: <n>, median interval <ms> ms` for frames that began at `starts` (also
/// printed by `examples/bare_window.rs`, so both are read the same way).
pub fn interval_report(starts: &[Instant]) -> String {
    let mut intervals: Vec<f64> = starts
        .windows(2)
        .map(|pair| pair[1].duration_since(pair[0]).as_secs_f64() * 1000.0)
        .collect();
    intervals.sort_by(f64::total_cmp);
    let median = match intervals.len() {
        0 => f64::NAN,
        count if count % 2 == 1 => intervals[count / 2],
        count => (intervals[count / 2 - 1] + intervals[count / 2]) / 2.0,
    };
    format!(
        "frames: {}, median interval {median:.1} ms",
        intervals.len()
    )
}

impl eframe::App for NativeWindow {
    /// The glyph atlas at most [`FONT_ATLAS_SIDE`] wide.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        raw_input.max_texture_side = raw_input
            .max_texture_side
            .map(|side| side.min(FONT_ATLAS_SIDE));
    }

    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        if ctx.cumulative_frame_nr() > 0
            && let Some(system_fonts) = self.system_fonts.take()
        {
            // The first frame is on screen.
            system_fonts.start();
        }
        if let Some(first) = &mut self.first_frame
            && first.frame_started(&self.app)
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.app.logic(ctx, frame);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.app.ui(ui, frame);
        if let Some(first) = &mut self.first_frame
            && !first.done
        {
            // The file loads on a background thread: the first frame counted is the
            // first that shows it.
            first.shown = first.reported || !self.app.is_loading();
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }

    /// The panel colour, so that the central panel need not be filled (see
    /// [`central_panel_frame`]); it follows the theme, as the panels do.
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
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
        let line = FirstFrame::new(Instant::now(), 0).report(&app);
        assert!(line.starts_with("loaded: Trade in 2019 ("), "{line}");
        assert!(line.ends_with(" ms since start)"), "{line}");
    }

    fn window() -> (NativeWindow, egui::Context) {
        let ctx = egui::Context::default();
        let window = NativeWindow::new(TradeChartApp::new(Default::default(), None), &ctx);
        (window, ctx)
    }

    #[test]
    fn the_glyph_atlas_is_asked_at_most_4096_wide() {
        let (mut window, ctx) = window();
        for (renderer_allows, asked) in [
            (Some(16384), Some(4096)),
            (Some(4096), Some(4096)),
            (Some(2048), Some(2048)),
            (None, None),
        ] {
            let mut input = egui::RawInput {
                max_texture_side: renderer_allows,
                ..Default::default()
            };
            eframe::App::raw_input_hook(&mut window, &ctx, &mut input);
            assert_eq!(input.max_texture_side, asked, "{renderer_allows:?}");
        }
    }

    #[test]
    fn the_system_fonts_are_read_once_the_first_frame_is_on_screen() {
        let (mut window, ctx) = window();
        let system_fonts = Arc::clone(window.system_fonts.as_ref().unwrap());
        let mut frame = eframe::Frame::_new_kittest();
        let mut logic_of_a_frame = |window: &mut NativeWindow| {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                eframe::App::logic(window, ui.ctx(), &mut frame);
            });
            output.textures_delta.clear();
        };
        logic_of_a_frame(&mut window);
        assert!(
            system_fonts.0.get().is_none(),
            "read during the first frame"
        );
        logic_of_a_frame(&mut window);
        assert!(
            system_fonts.0.get().is_some(),
            "not read after the first frame"
        );
    }

    #[test]
    fn a_character_no_egui_font_has_reads_the_system_fonts_at_once() {
        let (window, ctx) = window();
        let system_fonts = Arc::clone(window.system_fonts.as_ref().unwrap());
        // Laid out in the first frame: the fallback is asked before the frame ends.
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label("中美贸易");
        });
        output.textures_delta.clear();
        assert!(system_fonts.0.get().is_some());
    }

    #[test]
    fn the_interval_report_gives_the_median_of_the_gaps() {
        let start = Instant::now();
        let at = |ms: u64| start + std::time::Duration::from_millis(ms);
        let line = interval_report(&[at(0), at(10), at(40), at(50)]);
        assert_eq!(line, "frames: 3, median interval 10.0 ms");
        let line = interval_report(&[at(0), at(10), at(40)]);
        assert_eq!(line, "frames: 2, median interval 20.0 ms");
    }
}
