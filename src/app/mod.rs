//! The eframe window.

/// Opens the window (stub until the window lands).
pub fn run(_initial: Option<std::path::PathBuf>) -> eframe::Result {
    Ok(())
}
