//! Search that works on any static host: an inverted index built at build
//! time, cut into small files that the page downloads only when someone
//! searches, and only the pieces a query needs. Pure.
//!
//! Words are folded the same way here and in `search.js`: decomposed
//! (NFD), combining marks dropped, `đ` → `d`, lowercase. So "duong day
//! nong", "đường dây nóng" and text typed in decomposed Unicode all match.
//! Consecutive word pairs are indexed too, so that phrases rank first.
//!
//! Files, under `tim-kiem/`:
//! - `chi-muc.json`: the manifest (number of documents, first term of each
//!   index chunk, kinds, topics);
//! - `c/<n>.json`: index chunks, `{term: "id,weight;id,weight…"}` with ids
//!   delta-encoded in base 36 (each chunk about 24 KB);
//! - `d/<n>.json`: documents `8n` to `8n + 7`, each with kind, title, URL,
//!   topics and text for the snippet;
//! - `loc.json`: each document's kind and topics, for filters.

use std::collections::BTreeMap;

use serde::Serialize;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Kinds of searchable content, with their Vietnamese names.
pub const KINDS: &[(&str, &str)] = &[
    ("bai-viet", "Bài viết"),
    ("ke-hoach", "Kế hoạch"),
    ("nhiem-vu", "Nhiệm vụ"),
    ("don-vi", "Đơn vị"),
    ("chien-dich", "Chiến dịch"),
];

/// Target size of one index chunk, in bytes.
const CHUNK_BYTES: usize = 24 * 1024;
/// Longest text kept per document for snippets.
const SNIPPET_SOURCE_CHARS: usize = 1500;
/// Documents per `d/` file: one file per document would mean tens of
/// thousands of files to upload for a large site; eight keep what a reader
/// downloads for ten results small.
pub const DOCS_PER_FILE: usize = 8;

/// One searchable document.
pub struct SearchDoc {
    /// A key of [`KINDS`].
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// Site path (`bai-viet/x/`, `ke-hoach/y/#muc-ii-1`).
    pub url: String,
    /// Topic slugs.
    pub topics: Vec<String>,
    /// All its text.
    pub text: String,
}

/// A word as search compares it.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The folded words of a text.
pub fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    documents: usize,
    chunks: Vec<String>,
    kinds: Vec<Named<'a>>,
    topics: Vec<Named<'a>>,
}

#[derive(Serialize)]
struct Named<'a> {
    key: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct DocFile<'a> {
    k: &'a str,
    t: &'a str,
    u: &'a str,
    p: Vec<usize>,
    x: String,
}

#[derive(Serialize)]
struct Filters {
    /// Index into the manifest's kinds, per document.
    k: Vec<usize>,
    /// Indexes into the manifest's topics, per document.
    p: Vec<Vec<usize>>,
}

/// The index files, as `(path below the search folder, bytes)`.
/// `topics` gives the name of every topic slug that documents use.
pub fn build(docs: &[SearchDoc], topics: &BTreeMap<String, String>) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    // term → (doc, weight); docs are added in id order, so lists stay sorted.
    // Terms are counted in parallel a batch of documents at a time, so a
    // large site never holds every document's term list at once.
    // Ids fit in 32 bits and weights (at most 19) in 8: a large site's
    // postings are held in half the memory.
    let mut postings: std::collections::HashMap<String, Vec<(u32, u8)>> =
        std::collections::HashMap::new();
    const BATCH: usize = 512;
    for (b, batch) in docs.chunks(BATCH).enumerate() {
        let per_doc: Vec<Vec<(String, u32)>> = batch.par_iter().map(doc_terms).collect();
        for (k, terms) in per_doc.into_iter().enumerate() {
            for (term, weight) in terms {
                postings
                    .entry(term)
                    .or_default()
                    .push(((b * BATCH + k) as u32, weight as u8));
            }
        }
    }
    // Each list is encoded and freed in turn.
    let mut postings: Vec<(String, String)> = postings
        .into_par_iter()
        .map(|(term, list)| {
            let mut encoded = String::with_capacity(list.len() * 4);
            let mut previous = 0;
            for (i, (id, weight)) in list.into_iter().enumerate() {
                if i > 0 {
                    encoded.push(';');
                }
                encoded.push_str(&base36((id - previous) as usize));
                encoded.push(',');
                encoded.push_str(&weight.to_string());
                previous = id;
            }
            (term, encoded)
        })
        .collect();
    postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));

    let mut files = Vec::new();
    let mut chunk_firsts = Vec::new();
    let mut chunk: BTreeMap<String, String> = BTreeMap::new();
    let mut size = 0;
    let flush = |chunk: &mut BTreeMap<String, String>, files: &mut Vec<(String, Vec<u8>)>| {
        if !chunk.is_empty() {
            let n = files.len();
            files.push((
                format!("c/{n}.json"),
                serde_json::to_vec(&*chunk).unwrap_or_default(),
            ));
            chunk.clear();
        }
    };
    for (term, encoded) in postings {
        if size > 0 && size + encoded.len() + term.len() > CHUNK_BYTES {
            flush(&mut chunk, &mut files);
            size = 0;
        }
        if chunk.is_empty() {
            chunk_firsts.push(term.clone());
        }
        size += encoded.len() + term.len() + 6;
        chunk.insert(term, encoded);
    }
    flush(&mut chunk, &mut files);

    let topic_keys: Vec<&String> = topics.keys().collect();
    let kind_index = |k: &str| KINDS.iter().position(|(key, _)| *key == k).unwrap_or(0);
    let topic_indexes = |doc: &SearchDoc| -> Vec<usize> {
        doc.topics
            .iter()
            .filter_map(|t| topic_keys.iter().position(|k| *k == t))
            .collect()
    };
    let doc_files: Vec<(String, Vec<u8>)> = docs
        .par_chunks(DOCS_PER_FILE)
        .enumerate()
        .map(|(n, group)| {
            let bundle: Vec<DocFile> = group
                .iter()
                .map(|doc| DocFile {
                    k: doc.kind,
                    t: &doc.title,
                    u: &doc.url,
                    p: topic_indexes(doc),
                    x: doc.text.chars().take(SNIPPET_SOURCE_CHARS).collect(),
                })
                .collect();
            (
                format!("d/{n}.json"),
                serde_json::to_vec(&bundle).unwrap_or_default(),
            )
        })
        .collect();
    files.extend(doc_files);
    let filters = Filters {
        k: docs.iter().map(|d| kind_index(d.kind)).collect(),
        p: docs.iter().map(topic_indexes).collect(),
    };
    files.push((
        "loc.json".to_string(),
        serde_json::to_vec(&filters).unwrap_or_default(),
    ));
    let manifest = Manifest {
        version: 1,
        documents: docs.len(),
        chunks: chunk_firsts,
        kinds: KINDS
            .iter()
            .filter(|(k, _)| docs.iter().any(|d| d.kind == *k))
            .map(|(key, name)| Named { key, name })
            .collect(),
        topics: topics
            .iter()
            .map(|(key, name)| Named { key, name })
            .collect(),
    };
    files.push((
        "chi-muc.json".to_string(),
        serde_json::to_vec(&manifest).unwrap_or_default(),
    ));
    files
}

/// One document's terms (words and word pairs) with their weights: how
/// often they occur (at most 9), plus 10 when in the title.
fn doc_terms(doc: &SearchDoc) -> Vec<(String, u32)> {
    let title: Vec<String> = tokens(&doc.title);
    let body: Vec<String> = tokens(&doc.text);
    let title_terms: std::collections::HashSet<String> = title
        .iter()
        .cloned()
        .chain(title.windows(2).map(|p| format!("{} {}", p[0], p[1])))
        .collect();
    let mut counts: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for words in [&title, &body] {
        for w in words.iter() {
            *counts.entry(w.clone()).or_default() += 1;
        }
        for pair in words.windows(2) {
            *counts
                .entry(format!("{} {}", pair[0], pair[1]))
                .or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(term, count)| {
            let weight = count.min(9) + if title_terms.contains(&term) { 10 } else { 0 };
            (term, weight)
        })
        .collect()
}

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if n == 0 {
        return "0".to_string();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(DIGITS[n % 36]);
        n /= 36;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII digits")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_with_and_without_tone_marks_and_d() {
        assert_eq!(tokens("Đường dây nóng"), ["duong", "day", "nong"]);
        assert_eq!(tokens("duong day nong"), ["duong", "day", "nong"]);
        let nfd: String = "Cai nghiện ma túy".nfd().collect();
        assert_eq!(tokens(&nfd), ["cai", "nghien", "ma", "tuy"]);
        assert_eq!(
            tokens("TGPL: 100%, quý II/2026"),
            ["tgpl", "100", "quy", "ii", "2026"]
        );
    }

    #[test]
    fn index_holds_words_and_pairs_in_small_chunks() {
        let docs = vec![
            SearchDoc {
                kind: "bai-viet",
                title: "Đường dây nóng".into(),
                url: "a/".into(),
                topics: vec![],
                text: "Gọi đường dây nóng".into(),
            },
            SearchDoc {
                kind: "don-vi",
                title: "Công an xã".into(),
                url: "b/".into(),
                topics: vec![],
                text: "đường".into(),
            },
        ];
        let files = build(&docs, &BTreeMap::new());
        let all: String = files
            .iter()
            .filter(|(p, _)| p.starts_with("c/"))
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        // "duong": doc 0 (2× in text… weight 2 + title 10 = 12), doc 1 (delta 1, weight 1).
        assert!(all.contains("\"duong\":\"0,12;1,1\""), "{all}");
        assert!(all.contains("\"duong day\":\"0,12\""), "{all}");
        // Both documents are in the first bundle.
        let bundle = &files.iter().find(|(p, _)| p == "d/0.json").unwrap().1;
        let bundle: serde_json::Value = serde_json::from_slice(bundle).unwrap();
        assert_eq!(bundle[1]["t"], "Công an xã");
        assert!(!files.iter().any(|(p, _)| p == "d/1.json"));
        let manifest = &files.iter().find(|(p, _)| p == "chi-muc.json").unwrap().1;
        assert!(String::from_utf8_lossy(manifest).contains("\"documents\":2"));
    }

    #[test]
    fn base36_encodes() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
    }
}
