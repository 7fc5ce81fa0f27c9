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

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::text::{fold_char, Folded};

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
pub struct SearchDoc<'a> {
    /// A key of [`KINDS`].
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// Site path (`bai-viet/x/`, `ke-hoach/y/#muc-ii-1`).
    pub url: String,
    /// Topic slugs.
    pub topics: Vec<String>,
    /// All its text, in parts read as if joined by spaces: an article's
    /// text is borrowed, not copied.
    pub text: Vec<std::borrow::Cow<'a, str>>,
}

impl SearchDoc<'_> {
    /// The start of its text, for snippets.
    fn snippet_source(&self) -> String {
        let mut out = String::new();
        let mut left = SNIPPET_SOURCE_CHARS;
        for (i, part) in self.text.iter().enumerate() {
            if i > 0 {
                if left == 0 {
                    break;
                }
                out.push(' ');
                left -= 1;
            }
            match part.char_indices().nth(left) {
                Some((end, _)) => {
                    out.push_str(&part[..end]);
                    break;
                }
                None => {
                    out.push_str(part);
                    left -= part.chars().count();
                }
            }
        }
        out
    }
}

/// A word as search compares it.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The folded words of a text.
pub fn tokens(text: &str) -> Vec<String> {
    let mut words = Words::default();
    words.add(text);
    words.iter().map(str::to_string).collect()
}

/// A text's folded words, one space between each, with where each starts
/// and ends: a word pair is then a slice too, and nothing is allocated per
/// word.
#[derive(Default)]
struct Words {
    /// UTF-8, built as bytes: nearly every letter folds to one ASCII byte.
    text: Vec<u8>,
    spans: Vec<(u32, u32)>,
    /// `đ` stays `đ` (English: the Vietnamese rule `đ` → `d` is not its).
    keep_d: bool,
}

/// Whether search in `language` keeps `đ` as it is: English does; Vietnamese
/// and the languages written with its letters (Tày, Nùng…) fold it to `d`,
/// as readers type it.
pub fn keeps_d(language: &str) -> bool {
    language == "en" || language.starts_with("en-")
}

/// No word is being read (for the start of the one being read).
const NO_WORD: usize = usize::MAX;

impl Words {
    /// Adds the words of `text` folded: what splitting [`fold`]`(text)` at
    /// every character that is no letter or digit gives, in one pass.
    fn add(&mut self, text: &str) {
        let table = crate::text::folded_table();
        let bytes = text.as_bytes();
        // Folding shortens words but for rare characters folded the slow
        // way; the space before each word replaces a separator.
        self.text.reserve(bytes.len() + 1);
        // Where the word being read starts in `self.text`, or NO_WORD.
        let mut start = NO_WORD;
        let mut folded = String::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let letter = if b < 0x80 {
                i += 1;
                if !b.is_ascii_alphanumeric() {
                    self.close(&mut start);
                    continue;
                }
                b.to_ascii_lowercase()
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                if self.keep_d && (c == 'đ' || c == 'Đ') {
                    self.open(&mut start);
                    self.text.extend_from_slice("đ".as_bytes());
                    continue;
                }
                // Vietnamese letters fold to one ASCII letter, looked up.
                match table.get(c as usize - 0x80) {
                    Some(&Folded::Char(f)) if f.is_ascii_alphanumeric() => f as u8,
                    Some(Folded::Nothing) => continue,
                    _ => {
                        folded.clear();
                        fold_char(c, &mut folded);
                        for f in folded.chars() {
                            // A mark of a script that is not Latin is part
                            // of its word (a Khmer vowel sign, a coeng).
                            if f.is_alphanumeric()
                                || unicode_normalization::char::is_combining_mark(f)
                            {
                                self.open(&mut start);
                                let mut buf = [0; 4];
                                self.text
                                    .extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
                            } else {
                                self.close(&mut start);
                            }
                        }
                        continue;
                    }
                }
            };
            self.open(&mut start);
            self.text.push(letter);
        }
        self.close(&mut start);
    }

    /// Starts a word at the end of the text, unless one is being read.
    fn open(&mut self, start: &mut usize) {
        if *start == NO_WORD {
            if !self.text.is_empty() {
                self.text.push(b' ');
            }
            *start = self.text.len();
        }
    }

    /// Ends the word being read, if any.
    fn close(&mut self, start: &mut usize) {
        if *start != NO_WORD {
            self.spans.push((*start as u32, self.text.len() as u32));
            *start = NO_WORD;
        }
    }

    fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        // Only whole characters are pushed: checked once, not per word.
        let text = std::str::from_utf8(&self.text).unwrap_or_default();
        self.spans
            .iter()
            .map(move |&(s, e)| text.get(s as usize..e as usize).unwrap_or_default())
    }
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
struct DocFile {
    k: &'static str,
    t: String,
    u: String,
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

/// The index files of Vietnamese documents, as `(path below the search
/// folder, bytes)`. `topics` gives the name of every topic slug that
/// documents use.
pub fn build(docs: &[SearchDoc], topics: &BTreeMap<String, String>) -> Vec<(String, Vec<u8>)> {
    let mut index = Index::new(topics, "vi");
    let mut files = index.add(docs);
    files.extend(index.finish());
    files
}

/// The search index as it is built: documents are added a batch at a time,
/// in the order of their ids, so that a large site never holds every
/// document's text at once; [`Index::finish`] writes what is left.
///
/// term → its postings; docs are added in id order, so lists stay sorted.
/// Words are folded in parallel a batch of documents at a time; a term is
/// allocated once, when first met, and its list is kept encoded as it
/// grows (about 4 bytes a posting, and no pass to encode it afterwards).
///
/// A word gets a number when first met; a pair is the two numbers. A
/// document numbers its own distinct words first (in parallel), so the
/// shared table is asked once per distinct word of a document, and pairs
/// are counted and merged as numbers, not text.
pub struct Index<'t> {
    topics: &'t BTreeMap<String, String>,
    numbers: FxHashMap<Box<str>, u32>,
    word_postings: Vec<Encoded>,
    pair_postings: FxHashMap<u64, Encoded>,
    /// Per document added: its kind's index and its topics' indexes.
    filters: Filters,
    /// See [`keeps_d`].
    keep_d: bool,
    /// Documents added whose `d/` file is not written yet (fewer than
    /// [`DOCS_PER_FILE`]).
    pending: Vec<DocFile>,
    /// `d/` files written so far.
    doc_files: usize,
}

impl<'t> Index<'t> {
    /// An empty index for documents in `language`; `topics` names every
    /// topic slug documents use.
    pub fn new(topics: &'t BTreeMap<String, String>, language: &str) -> Index<'t> {
        Index {
            keep_d: keeps_d(language),
            topics,
            numbers: FxHashMap::default(),
            word_postings: Vec::new(),
            pair_postings: FxHashMap::default(),
            filters: Filters {
                k: Vec::new(),
                p: Vec::new(),
            },
            pending: Vec::new(),
            doc_files: 0,
        }
    }

    /// Adds the next documents; returns the `d/` files they complete.
    pub fn add(&mut self, docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
        use rayon::prelude::*;
        const BATCH: usize = 512;
        for batch in docs.chunks(BATCH) {
            let first = self.filters.k.len();
            let keep_d = self.keep_d;
            let words: Vec<DocWords> = batch
                .par_iter()
                .map(|doc| DocWords::of(doc, keep_d))
                .collect();
            let terms: Vec<DocTerms> = words.par_iter().map(DocWords::terms).collect();
            for (k, terms) in terms.into_iter().enumerate() {
                let id = (first + k) as u32;
                let global: Vec<u32> = terms
                    .words
                    .iter()
                    .map(|word| match self.numbers.get(*word) {
                        Some(&n) => n,
                        None => {
                            let n = self.word_postings.len() as u32;
                            self.numbers.insert((*word).into(), n);
                            self.word_postings.push(Encoded::default());
                            n
                        }
                    })
                    .collect();
                for (local, weight) in terms.word_weights {
                    self.word_postings[global[local as usize] as usize].push(id, weight);
                }
                for (pair, weight) in terms.pair_weights {
                    let (first, second) = ((pair >> 32) as usize, (pair & 0xFFFF_FFFF) as usize);
                    let key = (u64::from(global[first]) << 32) | u64::from(global[second]);
                    self.pair_postings.entry(key).or_default().push(id, weight);
                }
            }
            for doc in batch {
                let topics = self.topic_indexes(doc);
                self.filters.k.push(kind_index(doc.kind));
                self.filters.p.push(topics.clone());
                self.pending.push(DocFile {
                    k: doc.kind,
                    t: doc.title.clone(),
                    u: doc.url.clone(),
                    p: topics,
                    x: doc.snippet_source(),
                });
            }
        }
        let mut files = Vec::new();
        while self.pending.len() >= DOCS_PER_FILE {
            let rest = self.pending.split_off(DOCS_PER_FILE);
            let group = std::mem::replace(&mut self.pending, rest);
            files.push(self.doc_file(&group));
        }
        files
    }

    /// Indexes into the manifest's topics of a document's topics.
    fn topic_indexes(&self, doc: &SearchDoc) -> Vec<usize> {
        doc.topics
            .iter()
            .filter_map(|t| self.topics.keys().position(|k| k == t))
            .collect()
    }

    /// The next `d/` file, of `group`.
    fn doc_file(&mut self, group: &[DocFile]) -> (String, Vec<u8>) {
        let n = self.doc_files;
        self.doc_files += 1;
        (
            format!("d/{n}.json"),
            serde_json::to_vec(group).unwrap_or_default(),
        )
    }

    /// The index chunks, the last `d/` file, the filters and the manifest.
    pub fn finish(mut self) -> Vec<(String, Vec<u8>)> {
        use rayon::prelude::*;
        let mut files = Vec::new();
        let pending = std::mem::take(&mut self.pending);
        if !pending.is_empty() {
            files.push(self.doc_file(&pending));
        }
        let mut vocabulary: Vec<Box<str>> = vec![Box::from(""); self.numbers.len()];
        for (word, n) in self.numbers {
            vocabulary[n as usize] = word;
        }
        let mut postings: Vec<(Box<str>, Vec<u8>)> =
            Vec::with_capacity(vocabulary.len() + self.pair_postings.len());
        for (pair, list) in self.pair_postings {
            let first = &vocabulary[(pair >> 32) as usize];
            let second = &vocabulary[(pair & 0xFFFF_FFFF) as usize];
            postings.push((format!("{first} {second}").into(), list.text));
        }
        postings.extend(
            vocabulary
                .into_iter()
                .zip(self.word_postings)
                .map(|(word, list)| (word, list.text)),
        );
        postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));

        // Chunks written as JSON by hand: a term holds letters, digits and
        // spaces, an encoded list digits, letters, commas and semicolons,
        // none of which JSON escapes.
        let mut chunks: Vec<(String, Vec<u8>)> = Vec::new();
        let mut chunk_firsts = Vec::new();
        let mut chunk = Vec::with_capacity(CHUNK_BYTES + 1024);
        let mut size = 0;
        let flush = |chunk: &mut Vec<u8>, chunks: &mut Vec<(String, Vec<u8>)>| {
            if !chunk.is_empty() {
                chunk.push(b'}');
                let n = chunks.len();
                let full = std::mem::replace(chunk, Vec::with_capacity(CHUNK_BYTES + 1024));
                chunks.push((format!("c/{n}.json"), full));
            }
        };
        for (term, encoded) in postings {
            if size > 0 && size + encoded.len() + term.len() > CHUNK_BYTES {
                flush(&mut chunk, &mut chunks);
                size = 0;
            }
            if chunk.is_empty() {
                chunk_firsts.push(term.to_string());
                chunk.push(b'{');
            } else {
                chunk.push(b',');
            }
            size += encoded.len() + term.len() + 6;
            debug_assert!(!term.contains(['"', '\\']) && term.chars().all(|c| c >= ' '));
            chunk.push(b'"');
            chunk.extend_from_slice(term.as_bytes());
            chunk.extend_from_slice(b"\":\"");
            chunk.extend_from_slice(&encoded);
            chunk.push(b'"');
        }
        flush(&mut chunk, &mut chunks);
        files.extend(chunks);
        let documents = self.filters.k.len();
        let kinds = KINDS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.filters.k.contains(i))
            .map(|(_, (key, name))| Named { key, name })
            .collect();
        files.push((
            "loc.json".to_string(),
            serde_json::to_vec(&self.filters).unwrap_or_default(),
        ));
        let manifest = Manifest {
            version: 1,
            documents,
            chunks: chunk_firsts,
            kinds,
            topics: self
                .topics
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
}

/// The index of a kind in [`KINDS`].
fn kind_index(kind: &str) -> usize {
    KINDS.iter().position(|(key, _)| *key == kind).unwrap_or(0)
}

/// A posting list as the index file holds it: `id,weight` pairs joined by
/// `;`, each id in base 36 as the difference from the one before. ASCII
/// only, written byte by byte: millions of postings go through here.
#[derive(Default)]
struct Encoded {
    last: u32,
    text: Vec<u8>,
}

impl Encoded {
    fn push(&mut self, id: u32, weight: u8) {
        const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        // Written left to right into a buffer that is appended whole (a
        // copy of known size, no call to memcpy) and then cut to length:
        // `;` (but first), the id's difference in up to 7 digits, `,`, and
        // the weight's up to 2 digits.
        let mut buf = [0u8; 11];
        let mut len = 0;
        if !self.text.is_empty() {
            buf[0] = b';';
            len = 1;
        }
        let mut delta = id - self.last;
        let mut digits = 1;
        let mut below = 36u64;
        while u64::from(delta) >= below {
            digits += 1;
            below *= 36;
        }
        for at in (len..len + digits).rev() {
            buf[at] = DIGITS[(delta % 36) as usize];
            delta /= 36;
        }
        len += digits;
        buf[len] = b',';
        len += 1;
        if weight >= 10 {
            buf[len] = b'0' + weight / 10;
            len += 1;
        }
        buf[len] = b'0' + weight % 10;
        len += 1;
        let old = self.text.len();
        self.text.extend_from_slice(&buf);
        self.text.truncate(old + len);
        self.last = id;
    }
}

/// One document's folded words, title and body apart.
struct DocWords {
    title: Words,
    body: Words,
}

impl DocWords {
    fn of(doc: &SearchDoc, keep_d: bool) -> Self {
        let mut title = Words {
            keep_d,
            ..Words::default()
        };
        title.add(&doc.title);
        let mut body = Words {
            keep_d,
            ..Words::default()
        };
        for part in &doc.text {
            body.add(part);
        }
        DocWords { title, body }
    }

    /// The terms (words and word pairs) with their weights: how often they
    /// occur (at most 9), plus 10 when in the title and up to 9 more the
    /// nearer the title's start it is (a title that begins with the query
    /// is about it: "Trợ giúp pháp lý là gì?" ranks above an article that
    /// mentions trợ giúp pháp lý at the end of its title); words numbered
    /// in the order first met in the document.
    fn terms(&self) -> DocTerms<'_> {
        let mut local: FxHashMap<&str, u32> = FxHashMap::with_capacity_and_hasher(
            self.title.spans.len() + self.body.spans.len(),
            Default::default(),
        );
        let mut words: Vec<&str> = Vec::new();
        let mut word_counts: Vec<Count> = Vec::new();
        let mut pair_counts: FxHashMap<u64, Count> = FxHashMap::with_capacity_and_hasher(
            self.title.spans.len() + self.body.spans.len(),
            Default::default(),
        );
        for (text, in_title) in [(&self.title, true), (&self.body, false)] {
            let mut previous: Option<u32> = None;
            for (position, word) in text.iter().enumerate() {
                let n = *local.entry(word).or_insert_with(|| {
                    words.push(word);
                    word_counts.push(Count::default());
                    (words.len() - 1) as u32
                });
                word_counts[n as usize].add(in_title.then_some(position));
                if let Some(p) = previous {
                    pair_counts
                        .entry((u64::from(p) << 32) | u64::from(n))
                        .or_default()
                        .add(in_title.then_some(position - 1));
                }
                previous = Some(n);
            }
        }
        DocTerms {
            word_weights: word_counts
                .into_iter()
                .enumerate()
                .map(|(n, c)| (n as u32, c.weight()))
                .collect(),
            pair_weights: pair_counts
                .into_iter()
                .map(|(k, c)| (k, c.weight()))
                .collect(),
            words,
        }
    }
}

/// How often a term occurs in a document, and where it first occurs in the
/// title (the word's number from 0), if it does.
#[derive(Default, Clone, Copy)]
struct Count {
    times: u32,
    in_title: Option<usize>,
}

impl Count {
    fn add(&mut self, title_position: Option<usize>) {
        self.times += 1;
        if self.in_title.is_none() {
            self.in_title = title_position;
        }
    }

    /// At most 9 for how often, 10 for the title and 9 − its position
    /// there: at most 28, two digits in the index.
    fn weight(self) -> u8 {
        let title = self.in_title.map_or(0, |at| 10 + 9 - at.min(9) as u32);
        (self.times.min(9) + title) as u8
    }
}

/// A document's terms: its distinct words, and the weight of each word and
/// pair by the words' numbers in `words`.
struct DocTerms<'a> {
    words: Vec<&'a str>,
    word_weights: Vec<(u32, u8)>,
    /// `(first << 32) | second`.
    pair_weights: Vec<(u64, u8)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

    /// Scripts that are not Latin keep their characters: a Khmer word keeps
    /// its vowel signs and coeng, so it is not confused with another that
    /// shares its consonants (issue 22, point 2).
    #[test]
    fn other_scripts_keep_their_marks() {
        assert_eq!(tokens("ជំនួយផ្លូវច្បាប់ ឥតគិតថ្លៃ។"), ["ជំនួយផ្លូវច្បាប់", "ឥតគិតថ្លៃ"]);
        assert_eq!(tokens("Ελληνικά"), ["ελληνικα"]);
        assert_ne!(tokens("ជំនួយ"), tokens("ជនយ"));
    }

    /// English keeps `đ` (issue 22, point 2): a Vietnamese name in an
    /// English text is found as written, and `d` is not `đ` there.
    #[test]
    fn english_keeps_d() {
        let mut words = Words {
            keep_d: keeps_d("en"),
            ..Words::default()
        };
        words.add("Đông Hòa district");
        assert_eq!(
            words.iter().collect::<Vec<_>>(),
            ["đong", "hoa", "district"]
        );
        assert!(!keeps_d("vi") && !keeps_d("tyz") && keeps_d("en-GB"));
    }

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
    fn folding_by_table_matches_folding_by_decomposition() {
        let reference = |text: &str| -> String {
            text.nfd()
                .filter(|c| !crate::text::is_latin_diacritic(*c))
                .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
                .flat_map(char::to_lowercase)
                .collect()
        };
        let every_letter: String = (0x20..0x2000u32).filter_map(char::from_u32).collect();
        let samples = [
            every_letter.as_str(),
            "Ủy ban nhân dân xã Ðông Hòa ĐƯỜNG DÂY NÓNG",
            "İstanbul Straße Ωmega 한국어 ǅ ﬁ",
        ];
        // Texts as loa reads them (NFC), and decomposed.
        for text in samples {
            let nfc: String = text.nfc().collect();
            assert_eq!(fold(&nfc), reference(&nfc));
            let nfd: String = text.nfd().collect();
            assert_eq!(fold(&nfd), reference(&nfd));
        }
    }

    #[test]
    fn words_are_what_splitting_the_folded_text_gives() {
        let split = |text: &str| -> Vec<String> {
            fold(text)
                .split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        let every: String = (0x20..0x3100u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'a', c, 'Ệ', c, c])
            .collect();
        let nfd: String = every.nfd().collect();
        for text in [every.as_str(), &nfd, "", " ", "ǅ ﬁ İ ½ ٣ x", "a–b…c"] {
            assert_eq!(tokens(text), split(text), "{text:?}");
        }
    }

    #[test]
    fn posting_lists_read_back() {
        let postings = [
            (0, 1),
            (1, 19),
            (35, 10),
            (36, 9),
            (1331, 2),
            (u32::MAX - 1, 3),
            (u32::MAX, 12),
        ];
        let mut list = Encoded::default();
        for (id, weight) in postings {
            list.push(id, weight);
        }
        let text = String::from_utf8(list.text).unwrap();
        assert_eq!(&text[..18], "0,1;1,19;y,10;1,9;");
        let mut id = 0;
        let read: Vec<(u32, u8)> = text
            .split(';')
            .map(|posting| {
                let (delta, weight) = posting.split_once(',').unwrap();
                id += u32::from_str_radix(delta, 36).unwrap();
                (id, weight.parse().unwrap())
            })
            .collect();
        assert_eq!(read, postings);
    }

    #[test]
    fn index_holds_words_and_pairs_in_small_chunks() {
        let docs = vec![
            SearchDoc {
                kind: "bai-viet",
                title: "Đường dây nóng".into(),
                url: "a/".into(),
                topics: vec![],
                text: vec!["Gọi đường".into(), "dây nóng".into()],
            },
            SearchDoc {
                kind: "don-vi",
                title: "Công an xã".into(),
                url: "b/".into(),
                topics: vec![],
                text: vec!["đường".into()],
            },
        ];
        let files = build(&docs, &BTreeMap::new());
        let all: String = files
            .iter()
            .filter(|(p, _)| p.starts_with("c/"))
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        // "duong": doc 0 (2× in all, title 10, first word of the title 9:
        // weight 21), doc 1 (delta 1, weight 1); "day nong" starts at the
        // title's second word (2 + 10 + 8).
        assert!(all.contains("\"duong\":\"0,21;1,1\""), "{all}");
        assert!(all.contains("\"duong day\":\"0,21\""), "{all}");
        assert!(all.contains("\"day nong\":\"0,20\""), "{all}");
        // Both documents are in the first bundle.
        let bundle = &files.iter().find(|(p, _)| p == "d/0.json").unwrap().1;
        let bundle: serde_json::Value = serde_json::from_slice(bundle).unwrap();
        assert_eq!(bundle[1]["t"], "Công an xã");
        assert!(!files.iter().any(|(p, _)| p == "d/1.json"));
        let manifest = &files.iter().find(|(p, _)| p == "chi-muc.json").unwrap().1;
        assert!(String::from_utf8_lossy(manifest).contains("\"documents\":2"));
    }
}
