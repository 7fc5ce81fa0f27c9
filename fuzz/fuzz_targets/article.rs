//! Front matter + Markdown: any bytes as an article file, through decoding,
//! parsing, resolving and Markdown rendering. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    loa::fuzzing::article(data);
});
