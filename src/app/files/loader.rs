//! Reading files on a background thread, so the window stays live (and shows progress)
//! while a large file loads. The data layer is synchronous; this runs it on a thread
//! and hands the result back through a channel.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::data::{self, Event, LoadError, LoadOptions, Loaded, Problem};

/// Why a file is being read; decides what is done with it when it arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadKind {
    /// A file to show instead of the current one (a fresh view of it).
    Open,
    /// The file shown, read again (Reload, or it changed on disk): the view is kept.
    Reload,
    /// An events table to add to the chart shown.
    AddEvents,
}

/// Reads a data file, telling the callback the bytes read so far, and stopping soon
/// (with [`LoadError::stopped`]) once the flag is set. The app uses [`data::load`];
/// tests inject slower or failing readers.
pub type Reader =
    Arc<dyn Fn(&Path, &dyn Fn(u64), &AtomicBool) -> Result<Loaded, LoadError> + Send + Sync>;

/// The reader the app uses.
pub fn default_reader() -> Reader {
    Arc::new(|path: &Path, progress: &dyn Fn(u64), stop: &AtomicBool| {
        data::LoadRequest::path(path)
            .progress(progress)
            .stop(stop)
            .load()
    })
}

/// A reader that reads files as `options` say: the part selected, the frequency and
/// header row the user gave.
pub fn options_reader(options: LoadOptions) -> Reader {
    Arc::new(
        move |path: &Path, progress: &dyn Fn(u64), stop: &AtomicBool| {
            data::LoadRequest::path(path)
                .options(options.clone())
                .progress(progress)
                .stop(stop)
                .load()
        },
    )
}

/// What a finished load brought.
#[derive(Debug)]
pub enum LoadResult {
    /// A data file (for [`LoadKind::Open`] and [`LoadKind::Reload`]), with the events
    /// of the files added by File → Add events… read again for a reload.
    Data(Result<Loaded, LoadError>),
    /// An events table (for [`LoadKind::AddEvents`]).
    Events(Result<Vec<Event>, LoadError>),
}

/// A file being read on a background thread; dropped (Cancel, another file opened),
/// it tells the thread to stop reading.
pub struct PendingLoad {
    path: PathBuf,
    kind: LoadKind,
    bytes_read: Arc<AtomicU64>,
    /// The reader went back to the start of the file: the quick reader of large CSV
    /// files met a row it leaves to the full reader, which reads the file again.
    reading_again: Arc<AtomicBool>,
    total_bytes: u64,
    result: Receiver<LoadResult>,
    /// Set when the result is no longer wanted: the reader stops between blocks.
    stop: Arc<AtomicBool>,
}

impl Drop for PendingLoad {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl PendingLoad {
    /// Starts reading `path` for `kind`. For a reload, `added_events` are the events
    /// files added to the chart, read again and added to the new data. `wake` is
    /// called (on the loading thread) when the result is ready.
    pub fn start(
        path: &Path,
        kind: LoadKind,
        added_events: Vec<PathBuf>,
        reader: Reader,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let bytes_read = Arc::new(AtomicU64::new(0));
        let reading_again = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let total_bytes = std::fs::metadata(path).map_or(0, |metadata| metadata.len());
        let (sender, result) = channel();
        let job = {
            let path = path.to_path_buf();
            let bytes_read = Arc::clone(&bytes_read);
            let reading_again = Arc::clone(&reading_again);
            let stop = Arc::clone(&stop);
            move || {
                let progress = |read: u64| {
                    // The flag first: whoever sees the bytes go back sees it too.
                    if read < bytes_read.load(Ordering::Relaxed) {
                        reading_again.store(true, Ordering::Relaxed);
                    }
                    bytes_read.store(read, Ordering::Release);
                };
                let result = read_for(&path, kind, &added_events, &reader, &progress, &stop);
                // The window may have gone on to another file; then nobody listens.
                let _ = sender.send(result);
                wake();
            }
        };
        let spawned = std::thread::Builder::new()
            .name("load-file".into())
            .spawn(job);
        if let Err(error) = spawned {
            // No thread to read on: report it like any other failure to read.
            let (sender, failed) = channel();
            let _ = sender.send(failure(
                kind,
                path,
                format!("cannot start reading: {error}"),
            ));
            return Self {
                path: path.to_path_buf(),
                kind,
                bytes_read,
                reading_again,
                total_bytes,
                result: failed,
                stop,
            };
        }
        Self {
            path: path.to_path_buf(),
            kind,
            bytes_read,
            reading_again,
            total_bytes,
            result,
            stop,
        }
    }

    /// The file being read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn kind(&self) -> LoadKind {
        self.kind
    }

    /// Bytes read so far and the file's size (0 when unknown).
    pub fn progress(&self) -> (u64, u64) {
        (self.bytes_read.load(Ordering::Acquire), self.total_bytes)
    }

    /// True once the reader has started over from the start of the file (its
    /// progress went back): the progress bar restarts then, and says why.
    pub fn is_reading_again(&self) -> bool {
        self.reading_again.load(Ordering::Relaxed)
    }

    /// The result if it has come.
    pub fn poll(&self) -> Option<LoadResult> {
        match self.result.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(self.stopped()),
        }
    }

    /// Waits for the result.
    pub fn wait(&self) -> LoadResult {
        self.result.recv().unwrap_or_else(|_| self.stopped())
    }

    /// The result when the loading thread ended without one (it panicked).
    fn stopped(&self) -> LoadResult {
        failure(
            self.kind,
            &self.path,
            "reading stopped unexpectedly (an internal error); the chart is unchanged".into(),
        )
    }
}

/// Reads what `kind` needs from `path`.
fn read_for(
    path: &Path,
    kind: LoadKind,
    added_events: &[PathBuf],
    reader: &Reader,
    progress: &dyn Fn(u64),
    stop: &AtomicBool,
) -> LoadResult {
    match kind {
        LoadKind::AddEvents => LoadResult::Events(data::load_events(data::LoadRequest::path(path))),
        LoadKind::Open | LoadKind::Reload => {
            LoadResult::Data(reader(path, progress, stop).and_then(|mut loaded| {
                for events_path in added_events {
                    let events = data::load_events(data::LoadRequest::path(events_path))?;
                    loaded.dataset.events.extend(events);
                    data::sort_events(&mut loaded.dataset.events);
                }
                Ok(loaded)
            }))
        }
    }
}

/// A failed result of `kind` for `path` with one whole-file problem.
fn failure(kind: LoadKind, path: &Path, message: String) -> LoadResult {
    let error = LoadError::new(path, vec![Problem::whole_file(message)]);
    match kind {
        LoadKind::AddEvents => LoadResult::Events(Err(error)),
        LoadKind::Open | LoadKind::Reload => LoadResult::Data(Err(error)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn write(folder: &Path, name: &str, text: &str) -> PathBuf {
        let path = folder.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_file_loads_on_another_thread_and_reports_its_size() {
        let folder = tempfile::tempdir().unwrap();
        let text = "year,Balance (USD bn)\n2019,-345\n2020,-310\n";
        let path = write(folder.path(), "trade.csv", text);
        let (woken, wakes) = channel();
        let load = PendingLoad::start(
            &path,
            LoadKind::Open,
            Vec::new(),
            default_reader(),
            move || {
                woken.send(()).unwrap();
            },
        );
        match load.wait() {
            LoadResult::Data(Ok(loaded)) => assert_eq!(loaded.dataset.series.len(), 1),
            other => panic!("{other:?}"),
        }
        wakes.recv().unwrap();
        assert_eq!(load.progress(), (text.len() as u64, text.len() as u64));
    }

    #[test]
    fn a_reload_adds_the_added_events_again() {
        let folder = tempfile::tempdir().unwrap();
        let path = write(folder.path(), "trade.csv", "year,B (USD bn)\n2019,-345\n");
        let events = write(
            folder.path(),
            "mine.csv",
            "date,title\n2019-05-10,Tariffs raised\n",
        );
        let load = PendingLoad::start(
            &path,
            LoadKind::Reload,
            vec![events],
            default_reader(),
            || {},
        );
        match load.wait() {
            LoadResult::Data(Ok(loaded)) => {
                assert_eq!(loaded.dataset.events.len(), 1);
                assert_eq!(loaded.dataset.events[0].title, "Tariffs raised");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_events_file_without_events_fails() {
        let folder = tempfile::tempdir().unwrap();
        let path = write(folder.path(), "trade.csv", "year,B (USD bn)\n2019,-345\n");
        let load = PendingLoad::start(
            &path,
            LoadKind::AddEvents,
            Vec::new(),
            default_reader(),
            || {},
        );
        match load.wait() {
            LoadResult::Events(Err(error)) => assert!(!error.problems.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_reader_that_panics_gives_a_problem_not_a_hang() {
        let reader: Reader =
            Arc::new(|_: &Path, _: &dyn Fn(u64), _: &AtomicBool| panic!("reader bug"));
        let load = PendingLoad::start(
            Path::new("x.csv"),
            LoadKind::Open,
            Vec::new(),
            reader,
            || {},
        );
        match load.wait() {
            LoadResult::Data(Err(error)) => {
                assert!(
                    error.lines()[0].contains("stopped unexpectedly"),
                    "{error:?}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn progress_is_visible_while_the_reader_runs() {
        let gate = Arc::new(Mutex::new(()));
        let held = gate.lock().unwrap();
        let reader: Reader = {
            let gate = Arc::clone(&gate);
            Arc::new(move |path: &Path, progress: &dyn Fn(u64), _: &AtomicBool| {
                progress(7);
                let _open = gate.lock();
                data::LoadRequest::path(path).load()
            })
        };
        let load = PendingLoad::start(
            Path::new("missing.csv"),
            LoadKind::Open,
            Vec::new(),
            reader,
            || {},
        );
        let started = std::time::Instant::now();
        while load.progress().0 != 7 {
            assert!(started.elapsed().as_secs() < 5);
            std::thread::yield_now();
        }
        assert!(load.poll().is_none());
        drop(held);
        assert!(matches!(load.wait(), LoadResult::Data(Err(_))));
    }
}
