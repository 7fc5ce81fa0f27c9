//! What the legal document registry's templates get, besides
//! [`super::Common`], and the currency notices plan and article pages show.

use serde::Serialize;

use super::Link;

/// Whether a document is in force on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In force.
    InForce,
    /// Passed, not yet in force.
    NotYet,
    /// No longer in force.
    Ended,
    /// The registry gives no dates: loa does not claim either way.
    Unknown,
}

/// One row of the registry list.
#[derive(Serialize)]
pub struct DocRow {
    pub name: String,
    pub number: String,
    pub kind: String,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
    /// The first day it was no longer in force.
    pub ended_from: Option<String>,
    pub status: Status,
    pub url: String,
    pub replaced_by: Option<Link>,
    pub cited: usize,
}

/// `/van-ban/`.
#[derive(Serialize)]
pub struct DocsData {
    pub documents: Vec<DocRow>,
}

/// Something that cites a document.
#[derive(Serialize)]
pub struct CiterView {
    pub link: Link,
    pub date: String,
    /// It relied on the document when it was no longer in force.
    pub stale: bool,
    /// It only names the document in its text.
    pub mentioned: bool,
}

/// `/van-ban/<slug>/`.
#[derive(Serialize)]
pub struct DocData {
    pub document: DocRow,
    pub title: Option<String>,
    pub source_url: Option<String>,
    pub note: Option<String>,
    pub replaces: Vec<Link>,
    pub plans: Vec<CiterView>,
    pub articles: Vec<CiterView>,
}

/// A notice on a page that cites a document no longer in force.
#[derive(Serialize)]
pub struct Notice {
    pub document: Link,
    /// The first day it was no longer in force.
    pub ended_from: String,
    pub replaced_by: Option<Link>,
    /// For plans: it had already ended when the plan was issued.
    pub at_issue: bool,
}
