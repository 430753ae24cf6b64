//! The saved view: a small JSON document (`"kind": "tradechart-view"`) that names a
//! data file (its path and SHA-256 hash), how to read it (the selection, the frequency
//! and header row the user gave instead of the guessed ones, the events as edited in
//! the window) and the [`View`] itself in its serde form — so the window reopens
//! exactly that chart and `render` draws the same image. A view may name the embedded
//! dataset instead of a file (by its name and the version of tradechart that carried
//! it, with the hash of its bytes). Reading, writing, resolving the data file and
//! hashing live here, without any window code.

use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::view::View;
use crate::data::samples::{self, Sample};
use crate::data::{Event, Frequency, LoadError, LoadOptions, Loaded, Problem, Selection};

mod added;
pub use added::{AddedFile, AddedRead, AddedRef, add_saved};

/// The value of `kind` that makes a JSON document a saved view.
pub const VIEW_KIND: &str = "tradechart-view";
/// The version of the view document this build writes and reads.
pub const VIEW_VERSION: u32 = 1;
/// The extension suggested for a saved view (`trade.view.json`); only a hint, views
/// are recognised by content.
pub const VIEW_SUFFIX: &str = ".view.json";
/// Largest view document read; a view is a few kilobytes, even with many events.
pub const MAX_VIEW_BYTES: u64 = 64 << 20;
/// Bytes read to tell a view from other files (the writer puts `kind` first).
const SNIFF_BYTES: u64 = 4096;

/// A saved view, as written to disk. The serde names are the file format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    /// Always [`VIEW_KIND`]; written first so a view is told by its first line.
    pub kind: String,
    pub version: u32,
    /// The data file the view draws.
    pub data: DataRef,
    /// The partner (country, indicator) read from a many-partner file, as
    /// `partner=China`; `None` for a file with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<String>,
    /// The frequency the periods are read as (`yearly`, `quarterly`, `monthly`,
    /// `daily`) when the user overruled the one inferred from the dates; `None`: as
    /// inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// The 1-based line of the data file (row of its sheet) holding the column names
    /// when the user overruled the one found; `None`: as found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_line: Option<usize>,
    /// The whole event list when events were added, edited or deleted in the window
    /// (or added from other files); `None` draws the data file's own events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<Event>>,
    /// Files whose series were added to the chart (File → Add series from file…), in
    /// the order added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<AddedRef>,
    /// What is shown: selected event, event filters, hidden series, transformation,
    /// log scale, time range and look, under the names they always had.
    /// (Fields this build does not know are passed over: serde refuses none beside a
    /// flattened struct.)
    #[serde(flatten)]
    pub view: View,
}

/// The name a view gives the embedded default dataset (`"embedded": "us-china-trade"`);
/// a sample goes by its own ([`Sample::embedded_name`]).
pub const EMBEDDED_NAME: &str = samples::DEFAULT.embedded_name;

/// Where the data file is: relative to the view's folder when it can be, and where it
/// was when saved, with the hash of its bytes then. Or, for the embedded dataset, its
/// name and the version of tradechart it came with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataRef {
    /// Relative to the view file's folder (or absolute when no relative path exists);
    /// empty for the embedded dataset.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    /// [`EMBEDDED_NAME`] when the view draws the dataset embedded in the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<String>,
    /// The tradechart that carried the embedded dataset (`tradechart 0.1.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The absolute path when saved, tried when the relative one is not found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absolute: Option<String>,
    /// SHA-256 of the file's bytes when saved, in lower-case hex.
    pub sha256: String,
}

impl DataRef {
    /// The embedded default dataset of this build: its name, version and hash.
    pub fn embedded() -> Self {
        Self::sample(&samples::DEFAULT)
    }

    /// An embedded dataset of this build (the default or a sample): its name, version
    /// and hash.
    pub fn sample(sample: &Sample) -> Self {
        DataRef {
            path: String::new(),
            embedded: Some(sample.embedded_name.to_string()),
            version: Some(embedded_version()),
            absolute: None,
            sha256: sha256_bytes(sample.json.as_bytes()),
        }
    }

    /// The embedded dataset named, if any (checked when the view was read).
    pub fn embedded_sample(&self) -> Option<&'static Sample> {
        self.embedded.as_deref().and_then(samples::sample)
    }

    /// True when the view draws the embedded dataset rather than a file.
    pub fn is_embedded(&self) -> bool {
        self.embedded.is_some()
    }
}

/// `tradechart 0.1.0`: the version the embedded dataset comes with.
fn embedded_version() -> String {
    format!("tradechart {}", env!("CARGO_PKG_VERSION"))
}

/// How a message names the embedded dataset.
pub const EMBEDDED_SHOWN: &str = "the embedded dataset";

/// The note shown when the embedded dataset of this build differs from the one a view
/// was saved with.
pub fn embedded_changed_note(saved_version: Option<&str>) -> String {
    format!(
        "The embedded dataset changed since this view was saved (with {}; this is {}); \
         the chart shows it as it is now",
        saved_version.unwrap_or("another version"),
        embedded_version()
    )
}

impl SavedView {
    /// A view of the data file whose path (as written) and hash are given, with
    /// everything else at its default.
    pub fn new(data: DataRef) -> Self {
        Self {
            kind: VIEW_KIND.to_string(),
            version: VIEW_VERSION,
            data,
            selection: None,
            frequency: None,
            header_line: None,
            events: None,
            added: Vec::new(),
            view: View::default(),
        }
    }

    /// The selection, checked when the view was read.
    pub fn selection(&self) -> Selection {
        self.selection
            .as_deref()
            .and_then(|text| Selection::parse(text).ok())
            .unwrap_or_default()
    }

    /// How to read the data file: the selection, frequency and header row saved.
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            selection: self.selection(),
            frequency: self.frequency,
            header_line: self.header_line,
            ..LoadOptions::default()
        }
    }

    /// The document as written: pretty JSON ending in a newline, `kind` first.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a view document, refusing anything that is not one this build
    /// understands; problems carry the line and column.
    pub fn from_json(text: &str) -> Result<SavedView, Vec<Problem>> {
        let view: SavedView = serde_json::from_str(text).map_err(|error| {
            vec![Problem::at(
                error.line(),
                error.column().max(1),
                format!("expected a tradechart view document, found an error: {error}"),
            )]
        })?;
        let mut problems = Vec::new();
        if view.kind != VIEW_KIND {
            problems.push(Problem::whole_file(format!(
                "expected \"kind\": \"{VIEW_KIND}\", found \"{}\"",
                view.kind
            )));
        }
        if view.version != VIEW_VERSION {
            problems.push(Problem::whole_file(format!(
                "expected view version {VIEW_VERSION}, found {} (saved by another version of tradechart)",
                view.version
            )));
        }
        if let Some(text) = &view.selection
            && let Err(error) = Selection::parse(text)
        {
            problems.push(Problem::whole_file(format!("selection: {error}")));
        }
        if view.header_line == Some(0) {
            problems.push(Problem::whole_file(
                "expected header_line to count lines from 1, found 0",
            ));
        }
        problems.extend(view.view.problems().into_iter().map(Problem::whole_file));
        match &view.data.embedded {
            Some(name) if samples::sample(name).is_none() => {
                let known: Vec<&str> = samples::SAMPLES
                    .iter()
                    .map(|sample| sample.embedded_name)
                    .collect();
                problems.push(Problem::whole_file(format!(
                    "expected data.embedded to be one of \"{}\", found \"{name}\"",
                    known.join("\", \"")
                )));
            }
            Some(_) => {}
            None if view.data.path.trim().is_empty() => {
                problems.push(Problem::whole_file(
                    "expected the data file's path in data.path, found nothing",
                ));
            }
            None => {}
        }
        if problems.is_empty() {
            Ok(view)
        } else {
            Err(problems)
        }
    }
}

/// True when `bytes` begin like a view document: a JSON object with `"kind":
/// "tradechart-view"` among its first bytes ([`SavedView::to_json`] writes it first; a
/// data document cannot have a `kind` key).
pub fn looks_like_view(bytes: &[u8]) -> bool {
    let head = bytes
        .get(..bytes.len().min(SNIFF_BYTES as usize))
        .unwrap_or(bytes);
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if !text.starts_with('{') {
        return false;
    }
    let value = format!("\"{VIEW_KIND}\"");
    text.match_indices("\"kind\"").any(|(at, key)| {
        text.get(at + key.len()..)
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|rest| rest.trim_start().starts_with(&value))
    })
}

/// True when the file at `path` is a saved view (reads only its first bytes).
pub fn is_view_file(path: &Path) -> bool {
    if !path.is_file() {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(SNIFF_BYTES).read_to_end(&mut head).is_err() {
        return false;
    }
    looks_like_view(&head)
}

/// Reads the view at `path`.
pub fn read_view(path: &Path) -> Result<SavedView, LoadError> {
    let fail = |problems| LoadError::new(path, problems);
    let size = std::fs::metadata(path)
        .map_err(|error| {
            fail(vec![Problem::whole_file(format!(
                "cannot read the file: {error}"
            ))])
        })?
        .len();
    if size > MAX_VIEW_BYTES {
        return Err(fail(vec![Problem::whole_file(format!(
            "expected a view document of at most {} MB, found {} MB",
            MAX_VIEW_BYTES >> 20,
            size >> 20
        ))]));
    }
    let bytes = crate::data::read_file(path).map_err(|problem| fail(vec![problem]))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        fail(vec![Problem::whole_file(
            "expected a view document in UTF-8, found other bytes",
        )])
    })?;
    SavedView::from_json(text.trim_start_matches('\u{feff}')).map_err(fail)
}

/// The data file a view at `view_path` names: its path relative to the view's folder,
/// else the absolute path it was saved with. A file found at neither is a problem
/// naming both places looked at.
pub fn data_path(view_path: &Path, view: &SavedView) -> Result<PathBuf, Problem> {
    resolve_data_path(view_path, &view.data)
}

/// The file `data` names in the view at `view_path` (see [`data_path`]).
fn resolve_data_path(view_path: &Path, data: &DataRef) -> Result<PathBuf, Problem> {
    let folder = view_path.parent().unwrap_or_else(|| Path::new(""));
    let written = Path::new(&data.path);
    let mut tried = vec![folder.join(written)];
    if let Some(absolute) = &data.absolute {
        tried.push(PathBuf::from(absolute));
    }
    if let Some(found) = tried.iter().find(|path| path.is_file()) {
        return Ok(found.clone());
    }
    let places: Vec<String> = tried
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    Err(Problem::whole_file(format!(
        "expected the data file {} named by this view, found no file (looked at {})",
        data.path,
        places.join(" and ")
    )))
}

/// How to write the data file `data` into a view saved at `view_path`: relative to
/// the view's folder when both are on one tree, with the absolute path as well.
pub fn data_ref(view_path: &Path, data: &Path, sha256: String) -> DataRef {
    let absolute = absolute(data);
    let relative = view_path
        .parent()
        .map(absolute_folder)
        .and_then(|folder| relative_path(&folder, &absolute));
    let path = relative.unwrap_or_else(|| absolute.clone());
    DataRef {
        path: slashed(&path),
        embedded: None,
        version: None,
        absolute: Some(absolute.display().to_string()),
        sha256,
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|folder| folder.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    })
}

fn absolute_folder(folder: &Path) -> PathBuf {
    if folder.as_os_str().is_empty() {
        return absolute(Path::new("."));
    }
    absolute(folder)
}

/// `target` relative to `folder` (both absolute), with `..` where needed; `None` when
/// they share no root (another drive).
pub fn relative_path(folder: &Path, target: &Path) -> Option<PathBuf> {
    let from: Vec<Component> = folder.components().collect();
    let to: Vec<Component> = target.components().collect();
    if from.first() != to.first() {
        return None;
    }
    let common = from
        .iter()
        .zip(&to)
        .take_while(|(left, right)| left == right)
        .count();
    let mut relative = PathBuf::new();
    for _ in common..from.len() {
        relative.push("..");
    }
    for part in to.iter().skip(common) {
        relative.push(part.as_os_str());
    }
    Some(relative)
}

/// A path written with `/` between its parts, so a view saved on Windows opens on a
/// Mac (a relative path); absolute paths are left as they are.
fn slashed(path: &Path) -> String {
    if path.is_absolute() {
        return path.display().to_string();
    }
    path.components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// SHA-256 of a file's bytes in lower-case hex, read in chunks.
pub fn sha256_file(path: &Path) -> Result<String, Problem> {
    let mut file = std::fs::File::open(path)
        .map_err(|error| Problem::whole_file(format!("cannot read the file: {error}")))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0_u8; 1 << 16];
    loop {
        let read = file
            .read(&mut buffer)
            .map_err(|error| Problem::whole_file(format!("cannot read the file: {error}")))?;
        let Some(chunk) = buffer.get(..read) else {
            break;
        };
        if chunk.is_empty() {
            break;
        }
        hasher.update(chunk);
    }
    Ok(hex(&hasher.finalize()))
}

/// SHA-256 of `bytes` in lower-case hex.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The note shown when the data file's bytes differ from those the view was saved
/// with: `trade.csv changed since this view was saved (hash 3f2a9c1b… then, 9d8e7f6a…
/// now); the chart shows the file as it is now.`
pub fn changed_note(data: &Path, saved: &str, now: &str) -> String {
    let name = data.file_name().map_or_else(
        || data.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    format!(
        "{name} changed since this view was saved (hash {}… then, {}… now); \
         the chart shows the file as it is now",
        short_hash(saved),
        short_hash(now)
    )
}

fn short_hash(hash: &str) -> String {
    hash.chars().take(12).collect()
}

/// A view with its data read: what `render` and `check` draw and validate.
#[derive(Clone, Debug)]
pub struct ViewData {
    pub view: SavedView,
    /// Where the data file was found; `None` for the embedded dataset.
    pub data_path: Option<PathBuf>,
    /// The data as read, with the view's events in place of the file's when it has
    /// them.
    pub loaded: Loaded,
    /// Set when the data file, or a file added to it, changed since the view was saved
    /// (see [`changed_note`]).
    pub changed: Option<String>,
    /// The files whose series were added to the chart, as read now.
    pub added: Vec<AddedFile>,
}

/// Reads the view at `view_path` and the data file it names (with its selection,
/// frequency and header row); the view's own events replace the file's when it has
/// them.
pub fn load_view(view_path: &Path) -> Result<ViewData, LoadError> {
    let view = read_view(view_path)?;
    let mut read = if view.data.is_embedded() {
        load_embedded_view(view)?
    } else {
        load_file_view(view_path, view)?
    };
    let added = add_saved(view_path, &read.view.added, &mut read.loaded.dataset)?;
    read.loaded.notes.extend(added.notes);
    let changed: Vec<String> = read
        .changed
        .take()
        .into_iter()
        .chain(added.changed)
        .collect();
    read.changed = (!changed.is_empty()).then(|| changed.join("; "));
    read.added = added.files;
    Ok(read)
}

/// [`load_view`] for a view of a data file, without the files added to it.
fn load_file_view(view_path: &Path, view: SavedView) -> Result<ViewData, LoadError> {
    let data_path =
        data_path(view_path, &view).map_err(|problem| LoadError::new(view_path, vec![problem]))?;
    if is_view_file(&data_path) {
        return Err(LoadError::new(
            view_path,
            vec![Problem::whole_file(format!(
                "expected a data file in data.path, found another view ({})",
                data_path.display()
            ))],
        ));
    }
    let hash =
        sha256_file(&data_path).map_err(|problem| LoadError::new(&data_path, vec![problem]))?;
    let mut loaded = crate::data::LoadRequest::path(&data_path)
        .options(view.load_options())
        .load()?;
    if let Some(events) = &view.events {
        loaded.dataset.events.clone_from(events);
        crate::data::sort_events(&mut loaded.dataset.events);
    }
    let changed =
        (hash != view.data.sha256).then(|| changed_note(&data_path, &view.data.sha256, &hash));
    Ok(ViewData {
        view,
        data_path: Some(data_path),
        loaded,
        changed,
        added: Vec::new(),
    })
}

impl ViewData {
    /// The data the view draws, as a message names it: its path, or "the embedded
    /// dataset".
    pub fn data_shown(&self) -> String {
        match (&self.data_path, self.view.data.embedded_sample()) {
            (Some(path), _) => path.display().to_string(),
            (None, Some(sample)) if !sample.is_default() => {
                format!("the sample {}", sample.name)
            }
            (None, _) => EMBEDDED_SHOWN.to_string(),
        }
    }
}

/// [`load_view`] for a view of the embedded dataset or a sample.
fn load_embedded_view(view: SavedView) -> Result<ViewData, LoadError> {
    let sample = view.data.embedded_sample().unwrap_or(&samples::DEFAULT);
    let mut dataset = sample
        .dataset()
        .map_err(|problems| LoadError::new(Path::new(EMBEDDED_SHOWN), problems))?;
    if let Some(events) = &view.events {
        dataset.events.clone_from(events);
        crate::data::sort_events(&mut dataset.events);
    }
    let now = DataRef::sample(sample);
    let changed = (now.sha256 != view.data.sha256)
        .then(|| embedded_changed_note(view.data.version.as_deref()));
    Ok(ViewData {
        view,
        data_path: None,
        loaded: Loaded {
            dataset,
            format: crate::data::Format::Json,
            notes: Vec::new(),
            choices: None,
            reader: crate::data::ReaderUsed::General,
        },
        changed,
        added: Vec::new(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    fn view() -> SavedView {
        SavedView::new(DataRef {
            path: "trade.csv".into(),
            embedded: None,
            version: None,
            absolute: None,
            sha256: sha256_bytes(b"abc"),
        })
    }

    #[test]
    fn writes_what_it_reads_with_kind_first() {
        let mut saved = view();
        saved.view.x_range = Some([2018.0, 2026.5]);
        saved.view.transform =
            crate::data::transform::Transform::Index(crate::data::Period::Year(2018));
        saved.view.hidden_series = vec!["Imports".into()];
        let text = saved.to_json();
        assert!(looks_like_view(text.as_bytes()), "{text}");
        assert_eq!(SavedView::from_json(&text).unwrap(), saved);
        // Wherever the key is: such a document is then read (and refused) as a view.
        assert!(looks_like_view(
            br#"{"title": "x", "kind" : "tradechart-view"}"#
        ));
        assert!(!looks_like_view(br#"{"title": "kind tradechart-view"}"#));
        assert!(!looks_like_view(b"year,value\n2019,1\n"));
    }

    #[test]
    fn the_frequency_and_header_row_are_kept_only_when_overruled() {
        let mut saved = view();
        assert!(!saved.to_json().contains("frequency"));
        assert!(!saved.to_json().contains("header_line"));
        saved.frequency = Some(Frequency::Monthly);
        saved.header_line = Some(3);
        let text = saved.to_json();
        assert!(text.contains(r#""frequency": "monthly""#), "{text}");
        assert!(text.contains(r#""header_line": 3"#), "{text}");
        let read = SavedView::from_json(&text).unwrap();
        assert_eq!(read, saved);
        assert_eq!(read.load_options().frequency, Some(Frequency::Monthly));
        assert_eq!(read.load_options().header_line, Some(3));
    }

    #[test]
    fn the_sha256_of_abc_is_the_published_one() {
        assert_eq!(
            sha256_bytes(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn bad_views_are_problems_not_panics() {
        for text in [
            "{",
            r#"{"kind":"other","version":1,"data":{"path":"a.csv","sha256":""}}"#,
            r#"{"kind":"tradechart-view","version":9,"data":{"path":"a.csv","sha256":""}}"#,
            r#"{"kind":"tradechart-view","version":1,"data":{"path":"a.csv","sha256":""},"transform":"log"}"#,
            r#"{"kind":"tradechart-view","version":1,"data":{"path":"a.csv","sha256":""},"x_range":[2020,2010]}"#,
            r#"{"kind":"tradechart-view","version":1,"data":{"path":"","sha256":""}}"#,
            r#"{"kind":"tradechart-view","version":1,"data":{"path":"a.csv","sha256":""},"frequency":"weekly"}"#,
            r#"{"kind":"tradechart-view","version":1,"data":{"path":"a.csv","sha256":""},"header_line":0}"#,
        ] {
            assert!(SavedView::from_json(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_view_of_the_embedded_dataset_names_it_and_its_version() {
        let saved = SavedView::new(DataRef::embedded());
        let text = saved.to_json();
        assert!(text.contains(r#""embedded": "us-china-trade""#), "{text}");
        let version = format!(r#""version": "tradechart {}""#, env!("CARGO_PKG_VERSION"));
        assert!(text.contains(&version), "{text}");
        assert!(!text.contains(r#""path""#), "{text}");
        assert_eq!(SavedView::from_json(&text).unwrap(), saved);
        let other =
            r#"{"kind":"tradechart-view","version":1,"data":{"embedded":"other","sha256":""}}"#;
        assert!(SavedView::from_json(other).is_err());
    }

    #[test]
    fn relative_paths_climb_out_of_the_view_folder() {
        assert_eq!(
            relative_path(Path::new("/a/b/views"), Path::new("/a/b/data/t.csv")).unwrap(),
            Path::new("../data/t.csv")
        );
        assert_eq!(
            relative_path(Path::new("/a/b"), Path::new("/a/b/t.csv")).unwrap(),
            Path::new("t.csv")
        );
        assert_eq!(slashed(Path::new("../data/t.csv")), "../data/t.csv");
    }

    #[test]
    fn the_changed_note_names_the_file_and_both_hashes() {
        let note = changed_note(Path::new("/x/trade.csv"), &"a".repeat(64), &"b".repeat(64));
        assert!(note.starts_with("trade.csv changed since this view was saved (hash aaaaaaaaaaaa… then, bbbbbbbbbbbb… now)"), "{note}");
    }
}
