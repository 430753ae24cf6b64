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
/// fresh memory, which mimalloc takes from the OS and hands out faster (measured in
/// README "Performance"; its huge pages are turned off for bulk work, see
/// [`prefer_small_pages`]).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Has the kernel back this process's memory with 4 KB pages from now on, not the
/// 2 MB transparent huge pages mimalloc asks for.
///
/// A huge page is zeroed whole at its first touch, and right after another program
/// freed memory a free 2 MB block is memory that sat unused (on a VM, memory the host
/// must back again), while the small pages just freed are still at hand: a
/// `tradechart render` right after matplotlib ran took 130 ms with huge pages, most of
/// it zeroing them, and 40 with small ones; a 1M-row `check` 17–105 ms against 25–33
/// (README "Performance"). Called before any work that takes memory in bulk: every command
/// but the window (whose start is quicker with huge pages), and a large file read on
/// the fast path. Where the system cannot turn them off, nothing changes.
pub fn prefer_small_pages() {
    #[cfg(target_os = "linux")]
    {
        // An old kernel without the call, or a sandbox that forbids it: huge pages
        // stay, which is only slower.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
}

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

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn preferring_small_pages_turns_huge_pages_off_for_the_process() {
        super::prefer_small_pages();
        // Unless the kernel refuses the question too (then it refused the call).
        if let Ok(disabled) = rustix::thread::transparent_huge_pages_are_disabled() {
            assert!(disabled);
        }
    }
}
