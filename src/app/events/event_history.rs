//! Undo and redo of events edited in the window: each add, edit or delete keeps the
//! event list from before and after it, so Ctrl+Z puts the list back as it was and
//! Ctrl+Shift+Z (or Ctrl+Y) does the change again. A new edit forgets what could be
//! redone; opening another file or adding events from a file forgets it all.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

use crate::data::Event;

/// Ctrl+Z (Cmd+Z on a Mac) undoes the last event edit.
pub const UNDO_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// Ctrl+Shift+Z (Cmd+Shift+Z on a Mac) redoes it.
pub const REDO_SHORTCUT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
/// Ctrl+Y redoes too, as on Windows.
pub const REDO_SHORTCUT_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);

/// The events as the window shows them: the list, and whether it differs from the data
/// file's own (a saved view then keeps it).
#[derive(Clone, Debug, PartialEq)]
pub struct EventsState {
    pub events: Vec<Event>,
    pub edited: bool,
}

/// One edit: what it was ("delete “Phase One deal”") and the events around it.
#[derive(Clone, Debug, PartialEq)]
struct Edit {
    what: String,
    before: EventsState,
    after: EventsState,
}

/// The edits that can be undone, latest last, and those undone that can be redone.
#[derive(Clone, Debug, Default)]
pub struct EventHistory {
    done: Vec<Edit>,
    undone: Vec<Edit>,
}

/// Edits kept to undo; older ones are forgotten.
const MAX_EDITS: usize = 100;

impl EventHistory {
    /// Remembers an edit described by `what` that turned `before` into `after`.
    pub fn record(&mut self, what: String, before: EventsState, after: EventsState) {
        self.undone.clear();
        self.done.push(Edit {
            what,
            before,
            after,
        });
        if self.done.len() > MAX_EDITS {
            self.done.remove(0);
        }
    }

    /// The events to show to undo the last edit (moved to the redo list).
    pub fn undo(&mut self) -> Option<EventsState> {
        let edit = self.done.pop()?;
        let before = edit.before.clone();
        self.undone.push(edit);
        Some(before)
    }

    /// The events to show to redo the last edit undone.
    pub fn redo(&mut self) -> Option<EventsState> {
        let edit = self.undone.pop()?;
        let after = edit.after.clone();
        self.done.push(edit);
        Some(after)
    }

    /// What Undo would undo ("delete “Phase One deal”"), if anything.
    pub fn undo_text(&self) -> Option<&str> {
        self.done.last().map(|edit| edit.what.as_str())
    }

    /// What Redo would do again, if anything.
    pub fn redo_text(&self) -> Option<&str> {
        self.undone.last().map(|edit| edit.what.as_str())
    }

    /// Forgets every edit (another file was opened).
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::Period;

    fn state(titles: &[&str], edited: bool) -> EventsState {
        EventsState {
            events: titles
                .iter()
                .map(|title| Event {
                    date: Period::parse("2020-01-15").unwrap(),
                    announced: None,
                    end: None,
                    title: (*title).to_string(),
                    description: String::new(),
                    category: String::new(),
                    source: None,
                    status: crate::data::Status::Reported,
                    highlight: false,
                })
                .collect(),
            edited,
        }
    }

    #[test]
    fn undo_goes_back_one_edit_at_a_time_and_redo_forward() {
        let mut history = EventHistory::default();
        let (file, added, deleted) = (
            state(&["A", "B"], false),
            state(&["A", "B", "C"], true),
            state(&["B", "C"], true),
        );
        history.record("add “C”".into(), file.clone(), added.clone());
        history.record("delete “A”".into(), added.clone(), deleted.clone());
        assert_eq!(history.undo_text(), Some("delete “A”"));
        assert_eq!(history.undo(), Some(added.clone()));
        assert_eq!(history.undo(), Some(file.clone()));
        assert_eq!(history.undo(), None);
        assert_eq!(history.redo_text(), Some("add “C”"));
        assert_eq!(history.redo(), Some(added.clone()));
        assert_eq!(history.redo(), Some(deleted));
        assert_eq!(history.redo(), None);
    }

    #[test]
    fn a_new_edit_forgets_what_could_be_redone() {
        let mut history = EventHistory::default();
        let (file, added) = (state(&["A"], false), state(&["A", "B"], true));
        history.record("add “B”".into(), file.clone(), added.clone());
        assert!(history.undo().is_some());
        history.record("add “C”".into(), file, state(&["A", "C"], true));
        assert_eq!(history.redo_text(), None);
        history.clear();
        assert_eq!(history.undo_text(), None);
    }
}
