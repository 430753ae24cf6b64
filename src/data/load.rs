//! The one way into `data`: a [`LoadRequest`] names what to read (a file, or bytes
//! with a name), how to read it ([`LoadOptions`]) and who to tell of progress, and
//! [`load`] reads it into a [`Loaded`] dataset or a [`LoadError`].

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::detect::{self, Container};
use super::fast_csv;
use super::field::LoadOptions;
use super::format::Format;
use super::limits::{self, MAX_FILE_BYTES};
use super::model::Event;
use super::model::sort_events;
use super::outcome::{LoadError, Loaded, ReaderUsed};
use super::problem::Problem;
use super::text_file::{self, Quick};
use super::workbook;

/// What to read: a file on disk, or a file's contents already in memory.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// A file, opened read-only. Beside a data file, its sidecar `<name>.events.csv`
    /// is read too, and a file without a title is called by its name.
    Path(&'a Path),
    /// A file's contents; `name` is what problems are reported against, and its
    /// extension a hint to the format (the content decides first).
    Bytes { bytes: &'a [u8], name: &'a Path },
    /// A file on disk whose bytes were already read (a saved view's data file, read
    /// once to hash and to chart): the bytes are charted, and the file is named and
    /// given its sidecar events as [`Source::Path`] is.
    Read { path: &'a Path, bytes: &'a [u8] },
}

/// A request to read one file: the source, the options and an optional progress
/// callback, built as `LoadRequest::path(p).options(o).progress(&f)`.
#[derive(Clone)]
pub struct LoadRequest<'a> {
    pub source: Source<'a>,
    pub options: LoadOptions,
    /// Told how many bytes of the file have been read so far (the window's progress
    /// bar for a large file).
    pub progress: Option<&'a dyn Fn(u64)>,
    /// Set (by another thread) to stop reading a file on disk: the load then ends
    /// soon with [`LoadError::stopped`].
    pub stop: Option<&'a AtomicBool>,
}

impl<'a> LoadRequest<'a> {
    /// Reads the file at `path` with the default options.
    pub fn path(path: &'a Path) -> Self {
        Self::of(Source::Path(path))
    }

    /// Reads `bytes` as the contents of a file called `name`.
    pub fn bytes(bytes: &'a [u8], name: &'a Path) -> Self {
        Self::of(Source::Bytes { bytes, name })
    }

    /// Reads `bytes`, already read from the file at `path`.
    pub fn read(path: &'a Path, bytes: &'a [u8]) -> Self {
        Self::of(Source::Read { path, bytes })
    }

    fn of(source: Source<'a>) -> Self {
        Self {
            source,
            options: LoadOptions::default(),
            progress: None,
            stop: None,
        }
    }

    /// Reads the part of a many-partner file that `options` select, with the user's
    /// frequency and header row.
    pub fn options(mut self, options: LoadOptions) -> Self {
        self.options = options;
        self
    }

    /// Tells `progress` the bytes read so far.
    pub fn progress(mut self, progress: &'a dyn Fn(u64)) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Stops reading once `stop` is set.
    pub fn stop(mut self, stop: &'a AtomicBool) -> Self {
        self.stop = Some(stop);
        self
    }

    /// The name problems are reported against.
    pub fn name(&self) -> &'a Path {
        match self.source {
            Source::Path(path) | Source::Bytes { name: path, .. } | Source::Read { path, .. } => {
                path
            }
        }
    }

    /// [`load`] of this request.
    pub fn load(self) -> Result<Loaded, LoadError> {
        load(self)
    }
}

/// Reads what `request` names. The format is found by content first, with the
/// extension as a hint, so a wrong extension is not fatal. When the file holds several
/// partners (countries, indicators) and the options select none, the error's
/// `choices` lists them (its one problem says so in words).
pub fn load(request: LoadRequest<'_>) -> Result<Loaded, LoadError> {
    let name = request.name();
    let progress = request.progress.unwrap_or(&|_| {});
    let go_on = AtomicBool::new(false);
    let stop = request.stop.unwrap_or(&go_on);
    let mut loaded = match request.source {
        Source::Path(path) => read_path(path, &request.options, progress, stop)?,
        Source::Bytes { bytes, name: path } | Source::Read { path, bytes } => {
            read_bytes(bytes, path, &request.options, Quick::Try)
                .map_err(|problems| LoadError::new(path, problems))?
        }
    };
    if let Some(choices) = loaded.choices.take() {
        return Err(LoadError::choose(name, choices));
    }
    if let Source::Path(path) | Source::Read { path, .. } = request.source {
        name_untitled(&mut loaded, path);
        add_sidecar_events(&mut loaded, path)?;
    }
    Ok(loaded)
}

/// Reads the events of what `request` names (an events CSV, or the `Events` sheet of
/// a workbook) to add to a chart; a file without events is an error. A sidecar events
/// file is not read here: the file is read for its own events.
pub fn load_events(request: LoadRequest<'_>) -> Result<Vec<Event>, LoadError> {
    let name = request.name();
    let read;
    let bytes = match request.source {
        Source::Path(path) => {
            read = read_file(path).map_err(|problem| LoadError::new(path, vec![problem]))?;
            &read[..]
        }
        Source::Bytes { bytes, .. } | Source::Read { bytes, .. } => bytes,
    };
    // An events file is read for its events: a choice of partners is no question here.
    let loaded = load(LoadRequest {
        source: Source::Bytes { bytes, name },
        ..request
    })
    .map_err(|error| LoadError::new(name, error.problems))?;
    if loaded.dataset.events.is_empty() {
        return Err(LoadError::new(
            name,
            vec![Problem::whole_file(
                "expected events (columns date,title[,description][,category][,end_date][,source]), found none",
            )],
        ));
    }
    Ok(loaded.dataset.events)
}

/// A file on disk: a text file the quick reader can read straight from disk (see
/// `text_file`), any other read whole; stopped between blocks once `stop` is set.
fn read_path(
    path: &Path,
    options: &LoadOptions,
    progress: &dyn Fn(u64),
    stop: &AtomicBool,
) -> Result<Loaded, LoadError> {
    let stopped = || stop.load(Ordering::Relaxed);
    let read = match text_file::read_path(path, options, progress, stop) {
        Some(read) => read,
        None => {
            if stopped() {
                return Err(LoadError::stopped(path));
            }
            fits_in_memory(path, options).map_err(|problem| LoadError::new(path, vec![problem]))?;
            let bytes = read_file_with_progress(path, progress, stop)
                .map_err(|problem| LoadError::new(path, vec![problem]))?;
            if stopped() {
                return Err(LoadError::stopped(path));
            }
            read_bytes(&bytes, path, options, Quick::Tried)
        }
    };
    if stopped() {
        return Err(LoadError::stopped(path));
    }
    read.map_err(|problems| LoadError::new(path, problems))
}

/// A file's contents by what they hold, a workbook or text; the extension of `name`
/// only words a workbook's messages. A file that needs a choice comes back with
/// `choices` set and an empty dataset.
fn read_bytes(
    bytes: &[u8],
    name: &Path,
    options: &LoadOptions,
    quick: Quick,
) -> Result<Loaded, Vec<Problem>> {
    if bytes.is_empty() {
        return Err(vec![Problem::whole_file(
            "expected a header row and data rows, found an empty file",
        )]);
    }
    let loaded = match detect::container(bytes) {
        Container::Workbook => {
            let extension = name
                .extension()
                .and_then(|extension| extension.to_str())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            workbook::load_with(bytes, &extension, options)?
        }
        Container::Text => text_file::read(bytes, options, quick)?,
    };
    if loaded.reader == ReaderUsed::QuickCsv {
        fast_csv::check_limits(&loaded.dataset)?;
    } else {
        limits::check_dataset(&loaded.dataset)?;
    }
    Ok(loaded)
}

/// Refuses, before reading it, a text file the general reader would need more memory
/// for than `options` allow (the machine's available memory). What is not a regular
/// file, a file it cannot open and a workbook pass: reading them reports the first
/// two, and the last has its own caps.
fn fits_in_memory(path: &Path, options: &LoadOptions) -> Result<(), Problem> {
    // By its type first: opening a FIFO would block.
    let Some(metadata) = std::fs::metadata(path)
        .ok()
        .filter(|metadata| metadata.is_file())
    else {
        return Ok(());
    };
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let mut start = Vec::with_capacity(limits::START_BYTES);
    if file
        .take(limits::START_BYTES as u64)
        .read_to_end(&mut start)
        .is_err()
        || detect::container(&start) == Container::Workbook
    {
        return Ok(());
    }
    let needed = limits::general_read_needs(metadata.len(), &start);
    match limits::memory(metadata.len(), needed, options.memory.available()) {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// A file without a title is called by its name, as a spreadsheet window is.
fn name_untitled(loaded: &mut Loaded, path: &Path) {
    if loaded.dataset.title.trim().is_empty() {
        loaded.dataset.title = path.file_stem().map_or_else(
            || "Untitled".to_string(),
            |stem| stem.to_string_lossy().into_owned(),
        );
    }
}

/// Beside a data file, the events of its sidecar `<name>.events.csv`, with a note.
fn add_sidecar_events(loaded: &mut Loaded, path: &Path) -> Result<(), LoadError> {
    if loaded.format == Format::EventsCsv {
        return Ok(());
    }
    let Some(sidecar) = sidecar_events_path(path).filter(|sidecar| sidecar.is_file()) else {
        return Ok(());
    };
    let events = load_events(LoadRequest::path(&sidecar))?;
    loaded.notes.push(format!(
        "{} events added from {}",
        events.len(),
        sidecar
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
    ));
    loaded.dataset.events.extend(events);
    sort_events(&mut loaded.dataset.events);
    Ok(())
}

/// `trade.csv` → `trade.events.csv` in the same folder.
pub fn sidecar_events_path(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".events.csv") {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    Some(path.with_file_name(format!("{stem}.events.csv")))
}

/// Reads a file's bytes, refusing what is not a readable regular file of sane size.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Problem> {
    read_file_with_progress(path, &|_| {}, &AtomicBool::new(false))
}

/// Like [`read_file`], telling `progress` the bytes read so far after every chunk;
/// once `stop` is set, what was read by then.
fn read_file_with_progress(
    path: &Path,
    progress: &dyn Fn(u64),
    stop: &AtomicBool,
) -> Result<Vec<u8>, Problem> {
    let metadata = std::fs::metadata(path)
        .map_err(|error| Problem::whole_file(format!("cannot read the file: {error}")))?;
    if metadata.is_dir() {
        return Err(Problem::whole_file("expected a file, found a folder"));
    }
    if !metadata.is_file() {
        return Err(Problem::whole_file(
            "expected a regular file, found a device, pipe or socket",
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Problem::whole_file(format!(
            "the file is {} MB; files larger than {} MB are not read",
            metadata.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        )));
    }
    let file = std::fs::File::open(path)
        .map_err(|error| Problem::whole_file(format!("cannot open the file: {error}")))?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    let mut limited = file.take(MAX_FILE_BYTES + 1);
    // In chunks, so a progress bar can follow a large file.
    const CHUNK: u64 = 1 << 20;
    while !stop.load(Ordering::Relaxed) {
        let read = (&mut limited)
            .take(CHUNK)
            .read_to_end(&mut bytes)
            .map_err(|error| Problem::whole_file(format!("cannot read the file: {error}")))?;
        progress(bytes.len() as u64);
        if read == 0 {
            break;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failing test, not a crash a user sees.
#[allow(clippy::unwrap_used)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::data::{Point, ReaderUsed};

    #[test]
    fn bytes_already_read_are_charted_with_the_files_name_and_sidecar() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trade.csv");
        std::fs::write(&path, "year,Balance (USD bn)\n2018,1\n").unwrap();
        std::fs::write(
            dir.path().join("trade.events.csv"),
            "date,title\n2018-07-06,Tariffs\n",
        )
        .unwrap();
        // The bytes given, not the file's (which says 1): the file is not read again.
        let bytes = b"year,Balance (USD bn)\n2018,-418.2\n2019,-345.2\n";
        let loaded = LoadRequest::read(&path, bytes).load().unwrap();
        let values: Vec<Option<f64>> = loaded.dataset.series[0]
            .points
            .iter()
            .map(Point::value)
            .collect();
        assert_eq!(values, [Some(-418.2), Some(-345.2)]);
        assert_eq!(loaded.dataset.title, "trade");
        assert_eq!(loaded.dataset.events.len(), 1);
        assert_eq!(loaded.dataset.events[0].title, "Tariffs");
    }

    /// A plain long CSV text over the quick reader's threshold (1 MiB): two series a
    /// day from 1400 on.
    fn large_long_csv() -> String {
        let mut text = String::from("date,series,value\n");
        let mut day = 0u32;
        while text.len() < 1 << 20 {
            let (year, month, date) = (1400 + day / 336, 1 + (day / 28) % 12, 1 + day % 28);
            for (series, value) in [("Exports", day), ("Imports", 2 * day)] {
                text.push_str(&format!("{year}-{month:02}-{date:02},{series},{value}\n"));
            }
            day += 1;
        }
        text
    }

    #[test]
    fn a_large_plain_long_csv_is_read_by_the_quick_reader_from_a_path_or_bytes() {
        let text = large_long_csv();
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("big.csv");
        std::fs::write(&path, &text).unwrap();
        let read_so_far = Cell::new(0);
        let report = |bytes: u64| read_so_far.set(bytes);
        let from_file = LoadRequest::path(&path).progress(&report).load().unwrap();
        assert_eq!(from_file.reader, ReaderUsed::QuickCsv);
        assert_eq!(
            read_so_far.get(),
            text.len() as u64,
            "progress ends at the length"
        );
        let from_bytes = LoadRequest::bytes(text.as_bytes(), &path).load().unwrap();
        assert_eq!(from_bytes.reader, ReaderUsed::QuickCsv);
        assert_eq!(from_file.format, Format::CsvLong);
        assert_eq!(from_file.dataset.series.len(), 2);
        // Only a file keeps its name as the title: "big", from big.csv.
        assert_eq!(from_file.dataset.title, "big");
        assert_eq!(from_bytes.dataset.title, "");
        assert_eq!(from_file.dataset.series, from_bytes.dataset.series);
    }

    #[test]
    fn a_load_asked_to_stop_ends_stopped_on_either_reader() {
        let text = large_long_csv();
        let folder = tempfile::tempdir().unwrap();
        let plain = folder.path().join("big.csv");
        std::fs::write(&plain, &text).unwrap();
        // A quoted name: the general reader's.
        let quoted = folder.path().join("quoted.csv");
        std::fs::write(&quoted, text.replacen(",Exports,", ",\"Exports\",", 1)).unwrap();
        let stop = AtomicBool::new(true);
        for path in [&plain, &quoted] {
            let read_so_far = Cell::new(0);
            let report = |bytes: u64| read_so_far.set(bytes);
            let error = LoadRequest::path(path)
                .progress(&report)
                .stop(&stop)
                .load()
                .unwrap_err();
            assert!(error.stopped, "{error}");
            assert!(error.choices.is_none());
            assert!(read_so_far.get() < text.len() as u64, "{path:?}");
        }
        let unstopped = LoadRequest::path(&plain)
            .stop(&AtomicBool::new(false))
            .load();
        assert_eq!(unstopped.unwrap().reader, ReaderUsed::QuickCsv);
    }

    #[test]
    fn a_small_or_selected_csv_is_read_by_the_general_reader() {
        let small = LoadRequest::bytes(b"year,a\n2018,1\n", Path::new("a.csv"))
            .load()
            .unwrap();
        assert_eq!(small.reader, ReaderUsed::General);
        let text = large_long_csv();
        let overruled = LoadOptions {
            header_line: Some(1),
            ..LoadOptions::default()
        };
        let read = LoadRequest::bytes(text.as_bytes(), Path::new("big.csv"))
            .options(overruled)
            .load()
            .unwrap();
        assert_eq!(read.reader, ReaderUsed::General);
    }

    #[test]
    fn bytes_that_need_a_choice_are_an_error_carrying_the_choices() {
        let text = "country,year,value\nChina,2018,1\nMexico,2018,2\n";
        let error = LoadRequest::bytes(text.as_bytes(), Path::new("x.csv"))
            .load()
            .unwrap_err();
        assert_eq!(error.path, Path::new("x.csv"));
        let choices = error.choices.unwrap();
        assert_eq!(error.problems.len(), 1);
        assert_eq!(error.problems[0].message, choices.message());
    }

    #[test]
    fn events_are_read_from_bytes_and_a_file_without_events_is_refused() {
        let events = load_events(LoadRequest::bytes(
            b"date,title\n2018-07-06,Section 301 tariffs\n",
            Path::new("e.csv"),
        ))
        .unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].title, "Section 301 tariffs");
        let error =
            load_events(LoadRequest::bytes(b"year,a\n2018,1\n", Path::new("a.csv"))).unwrap_err();
        assert!(error.problems[0].message.contains("found none"));
    }
}
