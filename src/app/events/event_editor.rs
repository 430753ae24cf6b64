//! Events edited in the window: the "Add event" / "Edit event" form (date, optional
//! end and announcement, title, description, category, source, status), its
//! validation errors shown in the form, adding, replacing and deleting events in the
//! app's copy of the dataset, and undoing and redoing those edits (Edit menu, Ctrl+Z,
//! Ctrl+Shift+Z or Ctrl+Y; see `event_history`). The data file is never written: edited events are
//! kept by a saved view and leave through File → Export → Events as CSV….

use eframe::egui;
use egui::{RichText, Ui};

use crate::app::event_history::{
    EventHistory, EventsState, REDO_SHORTCUT, REDO_SHORTCUT_Y, UNDO_SHORTCUT,
};
use crate::app::view::ViewCommand;
use crate::app::{Command, TradeChartApp};
use crate::chart;
use crate::data::{self, Event, Period, Status};

/// Accessible labels of the form's fields (tests find them by these).
pub const DATE_LABEL: &str = "Event date";
pub const END_LABEL: &str = "End date (optional)";
pub const ANNOUNCED_LABEL: &str = "Announced (optional)";
pub const TITLE_LABEL: &str = "Event title";
pub const DESCRIPTION_LABEL: &str = "Event description";
pub const CATEGORY_LABEL: &str = "Event category";
/// The row of the categories the other events use, to pick one from.
pub const KNOWN_CATEGORIES_LABEL: &str = "Known categories";
pub const SOURCE_LABEL: &str = "Event source";
pub const STATUS_LABEL: &str = "Event status";
/// The form's button that adds or replaces the event.
pub const SAVE_LABEL: &str = "Save event";

/// Something asked of the event editor, run by the app's `run_command`.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventEditCommand {
    /// Open the form for a new event.
    Add,
    /// Open the form on the event at this index of the dataset's (= the chart's) events.
    Edit(usize),
    /// Delete the event at this index.
    Delete(usize),
    /// Check the form and, when it is right, add or replace the event.
    Save,
    /// Close the form without changing anything.
    Cancel,
    /// Put the events back as they were before the last edit.
    Undo,
    /// Do the last edit undone again.
    Redo,
}

/// The Edit menu's entries (and the side panel's buttons).
pub const UNDO_LABEL: &str = "Undo";
pub const REDO_LABEL: &str = "Redo";

/// The form's text as typed, and the errors of the last "Save event".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventForm {
    /// The index of the event being edited; `None` adds a new one.
    pub editing: Option<usize>,
    pub date: String,
    pub end: String,
    pub announced: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub source: String,
    pub status: Status,
    pub highlight: bool,
    /// The categories of the other events (one per name, any case), offered as a list;
    /// a category typed in another case is saved as spelled here.
    pub known_categories: Vec<String>,
    /// One line per thing wrong, shown in the form.
    pub errors: Vec<String>,
}

impl EventForm {
    /// The form filled in from `event` (at `index`), to edit it.
    pub fn for_event(index: usize, event: &Event) -> Self {
        let text = |period: Option<Period>| period.map(|p| p.to_string()).unwrap_or_default();
        Self {
            editing: Some(index),
            date: event.date.to_string(),
            end: text(event.end),
            announced: text(event.announced),
            title: event.title.clone(),
            description: event.description.clone(),
            category: event.category.clone(),
            source: event.source.clone().unwrap_or_default(),
            status: event.status,
            highlight: event.highlight,
            known_categories: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// The form with the categories of `events` (but the one edited) to pick from.
    pub fn with_known_categories(mut self, events: &[Event]) -> Self {
        self.known_categories = chart::known_categories(
            events
                .iter()
                .enumerate()
                .filter(|(index, _)| Some(*index) != self.editing)
                .map(|(_, event)| event.category.as_str())
                .filter(|category| !category.trim().is_empty()),
        );
        self
    }

    /// The category as typed, one line, spelled as a known category that differs
    /// only in case ("tariff action" → "Tariff action").
    fn category(&self) -> String {
        let typed = one_line(&self.category);
        self.known_categories
            .iter()
            .find(|known| chart::same_category(known, &typed))
            .cloned()
            .unwrap_or(typed)
    }

    /// The event the form describes, or every thing wrong with it, each starting with
    /// the field's name: `Date: expected …, found "…"`.
    pub fn event(&self) -> Result<Event, Vec<String>> {
        let mut errors = Vec::new();
        let date = match required_period(&self.date) {
            Ok(date) => Some(date),
            Err(error) => {
                errors.push(format!("Date: {error}"));
                None
            }
        };
        let end = optional_period(&self.end)
            .map_err(|error| errors.push(format!("End date: {error}")))
            .ok()
            .flatten();
        let announced = optional_period(&self.announced)
            .map_err(|error| errors.push(format!("Announced: {error}")))
            .ok()
            .flatten();
        if let (Some(date), Some(end)) = (date, end)
            && end.end_day() <= date.first_day()
        {
            errors.push(format!(
                "End date: expected a date on or after the start {date}, found \"{}\"",
                self.end.trim()
            ));
        }
        if let (Some(date), Some(announced)) = (date, announced)
            && announced.first_day() > date.first_day()
        {
            errors.push(format!(
                "Announced: expected a date on or before the effective date {date}, found \"{}\"",
                self.announced.trim()
            ));
        }
        let title = one_line(&self.title);
        if title.is_empty() {
            errors.push("Title: expected a title, found nothing".to_string());
        }
        let Some(date) = date.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };
        let source = one_line(&self.source);
        Ok(Event {
            date,
            announced,
            end,
            title,
            description: self.description.trim().to_string(),
            category: self.category(),
            source: (!source.is_empty()).then_some(source),
            status: self.status,
            highlight: self.highlight,
        })
    }
}

fn required_period(text: &str) -> Result<Period, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("expected a date such as 2018-07-06, found nothing".to_string());
    }
    Period::parse(text).map_err(|error| error.0)
}

fn optional_period(text: &str) -> Result<Option<Period>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    required_period(text).map(Some)
}

/// Trimmed, with line breaks as spaces: titles, categories and sources are one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The event editor's part of the window: the form, the events as edited and the
/// edits to undo and redo.
#[derive(Default)]
pub struct EventEdits {
    /// The events as edited in the window, kept over reloads; `None`: the file's own.
    pub(in crate::app) edited_events: Option<Vec<Event>>,
    /// The event form while open.
    pub(in crate::app) editor: Option<EventForm>,
    /// Event edits to undo and redo.
    pub(in crate::app) history: EventHistory,
}

impl TradeChartApp {
    // ----- Public API -----

    /// The event form while it is open.
    pub fn event_form(&self) -> Option<&EventForm> {
        self.event_edits.editor.as_ref()
    }

    /// True when events were added, edited or deleted in the window since the data file
    /// was opened (they live in the window's copy only; the file is unchanged).
    pub fn events_edited(&self) -> bool {
        self.event_edits.edited_events.is_some()
    }

    /// Adds `event` (or, with `index`, replaces the event there), keeping the view;
    /// the event is then selected.
    pub fn put_event(&mut self, index: Option<usize>, event: Event) {
        let key = (event.title.clone(), event.date);
        let replacing = index.is_some_and(|index| index < self.document.dataset.events.len());
        let what = if replacing {
            format!("edit “{}”", event.title)
        } else {
            format!("add “{}”", event.title)
        };
        self.change_events(what, |events| {
            match index.and_then(|index| events.get_mut(index)) {
                Some(slot) => *slot = event,
                None => events.push(event),
            }
        });
        let position = self
            .document
            .dataset
            .events
            .iter()
            .position(|event| (event.title.clone(), event.date) == key);
        self.run_view_command(ViewCommand::SelectEvent(position));
    }

    /// Deletes the event at `index` of the dataset's events (nothing when there is
    /// none); the selection is cleared.
    pub fn delete_event(&mut self, index: usize) {
        let Some(event) = self.document.dataset.events.get(index) else {
            return;
        };
        let what = format!("delete “{}”", event.title);
        self.change_events(what, |events| {
            events.remove(index);
        });
        self.run_view_command(ViewCommand::SelectEvent(None));
    }

    /// Puts the events back as they were before the last add, edit or delete; false
    /// when there is nothing to undo.
    pub fn undo_event_edit(&mut self) -> bool {
        let Some(state) = self.event_edits.history.undo() else {
            return false;
        };
        self.show_events_state(state);
        true
    }

    /// Does the last edit undone again; false when there is none.
    pub fn redo_event_edit(&mut self) -> bool {
        let Some(state) = self.event_edits.history.redo() else {
            return false;
        };
        self.show_events_state(state);
        true
    }

    /// What Edit → Undo would undo (`delete “Phase One deal”`), if anything.
    pub fn undo_text(&self) -> Option<&str> {
        self.event_edits.history.undo_text()
    }

    /// What Edit → Redo would do again, if anything.
    pub fn redo_text(&self) -> Option<&str> {
        self.event_edits.history.redo_text()
    }

    // ----- Inside -----

    /// Runs one command of the event editor.
    pub(in crate::app) fn run_event_edit_command(&mut self, command: EventEditCommand) {
        match command {
            EventEditCommand::Add => {
                let form =
                    EventForm::default().with_known_categories(&self.document.dataset.events);
                self.event_edits.editor = Some(form);
            }
            EventEditCommand::Edit(index) => {
                if let Some(event) = self.document.dataset.events.get(index) {
                    let form = EventForm::for_event(index, event)
                        .with_known_categories(&self.document.dataset.events);
                    self.event_edits.editor = Some(form);
                }
            }
            EventEditCommand::Delete(index) => self.delete_event(index),
            EventEditCommand::Save => {
                let Some(form) = self.event_edits.editor.as_mut() else {
                    return;
                };
                match form.event() {
                    Ok(event) => {
                        let index = form.editing;
                        self.event_edits.editor = None;
                        self.put_event(index, event);
                    }
                    Err(errors) => form.errors = errors,
                }
            }
            EventEditCommand::Cancel => self.event_edits.editor = None,
            EventEditCommand::Undo => {
                self.undo_event_edit();
            }
            EventEditCommand::Redo => {
                self.redo_event_edit();
            }
        }
    }

    /// The Edit menu: Undo and Redo of event edits, named by what they would do.
    pub(in crate::app) fn edit_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        let history = [
            (
                UNDO_LABEL,
                &UNDO_SHORTCUT,
                self.undo_text(),
                EventEditCommand::Undo,
            ),
            (
                REDO_LABEL,
                &REDO_SHORTCUT,
                self.redo_text(),
                EventEditCommand::Redo,
            ),
        ];
        for (label, shortcut, what, asked) in history {
            let entry = egui::Button::new(label).shortcut_text(ui.ctx().format_shortcut(shortcut));
            let entry = ui
                .add_enabled(what.is_some(), entry)
                .on_hover_text(format!("{label} {}", what.unwrap_or_default()))
                .on_disabled_hover_text(format!("No event edit to {}", label.to_lowercase()));
            if entry.clicked() {
                command = Some(Command::EditEvents(asked));
            }
        }
        command
    }

    /// Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y, unless a text field has the keyboard (it undoes
    /// its own typing).
    pub(in crate::app) fn undo_shortcuts(&self, ctx: &egui::Context) -> Option<Command> {
        if ctx.egui_wants_keyboard_input() {
            return None;
        }
        ctx.input_mut(|input| {
            // Redo first: Ctrl+Z alone would also match Ctrl+Shift+Z.
            if input.consume_shortcut(&REDO_SHORTCUT) || input.consume_shortcut(&REDO_SHORTCUT_Y) {
                Some(EventEditCommand::Redo)
            } else if input.consume_shortcut(&UNDO_SHORTCUT) {
                Some(EventEditCommand::Undo)
            } else {
                None
            }
        })
        .map(Command::EditEvents)
    }

    /// Changes the window's copy of the events with `change` (an edit described by
    /// `what`, kept to undo), sorts them, and draws the chart again.
    fn change_events(&mut self, what: String, change: impl FnOnce(&mut Vec<Event>)) {
        let before = self.events_state();
        let mut events = before.events.clone();
        change(&mut events);
        data::sort_events(&mut events);
        let after = EventsState {
            events,
            edited: true,
        };
        self.event_edits.history.record(what, before, after.clone());
        self.show_events_state(after);
    }

    /// The events shown now, and whether they are the file's own.
    fn events_state(&self) -> EventsState {
        EventsState {
            events: self.document.dataset.events.clone(),
            edited: self.event_edits.edited_events.is_some(),
        }
    }

    /// Shows `state`'s events, keeping the visible range and the series hidden in the
    /// legends.
    fn show_events_state(&mut self, state: EventsState) {
        self.show_events(state.events);
        self.event_edits.edited_events = state.edited.then(|| self.document.dataset.events.clone());
    }

    /// The form window while it is open; returns what its buttons asked for.
    pub(in crate::app) fn event_form_ui(&mut self, ctx: &egui::Context) -> Option<Command> {
        let form = self.event_edits.editor.as_mut()?;
        let heading = if form.editing.is_some() {
            "Edit event"
        } else {
            "Add event"
        };
        let mut keep_open = true;
        let mut command = None;
        egui::Window::new(heading)
            .collapsible(false)
            .resizable(false)
            .default_width(420.0)
            .open(&mut keep_open)
            .show(ctx, |ui| command = form_ui(ui, form));
        if !keep_open {
            command = Some(EventEditCommand::Cancel);
        }
        command.map(Command::EditEvents)
    }
}

/// The form's fields, errors and buttons.
fn form_ui(ui: &mut Ui, form: &mut EventForm) -> Option<EventEditCommand> {
    let mut command = None;
    egui::Grid::new("tradechart-event-form")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            text_row(
                ui,
                DATE_LABEL,
                &mut form.date,
                "2018-07-06, 2018-07 or 2018",
            );
            text_row(ui, END_LABEL, &mut form.end, "last day of a span");
            text_row(
                ui,
                ANNOUNCED_LABEL,
                &mut form.announced,
                "when announced before it took effect",
            );
            text_row(ui, TITLE_LABEL, &mut form.title, "");
            let label = ui.label(DESCRIPTION_LABEL);
            ui.add(
                egui::TextEdit::multiline(&mut form.description)
                    .desired_rows(3)
                    .desired_width(280.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            text_row(
                ui,
                CATEGORY_LABEL,
                &mut form.category,
                "tariff action, negotiation…",
            );
            if !form.known_categories.is_empty() {
                known_categories_row(ui, &form.known_categories, &mut form.category);
            }
            text_row(ui, SOURCE_LABEL, &mut form.source, "where it is documented");
            ui.label("");
            // Named by its own label: a combo box needs an accessible name.
            egui::ComboBox::from_label(STATUS_LABEL)
                .selected_text(form.status.label())
                .show_ui(ui, |ui| {
                    for status in [
                        Status::Reported,
                        Status::FromMemory,
                        Status::Estimated,
                        Status::Planned,
                        Status::Postponed,
                        Status::Unverified,
                    ] {
                        ui.selectable_value(&mut form.status, status, status.label());
                    }
                });
            ui.end_row();
            ui.label("");
            ui.checkbox(&mut form.highlight, "Headline event");
            ui.end_row();
        });
    for error in &form.errors {
        ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
    }
    ui.label(
        RichText::new("Changes stay in this window; the data file is not changed.")
            .small()
            .weak(),
    );
    ui.horizontal(|ui| {
        if ui.button(SAVE_LABEL).clicked() {
            command = Some(EventEditCommand::Save);
        }
        if ui.button("Cancel").clicked() {
            command = Some(EventEditCommand::Cancel);
        }
    });
    command
}

/// The known categories as a list of buttons under the category field: a click puts
/// the category in the field.
fn known_categories_row(ui: &mut Ui, known: &[String], category: &mut String) {
    ui.label(RichText::new(KNOWN_CATEGORIES_LABEL).weak());
    ui.vertical(|ui| {
        ui.set_max_width(280.0);
        ui.horizontal_wrapped(|ui| {
            for name in known {
                let chosen = chart::same_category(name, category);
                if ui.selectable_label(chosen, name.as_str()).clicked() {
                    category.clone_from(name);
                }
            }
        });
    });
    ui.end_row();
}

fn text_row(ui: &mut Ui, label: &str, text: &mut String, hint: &str) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(280.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    fn form(date: &str, title: &str) -> EventForm {
        EventForm {
            date: date.into(),
            title: title.into(),
            ..EventForm::default()
        }
    }

    #[test]
    fn a_good_form_makes_an_event() {
        let mut good = form(" 2018-07-06 ", "  Section 301\nList 1 ");
        good.end = "2018-12-01".into();
        good.source = "  ".into();
        good.status = Status::Planned;
        let event = good.event().unwrap();
        assert_eq!(event.date, Period::parse("2018-07-06").unwrap());
        assert_eq!(event.title, "Section 301 List 1");
        assert_eq!(event.source, None);
        assert_eq!(event.status, Status::Planned);
        let back = EventForm::for_event(3, &event);
        assert_eq!(back.event().unwrap(), event);
        assert_eq!(back.editing, Some(3));
    }

    #[test]
    fn every_mistake_is_named_by_its_field() {
        let errors = form("7/6/2018", "").event().unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("Date: "), "{errors:?}");
        assert!(
            errors[1].starts_with("Title: expected a title"),
            "{errors:?}"
        );
        let mut backwards = form("2019-05-10", "Truce");
        backwards.end = "2018-12-01".into();
        let errors = backwards.event().unwrap_err();
        assert!(
            errors[0].starts_with("End date: expected a date on or after"),
            "{errors:?}"
        );
        assert!(form("", "x").event().unwrap_err()[0].contains("found nothing"));
    }
}
