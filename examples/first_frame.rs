//! What the window's first frame costs on the CPU before anything is painted: the
//! app's first pass on the default dataset (layout, text shaping, and rasterizing
//! every glyph into egui's atlas) and its tessellation, each the median over fresh
//! contexts set up as the window's (`app::prepare_window_context`). With `--hinted`
//! the text is hinted, as egui does by default (see
//! `app::accessibility::draw_text_unhinted`).
//!
//! `cargo run --release --example first_frame -- [RUNS] [--hinted]` (default 20 runs)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a measuring tool fails loudly"
)]

use std::time::Instant;

use eframe::egui;
use eframe::epaint::Primitive;
use tradechart::app::TradeChartApp;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let hinted = args.iter().any(|arg| arg == "--hinted");
    let runs: usize = args
        .iter()
        .find(|arg| !arg.starts_with("--"))
        .map_or(20, |text| text.parse().unwrap());
    let mut pass_ms = Vec::new();
    let mut tessellate_ms = Vec::new();
    let mut triangles = 0;
    for _ in 0..runs {
        let dataset = tradechart::data::samples::DEFAULT.dataset().unwrap();
        let mut app = TradeChartApp::new(dataset, None);
        let mut frame = eframe::Frame::_new_kittest();
        let ctx = egui::Context::default();
        tradechart::app::prepare_window_context(&ctx);
        if hinted {
            ctx.all_styles_mut(|style| style.visuals.text_options.font_hinting = true);
        }
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1200.0, 800.0),
            )),
            time: Some(0.0),
            // The window's glyph atlas (app::startup::FONT_ATLAS_SIDE).
            max_texture_side: Some(tradechart::app::FONT_ATLAS_SIDE),
            ..egui::RawInput::default()
        };
        let started = Instant::now();
        let output = ctx.run_ui(input, |ui| {
            eframe::App::logic(&mut app, ui.ctx(), &mut frame);
            eframe::App::ui(&mut app, ui, &mut frame);
        });
        pass_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        tessellate_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        triangles = primitives
            .iter()
            .map(|primitive| match &primitive.primitive {
                Primitive::Mesh(mesh) => mesh.indices.len() / 3,
                Primitive::Callback(_) => 0,
            })
            .sum();
    }
    println!(
        "first frame at 1200×800{}: pass {:.2} ms, tessellation {:.2} ms, {triangles} triangles (medians of {runs})",
        if hinted { ", text hinted" } else { "" },
        median(&mut pass_ms),
        median(&mut tessellate_ms)
    );
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
