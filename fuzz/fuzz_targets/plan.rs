//! Plan YAML: any bytes as a plan file, through parsing, unit matching and
//! rendering the plan page parts. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    loa::fuzzing::plan(data);
});
