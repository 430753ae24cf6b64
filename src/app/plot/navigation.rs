//! Moving through time on the plots with the mouse: the wheel zooms time about the
//! pointer (Ctrl+wheel too; a sideways wheel or Shift+wheel pans), a drag pans time, a
//! box drawn with the right button zooms time to it. The value axes fit what is in
//! view, unless "Lock Y" holds them (a drag then moves them too); "Fit" unlocks.
//!
//! egui_plot's own navigation is off: its plain wheel scrolled the value axis until
//! the data left, and its box zoom and Ctrl+wheel zoomed values with time (issue 14).
//! The arithmetic is in `view` ([`view::zoom_about`], [`view::pan`]); this module
//! reads the pointer. The time range it moves is the view's ([`crate::chart::View`]):
//! each frame starts from it, and the app takes the range moved to back into it.

use eframe::egui;
use egui::{Id, PointerButton, Ui};
use egui_plot::PlotUi;

use crate::app::view;

/// Wheel travel (in points) that halves or doubles the visible span.
const WHEEL_POINTS_PER_HALVING: f64 = 300.0;
/// A right-button box narrower than this (in points) is a click, not a zoom.
const MIN_BOX_POINTS: f32 = 4.0;

/// A gesture under way on one chart's plots, kept in egui's memory between frames
/// (under an id made from the chart's generation, so a new chart starts afresh). Not
/// the time range: that is the view's.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Navigation {
    /// Where a right-button box started and where it reaches now (times).
    pub zoom_box: Option<(f64, f64)>,
}

/// What the pointer did to one plot this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PlotMove {
    /// The time range to show.
    pub x: (f64, f64),
    /// How far to move the value axis (with "Lock Y" on, a drag moves it).
    pub y_shift: f64,
}

impl Navigation {
    fn id(generation: u64) -> Id {
        Id::unique(("tradechart-navigation", generation))
    }

    /// The state kept for the chart of `generation`.
    pub fn load(ui: &Ui, generation: u64) -> Self {
        ui.data(|data| data.get_temp::<Self>(Self::id(generation)))
            .unwrap_or_default()
    }

    pub fn store(self, ui: &Ui, generation: u64) {
        ui.data_mut(|data| data.insert_temp(Self::id(generation), self));
    }

    /// The time range a plot shows this frame after what the pointer did on it (the
    /// one it was given, `shown`, when the pointer is elsewhere). What the pointer
    /// does stays within `data` (the chart's whole time range, see [`view::within`]):
    /// the wheel zooms out no further than all of it, a drag stops at its ends. With
    /// `lock_y`, a drag moves the value axis too.
    pub fn move_plot(
        &mut self,
        plot_ui: &PlotUi<'_>,
        shown: (f64, f64),
        data: Option<(f64, f64)>,
        lock_y: bool,
    ) -> PlotMove {
        let response = plot_ui.response();
        let transform = plot_ui.transform();
        let [time_per_point, value_per_point] = transform.dvalue_dpos();
        let mut moved = PlotMove {
            x: shown,
            y_shift: 0.0,
        };
        if response.dragged_by(PointerButton::Primary) {
            let delta = response.drag_delta();
            moved.x = view::pan(shown, -f64::from(delta.x) * time_per_point / span(shown));
            if lock_y {
                moved.y_shift = -f64::from(delta.y) * value_per_point;
            }
        }
        self.box_zoom(plot_ui, &mut moved);
        if response.contains_pointer()
            && let Some(pointer) = plot_ui.pointer_coordinate()
        {
            let (scroll, zoom) = plot_ui
                .ctx()
                .input(|input| (input.smooth_scroll_delta, input.zoom_delta()));
            // Wheel up (a positive delta) zooms in, as Ctrl+wheel does.
            let factor = (-f64::from(scroll.y) / WHEEL_POINTS_PER_HALVING).exp2() / f64::from(zoom);
            if factor != 1.0 {
                moved.x = view::zoom_about(moved.x, factor, pointer.x);
            }
            if scroll.x != 0.0 {
                let shift = -f64::from(scroll.x) * time_per_point / span(moved.x);
                moved.x = view::pan(moved.x, shift);
            }
        }
        if moved.x != shown
            && let Some(data) = data
        {
            moved.x = view::within(moved.x, data);
        }
        if !(moved.x.0.is_finite() && moved.x.1.is_finite() && moved.x.0 < moved.x.1) {
            moved.x = shown;
        }
        moved
    }

    /// A box drawn with the right button: its time range is shown while it is drawn
    /// and becomes the view when the button is let go.
    fn box_zoom(&mut self, plot_ui: &PlotUi<'_>, moved: &mut PlotMove) {
        let response = plot_ui.response();
        let pointer_x = response
            .interact_pointer_pos()
            .map(|pos| (pos, plot_ui.plot_from_screen(pos).x));
        if response.drag_started_by(PointerButton::Secondary)
            && let Some(origin) = plot_ui.ctx().input(|input| input.pointer.press_origin())
        {
            let start = plot_ui.plot_from_screen(origin).x;
            self.zoom_box = Some((start, start));
        }
        let Some((start, _)) = self.zoom_box else {
            return;
        };
        if response.dragged_by(PointerButton::Secondary)
            && let Some((_, x)) = pointer_x
        {
            self.zoom_box = Some((start, x));
        }
        if response.drag_stopped_by(PointerButton::Secondary) {
            self.zoom_box = None;
            let end = pointer_x.map_or(start, |(_, x)| x);
            let width = (plot_ui
                .screen_from_plot(egui_plot::PlotPoint::new(end, 0.0))
                .x
                - plot_ui
                    .screen_from_plot(egui_plot::PlotPoint::new(start, 0.0))
                    .x)
                .abs();
            if width >= MIN_BOX_POINTS {
                moved.x = (start.min(end), start.max(end));
            }
        }
    }
}

/// The "Lock Y" switch, showing `locked`; returns the new state when it was switched.
pub fn lock_y_ui(ui: &mut Ui, locked: bool) -> Option<bool> {
    let mut lock_y = locked;
    ui.checkbox(&mut lock_y, "Lock Y").on_hover_text(
        "Keep the value axes as they are while you zoom and pan in time (drag to move \
         them); \"Fit\" unlocks them. Unlocked, they fit the data in view.",
    );
    (lock_y != locked).then_some(lock_y)
}

fn span(range: (f64, f64)) -> f64 {
    let span = range.1 - range.0;
    if span > 0.0 { span } else { 1.0 }
}
