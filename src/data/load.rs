//! The one way into `data`: a [`LoadRequest`] names what to read (a file, or bytes
//! with a name), how to read it ([`LoadOptions`]) and who to tell of progress, and
//! [`load`] reads it into a [`Loaded`] dataset or a [`LoadError`].

use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::field::LoadOptions;
use super::model::Event;
use super::problem::{LoadError, Problem};
use super::{Loaded, MAX_FILE_BYTES, fast_csv, load_bytes_in_general, sort_events};

/// What to read: a file on disk, or a file's contents already in memory.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// A file, opened read-only. Beside a data file, its sidecar `<name>.events.csv`
    /// is read too, and a file without a title is called by its name.
    Path(&'a Path),
    /// A file's contents; `name` is what problems are reported against, and its
    /// extension a hint to the format (the content decides first).
    Bytes { bytes: &'a [u8], name: &'a Path },
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

    fn of(source: Source<'a>) -> Self {
        Self {
            source,
            options: LoadOptions::default(),
            progress: None,
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

    /// The name problems are reported against.
    pub fn name(&self) -> &'a Path {
        match self.source {
            Source::Path(path) | Source::Bytes { name: path, .. } => path,
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
    let mut loaded = match request.source {
        Source::Path(path) => read_path(path, &request.options, progress)?,
        Source::Bytes { bytes, name } => load_bytes_in_general(bytes, name, &request.options, true)
            .map_err(|problems| LoadError::new(name, problems))?,
    };
    if let Some(choices) = loaded.choices.take() {
        return Err(LoadError::choose(name, choices));
    }
    if let Source::Path(path) = request.source {
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
        Source::Bytes { bytes, .. } => bytes,
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

/// A file on disk: a large plain CSV file straight from disk into series (see
/// `fast_csv`); any other file, or one the fast path is unsure of, read whole and in
/// general.
fn read_path(
    path: &Path,
    options: &LoadOptions,
    progress: &dyn Fn(u64),
) -> Result<Loaded, LoadError> {
    match fast_csv::try_load_path(path, options, progress) {
        Some(loaded) => {
            fast_csv::check_limits(&loaded.dataset)
                .map_err(|problems| LoadError::new(path, problems))?;
            Ok(loaded)
        }
        None => {
            let bytes = read_file_with_progress(path, progress)
                .map_err(|problem| LoadError::new(path, vec![problem]))?;
            load_bytes_in_general(&bytes, path, options, false)
                .map_err(|problems| LoadError::new(path, problems))
        }
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
    if loaded.format == super::Format::EventsCsv {
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
    read_file_with_progress(path, &|_| {})
}

/// Like [`read_file`], telling `progress` the bytes read so far after every chunk.
fn read_file_with_progress(path: &Path, progress: &dyn Fn(u64)) -> Result<Vec<u8>, Problem> {
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
    loop {
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
