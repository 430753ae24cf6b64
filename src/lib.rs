//! tradechart: charts of trade balance and tariff rates with the policy events that
//! moved them.
//!
//! The data flows one way, and each layer depends only on the ones before it:
//!
//! ```text
//! file ──▶ data (read, validate, one Dataset) ──▶ chart (what to draw) ──▶ app (egui window)
//!                                                                   └──▶ cli (check, render)
//! ```
//!
//! * [`data`] reads every supported file format into one [`data::Dataset`], or into a
//!   list of [`data::Problem`]s that say where the file is wrong. It knows nothing of
//!   egui.
//! * [`chart`] turns a dataset and view options into a plain description of panels,
//!   lines, event marks and labels. It knows nothing of egui either, and is tested
//!   without a window.
//! * [`app`] is the eframe window: it paints a [`chart::Chart`] with egui_plot and runs
//!   the commands of its menus.
//! * [`export`] draws a [`chart::Chart`] as SVG or PNG (no window, no GPU), writes
//!   the data as CSV, and writes every file atomically.
//! * [`cli`] holds the command line: the `check` command and the argument parser.
//! * [`paths`] shows paths as the user reads them, for the window and the command line.

pub mod app;
pub mod chart;
pub mod cli;
pub mod data;
pub mod export;
pub mod paths;

/// mimalloc instead of the system allocator: a large file's points are tens of MB of
/// fresh memory, and mimalloc takes it from the OS in huge pages where the system
/// allows them (measured in README "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Gives the memory freed so far back to the system now, rather than after
/// mimalloc's delay: the fast CSV path frees the second half of a large file's points
/// series by series while it appends them to the first half's, and without this the
/// freed halves stay counted until the end (a 7M-row file peaked at 381 MB, 274 MB
/// with it; README "Performance").
///
/// The one `unsafe` of the crate: `mi_collect` is mimalloc's own C function (linked
/// with the allocator above), which neither the `mimalloc` crate nor its sys crate
/// (without a feature that needs a further dependency) exposes safely. It takes a
/// flag and touches no Rust memory.
#[allow(unsafe_code)]
pub(crate) fn return_freed_memory() {
    unsafe extern "C" {
        fn mi_collect(force: bool);
    }
    // SAFETY: `mi_collect` may be called at any time from any thread; it only frees
    // mimalloc's own cached memory.
    unsafe { mi_collect(true) }
}
