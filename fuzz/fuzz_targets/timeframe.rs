//! The timeframe reader on any text. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        loa::fuzzing::timeframe(text);
    }
});
