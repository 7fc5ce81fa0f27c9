//! The one integration test binary: runs the real `loa` binary on fixture
//! sites copied into temporary folders.

mod bad_input; // Each bad input: its message, exit 1, previous output untouched.
mod build; // A fixture built end to end: pages, links, feed, sitemap, sub-paths.
mod cli; // Exit codes, usage, init and new.
mod portal;
mod support; // Fixture copying, running loa, reading output back. // The bundled portal at the repository root.
