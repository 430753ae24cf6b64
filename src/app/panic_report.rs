//! Panics in the window, caught and shown instead of closing it: a panic hook records
//! what panicked (message, place, backtrace), each frame's UI runs inside
//! `catch_unwind`, and a dialog shows the report with "Copy details" so the user can
//! send it. The window, its data and its settings stay as they were before the frame.
//!
//! A panic in a background thread (a loader, a watcher) is recorded by the same hook
//! and shown by the next frame.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, Once};

use eframe::egui;
use egui::{Id, RichText, Ui};

/// What one panic said, where, and the stack that led there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PanicReport {
    pub message: String,
    /// `file:line:column`, when the panic said.
    pub location: String,
    pub thread: String,
    pub backtrace: String,
}

impl PanicReport {
    /// The report as plain text, for the clipboard and a bug report.
    pub fn details(&self) -> String {
        format!(
            "tradechart {} panicked\nmessage: {}\nlocation: {}\nthread: {}\nos: {} {}\n\nbacktrace:\n{}",
            env!("CARGO_PKG_VERSION"),
            self.message,
            self.location,
            self.thread,
            std::env::consts::OS,
            std::env::consts::ARCH,
            self.backtrace
        )
    }

    /// A report from the panic's payload alone (when no hook recorded more).
    fn from_payload(payload: &(dyn Any + Send)) -> Self {
        Self {
            message: payload_message(payload),
            location: "unknown".to_string(),
            thread: current_thread_name(),
            backtrace: "not recorded (the panic hook was not installed)".to_string(),
        }
    }
}

/// Panics recorded by the hook and not yet shown.
static RECORDED: Mutex<Vec<PanicReport>> = Mutex::new(Vec::new());

/// Installs the hook that records every panic (once; later calls do nothing). The
/// hook set before it still runs, so the panic is also printed to the terminal.
///
/// Called first thing in [`super::run`], before any reader installs its own hook
/// around a parser (the workbook reader does): that one then wraps this one and keeps
/// the panics it catches itself out of the report.
pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let report = PanicReport {
                message: payload_message(info.payload()),
                location: info.location().map_or_else(
                    || "unknown".to_string(),
                    |place| format!("{}:{}:{}", place.file(), place.line(), place.column()),
                ),
                thread: current_thread_name(),
                backtrace: std::backtrace::Backtrace::force_capture().to_string(),
            };
            // A poisoned lock still holds a usable list: a panic must never hide another.
            let mut recorded = RECORDED
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            // Bounded, in case something panics in a loop on another thread.
            if recorded.len() < 20 {
                recorded.push(report);
            }
            drop(recorded);
            previous(info);
        }));
    });
}

/// Takes the panics recorded since the last call.
pub fn take_recorded() -> Vec<PanicReport> {
    std::mem::take(
        &mut *RECORDED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    )
}

fn payload_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

fn current_thread_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("unnamed")
        .to_string()
}

/// The panic dialog's state, kept in the egui context's memory.
#[derive(Clone, Debug, Default)]
struct PanicDialog {
    /// The first report shown (later ones are usually its consequences) and how many
    /// panics there were.
    first: Option<PanicReport>,
    count: usize,
    copied: bool,
}

fn dialog_id() -> Id {
    Id::unique("tradechart-panic-dialog")
}

fn forced_id() -> Id {
    Id::unique("tradechart-force-panic")
}

/// For tests: makes the next frame of the window panic, to check that the panic is
/// caught and shown and that the window goes on.
#[doc(hidden)]
pub fn force_panic_next_frame(ctx: &egui::Context) {
    ctx.data_mut(|data| data.insert_temp(forced_id(), true));
}

/// The report shown by the panic dialog, if it is open (tests read it).
pub fn shown_report(ctx: &egui::Context) -> Option<(PanicReport, usize)> {
    ctx.data_mut(|data| {
        data.get_temp::<PanicDialog>(dialog_id())
            .and_then(|dialog| dialog.first.map(|first| (first, dialog.count)))
    })
}

/// Runs one frame of the window (`frame`) inside `catch_unwind`: a panic there is
/// shown in a dialog (with any panic recorded on other threads) and the window goes on.
pub(super) fn catch_frame(ui: &mut Ui, frame: impl FnOnce(&mut Ui)) {
    let ctx = ui.ctx().clone();
    let forced = ctx.data_mut(|data| data.remove_temp::<bool>(forced_id()).unwrap_or(false));
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if forced {
            panic!("a panic forced to test the panic dialog");
        }
        frame(ui);
    }));
    let mut reports = take_recorded();
    if let Err(payload) = outcome
        && reports.is_empty()
    {
        reports.push(PanicReport::from_payload(payload.as_ref()));
    }
    if !reports.is_empty() {
        ctx.data_mut(|data| {
            let dialog = data.get_temp_mut_or_default::<PanicDialog>(dialog_id());
            dialog.count += reports.len();
            if dialog.first.is_none() {
                dialog.first = reports.into_iter().next();
                dialog.copied = false;
            }
        });
        // The frame was cut short: draw a whole one.
        ctx.request_repaint();
    }
    dialog_ui(&ctx);
}

/// The dialog: what happened, the details, "Copy details" and "Close".
fn dialog_ui(ctx: &egui::Context) {
    let Some(mut dialog) = ctx.data_mut(|data| data.get_temp::<PanicDialog>(dialog_id())) else {
        return;
    };
    let Some(report) = dialog.first.clone() else {
        return;
    };
    let mut close = false;
    egui::Window::new("Something went wrong")
        .id(Id::unique("tradechart-panic-window"))
        .collapsible(false)
        .resizable(true)
        .default_width(520.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.label(
                "The window hit a bug and recovered. What you were doing may not have \
                 finished; your data file was not changed.",
            );
            ui.add_space(4.0);
            ui.label(RichText::new(&report.message).strong());
            ui.label(RichText::new(format!("at {}", report.location)).weak());
            if dialog.count > 1 {
                ui.label(format!("{} panics since this dialog opened", dialog.count));
            }
            egui::CollapsingHeader::new("Details").show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(240.0)
                    .show(ui, |ui| {
                        ui.label(RichText::new(report.details()).monospace().small());
                    });
            });
            ui.horizontal(|ui| {
                if ui.button("Copy details").clicked() {
                    ui.ctx().copy_text(report.details());
                    dialog.copied = true;
                }
                if dialog.copied {
                    ui.label("Copied to the clipboard");
                }
                if ui.button("Close").clicked() {
                    close = true;
                }
            });
        });
    ctx.data_mut(|data| {
        if close {
            data.remove_temp::<PanicDialog>(dialog_id());
        } else {
            data.insert_temp(dialog_id(), dialog);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_details_name_the_message_place_and_version() {
        let report = PanicReport {
            message: "index out of bounds".into(),
            location: "src/chart/mod.rs:10:5".into(),
            thread: "main".into(),
            backtrace: "0: somewhere".into(),
        };
        let details = report.details();
        assert!(details.contains("message: index out of bounds"));
        assert!(details.contains("location: src/chart/mod.rs:10:5"));
        assert!(details.contains(env!("CARGO_PKG_VERSION")));
        assert!(details.ends_with("0: somewhere"));
    }

    #[test]
    fn a_payload_of_either_string_kind_gives_its_message() {
        let text: Box<dyn Any + Send> = Box::new("static text");
        assert_eq!(
            PanicReport::from_payload(text.as_ref()).message,
            "static text"
        );
        let owned: Box<dyn Any + Send> = Box::new(String::from("owned text"));
        assert_eq!(
            PanicReport::from_payload(owned.as_ref()).message,
            "owned text"
        );
        let other: Box<dyn Any + Send> = Box::new(7);
        assert_eq!(
            PanicReport::from_payload(other.as_ref()).message,
            "a panic without a message"
        );
    }
}
