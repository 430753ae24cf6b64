//! The view controls: the View menu, the toolbar above the chart ("Chart | Table",
//! "Fit", the "From year"/"To year" range), the keyboard's pan and zoom keys, and the
//! Help window that describes the accepted data files.

use eframe::egui;
use egui::{Key, Modifiers, RichText, Ui};

use crate::app::view::{PAN_FRACTION, ViewCommand, ZOOM_FACTOR, range_of_years, years_of_range};
use crate::chart::{Look, Theme};

/// The View menu's entries; returns the new look when one changed.
pub fn view_menu_ui(ui: &mut Ui, look: &Look) -> Option<ViewCommand> {
    let mut new = look.clone();
    ui.radio_value(&mut new.theme, Theme::Light, "Light theme");
    ui.radio_value(&mut new.theme, Theme::Dark, "Dark theme");
    ui.radio_value(&mut new.theme, Theme::System, "System theme");
    ui.radio_value(&mut new.theme, Theme::HighContrast, "High-contrast theme");
    ui.separator();
    ui.checkbox(&mut new.markers, "Markers");
    ui.checkbox(&mut new.event_labels, "Event labels");
    ui.checkbox(&mut new.direct_labels, "Labels at line ends")
        .on_hover_text("Name each series at the end of its line instead of in a legend");
    ui.checkbox(&mut new.period_bars, "Period bars").on_hover_text(
        "Draw each value as a bar across the year, quarter or month it covers, besides its marker at mid-period",
    );
    ui.checkbox(&mut new.side_panel, "Side panel");
    ui.checkbox(&mut new.table, "Table");
    (new != *look).then_some(ViewCommand::SetLook(new))
}

/// The toolbar above the chart. `visible` is the time range shown now and `years`
/// the whole years the data covers; `analysis` draws the transformation controls.
pub fn toolbar_ui(
    ui: &mut Ui,
    look: &Look,
    visible: Option<(f64, f64)>,
    years: Option<(i32, i32)>,
    analysis: impl FnOnce(&mut Ui) -> Option<ViewCommand>,
) -> Option<ViewCommand> {
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        let mut side = look.side_panel;
        ui.toggle_value(&mut side, "Events panel")
            .on_hover_text("Show the side panel: event timeline, filters, search, notes");
        if side != look.side_panel {
            command = Some(ViewCommand::SetLook(Look {
                side_panel: side,
                ..look.clone()
            }));
        }
        ui.separator();
        let mut table = look.table;
        ui.selectable_value(&mut table, false, "Chart");
        ui.selectable_value(&mut table, true, "Table");
        if table != look.table {
            command = Some(ViewCommand::SetLook(Look {
                table,
                ..look.clone()
            }));
        }
        if look.table {
            return;
        }
        ui.separator();
        command = analysis(ui).or(command.take());
        ui.separator();
        if ui
            .button("Fit")
            .on_hover_text(
                "Show all data and events (0, Home or double-click).\n\
                 Drag to pan, scroll or +/- to zoom, right-drag to zoom to a box, \
                 arrow keys to pan.",
            )
            .clicked()
        {
            command = Some(ViewCommand::Fit);
        }
        if let (Some(visible), Some(years)) = (visible, years) {
            ui.separator();
            command = year_range_ui(ui, visible, years).or(command.take());
        }
    });
    command
}

/// Width a year slider with its value and label takes in the toolbar, in points, with
/// egui's usual track.
const YEAR_SLIDER_WIDTH: f32 = 230.0;
/// The narrowest a year slider's track is made to keep both on the toolbar's row.
const YEAR_TRACK_MIN_WIDTH: f32 = 56.0;

/// Two handles, "From year" and "To year", that show the visible range and set it. A
/// year typed in a handle's box applies on Enter or when the box loses focus, not at
/// each keystroke (typing "2020" would otherwise pass through year 2); a handle moved
/// past the other stops at it, and the other never moves.
fn year_range_ui(ui: &mut Ui, visible: (f64, f64), bounds: (i32, i32)) -> Option<ViewCommand> {
    let (shown_from, shown_to) = years_of_range(visible);
    let (mut from, mut to) = (shown_from, shown_to);
    let (low, high) = bounds;
    // The view may be panned beyond the data; the handles stretch to show it.
    let (low, high) = (low.min(shown_from), high.max(shown_to));
    // Narrower tracks where the row is short (a 1024-point window), so that both
    // handles stay on the toolbar's row.
    let track = ui.spacing().slider_width;
    let text_and_value = YEAR_SLIDER_WIDTH - track;
    let room_for_tracks =
        ui.available_size_before_wrap().x - 2.0 * text_and_value - ui.spacing().item_spacing.x;
    ui.spacing_mut().slider_width = (room_for_tracks / 2.0).clamp(YEAR_TRACK_MIN_WIDTH, track);
    let group_width = text_and_value + ui.spacing().slider_width;
    // A slider with its text is one unbreakable group: start a new row when it would
    // not fit, or it pushes the central panel under the side panel.
    if ui.available_size_before_wrap().x < group_width {
        ui.end_row();
    }
    ui.add(
        egui::Slider::new(&mut from, low..=high)
            .text("From year")
            .clamping(egui::SliderClamping::Always)
            .update_while_editing(false),
    );
    if ui.available_size_before_wrap().x < group_width {
        ui.end_row();
    }
    ui.add(
        egui::Slider::new(&mut to, low..=high)
            .text("To year")
            .clamping(egui::SliderClamping::Always)
            .update_while_editing(false),
    );
    if (from, to) == (shown_from, shown_to) {
        return None;
    }
    let (from, to) = handles_moved((shown_from, shown_to), (from, to));
    let (start, end) = range_of_years(from, to);
    Some(ViewCommand::ShowRange(start, end))
}

/// The years shown after a handle moved from `shown` to `asked`: the handle that moved
/// stops at the other one, which stays where it was.
fn handles_moved(shown: (i32, i32), asked: (i32, i32)) -> (i32, i32) {
    let (shown_from, shown_to) = shown;
    let (from, to) = asked;
    if from != shown_from {
        (from.min(shown_to), shown_to)
    } else {
        (shown_from, to.max(shown_from))
    }
}

/// Arrow keys pan, `+`/`-` zoom, `0` or Home fits; only while no text field has the
/// keyboard (the search box needs its arrows).
pub fn keyboard_commands(ui: &mut Ui) -> Vec<ViewCommand> {
    if ui.ctx().egui_wants_keyboard_input() {
        return Vec::new();
    }
    let bindings = [
        (Key::ArrowLeft, ViewCommand::Pan(-PAN_FRACTION)),
        (Key::ArrowRight, ViewCommand::Pan(PAN_FRACTION)),
        (Key::Plus, ViewCommand::Zoom(ZOOM_FACTOR)),
        (Key::Equals, ViewCommand::Zoom(ZOOM_FACTOR)),
        (Key::Minus, ViewCommand::Zoom(1.0 / ZOOM_FACTOR)),
        (Key::Num0, ViewCommand::Fit),
        (Key::Home, ViewCommand::Fit),
        (Key::Escape, ViewCommand::SelectEvent(None)),
    ];
    ui.input_mut(|input| {
        bindings
            .into_iter()
            .filter(|(key, _)| {
                input.consume_key(Modifiers::NONE, *key)
                    || input.consume_key(Modifiers::SHIFT, *key)
            })
            .map(|(_, command)| command)
            .collect()
    })
}

/// The Help window that says which files open and how they look (the README's "Data
/// files" in brief).
pub fn data_format_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Data format")
        .open(open)
        .default_width(520.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (heading, lines) in DATA_FORMAT {
                    ui.label(RichText::new(*heading).strong());
                    for line in *lines {
                        ui.label(format!("• {line}"));
                    }
                    ui.add_space(6.0);
                }
            });
        });
}

/// The Data format window's text: a heading and its points.
const DATA_FORMAT: &[(&str, &[&str])] = &[
    (
        "Any file",
        &[
            "The format is recognised from the content; the extension is only a hint.",
            "A file with any problem is refused whole, and every problem is listed with its line and column.",
        ],
    ),
    (
        "CSV, wide (what a spreadsheet exports)",
        &[
            "First column: the period — 2018, 2018-Q3, 2018-07 or 2018-07-06. 7/6/2018 is refused as ambiguous.",
            "Every other column is a series; its unit comes from the header (Balance (USD bn), Tariff [%]) or the cells (19.3%, $418.2).",
            "Empty, ., NA or n/a is a missing value, drawn as a gap.",
            "Separator , ; or tab; with ; a decimal comma is read. Lines starting with # before the header: # title:, # source:, # note:.",
            "# partial: 2025 Jan–Mar marks a year (or quarter) that holds only those months: drawn hollow, with a dashed line into it.",
            "A text column named event, events or note puts an event on that row's period. FRED downloads load as they come.",
        ],
    ),
    (
        "CSV, long (tidy)",
        &["series,date,value (optionally unit), or Our World in Data's Entity,Code,Year,<value>."],
    ),
    (
        "Events CSV",
        &[
            "date,title,description,category,end_date,source,status — only date and title are required.",
            "end_date makes a span; status is reported, from-memory, estimated or planned.",
            "announced (with date or effective_date as the day it took effect) draws a bracket from the announcement to the effect.",
            "trade.events.csv beside trade.csv is added to it automatically.",
        ],
    ),
    (
        "tradechart JSON",
        &[
            "The app's own document: title, notes, sources, series (name, unit, step, points) and events.",
            "points are [period, value] pairs or objects with status, note and coverage (\"Jan–Mar\" for a partial year); null is a missing value.",
            "events may have an announced date before their (effective) date.",
        ],
    ),
    (
        "Spreadsheets",
        &[
            "xlsx, ods and xls: the first sheet is read like a wide CSV, a sheet named Events like an events CSV.",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handle_moved_past_the_other_stops_at_it() {
        // "To year" typed as 2001 while 2016–2026 is shown: To stops at 2016.
        assert_eq!(handles_moved((2016, 2026), (2016, 2001)), (2016, 2016));
        assert_eq!(handles_moved((2016, 2026), (2030, 2026)), (2026, 2026));
        assert_eq!(handles_moved((2016, 2026), (2010, 2026)), (2010, 2026));
        assert_eq!(handles_moved((2016, 2026), (2016, 2020)), (2016, 2020));
    }
}
