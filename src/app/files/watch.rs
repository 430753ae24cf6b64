//! Watching the open file (and its sidecar `<name>.events.csv`) for changes on disk,
//! so the window can reload it.
//!
//! The folder is watched, not the file: editors save by writing a new file and
//! renaming it over the old one, which ends a watch on the old file. Bursts of events
//! (one save is often several writes) are collapsed: a change is reported once the
//! folder has been quiet for [`DEBOUNCE`].

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::data;

/// How long the files must be left alone before a change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// A watch on one data file and its sidecar events file. Dropping it stops watching.
pub struct FileWatch {
    changes: Receiver<()>,
    // Kept alive for as long as the watch; dropping it ends the debounce thread too.
    _watcher: RecommendedWatcher,
}

impl FileWatch {
    /// Starts watching `file`; `wake` is called (on another thread) after each change,
    /// to repaint the window so it notices.
    pub fn start(file: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, String> {
        let names = watched_names(file);
        let folder = match file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let (raw_sender, raw_changes) = channel();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            if let Ok(event) = event
                && is_change_to(&event, &names)
            {
                // The debounce thread may have ended with the watch; nothing to tell.
                let _ = raw_sender.send(());
            }
        })
        .map_err(|error| error.to_string())?;
        watcher
            .watch(&folder, RecursiveMode::NonRecursive)
            .map_err(|error| error.to_string())?;
        let (sender, changes) = channel();
        std::thread::Builder::new()
            .name("file-watch".into())
            .spawn(move || debounce(&raw_changes, &sender, &wake))
            .map_err(|error| error.to_string())?;
        Ok(Self {
            changes,
            _watcher: watcher,
        })
    }

    /// True once for every quiet moment after changes (several changes in a row
    /// count once).
    pub fn take_change(&self) -> bool {
        self.changes.try_iter().count() > 0
    }
}

/// Passes on one change per burst of raw changes, when they have stopped for
/// [`DEBOUNCE`]; ends when the watcher is dropped or the window stops listening.
fn debounce(raw: &Receiver<()>, changed: &Sender<()>, wake: &dyn Fn()) {
    while raw.recv().is_ok() {
        loop {
            match raw.recv_timeout(DEBOUNCE) {
                Ok(()) => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if changed.send(()).is_err() {
            return;
        }
        wake();
    }
}

/// The file names that matter in the watched folder: the file and its sidecar.
fn watched_names(file: &Path) -> HashSet<OsString> {
    [Some(file.to_path_buf()), data::sidecar_events_path(file)]
        .into_iter()
        .flatten()
        .filter_map(|path| path.file_name().map(ToOwned::to_owned))
        .collect()
}

/// Whether `event` changed the contents of one of `names`. Reading a file (our own
/// reload opens it, and may touch its access time) is not a change, or every reload
/// would trigger the next.
fn is_change_to(event: &Event, names: &HashSet<OsString>) -> bool {
    let changes_contents = match event.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    };
    changes_contents
        && event
            .paths
            .iter()
            .any(|path| path.file_name().is_some_and(|name| names.contains(name)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, MetadataKind};
    use std::time::Instant;

    fn event(kind: EventKind, path: &str) -> Event {
        Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn writes_to_the_file_or_its_sidecar_are_changes_and_reads_are_not() {
        let names = watched_names(Path::new("/d/trade.csv"));
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(is_change_to(&event(write, "/d/trade.csv"), &names));
        assert!(is_change_to(&event(write, "/d/trade.events.csv"), &names));
        assert!(is_change_to(
            &event(EventKind::Create(CreateKind::File), "/d/trade.csv"),
            &names
        ));
        assert!(!is_change_to(&event(write, "/d/other.csv"), &names));
        let read = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert!(!is_change_to(&event(read, "/d/trade.csv"), &names));
        let atime = EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime));
        assert!(!is_change_to(&event(atime, "/d/trade.csv"), &names));
    }

    #[test]
    fn a_burst_of_changes_is_reported_once() {
        let (raw_sender, raw) = channel();
        let (sender, changes) = channel();
        let thread = std::thread::spawn(move || debounce(&raw, &sender, &|| {}));
        for _ in 0..5 {
            raw_sender.send(()).unwrap();
        }
        let started = Instant::now();
        changes.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(started.elapsed() >= DEBOUNCE);
        drop(raw_sender);
        thread.join().unwrap();
        assert_eq!(changes.try_iter().count(), 0);
    }

    #[test]
    fn rewriting_a_watched_file_is_noticed() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("trade.csv");
        std::fs::write(&file, "year,a\n2020,1\n").unwrap();
        let (woken, wakes) = channel();
        let watch = FileWatch::start(&file, move || {
            let _ = woken.send(());
        })
        .unwrap();
        std::fs::write(folder.path().join("unrelated.csv"), "x").unwrap();
        std::fs::write(&file, "year,a\n2020,2\n").unwrap();
        wakes.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(watch.take_change());
        assert!(!watch.take_change());
    }
}
