//! One UI frame of the real app, headless: `TradeChartApp` in an `egui::Context`
//! (`run_ui` then `tessellate`) at 1920×1080 on 1M and 10M points, a fixed view and a
//! pan/zoom sweep (two copies of the app, a frame of each in turn), against plain
//! egui_plot given every point (with and without its band rendering). Prints median, p95 and vertex counts of each (`cargo bench
//! --bench frame`), then runs the same frames under criterion.
//!
//! `FRAME_BENCH_FRAMES` sets the frames timed per case (default 120, after 5 warm-up
//! frames); `FRAME_BENCH_SIZES` the points, e.g. `1000000,10000000`;
//! `FRAME_BENCH_NO_BASELINE=1` leaves out plain egui_plot (to profile the app alone).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use eframe::egui;
use tradechart::app::TradeChartApp;
use tradechart::data::{Dataset, Period, Point, Series, Unit};

const WIDTH: f32 = 1920.0;
const HEIGHT: f32 = 1080.0;
const WARM_UP_FRAMES: usize = 5;

/// `total` points: daily series from 1000-01-01 of at most 700,000 days each (the
/// calendar a period may have), a bounded random walk, two units so two panels.
fn dataset(total: usize) -> Dataset {
    let per_series_max = 700_000;
    let count = total.div_ceil(per_series_max).max(4);
    let per_series = total / count;
    let start = chrono::NaiveDate::from_ymd_opt(1000, 1, 1).unwrap();
    let mut state: u64 = 0x2018_0706;
    let series = (0..count)
        .map(|index| {
            let mut value = 100.0;
            let mut day = start;
            let points = (0..per_series)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    value += ((state >> 33) as f64 / (1u64 << 31) as f64) - 0.5;
                    let point = Point::new(Period::Day(day), Some(value));
                    day = day.succ_opt().unwrap();
                    point
                })
                .collect();
            Series {
                name: format!("Series {index}"),
                unit: Unit::parse(if index % 2 == 0 { "USD bn" } else { "%" }),
                step: false,
                source: None,
                points,
            }
        })
        .collect();
    Dataset {
        title: format!("{total} points"),
        series,
        ..Dataset::default()
    }
}

/// The input of one frame: the window's size, and the events given.
fn input(events: Vec<egui::Event>, time: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(WIDTH, HEIGHT),
        )),
        time: Some(time),
        events,
        ..egui::RawInput::default()
    }
}

/// What one frame took and drew.
#[derive(Clone, Copy)]
struct FrameCost {
    time: Duration,
    vertices: usize,
}

/// Something drawn one frame at a time.
trait Scene {
    fn frame(&mut self, ctx: &egui::Context, events: Vec<egui::Event>, time: f64) -> FrameCost;
}

/// The real app.
struct AppScene {
    app: TradeChartApp,
    frame: eframe::Frame,
}

impl Scene for AppScene {
    fn frame(&mut self, ctx: &egui::Context, events: Vec<egui::Event>, time: f64) -> FrameCost {
        let started = Instant::now();
        let output = ctx.run_ui(input(events, time), |ui| {
            eframe::App::logic(&mut self.app, ui.ctx(), &mut self.frame);
            eframe::App::ui(&mut self.app, ui, &mut self.frame);
        });
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        cost(started, &primitives)
    }
}

/// Plain egui_plot given every point of every series, as the app drew before
/// thinning.
struct PlainPlot {
    lines: Vec<Vec<[f64; 2]>>,
    band: bool,
}

impl Scene for PlainPlot {
    fn frame(&mut self, ctx: &egui::Context, events: Vec<egui::Event>, time: f64) -> FrameCost {
        let started = Instant::now();
        let output = ctx.run_ui(input(events, time), |ui| {
            egui_plot::Plot::new("plain").show(ui, |plot_ui| {
                for (index, points) in self.lines.iter().enumerate() {
                    plot_ui.line(
                        egui_plot::Line::new(
                            format!("Series {index}"),
                            egui_plot::PlotPoints::new(points.clone()),
                        )
                        .width(2.0)
                        .allow_band(self.band),
                    );
                }
            });
        });
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        cost(started, &primitives)
    }
}

fn cost(started: Instant, primitives: &[egui::ClippedPrimitive]) -> FrameCost {
    let time = started.elapsed();
    let vertices = primitives
        .iter()
        .map(|primitive| match &primitive.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    FrameCost { time, vertices }
}

/// The events of frame `index` of a view: none for a fixed view; for a sweep, a
/// scroll (pan) or a zoom in or out about the middle of the plots, in turn.
fn view_events(sweep: bool, index: usize) -> Vec<egui::Event> {
    let centre = egui::pos2(WIDTH * 0.45, HEIGHT * 0.5);
    let mut events = vec![egui::Event::PointerMoved(centre)];
    if sweep {
        events.push(match index % 4 {
            0 => egui::Event::Zoom(1.25),
            1 => egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(60.0, 0.0),
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            },
            2 => egui::Event::Zoom(0.8),
            _ => egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(-60.0, 0.0),
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            },
        });
    }
    events
}

/// Runs warm-up frames then `frames` timed ones; returns the timed costs.
fn run(scene: &mut dyn Scene, sweep: bool, frames: usize) -> Vec<FrameCost> {
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut costs = Vec::with_capacity(frames);
    for index in 0..WARM_UP_FRAMES + frames {
        time += 1.0 / 60.0;
        let cost = scene.frame(&ctx, view_events(sweep, index), time);
        if index >= WARM_UP_FRAMES {
            costs.push(cost);
        }
    }
    costs
}

/// The fixed view and the sweep of two copies of the app, a frame of each in turn,
/// so that whatever else the machine does at a moment falls on both alike (run one
/// after the other, a busy second made the sweep's p95 half as large again as the
/// fixed view's on a machine where neither costs more). Returns (fixed, sweep).
fn run_in_turns(
    fixed: &mut dyn Scene,
    sweep: &mut dyn Scene,
    frames: usize,
) -> (Vec<FrameCost>, Vec<FrameCost>) {
    let fixed_ctx = egui::Context::default();
    let sweep_ctx = egui::Context::default();
    let mut time = 0.0;
    let mut fixed_costs = Vec::with_capacity(frames);
    let mut sweep_costs = Vec::with_capacity(frames);
    for index in 0..WARM_UP_FRAMES + frames {
        time += 1.0 / 60.0;
        let fixed_cost = fixed.frame(&fixed_ctx, view_events(false, index), time);
        let sweep_cost = sweep.frame(&sweep_ctx, view_events(true, index), time);
        if index >= WARM_UP_FRAMES {
            fixed_costs.push(fixed_cost);
            sweep_costs.push(sweep_cost);
        }
    }
    (fixed_costs, sweep_costs)
}

/// Median and 95th percentile in milliseconds, and the median vertex count.
fn summary(costs: &[FrameCost]) -> (f64, f64, usize) {
    let mut times: Vec<f64> = costs
        .iter()
        .map(|cost| cost.time.as_secs_f64() * 1000.0)
        .collect();
    times.sort_by(f64::total_cmp);
    let mut vertices: Vec<usize> = costs.iter().map(|cost| cost.vertices).collect();
    vertices.sort_unstable();
    let at = |fraction: f64| {
        let index = ((times.len() as f64 - 1.0) * fraction).round() as usize;
        times.get(index).copied().unwrap_or(f64::NAN)
    };
    let vertex_median = vertices.get(vertices.len() / 2).copied().unwrap_or(0);
    (at(0.5), at(0.95), vertex_median)
}

fn sizes() -> Vec<usize> {
    std::env::var("FRAME_BENCH_SIZES")
        .ok()
        .map(|text| {
            text.split(',')
                .filter_map(|size| size.trim().parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![1_000_000, 10_000_000])
}

fn frames() -> usize {
    std::env::var("FRAME_BENCH_FRAMES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(120)
}

fn app_scene(dataset: &Dataset) -> AppScene {
    AppScene {
        app: TradeChartApp::new(dataset.clone(), None),
        frame: eframe::Frame::_new_kittest(),
    }
}

fn plain_lines(dataset: &Dataset) -> Vec<Vec<[f64; 2]>> {
    dataset
        .series
        .iter()
        .map(|series| {
            series
                .points
                .iter()
                .filter_map(|point| Some([point.period.mid_x(), point.value()?]))
                .collect()
        })
        .collect()
}

/// The table: one row per case, tab-separated, for scripts/bench.sh.
fn report() {
    let frames = frames();
    println!("frame\tpoints\tcase\tmedian_ms\tp95_ms\tvertices");
    for total in sizes() {
        let dataset = dataset(total);
        let print = |case: &str, costs: &[FrameCost]| {
            let (median, p95, vertices) = summary(costs);
            println!("frame\t{total}\t{case}\t{median:.2}\t{p95:.2}\t{vertices}");
        };
        {
            let mut fixed = app_scene(&dataset);
            let mut sweep = app_scene(&dataset);
            let (fixed_costs, sweep_costs) = run_in_turns(&mut fixed, &mut sweep, frames);
            print("app fixed view", &fixed_costs);
            print("app pan/zoom sweep", &sweep_costs);
        }
        if std::env::var_os("FRAME_BENCH_NO_BASELINE").is_some() {
            continue;
        }
        // Plain egui_plot: a few frames are enough to see what every point costs.
        let few = (frames / 6).max(5);
        let mut plain = PlainPlot {
            lines: plain_lines(&dataset),
            band: true,
        };
        print("egui_plot every point (band)", &run(&mut plain, false, few));
        if total <= 1_000_000 {
            plain.band = false;
            print(
                "egui_plot every point (no band)",
                &run(&mut plain, false, few),
            );
        }
    }
}

fn criterion_frames(c: &mut Criterion) {
    let dataset = dataset(1_000_000);
    let mut scene = app_scene(&dataset);
    let ctx = egui::Context::default();
    let mut time = 0.0;
    for index in 0..WARM_UP_FRAMES {
        time += 1.0 / 60.0;
        scene.frame(&ctx, view_events(false, index), time);
    }
    c.bench_function("app frame, 1M points, fixed view", |b| {
        b.iter(|| {
            time += 1.0 / 60.0;
            black_box(scene.frame(&ctx, view_events(false, 0), time).vertices)
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = criterion_frames
}

fn main() {
    report();
    if std::env::var_os("FRAME_BENCH_NO_CRITERION").is_none() {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
}
