//! The eframe window.
