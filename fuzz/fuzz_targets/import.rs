//! `loa import plan`: any bytes as a document (text, Markdown, Word,
//! OpenDocument, PDF). The importer may refuse them; it must not panic, and
//! a plan file it writes must read back as a plan.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    loa::fuzzing::import(data);
});
