//! Files written whole or not at all: the bytes go to a temporary file beside the
//! target, are flushed to disk, and the temporary file is renamed into place. An
//! existing file is replaced only when the caller says so, and never when it is one of
//! the files the chart was read from. On any failure the temporary file is removed,
//! so no partial file is ever left behind.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// What to do when the target exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// Fail with [`WriteError::Exists`] (the default: the user has not confirmed).
    Refuse,
    /// Replace it (the user confirmed, or `--force`).
    Replace,
}

/// Why a file was not written. The target is as it was before in every case.
#[derive(Debug)]
pub enum WriteError {
    /// The target exists and replacing it was not allowed.
    Exists(PathBuf),
    /// The target is a file the chart was read from.
    IsInput(PathBuf),
    /// The target is a folder.
    IsFolder(PathBuf),
    /// The file system refused: no such folder, no permission, disk full…
    Io { path: PathBuf, message: String },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Exists(path) => write!(
                f,
                "{}: the file exists; not replaced (use --force to replace it)",
                path.display()
            ),
            WriteError::IsInput(path) => write!(
                f,
                "{}: this is the file the chart was read from; not overwritten",
                path.display()
            ),
            WriteError::IsFolder(path) => {
                write!(
                    f,
                    "{}: expected a file name, found a folder",
                    path.display()
                )
            }
            WriteError::Io { path, message } => {
                write!(f, "{}: cannot write the file: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes `bytes` to `target` atomically (see the module documentation). `inputs` are
/// the files the chart was read from; `target` may never be one of them.
pub fn write_file(
    target: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
    inputs: &[&Path],
) -> Result<(), WriteError> {
    write_with(target, overwrite, inputs, |file| file.write_all(bytes))
}

/// Like [`write_file`], with the contents produced by `write` into the temporary file.
/// If `write` fails, nothing is left behind and the error is returned.
pub fn write_with(
    target: &Path,
    overwrite: Overwrite,
    inputs: &[&Path],
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    check_target(target, overwrite, inputs)?;
    let io_error = |error: io::Error| WriteError::Io {
        path: target.to_path_buf(),
        message: error.to_string(),
    };
    let (temp_path, mut file) = create_temp_beside(target).map_err(io_error)?;
    let temp = TempFile(Some(temp_path));
    let written = write(&mut file)
        .and_then(|()| file.flush())
        .and_then(|()| file.sync_all());
    drop(file);
    written.map_err(io_error)?;
    temp.move_into_place(target, overwrite)?;
    sync_folder(target);
    Ok(())
}

/// Refuses a target that is a folder, an input file, or exists when not to be replaced.
fn check_target(target: &Path, overwrite: Overwrite, inputs: &[&Path]) -> Result<(), WriteError> {
    if target.as_os_str().is_empty() || target.is_dir() {
        return Err(WriteError::IsFolder(target.to_path_buf()));
    }
    if inputs.iter().any(|input| same_file(input, target)) {
        return Err(WriteError::IsInput(target.to_path_buf()));
    }
    if overwrite == Overwrite::Refuse && fs::symlink_metadata(target).is_ok() {
        return Err(WriteError::Exists(target.to_path_buf()));
    }
    Ok(())
}

/// Whether two paths name the same existing file (links and `..` resolved).
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) if a == b => true,
        _ => same_inode(a, b),
    }
}

/// Two names of one file (a hard link): the same device and inode.
#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_a: &Path, _b: &Path) -> bool {
    false
}

/// Creates a new temporary file in the target's folder: `.name.tmp-PID-N`.
fn create_temp_beside(target: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let folder = folder_of(target);
    let name = target.file_name().map_or_else(
        || "export".into(),
        |name| name.to_string_lossy().into_owned(),
    );
    let mut last_error = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = folder.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => last_error = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Flushes the folder entry of a renamed file to disk, where the system allows it.
fn sync_folder(target: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = File::open(folder_of(target)) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = target;
}

/// A temporary file that is removed when dropped, unless it was moved into place.
struct TempFile(Option<PathBuf>);

impl TempFile {
    fn move_into_place(mut self, target: &Path, overwrite: Overwrite) -> Result<(), WriteError> {
        let Some(temp) = self.0.take() else {
            return Ok(());
        };
        let result = match overwrite {
            Overwrite::Replace => {
                keep_permissions(target, &temp);
                fs::rename(&temp, target).map_err(|error| WriteError::Io {
                    path: target.to_path_buf(),
                    message: error.to_string(),
                })
            }
            Overwrite::Refuse => place_without_replacing(&temp, target),
        };
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        }
        result
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = fs::remove_file(path);
        }
    }
}

/// Puts `temp` at `target` only if nothing is there: a hard link fails when the target
/// exists, so a file created in the meantime is never replaced. File systems without
/// hard links fall back to checking, then renaming.
fn place_without_replacing(temp: &Path, target: &Path) -> Result<(), WriteError> {
    match fs::hard_link(temp, target) {
        Ok(()) => {
            let _ = fs::remove_file(temp);
            Ok(())
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists(target.to_path_buf()))
        }
        Err(_) if fs::symlink_metadata(target).is_ok() => {
            Err(WriteError::Exists(target.to_path_buf()))
        }
        Err(_) => fs::rename(temp, target).map_err(|error| WriteError::Io {
            path: target.to_path_buf(),
            message: error.to_string(),
        }),
    }
}

/// A replaced file keeps its permissions (a file others may read stays readable).
fn keep_permissions(target: &Path, temp: &Path) {
    if let Ok(metadata) = fs::metadata(target) {
        let _ = fs::set_permissions(temp, metadata.permissions());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_a_new_file_and_leaves_no_temporary_file() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("chart.svg");
        write_file(&target, b"<svg/>", Overwrite::Refuse, &[]).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"<svg/>");
        assert_eq!(names(folder.path()), ["chart.svg"]);
    }

    #[test]
    fn refuses_to_replace_unless_allowed() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("chart.png");
        fs::write(&target, b"old").unwrap();
        let error = write_file(&target, b"new", Overwrite::Refuse, &[]).unwrap_err();
        assert!(matches!(error, WriteError::Exists(_)), "{error}");
        assert!(error.to_string().contains("--force"));
        assert_eq!(fs::read(&target).unwrap(), b"old");
        write_file(&target, b"new", Overwrite::Replace, &[]).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(names(folder.path()), ["chart.png"]);
    }

    #[test]
    fn never_writes_onto_an_input_file() {
        let folder = tempfile::tempdir().unwrap();
        let input = folder.path().join("trade.csv");
        fs::write(&input, b"year,x\n2018,1\n").unwrap();
        let same = folder.path().join(".").join("trade.csv");
        let error = write_file(&same, b"x", Overwrite::Replace, &[input.as_path()]).unwrap_err();
        assert!(matches!(error, WriteError::IsInput(_)), "{error}");
        assert_eq!(fs::read(&input).unwrap(), b"year,x\n2018,1\n");
    }

    #[test]
    fn a_failed_write_leaves_neither_file_nor_temporary_file() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("chart.svg");
        let error = write_with(&target, Overwrite::Refuse, &[], |file| {
            file.write_all(b"<svg>half")?;
            Err(io::Error::other("interrupted"))
        })
        .unwrap_err();
        assert!(error.to_string().contains("interrupted"), "{error}");
        assert!(names(folder.path()).is_empty());
        // Replacing: the old file stays as it was.
        fs::write(&target, b"old").unwrap();
        let _ = write_with(&target, Overwrite::Replace, &[], |_| {
            Err(io::Error::other("disk full"))
        });
        assert_eq!(fs::read(&target).unwrap(), b"old");
        assert_eq!(names(folder.path()), ["chart.svg"]);
    }

    #[test]
    fn reports_a_missing_folder_and_a_folder_target() {
        let folder = tempfile::tempdir().unwrap();
        let missing = folder.path().join("no/such/chart.svg");
        let error = write_file(&missing, b"x", Overwrite::Refuse, &[]).unwrap_err();
        assert!(matches!(error, WriteError::Io { .. }), "{error}");
        let error = write_file(folder.path(), b"x", Overwrite::Replace, &[]).unwrap_err();
        assert!(matches!(error, WriteError::IsFolder(_)), "{error}");
    }
}
