//! The one integration test binary: runs the real `loa` binary on fixture
//! sites copied into temporary folders.

/// The invariants of ARCHITECTURE.md, checked on the source.
mod architecture;
/// Each bad input: its message, exit 1, previous output untouched.
mod bad_input;
/// The bundled portal in Debian's chromium (axe-core) and the Nu Html Checker.
mod browser;
/// A fixture built end to end: pages, links, feed, sitemap, sub-paths.
mod build;
/// Campaign pages, calendars, links.
mod campaigns;
/// Exit codes, usage, init and new.
mod cli;
/// The output compared file by file with committed digests.
mod digests;
/// The legal document registry and currency notices.
mod documents;
/// Raw HTML, escaping, CSP, killed and simultaneous builds, editor mistakes.
mod hardening;
/// `loa import plan`: the seed plans from text, Word, OpenDocument and PDF.
mod import;
/// Languages: interface text per language.
mod languages;
/// Content copied in from Hugo and Jekyll sites, as they name their files.
mod migration;
/// Word, OpenDocument and PDF files made by LibreOffice for the importer.
mod office;
/// Articles that implement plan tasks.
mod outreach;
/// Plan files, the seed plans on their pages, plan errors.
mod plans;
/// The bundled portal at the repository root.
mod portal;
/// `loa serve`: rebuild on save, errors, what is served.
mod serve;
/// Fixture copying, running loa, reading output back.
mod support;
