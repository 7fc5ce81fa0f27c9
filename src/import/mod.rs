//! `loa import`: a plan or an article from the document it arrived as
//! (Word, OpenDocument, PDF, text) → the content file a clerk would type,
//! every sentence verbatim, with a list of what the importer was unsure of.
//! Pure: bytes in, text and pictures out; `cmd::import` reads and writes.

pub mod article;
pub mod plan;
pub mod read;
pub mod site;
pub mod units;
pub mod write_yaml;

use std::cell::Cell;

thread_local! {
    static EXPECTING_PANIC: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic inside it into `None` without the "internal
/// error" message: for third-party readers that panic on damaged files.
pub fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    EXPECTING_PANIC.with(|e| e.set(true));
    let result = std::panic::catch_unwind(f).ok();
    EXPECTING_PANIC.with(|e| e.set(false));
    result
}

/// True while [`quietly`] runs on this thread: the panic hook stays silent.
pub fn panic_expected() -> bool {
    EXPECTING_PANIC.with(Cell::get)
}
