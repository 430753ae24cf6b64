//! What the window remembers between runs (window size, recent files, view choices)
//! and the `settings.json` file that holds it.
//!
//! The file lives in the platform config folder (`$XDG_CONFIG_HOME/tradechart` or
//! `~/.config/tradechart` on Linux), or in `$TRADECHART_CONFIG_DIR` when set. It is
//! written whole or not at all (a temporary file renamed into place), read with
//! defaults for every missing field so an older file still loads, and a file that
//! cannot be understood is moved aside as `settings.json.corrupt-<time>` and reported:
//! never a crash, never a silent reset.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::atomic::{self, Overwrite};

/// The environment variable naming the folder of `settings.json` (tests use a tempdir).
pub const CONFIG_DIR_VAR: &str = "TRADECHART_CONFIG_DIR";
/// The settings file's name inside the config folder.
pub const SETTINGS_FILE: &str = "settings.json";
/// How many recent files File → Open Recent lists.
pub const MAX_RECENT_FILES: usize = 10;
/// A settings file larger than this is not ours (it holds a few paths and numbers).
const MAX_SETTINGS_BYTES: u64 = 1 << 20;
/// The window size used when none is remembered, in points.
pub const DEFAULT_WINDOW_SIZE: [f32; 2] = [1100.0, 760.0];
/// The smallest window the app opens (the chart needs room for its axes).
pub const MIN_WINDOW_SIZE: [f32; 2] = [480.0, 360.0];
/// A remembered size larger than this is taken as damage, not a real window.
const MAX_WINDOW_SIDE: f32 = 16_384.0;

/// Everything remembered between runs. Every field has a default, so a file written
/// by an older version (with fewer fields) loads, and unknown fields are ignored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The window's inner size in points when the app last closed.
    pub window_size: Option<[f32; 2]>,
    /// The files opened most recently, most recent first.
    pub recent_files: Vec<PathBuf>,
    /// For a recent file that holds several datasets, the part it was read with
    /// (`partner=China`), as `--select` writes it.
    pub recent_selections: BTreeMap<PathBuf, String>,
    /// The view choices (theme, markers, labels, side panel…) as the window's view
    /// code writes them. Kept as raw JSON so that a view field this version does not
    /// understand spoils only the view choices, not the whole file.
    pub view: serde_json::Value,
    /// The window's scale set with Ctrl+Plus / Ctrl+Minus (egui's zoom factor); `None`
    /// at 100%.
    pub ui_zoom: Option<f32>,
}

impl Settings {
    /// The size to open the window at: the remembered one when it is sane, else the
    /// default.
    pub fn window_size_or_default(&self) -> [f32; 2] {
        match self.window_size {
            Some([width, height])
                if (MIN_WINDOW_SIZE[0]..=MAX_WINDOW_SIDE).contains(&width)
                    && (MIN_WINDOW_SIZE[1]..=MAX_WINDOW_SIDE).contains(&height) =>
            {
                [width, height]
            }
            _ => DEFAULT_WINDOW_SIZE,
        }
    }
}

/// The recently opened files, most recent first, at most [`MAX_RECENT_FILES`], each
/// with the part of it that was read when it holds several (`partner=China`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
    selections: BTreeMap<PathBuf, String>,
}

impl RecentFiles {
    /// The list from remembered paths (duplicates and extra entries dropped) and the
    /// selections they were read with (a selection of a path not in the list is
    /// dropped).
    pub fn from_settings(
        paths: impl IntoIterator<Item = PathBuf>,
        selections: BTreeMap<PathBuf, String>,
    ) -> Self {
        let mut recent = Self::default();
        let mut paths: Vec<PathBuf> = paths.into_iter().collect();
        paths.reverse();
        for path in paths {
            let selection = selections.get(&path).cloned();
            recent.add_read_with(&path, selection);
        }
        recent
    }

    /// Puts `path` first (made absolute, so the list means the same from any folder).
    /// A path that is not valid Unicode is left out: the settings file is JSON.
    pub fn add(&mut self, path: &Path) {
        self.add_read_with(path, None);
    }

    /// [`Self::add`], remembering the part of the file that was read (`None`: the
    /// whole file).
    pub fn add_read_with(&mut self, path: &Path, selection: Option<String>) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if path.to_str().is_none() {
            return;
        }
        self.paths.retain(|known| known != &path);
        self.paths.insert(0, path.clone());
        match selection.filter(|selection| !selection.is_empty()) {
            Some(selection) => self.selections.insert(path, selection),
            None => self.selections.remove(&path),
        };
        for dropped in self.paths.drain(MAX_RECENT_FILES.min(self.paths.len())..) {
            self.selections.remove(&dropped);
        }
    }

    /// Forgets every file.
    pub fn clear(&mut self) {
        self.paths.clear();
        self.selections.clear();
    }

    /// The files, most recent first.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// The part of `path` that was read, if it holds several.
    pub fn selection_of(&self, path: &Path) -> Option<&str> {
        self.selections.get(path).map(String::as_str)
    }

    /// Every remembered selection, by path.
    pub fn selections(&self) -> &BTreeMap<PathBuf, String> {
        &self.selections
    }
}

/// The settings read at start, with a remark for the user when the file was not usable.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SettingsRead {
    pub settings: Settings,
    /// Said in the window: the file was damaged and moved aside, or could not be read.
    pub note: Option<String>,
    /// False when the file exists but could not be read or moved aside: writing over
    /// it would silently lose it, so it is left alone for this run.
    pub writable: bool,
}

/// Where `settings.json` lives, and reading and writing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsStore {
    folder: PathBuf,
}

impl SettingsStore {
    /// Settings kept in `folder`.
    pub fn new(folder: impl Into<PathBuf>) -> Self {
        Self {
            folder: folder.into(),
        }
    }

    /// The store the app uses: `$TRADECHART_CONFIG_DIR`, else the platform config
    /// folder. `None` when the system has no config folder (then nothing is kept).
    pub fn from_env() -> Option<Self> {
        folder_from(std::env::var_os(CONFIG_DIR_VAR), dirs::config_dir()).map(Self::new)
    }

    /// The settings file.
    pub fn path(&self) -> PathBuf {
        self.folder.join(SETTINGS_FILE)
    }

    /// Reads the settings. A missing file gives the defaults; a damaged one is moved
    /// aside (see the module documentation) and reported in [`SettingsRead::note`].
    pub fn load(&self) -> SettingsRead {
        let path = self.path();
        let bytes = match read_limited(&path) {
            Ok(FileRead::Bytes(bytes)) => bytes,
            Ok(FileRead::Missing) => {
                return SettingsRead {
                    writable: true,
                    ..SettingsRead::default()
                };
            }
            Ok(FileRead::TooLarge) => {
                return self.set_aside(&path, "expected a small JSON file, found over 1 MB");
            }
            Err(message) => {
                return SettingsRead {
                    note: Some(format!(
                        "Settings not loaded: cannot read {}: {message}. They will not be \
                         saved this time, so the file is left as it is.",
                        path.display()
                    )),
                    ..SettingsRead::default()
                };
            }
        };
        match serde_json::from_slice::<Settings>(&bytes) {
            Ok(settings) => SettingsRead {
                settings,
                note: None,
                writable: true,
            },
            Err(error) => self.set_aside(&path, &error.to_string()),
        }
    }

    /// Writes `settings` atomically, creating the folder if needed.
    pub fn save(&self, settings: &Settings) -> Result<(), String> {
        std::fs::create_dir_all(&self.folder)
            .map_err(|error| format!("cannot create {}: {error}", self.folder.display()))?;
        let mut text = serde_json::to_string_pretty(settings).map_err(|error| error.to_string())?;
        text.push('\n');
        atomic::write_file(&self.path(), text.as_bytes(), Overwrite::Replace, &[])
            .map_err(|error| error.to_string())
    }

    /// Moves a damaged settings file aside and says so.
    fn set_aside(&self, path: &Path, why: &str) -> SettingsRead {
        let aside = aside_path(path, &timestamp());
        match std::fs::rename(path, &aside) {
            Ok(()) => SettingsRead {
                note: Some(format!(
                    "The settings file was damaged ({why}); it was kept as {} and the \
                     defaults are used.",
                    aside.display()
                )),
                settings: Settings::default(),
                writable: true,
            },
            Err(error) => SettingsRead {
                note: Some(format!(
                    "The settings file {} is damaged ({why}) and could not be moved aside \
                     ({error}); the defaults are used and it is left as it is.",
                    path.display()
                )),
                settings: Settings::default(),
                writable: false,
            },
        }
    }
}

/// The window's settings part: where the settings are kept, what was last written
/// (or read), the window's size and the remark about the file. The recent files are
/// the files part's and the look the view's; [`Settings`] gathers them to write.
#[derive(Debug, Default)]
pub struct KeptSettings {
    /// `None`: nothing is kept between runs (tests, or no config folder).
    store: Option<SettingsStore>,
    /// False when the settings file could not be read: it is then left alone.
    writable: bool,
    /// The settings last written (or read), to write only when something changed.
    saved: Settings,
    /// A remark about the settings file (damaged, unreadable, not saved).
    note: Option<String>,
    window_size: Option<[f32; 2]>,
}

impl KeptSettings {
    /// Settings kept in `store`, read from it now.
    pub fn read(store: SettingsStore) -> Self {
        let read = store.load();
        Self {
            writable: read.writable,
            note: read.note,
            window_size: read.settings.window_size,
            saved: read.settings,
            store: Some(store),
        }
    }

    /// The settings last written, or read at start.
    pub fn saved(&self) -> &Settings {
        &self.saved
    }

    /// The window's size in points, as last seen (or remembered).
    pub fn window_size(&self) -> Option<[f32; 2]> {
        self.window_size
    }

    pub fn set_window_size(&mut self, size: [f32; 2]) {
        self.window_size = Some(size);
    }

    /// The remark about the settings file, while shown.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Shows `note` unless a remark is shown already.
    pub fn add_note(&mut self, note: Option<String>) {
        self.note = self.note.take().or(note);
    }

    pub fn dismiss_note(&mut self) {
        self.note = None;
    }

    /// True when `now` differs from what was last written in more than the window
    /// size (which changes with every drag of the border; it is written on close).
    pub fn changed_besides_size(&self, now: &Settings) -> bool {
        let mut now = now.clone();
        now.window_size = self.saved.window_size;
        now != self.saved
    }

    /// Writes `now` if it differs from what was last written (no store, or a file
    /// that could not be read: nothing); a failure becomes the remark.
    pub fn save(&mut self, now: Settings) {
        if now == self.saved {
            return;
        }
        self.saved = now;
        let Some(store) = &self.store else {
            return;
        };
        if !self.writable {
            return;
        }
        if let Err(error) = store.save(&self.saved) {
            self.note = Some(format!("Settings not saved: {error}"));
        }
    }
}

/// The config folder: the override when set and not empty, else `<config>/tradechart`.
pub fn folder_from(override_dir: Option<OsString>, config_dir: Option<PathBuf>) -> Option<PathBuf> {
    match override_dir {
        Some(folder) if !folder.is_empty() => Some(PathBuf::from(folder)),
        _ => config_dir.map(|config| config.join("tradechart")),
    }
}

/// `settings.json` → `settings.json.corrupt-<stamp>`, with `-2`, `-3`… if taken.
fn aside_path(path: &Path, stamp: &str) -> PathBuf {
    let name = path.file_name().map_or_else(
        || SETTINGS_FILE.into(),
        |name| name.to_string_lossy().into_owned(),
    );
    let first = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    if std::fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2..1000)
        .map(|n| path.with_file_name(format!("{name}.corrupt-{stamp}-{n}")))
        .find(|candidate| std::fs::symlink_metadata(candidate).is_err())
        .unwrap_or(first)
}

/// Now in UTC as `20261126T014203Z` (sorts by time, safe in a file name).
fn timestamp() -> String {
    crate::data::freshness::now_utc().map_or_else(
        || "unknown-time".to_string(),
        |time| time.format("%Y%m%dT%H%M%SZ").to_string(),
    )
}

/// What reading the settings file found.
enum FileRead {
    Missing,
    Bytes(Vec<u8>),
    /// Too large to be ours: damaged, and not read into memory.
    TooLarge,
}

/// The file's bytes, if it exists and is of a sane size; refuses a folder or device.
fn read_limited(path: &Path) -> Result<FileRead, String> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(FileRead::Missing);
        }
        Err(error) => return Err(error.to_string()),
    };
    if !metadata.is_file() {
        return Err("expected a file, found a folder or device".into());
    }
    let file = std::fs::File::open(path).map_err(|error| error.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_SETTINGS_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| error.to_string())?;
    if bytes.len() as u64 > MAX_SETTINGS_BYTES {
        return Ok(FileRead::TooLarge);
    }
    Ok(FileRead::Bytes(bytes))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn kept_settings_are_written_when_they_change_and_the_size_waits() {
        let folder = tempfile::tempdir().unwrap();
        let store = SettingsStore::new(folder.path());
        let mut kept = KeptSettings::read(store.clone());
        assert_eq!(kept.saved(), &Settings::default());
        let recent = Settings {
            recent_files: vec![PathBuf::from("/data/trade.csv")],
            ..Settings::default()
        };
        assert!(kept.changed_besides_size(&recent));
        kept.save(recent.clone());
        assert_eq!(store.load().settings, recent);
        // A new size alone is no change worth a write until the window closes.
        kept.set_window_size([1280.0, 800.0]);
        let sized = Settings {
            window_size: kept.window_size(),
            ..recent.clone()
        };
        assert!(!kept.changed_besides_size(&sized));
        kept.save(sized.clone());
        assert_eq!(
            KeptSettings::read(store).window_size(),
            Some([1280.0, 800.0])
        );
    }

    #[test]
    fn a_settings_file_that_could_not_be_read_is_left_alone() {
        let mut kept = KeptSettings {
            store: Some(SettingsStore::new("/nonexistent/tradechart-test")),
            writable: false,
            ..KeptSettings::default()
        };
        kept.add_note(Some("Settings not loaded".into()));
        kept.save(Settings {
            window_size: Some([800.0, 600.0]),
            ..Settings::default()
        });
        // Not written (no "not saved" remark either): the first remark stays.
        assert_eq!(kept.note(), Some("Settings not loaded"));
        kept.add_note(Some("another".into()));
        assert_eq!(kept.note(), Some("Settings not loaded"));
        kept.dismiss_note();
        assert_eq!(kept.note(), None);
    }

    #[test]
    fn the_override_folder_wins_over_the_platform_folder() {
        let config = Some(PathBuf::from("/home/a/.config"));
        assert_eq!(
            folder_from(Some("/tmp/x".into()), config.clone()),
            Some(PathBuf::from("/tmp/x"))
        );
        assert_eq!(
            folder_from(Some("".into()), config.clone()),
            Some(PathBuf::from("/home/a/.config/tradechart"))
        );
        assert_eq!(
            folder_from(None, config),
            Some(PathBuf::from("/home/a/.config/tradechart"))
        );
        assert_eq!(folder_from(None, None), None);
    }

    #[test]
    fn recent_files_are_unique_most_recent_first_and_capped() {
        let mut recent = RecentFiles::default();
        for n in 0..12 {
            recent.add(Path::new(&format!("/data/{n}.csv")));
        }
        recent.add(Path::new("/data/5.csv"));
        let names: Vec<_> = recent
            .paths()
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        assert_eq!(names.len(), MAX_RECENT_FILES);
        assert_eq!(names[0], "/data/5.csv");
        assert_eq!(names[1], "/data/11.csv");
        assert_eq!(
            names.iter().filter(|name| *name == "/data/5.csv").count(),
            1
        );
        assert!(!names.contains(&"/data/0.csv".to_string()));
    }

    #[test]
    fn a_recent_file_keeps_the_part_it_was_read_with_until_read_whole() {
        let mut recent = RecentFiles::default();
        let file = Path::new("/data/country.xlsx");
        recent.add_read_with(file, Some("partner=China".into()));
        assert_eq!(recent.selection_of(file), Some("partner=China"));
        recent.add(Path::new("/data/other.csv"));
        assert_eq!(recent.selection_of(file), Some("partner=China"));
        recent.add(file);
        assert_eq!(recent.selection_of(file), None);
        // A file pushed off the list takes its selection with it.
        recent.add_read_with(file, Some("partner=Mexico".into()));
        for n in 0..MAX_RECENT_FILES {
            recent.add(Path::new(&format!("/data/{n}.csv")));
        }
        assert!(recent.selections().is_empty());
        // From settings: a selection without its file is dropped.
        let selections = BTreeMap::from([
            (PathBuf::from("/data/a.xlsx"), "partner=China".to_string()),
            (
                PathBuf::from("/data/gone.xlsx"),
                "partner=Canada".to_string(),
            ),
        ]);
        let recent = RecentFiles::from_settings([PathBuf::from("/data/a.xlsx")], selections);
        assert_eq!(recent.selections().len(), 1);
        assert_eq!(
            recent.selection_of(Path::new("/data/a.xlsx")),
            Some("partner=China")
        );
    }

    #[test]
    fn recent_files_are_made_absolute() {
        let mut recent = RecentFiles::default();
        recent.add(Path::new("trade.csv"));
        assert!(recent.paths()[0].is_absolute());
        assert!(recent.paths()[0].ends_with("trade.csv"));
    }

    #[test]
    fn a_remembered_window_size_is_used_only_when_sane() {
        let sized = |size| Settings {
            window_size: size,
            ..Settings::default()
        };
        assert_eq!(
            sized(Some([1280.0, 800.0])).window_size_or_default(),
            [1280.0, 800.0]
        );
        assert_eq!(sized(None).window_size_or_default(), DEFAULT_WINDOW_SIZE);
        assert_eq!(
            sized(Some([10.0, 800.0])).window_size_or_default(),
            DEFAULT_WINDOW_SIZE
        );
        assert_eq!(
            sized(Some([1e9, 800.0])).window_size_or_default(),
            DEFAULT_WINDOW_SIZE
        );
        assert_eq!(
            sized(Some([f32::NAN, 800.0])).window_size_or_default(),
            DEFAULT_WINDOW_SIZE
        );
    }

    #[test]
    fn a_taken_aside_name_gets_a_number() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(SETTINGS_FILE);
        let first = aside_path(&path, "T");
        assert!(first.ends_with("settings.json.corrupt-T"));
        std::fs::write(&first, "x").unwrap();
        assert!(aside_path(&path, "T").ends_with("settings.json.corrupt-T-2"));
    }

    #[test]
    fn timestamps_are_compact_utc() {
        let stamp = timestamp();
        assert_eq!(stamp.len(), "20261126T014203Z".len(), "{stamp}");
        assert!(stamp.ends_with('Z'));
    }
}
