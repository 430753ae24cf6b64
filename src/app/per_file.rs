//! A choice that belongs to one file — the partner picked in the chooser, the frequency
//! or header row the user overruled: asked for the next load of that file, carried by
//! the load in flight, and kept with the file shown, so Reload and a change on disk
//! read the file the same way while another file starts afresh.

use std::path::{Path, PathBuf};

use super::loader::LoadKind;

/// One file's choice at each stage of loading.
#[derive(Debug)]
pub struct PerFile<T> {
    /// Asked for the next load of this file (a choice just made).
    asked: Option<(PathBuf, T)>,
    /// What the load in flight reads its file with.
    in_flight: Option<(PathBuf, T)>,
    /// What the file shown was read with.
    shown: Option<(PathBuf, T)>,
}

impl<T> Default for PerFile<T> {
    fn default() -> Self {
        Self {
            asked: None,
            in_flight: None,
            shown: None,
        }
    }
}

impl<T: Clone> PerFile<T> {
    /// The next load of `path` (whatever its kind) reads it with `value`.
    pub fn ask(&mut self, path: &Path, value: T) {
        self.asked = Some((path.to_path_buf(), value));
    }

    /// Forgets what was asked (the chooser was cancelled).
    pub fn forget_asked(&mut self) {
        self.asked = None;
    }

    /// The value to read `path` with for a load of `kind`, remembered as the one in
    /// flight: what was asked for this file; else, for a Reload, the file's own; for an
    /// Open, nothing (a file opened starts afresh). Events files take none.
    pub fn for_load(&mut self, path: &Path, kind: LoadKind) -> Option<T> {
        if kind == LoadKind::AddEvents {
            return None;
        }
        let asked = self
            .asked
            .take()
            .filter(|(asked, _)| asked == path)
            .map(|(_, value)| value);
        let value = match kind {
            LoadKind::Reload => asked.or_else(|| self.shown_for(path).cloned()),
            LoadKind::Open | LoadKind::AddEvents => asked,
        };
        self.in_flight = value.clone().map(|value| (path.to_path_buf(), value));
        value
    }

    /// What the load in flight reads its file with, if anything.
    pub fn in_flight(&self) -> Option<&T> {
        self.in_flight.as_ref().map(|(_, value)| value)
    }

    /// The load in flight was shown: its value is now the file's.
    pub fn loaded(&mut self) {
        self.shown = self.in_flight.take();
    }

    /// The load in flight was not shown and its value is not wanted again.
    pub fn drop_in_flight(&mut self) {
        self.in_flight = None;
    }

    /// The load in flight was not shown but its file will be read again (the user is
    /// asked which partner): that load reads it with the same value.
    pub fn carry_over(&mut self) {
        self.asked = self.in_flight.take();
    }

    /// What the file shown was read with, if anything.
    pub fn shown(&self) -> Option<&T> {
        self.shown.as_ref().map(|(_, value)| value)
    }

    /// What `path` was read with, when it is the file shown.
    pub fn shown_for(&self, path: &Path) -> Option<&T> {
        self.shown
            .as_ref()
            .filter(|(shown, _)| shown == path)
            .map(|(_, value)| value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_takes_only_what_was_asked_for_its_file() {
        let mut choice = PerFile::default();
        choice.ask(Path::new("a.csv"), 1);
        assert_eq!(choice.for_load(Path::new("b.csv"), LoadKind::Open), None);
        // Asked once: the other file's load dropped it.
        assert_eq!(choice.for_load(Path::new("a.csv"), LoadKind::Open), None);
        choice.ask(Path::new("a.csv"), 2);
        assert_eq!(choice.for_load(Path::new("a.csv"), LoadKind::Open), Some(2));
        choice.loaded();
        assert_eq!(choice.shown(), Some(&2));
    }

    #[test]
    fn a_reload_keeps_the_files_own_unless_something_else_was_asked() {
        let mut choice = PerFile::default();
        choice.ask(Path::new("a.csv"), 1);
        choice.for_load(Path::new("a.csv"), LoadKind::Open);
        choice.loaded();
        assert_eq!(
            choice.for_load(Path::new("a.csv"), LoadKind::Reload),
            Some(1)
        );
        choice.ask(Path::new("a.csv"), 3);
        assert_eq!(
            choice.for_load(Path::new("a.csv"), LoadKind::Reload),
            Some(3)
        );
        // Not shown (it failed): the file keeps what it was read with.
        assert_eq!(choice.shown_for(Path::new("a.csv")), Some(&1));
        assert_eq!(choice.shown_for(Path::new("b.csv")), None);
        assert_eq!(
            choice.for_load(Path::new("a.csv"), LoadKind::AddEvents),
            None
        );
        assert_eq!(choice.in_flight(), Some(&3));
    }

    #[test]
    fn a_value_carried_over_reads_the_file_next_time() {
        let mut choice = PerFile::default();
        choice.ask(Path::new("a.csv"), 5);
        choice.for_load(Path::new("a.csv"), LoadKind::Reload);
        choice.carry_over();
        assert_eq!(choice.for_load(Path::new("a.csv"), LoadKind::Open), Some(5));
        choice.drop_in_flight();
        choice.loaded();
        assert_eq!(choice.shown(), None);
    }
}
