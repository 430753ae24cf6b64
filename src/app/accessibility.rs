//! The chart for those who do not see it well or at all: its description in words
//! (Edit → Copy description, the same text as `tradechart describe`), the whole window
//! scaled with Ctrl+Plus / Ctrl+Minus / Ctrl+0 and remembered, and the high-contrast
//! theme's look.

use eframe::egui;
use egui::{Color32, Stroke, ThemePreference, Visuals};

use super::TradeChartApp;
use crate::chart::Theme;
use crate::chart::describe::Description;

/// The Edit menu entry that copies the chart's description.
pub const COPY_DESCRIPTION: &str = "Copy description";

/// The smallest and largest scale of the window egui's zoom keys reach.
const UI_ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.2..=5.0;

/// What the window keeps for readers who need it larger or read it by ear.
#[derive(Debug, Default)]
pub struct Accessibility {
    /// The window's scale (egui's zoom factor) as remembered between runs.
    ui_zoom: Option<f32>,
    /// Whether the remembered scale was given to egui (on the first frame).
    zoom_applied: bool,
    /// The keyboard in the chart and the figure's words (see `figure`).
    pub(super) keys: super::figure::ChartKeys,
}

impl Accessibility {
    /// A remembered scale, if it is one the zoom keys could have made.
    pub fn with_ui_zoom(ui_zoom: Option<f32>) -> Self {
        Self {
            ui_zoom: ui_zoom.filter(|zoom| UI_ZOOM_RANGE.contains(zoom)),
            ..Self::default()
        }
    }

    /// The scale to remember: `None` at 100%.
    pub fn ui_zoom(&self) -> Option<f32> {
        self.ui_zoom
            .filter(|zoom| (zoom - 1.0).abs() > f32::EPSILON)
    }

    /// Each frame: the remembered scale given to egui on the first, then the scale
    /// the user sets with Ctrl+Plus / Ctrl+Minus / Ctrl+0 (egui's own keys) kept.
    pub fn frame(&mut self, ctx: &egui::Context) {
        if !self.zoom_applied {
            self.zoom_applied = true;
            if let Some(zoom) = self.ui_zoom {
                ctx.set_zoom_factor(zoom);
                return;
            }
        }
        self.ui_zoom = Some(ctx.zoom_factor());
    }
}

impl TradeChartApp {
    /// The chart as shown described in words (see [`crate::chart::describe`]): its
    /// visible range, the series not hidden, the events the filter lets through.
    pub fn chart_description(&self) -> Description {
        Description::of(self.dataset(), self.chart(), &self.view())
    }

    /// Edit → Copy description: the description on the clipboard, and a note saying so.
    pub(super) fn copy_description(&mut self, ctx: &egui::Context) {
        let text = self.chart_description().text();
        let lines = text.lines().count();
        ctx.copy_text(text);
        let now = ctx.input(|input| input.time);
        self.saving.say(
            format!("Copied the chart's description to the clipboard ({lines} lines)"),
            false,
            now,
        );
    }

    /// The window's scale as remembered between runs (`None` at 100%).
    pub fn ui_zoom(&self) -> Option<f32> {
        self.accessibility.ui_zoom()
    }
}

/// Gives egui the look of `theme`: its light or dark visuals, or for high contrast
/// dark visuals on black with white text and strokes.
pub fn apply_egui_theme(ctx: &egui::Context, theme: Theme) {
    let dark = match theme {
        Theme::HighContrast => high_contrast_visuals(),
        _ => Visuals::dark(),
    };
    ctx.set_visuals_of(egui::Theme::Dark, dark);
    ctx.set_theme(match theme {
        Theme::System => ThemePreference::System,
        Theme::Light => ThemePreference::Light,
        Theme::Dark | Theme::HighContrast => ThemePreference::Dark,
    });
    draw_text_unhinted(ctx);
}

/// Draws text unhinted, in both themes. egui hints glyph outlines by default, running
/// the font's TrueType instructions for every glyph at every size it is drawn: that was
/// 40% of the window's first frame (17 ms of text at 1200×800 on the default dataset;
/// 10 ms unhinted), most of the start time beyond a bare window's. Unhinted text is a
/// touch softer, as on a Mac. Glyphs keep egui's sub-pixel placement: placing them on
/// whole pixels instead was as fast but spaced the digits of the 11 px event labels
/// unevenly ("12 5%").
/// Call it before the first frame (`startup::launch`) to spare that frame the cost;
/// the window calls it every frame (it changes nothing once set).
pub fn draw_text_unhinted(ctx: &egui::Context) {
    let hinted = [egui::Theme::Dark, egui::Theme::Light]
        .into_iter()
        .any(|theme| ctx.style_of(theme).visuals.text_options.font_hinting);
    if hinted {
        ctx.all_styles_mut(|style| style.visuals.text_options.font_hinting = false);
    }
}

/// White on black: text, outlines and strokes at full strength, a yellow focus.
fn high_contrast_visuals() -> Visuals {
    let mut visuals = Visuals::dark();
    let white = Color32::WHITE;
    visuals.panel_fill = Color32::BLACK;
    visuals.window_fill = Color32::BLACK;
    visuals.extreme_bg_color = Color32::BLACK;
    visuals.faint_bg_color = Color32::from_gray(28);
    visuals.override_text_color = Some(white);
    visuals.weak_text_color = Some(Color32::from_gray(220));
    visuals.window_stroke = Stroke::new(1.5, white);
    visuals.hyperlink_color = Color32::from_rgb(0x99, 0xCC, 0xFF);
    visuals.warn_fg_color = Color32::from_rgb(0xFF, 0xD7, 0x00);
    visuals.error_fg_color = Color32::from_rgb(0xFF, 0x8C, 0x8C);
    visuals.selection.bg_fill = Color32::from_rgb(0x00, 0x4C, 0xA8);
    visuals.selection.stroke = Stroke::new(2.0, white);
    let widgets = &mut visuals.widgets;
    widgets.noninteractive.bg_stroke = Stroke::new(1.0, Color32::from_gray(200));
    for state in [
        &mut widgets.noninteractive,
        &mut widgets.inactive,
        &mut widgets.hovered,
        &mut widgets.active,
        &mut widgets.open,
    ] {
        state.fg_stroke = Stroke::new(1.5, white);
    }
    for state in [&mut widgets.inactive, &mut widgets.open] {
        // Buttons black with a white outline; slider rails and check boxes grey.
        state.bg_fill = Color32::from_gray(110);
        state.weak_bg_fill = Color32::BLACK;
        state.bg_stroke = Stroke::new(1.0, white);
    }
    for state in [&mut widgets.hovered, &mut widgets.active] {
        state.bg_fill = Color32::from_gray(64);
        state.weak_bg_fill = Color32::from_gray(64);
        state.bg_stroke = Stroke::new(2.0, Color32::from_rgb(0xFF, 0xD7, 0x00));
    }
    visuals
}

/// The table's grid semantics for screen readers: a grid of rows, a header row of
/// column headers and cells that know their row and column, so a screen reader moves
/// cell by cell and says the column's header (see `table`).
pub mod grid {
    use eframe::egui;
    use egui::accesskit::{Role, SortDirection};
    use egui::{Response, Ui};

    /// Makes `ui` (the table's own, laid out as it was) the grid node, of `rows`
    /// rows (the header row included) and `columns` columns.
    pub fn make_grid(ui: &Ui, rows: usize, columns: usize) {
        ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
            node.set_role(Role::Grid);
            node.set_row_count(rows);
            node.set_column_count(columns);
        });
    }

    /// Makes `ui` (a row's own) row `index` of the grid (0 is the header row).
    pub fn make_row(ui: &Ui, index: usize) {
        ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
            node.set_role(Role::Row);
            node.set_row_index(index);
        });
    }

    /// Makes the header `response` the grid's column header of `column`, sorted
    /// (`Some(descending)`) or not.
    pub fn column_header(response: &Response, column: usize, sorted: Option<bool>) {
        response.ctx.accesskit_node_builder(response.id, |node| {
            node.set_role(Role::ColumnHeader);
            node.set_row_index(0);
            node.set_column_index(column);
            match sorted {
                Some(true) => node.set_sort_direction(SortDirection::Descending),
                Some(false) => node.set_sort_direction(SortDirection::Ascending),
                None => {}
            }
        });
    }

    /// Makes `response` (a value's label) the cell at `row`, `column`, described by
    /// its column's header and its row's period: `US imports from China, 2018`.
    pub fn cell(response: &Response, row: usize, column: usize, header: &str, period: &str) {
        response.ctx.accesskit_node_builder(response.id, |node| {
            node.set_role(if column == 0 {
                Role::RowHeader
            } else {
                Role::Cell
            });
            node.set_row_index(row);
            node.set_column_index(column);
            node.set_description(format!("{header}, {period}"));
            // A label says its text as its value; a cell names itself.
            if node.label().is_none()
                && let Some(text) = node.value().map(str::to_string)
            {
                node.set_label(text);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hinted(ctx: &egui::Context) -> [bool; 2] {
        [egui::Theme::Dark, egui::Theme::Light]
            .map(|theme| ctx.style_of(theme).visuals.text_options.font_hinting)
    }

    #[test]
    fn text_is_unhinted_in_both_themes() {
        let ctx = egui::Context::default();
        assert_eq!(hinted(&ctx), [true, true], "egui's default");
        draw_text_unhinted(&ctx);
        assert_eq!(hinted(&ctx), [false, false]);
        // Sub-pixel placement is kept.
        assert!(
            ctx.style_of(egui::Theme::Dark)
                .visuals
                .text_options
                .subpixel_binning
        );
    }

    #[test]
    fn every_theme_keeps_text_unhinted() {
        for theme in [
            Theme::Dark,
            Theme::Light,
            Theme::HighContrast,
            Theme::System,
        ] {
            let ctx = egui::Context::default();
            apply_egui_theme(&ctx, theme);
            assert_eq!(hinted(&ctx), [false, false], "{theme:?}");
        }
    }
}
