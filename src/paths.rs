//! Paths as the user reads them: a file's name, and a path with `.` and `..` worked
//! out. Shared by the window and the command line (headless code never imports `app`).

use std::path::{Component, Path, PathBuf};

/// The file's name (`trade.csv` of `/home/me/trade.csv`), or the whole path when it
/// has none (`/`, `..`).
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// `path` made absolute (against the working folder) with `.` and `..` worked out by
/// its text alone, as the user should read it: `/data/exports/../trade.csv` is
/// `/data/trade.csv`. The file need not exist; links are not followed.
pub fn normalised(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return tidied(path);
    }
    match std::env::current_dir() {
        Ok(folder) => tidied(&folder.join(path)),
        Err(_) => tidied(path),
    }
}

/// `path` with `.` and `..` worked out by its text alone, relative or absolute as it
/// was given: `data/../trade.csv` is `trade.csv`, `/data/exports/../trade.csv` is
/// `/data/trade.csv`. A `..` that cannot go (`../trade.csv`) stays.
pub fn tidied(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(clean.components().next_back(), Some(Component::Normal(_))) {
                    clean.pop();
                } else if !clean.has_root() {
                    clean.push("..");
                }
            }
            other => clean.push(other.as_os_str()),
        }
    }
    clean
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_the_last_part_or_the_whole_path() {
        assert_eq!(file_name(Path::new("/home/me/trade.csv")), "trade.csv");
        assert_eq!(file_name(Path::new("trade.csv")), "trade.csv");
        assert_eq!(file_name(Path::new("/")), "/");
        assert_eq!(file_name(Path::new("data/..")), "data/..");
    }

    #[test]
    fn tidied_paths_keep_being_relative_or_absolute() {
        assert_eq!(
            tidied(Path::new("data/../trade.csv")),
            Path::new("trade.csv")
        );
        assert_eq!(tidied(Path::new("./a/./b.csv")), Path::new("a/b.csv"));
        assert_eq!(tidied(Path::new("../trade.csv")), Path::new("../trade.csv"));
        assert_eq!(
            tidied(Path::new("/data/exports/../trade.csv")),
            Path::new("/data/trade.csv")
        );
        assert_eq!(tidied(Path::new("/../trade.csv")), Path::new("/trade.csv"));
    }

    #[test]
    fn paths_are_normalised_by_their_text() {
        assert_eq!(
            normalised(Path::new("/home/me/exports/../data/./trade.csv")),
            Path::new("/home/me/data/trade.csv")
        );
        assert_eq!(normalised(Path::new("/../a/b/..")), Path::new("/a"));
        let here = std::env::current_dir().unwrap();
        assert_eq!(
            normalised(Path::new("data/../trade.csv")),
            here.join("trade.csv")
        );
    }
}
