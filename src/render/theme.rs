//! The theme: Tera templates, UI strings and static assets. Builds the Tera
//! instance from [`ThemeFiles`], reporting template syntax errors as
//! diagnostics on the template file. Pure; the files are read by `load`.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::SourcePath;
use crate::source::ThemeFiles;

/// Templates every theme must provide (a site may override each): the
/// base every page extends and the template of every family of pages.
pub fn required_templates() -> Vec<&'static str> {
    std::iter::once("base.html")
        .chain(super::page_templates())
        .collect()
}

/// A theme ready to render with.
pub struct Theme {
    /// The templates, compiled.
    pub tera: tera::Tera,
    /// Source path of each template, for messages.
    pub sources: BTreeMap<String, SourcePath>,
    /// Text of each template, to locate errors found while rendering.
    pub texts: BTreeMap<String, String>,
    /// UI strings, `t.<key>` in templates.
    pub strings: BTreeMap<String, String>,
    /// For each template, the UI strings it and the templates it uses can
    /// read: a page gets these, not all of them.
    pub page_strings: BTreeMap<String, BTreeMap<String, String>>,
    /// The templates that, with the templates they use, read `site` or
    /// `assets` once what is the same on every page was written in: the
    /// pages of the others do not get them.
    pub reads_site: std::collections::BTreeSet<String>,
    /// See [`Theme::reads_site`].
    pub reads_assets: std::collections::BTreeSet<String>,
    /// The templates minified at compile time together with every template
    /// they use: pages rendered from these, with [`Theme::ahead`], are not
    /// minified again.
    pub minified: std::collections::BTreeSet<String>,
    /// The templates, those that can be minified at compile time minified.
    pub ahead: Option<tera::Tera>,
    /// Static assets to write (CSS…).
    pub assets: Vec<(String, Vec<u8>)>,
}

/// Compiles the templates. Syntax errors are pushed with the template's file,
/// line and column; `None` when any template is broken or missing.
///
/// With `minify`, each template that can be is minified here, once, and
/// the pages rendered only from such templates are not minified again
/// ([`Theme::minified`]).
pub fn compile(
    files: ThemeFiles,
    minify: bool,
    site: &BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> Option<Theme> {
    let before = diags.count(crate::diag::Severity::Error);
    let mut strings: BTreeMap<String, String> =
        crate::yaml::from_str(files.strings.path.as_str(), &files.strings.text, &[], diags)
            .unwrap_or_default();
    if let Some(own) = &files.site_strings {
        let theirs: BTreeMap<String, String> =
            crate::yaml::from_str(own.path.as_str(), &own.text, &[], diags).unwrap_or_default();
        for (key, text) in theirs {
            if !strings.contains_key(&key) {
                let known: Vec<&str> = strings.keys().map(String::as_str).collect();
                let mut d = crate::diag::Diagnostic::warning(
                    own.path.as_str(),
                    format!("khóa `{key}` không có trong chữ giao diện của giao diện nên không được dùng"),
                )
                .located(crate::yaml::key_location(&own.text, &key));
                if let Some(near) = crate::diag::nearest(&key, &known) {
                    d = d.with_help(format!("có phải ý bạn là `{near}`?"));
                }
                diags.push(d);
                continue;
            }
            strings.insert(key, text);
        }
    }

    let mut sources = BTreeMap::new();
    for (name, path, text) in &files.templates {
        // Each template alone first, so a syntax error names its own file.
        let mut alone = tera::Tera::default();
        alone.autoescape_on(vec![".html", ".xml"]);
        if let Err(err) = alone.add_raw_template(name, text) {
            if !matches!(err.kind, tera::ErrorKind::MissingParent { .. }) {
                diags.push(crate::diag::template_error(path, &err));
            }
        }
        sources.insert(name.clone(), path.clone());
    }
    for required in required_templates() {
        if !sources.contains_key(required) {
            diags.push(Diagnostic::error(
                "themes",
                format!("giao diện thiếu khuôn mẫu bắt buộc `{required}`"),
            ));
        }
    }
    if diags.count(crate::diag::Severity::Error) > before {
        return None;
    }
    // Speed seam: what Tera compiles are the templates with their UI
    // strings, site-wide text and asset names written in where that gives
    // the same page, and pages get `site`, `assets` and the strings only
    // where their templates still read them. Measured with bench/run.sh's
    // 10,000-article corpus, alternating builds on tmpfs: the build takes
    // 10 % more wall time (16 % more CPU) without it.
    let asset_names: BTreeMap<String, String> = files
        .assets
        .iter()
        .map(|(name, bytes)| (name.clone(), crate::render::asset_name(name, bytes)))
        .collect();
    let kept = |name: &str| {
        !files
            .templates
            .iter()
            .any(|(_, _, text)| rebinds(text, name))
    };
    let constants = Constants {
        strings: kept("t").then_some(&strings),
        site: kept("site").then_some(site),
        assets: kept("assets").then_some(&asset_names),
    };
    let compiled: BTreeMap<String, String> = files
        .templates
        .iter()
        .map(|(name, _, text)| (name.clone(), inline_constants(name, text, &constants)))
        .collect();
    let build = |minified: &BTreeMap<String, String>| {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(crate::text::escape_html);
        tera.register_filter("tel", super::phone::filter);
        tera.add_raw_templates(compiled.iter().map(|(name, text)| {
            let text = minified.get(name).unwrap_or(text);
            (name.as_str(), text.as_str())
        }))
        .map(|()| tera)
    };
    let tera = match build(&BTreeMap::new()) {
        Ok(tera) => tera,
        Err(err) => {
            diags.push(Diagnostic::error(
                "themes",
                format!("khuôn mẫu lỗi: {}", crate::diag::chain(&err)),
            ));
            return None;
        }
    };
    // Speed seam: templates minified here, once, where that surely gives
    // the same pages, and used for the pages whose templates all are (if
    // Tera refuses what came out, none): minify-html then reads no page of
    // the default theme. Without it the 10,000-article build takes 40 %
    // more wall time (54 % more CPU), measured as above.
    let mut ahead = None;
    let mut minified = std::collections::BTreeSet::new();
    if minify {
        let texts: BTreeMap<String, String> = compiled
            .iter()
            .filter(|(name, _)| name.ends_with(".html"))
            .filter_map(|(name, text)| Some((name.clone(), crate::render::minify_template(text)?)))
            .collect();
        if let Ok(tera) = build(&texts) {
            minified = compiled
                .keys()
                .filter(|name| {
                    templates_used(name, &compiled)
                        .iter()
                        .all(|used| texts.contains_key(used))
                })
                .cloned()
                .collect();
            ahead = Some(tera);
        }
    }
    let texts: BTreeMap<String, String> = files
        .templates
        .iter()
        .map(|(n, _, t)| (n.clone(), t.clone()))
        .collect();
    let page_strings = compiled
        .keys()
        .map(|name| {
            let used = match strings_used(name, &compiled) {
                Some(keys) => strings
                    .iter()
                    .filter(|(k, _)| keys.contains(k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                None => strings.clone(),
            };
            (name.clone(), used)
        })
        .collect();
    let reading = |variable: &str| {
        compiled
            .keys()
            .filter(|name| reads(name, &compiled, variable))
            .cloned()
            .collect()
    };
    let reads_site = reading("site");
    let reads_assets = reading("assets");
    Some(Theme {
        tera,
        texts,
        sources,
        strings,
        page_strings,
        reads_site,
        reads_assets,
        minified,
        ahead,
        assets: files.assets,
    })
}

/// Template `name` and the templates it names (extends, includes,
/// imports), and those they name.
fn templates_used(name: &str, texts: &BTreeMap<String, String>) -> Vec<String> {
    let mut names = vec![name.to_string()];
    let mut i = 0;
    while i < names.len() {
        if let Some(text) = texts.get(&names[i]) {
            for other in texts.keys() {
                let quoted = |q: char| text.contains(&format!("{q}{other}{q}"));
                if !names.contains(other) && (quoted('"') || quoted('\'')) {
                    names.push(other.clone());
                }
            }
        }
        i += 1;
    }
    names
}

/// Whether template `name` or a template it names reads `variable`
/// (or the whole context, `__tera_context`).
fn reads(name: &str, texts: &BTreeMap<String, String>, variable: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    templates_used(name, texts)
        .iter()
        .filter_map(|n| texts.get(n))
        .flat_map(|text| template_tags(text))
        .any(|tag| {
            tag.contains("__tera_context")
                || tag.match_indices(variable).any(|(at, _)| {
                    !tag[..at].ends_with(|c: char| is_ident(c) || c == '.')
                        && !tag[at + variable.len()..].starts_with(is_ident)
                })
        })
}

/// The keys of `t` that template `name` and the templates it names
/// (extends, includes, imports) read as `t.<key>`, also through a macro
/// argument or `set` that `t` is passed to; `None` when one of them uses
/// `t` any other way (`t[key]`, a loop over `t`…), which needs all strings.
fn strings_used(
    name: &str,
    texts: &BTreeMap<String, String>,
) -> Option<std::collections::BTreeSet<String>> {
    let names = templates_used(name, texts);
    let tags: Vec<&str> = names
        .iter()
        .filter_map(|n| texts.get(n))
        .flat_map(|text| template_tags(text))
        .collect();
    let mut aliases = vec!["t".to_string()];
    let mut keys = std::collections::BTreeSet::new();
    let mut a = 0;
    while a < aliases.len() {
        let alias = aliases[a].clone();
        for tag in &tags {
            let declaring = tag
                .trim_start_matches(|c: char| c == '-' || c.is_whitespace())
                .starts_with("macro ");
            let bytes = tag.as_bytes();
            let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
            let mut from = 0;
            while let Some(at) = tag[from..].find(alias.as_str()).map(|p| p + from) {
                let end = at + alias.len();
                from = end;
                if (at > 0 && (is_ident(bytes[at - 1]) || bytes[at - 1] == b'.'))
                    || bytes.get(end).is_some_and(|&b| is_ident(b))
                {
                    continue;
                }
                let before = tag[..at].trim_end();
                let after = tag[end..].trim_start();
                if declaring || (after.starts_with('=') && !after.starts_with("==")) {
                    // A macro's parameter, or the name of an argument.
                    continue;
                }
                if let Some(key) = after.strip_prefix('.') {
                    let key: String = key
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    keys.insert(key);
                } else if before.ends_with('=') && !before.ends_with("==") {
                    // Passed on: `name=t` or `set name = t` makes `name` an alias.
                    let head = before[..before.len() - 1].trim_end();
                    let name_start = head
                        .trim_end_matches(|c: char| c.is_alphanumeric() || c == '_')
                        .len();
                    let target = head[name_start..].to_string();
                    if target.is_empty() {
                        return None;
                    }
                    if !aliases.contains(&target) {
                        aliases.push(target);
                    }
                } else {
                    return None;
                }
            }
        }
        a += 1;
    }
    Some(keys)
}

/// Whether a template gives the name `name` (`t`, `site`, `assets`) to
/// something other than what loa gives it: `set t = …`, a loop variable
/// `t`, or an argument `t=` given anything but `t` (a macro's default value
/// included).
fn rebinds(text: &str, name: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let is_name = |word: &str| word.trim() == name;
    template_tags(text).into_iter().any(|tag| {
        let tag = tag.trim_matches(|c: char| c == '-' || c.is_whitespace());
        if let Some(rest) = tag
            .strip_prefix("set_global ")
            .or_else(|| tag.strip_prefix("set "))
        {
            if is_name(rest.split('=').next().unwrap_or("")) {
                return true;
            }
        }
        if let Some(rest) = tag.strip_prefix("for ") {
            let bound = rest.split(" in ").next().unwrap_or("");
            if bound.split(',').any(is_name) {
                return true;
            }
        }
        let mut from = 0;
        while let Some(at) = tag[from..].find(name).map(|i| i + from) {
            from = at + 1;
            let after = &tag[at + name.len()..];
            if tag[..at].ends_with(|c: char| is_ident(c) || c == '.') || after.starts_with(is_ident)
            {
                continue;
            }
            if let Some(value) = after
                .trim_start()
                .strip_prefix('=')
                .filter(|v| !v.starts_with('='))
            {
                let rest = value.trim_start().strip_prefix(name);
                if rest.is_none_or(|r| r.starts_with(is_ident)) {
                    return true;
                }
            }
        }
        false
    })
}

/// Values that are the same on every page, which [`inline_constants`] may
/// write into the templates; each `None` when a template gives its name
/// another value.
struct Constants<'a> {
    /// UI strings, `t.<key>`.
    strings: Option<&'a BTreeMap<String, String>>,
    /// Site-wide text, `site.<path>` (`site.issuer.name`).
    site: Option<&'a BTreeMap<String, String>>,
    /// Fingerprinted names of the theme's files, `assets["style.css"]`.
    assets: Option<&'a BTreeMap<String, String>>,
}

impl Constants<'_> {
    /// The value of the expression `expr`, read inside a macro when
    /// `in_macro` (which can read only its arguments: `t` when it has one).
    fn value(&self, expr: &str, in_macro: bool, macro_has_t: bool) -> Option<&String> {
        let is_key =
            |key: &str| !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_');
        if let Some(key) = expr.strip_prefix("t.") {
            if in_macro && !macro_has_t || !is_key(key) {
                return None;
            }
            return self.strings?.get(key);
        }
        if in_macro {
            return None;
        }
        if let Some(path) = expr.strip_prefix("site.") {
            if !path.split('.').all(is_key) {
                return None;
            }
            return self.site?.get(path);
        }
        let name = expr.strip_prefix("assets[")?.strip_suffix(']')?.trim();
        let name = name
            .strip_prefix('"')
            .and_then(|n| n.strip_suffix('"'))
            .or_else(|| name.strip_prefix('\'').and_then(|n| n.strip_suffix('\'')))?;
        self.assets?.get(name)
    }
}

/// The template with each `{{ t.key }}`, `{{ site.path }}` and
/// `{{ assets["name"] }}` written as the value itself, escaped as Tera
/// would, and each `{% if site.path %}` (or `elif`, or `site.a or site.b`)
/// as `true` or `false`:
/// these are the same on every page, and a lookup costs Tera several
/// allocations per page. Left alone: templates with `raw` blocks, what
/// macros read but their `t` argument (nothing else is theirs to read),
/// unknown keys, tags with whitespace control, and values with `{` or a
/// line break.
fn inline_constants(name: &str, text: &str, constants: &Constants) -> String {
    if template_tags(text)
        .iter()
        .any(|tag| tag.trim_matches(|c: char| c == '-' || c.is_whitespace()) == "raw")
    {
        return text.to_string();
    }
    let escaped = name.ends_with(".html") || name.ends_with(".xml");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Whether the text at `rest` is inside a macro, and one with a `t`.
    let mut in_macro = false;
    let mut macro_has_t = false;
    while let Some(at) = rest.find("{%").into_iter().chain(rest.find("{{")).min() {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let close = if tag.starts_with("{%") { "%}" } else { "}}" };
        let Some(end) = tag[2..].find(close).map(|i| i + 4) else {
            rest = tag;
            break;
        };
        let (whole, after) = tag.split_at(end);
        rest = after;
        let inside =
            whole[2..whole.len() - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if close == "%}" {
            if let Some(signature) = inside.strip_prefix("macro ") {
                let params = signature
                    .split_once('(')
                    .map_or("", |(_, p)| p.trim_end_matches(')'));
                in_macro = true;
                macro_has_t = params
                    .split(',')
                    .any(|p| p.split('=').next().is_some_and(|n| n.trim() == "t"));
            } else if inside.starts_with("endmacro") {
                in_macro = false;
            }
            let condition = inside
                .strip_prefix("if ")
                .or_else(|| inside.strip_prefix("elif "))
                .map(str::trim)
                .filter(|c| c.starts_with("site."));
            // `site.a` alone, or `site.a or site.b or …`: any value set.
            let known = |c: &str| -> Option<bool> {
                c.split(" or ")
                    .map(|part| {
                        let part = part.trim();
                        part.starts_with("site.")
                            .then(|| constants.value(part, in_macro, macro_has_t))
                            .flatten()
                            .map(|v| !v.is_empty())
                    })
                    .try_fold(false, |any, set| Some(any || set?))
            };
            match condition.and_then(|c| Some((c, known(c)?))) {
                Some((c, set)) => {
                    let literal = if set { "true" } else { "false" };
                    out.push_str(&whole.replacen(c, literal, 1));
                }
                None => out.push_str(whole),
            }
            continue;
        }
        let plain = !whole.starts_with("{{-") && !whole.ends_with("-}}");
        // `site.x | tel | safe`: a phone number made a link here, once.
        let (expr, phone) = match inside.split_once('|') {
            Some((expr, filters)) if filters.replace(' ', "") == "tel|safe" => (expr.trim(), true),
            _ => (inside, false),
        };
        let value = Some(expr)
            .filter(|_| plain)
            .and_then(|expr| constants.value(expr, in_macro, macro_has_t))
            .filter(|v| !v.contains(['{', '\n', '\r']));
        match value {
            Some(v) if phone => out.push_str(&super::phone::links(v, super::phone::Field::Phone)),
            Some(v) if escaped => out.push_str(&crate::text::escape_html(v)),
            Some(v) => out.push_str(v),
            None => out.push_str(whole),
        }
    }
    out.push_str(rest);
    out
}

/// The insides of a template's `{{ … }}` and `{% … %}` tags.
fn template_tags(text: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        let close = match rest[at + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                rest = &rest[at + 1..];
                continue;
            }
        };
        let inside = &rest[at + 2..];
        let Some(end) = inside.find(close) else {
            tags.push(inside);
            break;
        };
        tags.push(&inside[..end]);
        rest = &inside[end + 2..];
    }
    tags
}

impl Theme {
    /// For Tera's "Variable `x` not found" while rendering `template`: the
    /// template file, line and column that use `x` (the template itself
    /// first, then the ones it extends or includes), and `x`.
    pub fn locate_variable_error(
        &self,
        template: &str,
        chain: &str,
    ) -> Option<(SourcePath, Location, String)> {
        let variable = chain
            .split("Variable `")
            .nth(1)?
            .split('`')
            .next()?
            .to_string();
        let order = std::iter::once(template).chain(
            self.texts
                .keys()
                .map(String::as_str)
                .filter(|n| *n != template),
        );
        for name in order {
            let text = self.texts.get(name)?;
            for (i, line) in text.lines().enumerate() {
                let mut from = 0;
                while let Some(pos) = line[from..].find(variable.as_str()).map(|p| p + from) {
                    let before = line[..pos].chars().next_back();
                    let after = line[pos + variable.len()..].chars().next();
                    let ident = |c: Option<char>| {
                        c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                    };
                    if !ident(before) && !ident(after) {
                        let at = Location {
                            line: i as u32 + 1,
                            column: line[..pos].chars().count() as u32 + 1,
                        };
                        return Some((self.sources.get(name)?.clone(), at, variable));
                    }
                    from = pos + variable.len();
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(list: &[(&str, &str)]) -> BTreeMap<String, String> {
        list.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn a_page_gets_the_strings_its_templates_read() {
        let texts = texts(&[
            ("base.html", "<title>{{ t.site }}</title>{% block content %}{% endblock %}"),
            ("macros.html", "{%- macro card(a, strings) -%}{{ strings.more | upper }}{% endmacro %}"),
            (
                "page.html",
                "{% extends \"base.html\" %}{% import \"macros.html\" as m %}{% block content %}{{ m::card(a=1, strings=t) }}{% if t.note %}{{t.note}}{% endif %}{% endblock %}",
            ),
            ("other.html", "{{ t.other }}"),
        ]);
        let used = strings_used("page.html", &texts).unwrap();
        assert_eq!(
            used.into_iter().collect::<Vec<_>>(),
            ["more", "note", "site"]
        );
    }

    #[test]
    fn every_default_page_gets_only_the_strings_it_reads() {
        let files = crate::default_theme::files();
        let texts: BTreeMap<String, String> = files
            .templates
            .iter()
            .map(|(n, _, t)| (n.clone(), t.clone()))
            .collect();
        for name in required_templates() {
            let used = strings_used(name, &texts).unwrap_or_default();
            assert!(used.contains("skip_to_content"), "{name}: {used:?}");
        }
        let article = strings_used("article.html", &texts).unwrap();
        assert!(article.contains("qr_title") && !article.contains("report_title"));
    }

    #[test]
    fn every_default_template_is_minified_when_compiled() {
        let mut diags = Diagnostics::default();
        let theme = compile(
            crate::default_theme::files(),
            true,
            &BTreeMap::new(),
            &mut diags,
        )
        .unwrap();
        assert!(diags.iter().next().is_none());
        for (name, _, _) in crate::default_theme::files().templates {
            assert!(
                theme.minified.contains(&name),
                "{name} is not minified ahead"
            );
        }
        let plain = compile(
            crate::default_theme::files(),
            false,
            &BTreeMap::new(),
            &mut diags,
        )
        .unwrap();
        assert!(plain.minified.is_empty());
    }

    #[test]
    fn a_template_that_cannot_be_minified_leaves_its_pages_to_minify_html() {
        let mut files = crate::default_theme::files();
        for (name, _, text) in &mut files.templates {
            if name == "macros.html" {
                text.push_str("<script>var x = {{ 1 }};</script>");
            }
        }
        let mut diags = Diagnostics::default();
        let theme = compile(files, true, &BTreeMap::new(), &mut diags).unwrap();
        // Pages that import the macros, and the macros, are minified whole.
        for name in ["macros.html", "article.html", "list.html"] {
            assert!(!theme.minified.contains(name), "{name}");
        }
        for name in ["page.html", "base.html", "404.html"] {
            assert!(theme.minified.contains(name), "{name}");
        }
    }

    #[test]
    fn a_template_reading_t_as_a_whole_gets_every_string() {
        for dynamic in [
            "{{ t[key] }}",
            "{% for k, v in t %}{{ v }}{% endfor %}",
            "{{ t | json_encode }}",
        ] {
            let texts = texts(&[("page.html", dynamic)]);
            assert_eq!(strings_used("page.html", &texts), None, "{dynamic}");
        }
    }

    fn inline_strings(name: &str, text: &str, strings: &BTreeMap<String, String>) -> String {
        let constants = Constants {
            strings: Some(strings),
            site: None,
            assets: None,
        };
        inline_constants(name, text, &constants)
    }

    #[test]
    fn ui_strings_are_written_into_templates_where_t_is_surely_the_strings() {
        let strings = texts(&[("search", "Tìm <kiếm> & \"xem\""), ("odd", "a {{ b }}")]);
        let out = inline_strings(
            "page.html",
            "<p>{{ t.search }}|{{t.search}}|{{- t.search }}|{{ t.search | upper }}|{{ t.none }}|{{ t.odd }}</p>",
            &strings,
        );
        assert_eq!(
            out,
            "<p>Tìm &lt;kiếm&gt; &amp; &quot;xem&quot;|Tìm &lt;kiếm&gt; &amp; &quot;xem&quot;|{{- t.search }}|{{ t.search | upper }}|{{ t.none }}|{{ t.odd }}</p>"
        );
        // Not escaped where Tera would not escape.
        assert_eq!(
            inline_strings("a.txt", "{{ t.search }}", &strings),
            "Tìm <kiếm> & \"xem\""
        );
        // A macro reads only its arguments.
        let macros = "{% macro a(x, t) %}{{ t.search }}{% endmacro a %}{% macro b(x) %}{{ t.search }}{% endmacro b %}{{ t.search }}";
        let out = inline_strings("m.html", macros, &strings);
        assert_eq!(out.matches("{{ t.search }}").count(), 1, "{out}");
        assert!(out.contains("{% macro b(x) %}{{ t.search }}{% endmacro b %}"));
        // Raw blocks are left as they are.
        let raw = "{% raw %}{{ t.search }}{% endraw %}";
        assert_eq!(inline_strings("r.html", raw, &strings), raw);
    }

    #[test]
    fn site_text_and_asset_names_are_written_into_templates_outside_macros() {
        let site = texts(&[
            ("title", "Xã <A> & B"),
            ("issuer.phone", ""),
            ("issuer.name", "UBND"),
        ]);
        let assets = texts(&[("style.css", "style.1a2b3c4d.css")]);
        let constants = Constants {
            strings: None,
            site: Some(&site),
            assets: Some(&assets),
        };
        let text = concat!(
            "<title>{{ site.title }}</title>{{ site.year }}{{ site.title | upper }}",
            "<link href=\"{{ root }}{{ assets[\"style.css\"] }}\">{{ assets['style.css'] }}{{ assets[\"x.js\"] }}",
            "{% if site.issuer.phone %}a{% elif site.issuer.name %}b{%- endif %}",
            "{%- if site.issuer.name -%}c{% endif %}{% if site.issuer.name and x %}d{% endif %}",
            "{% macro m(t) %}{{ site.title }}{% if site.issuer.name %}{% endif %}{% endmacro m %}",
            "{% if site.issuer.phone or site.issuer.name %}e{% endif %}{% if site.issuer.phone or site.issuer.phone %}f{% endif %}{% if site.issuer.phone or x %}g{% endif %}",
        );
        assert_eq!(
            inline_constants("page.html", text, &constants),
            concat!(
                "<title>Xã &lt;A&gt; &amp; B</title>{{ site.year }}{{ site.title | upper }}",
                "<link href=\"{{ root }}style.1a2b3c4d.css\">style.1a2b3c4d.css{{ assets[\"x.js\"] }}",
                "{% if false %}a{% elif true %}b{%- endif %}",
                "{%- if true -%}c{% endif %}{% if site.issuer.name and x %}d{% endif %}",
                "{% macro m(t) %}{{ site.title }}{% if site.issuer.name %}{% endif %}{% endmacro m %}",
                "{% if true %}e{% endif %}{% if false %}f{% endif %}{% if site.issuer.phone or x %}g{% endif %}",
            )
        );
        // Nothing is written for a name a template binds to something else.
        for (name, text) in [
            ("site", "{% set site = page %}"),
            ("site", "{% for site in sites %}{% endfor %}"),
            ("assets", "{% set_global assets = 1 %}"),
        ] {
            assert!(rebinds(text, name), "{text}");
        }
        assert!(!rebinds(
            "{{ site.title }}{% set website = 1 %}{{ m::a(site=site) }}",
            "site"
        ));
        for (name, _, text) in crate::default_theme::files().templates {
            assert!(
                !rebinds(&text, "site") && !rebinds(&text, "assets"),
                "{name}"
            );
        }
    }

    #[test]
    fn site_constants_are_the_text_pages_get_as_site() {
        let mut diags = Diagnostics::default();
        let yaml = "title: Xã A\nbase_url: https://a.example/\nissuer:\n  name: UBND xã A\n  phone: \"0123\"\n";
        let config = crate::config::parse_config(yaml, None, &mut diags).unwrap();
        let constants = crate::render::site_constants(&config);
        assert_eq!(constants["title"], "Xã A");
        assert_eq!(constants["base_url"], "https://a.example/");
        assert_eq!(constants["issuer.name"], "UBND xã A");
        assert_eq!(constants["issuer.phone"], "0123");
        assert!(constants.contains_key("issuer.hotline"));
        assert!(!constants.contains_key("year"));
    }

    #[test]
    fn pages_get_site_and_assets_only_when_their_templates_read_them() {
        let mut diags = Diagnostics::default();
        let yaml = "title: Xã Mẫu\nbase_url: https://a.example/\nissuer:\n  name: UBND xã Mẫu\n";
        let config = crate::config::parse_config(yaml, None, &mut diags).unwrap();
        let site = crate::render::site_constants(&config);
        let mut files = crate::default_theme::files();
        for (name, text) in [
            ("a.html", "{% extends \"base.html\" %}{% block content %}{{ site.year }}{% endblock content %}"),
            ("b.html", "{{ website }}{{ x.site }}{{ site_name }}{{ site.title }}"),
            ("c.html", "{% include \"d.html\" %}"),
            ("d.html", "{{ __tera_context }}"),
            ("e.html", "{{ assets | json_encode }}"),
        ] {
            let path = SourcePath::new(format!("templates/{name}"));
            files.templates.push((name.to_string(), path, text.to_string()));
        }
        let mut diags = Diagnostics::default();
        let theme = compile(files, false, &site, &mut diags).unwrap();
        for name in ["a.html", "c.html", "d.html", "home.html"] {
            assert!(theme.reads_site.contains(name), "{name}");
        }
        for name in ["b.html", "e.html", "article.html", "base.html", "list.html"] {
            assert!(!theme.reads_site.contains(name), "{name}");
        }
        assert!(theme.reads_assets.contains("e.html") && theme.reads_assets.contains("c.html"));
        assert!(
            !theme.reads_assets.contains("base.html") && !theme.reads_assets.contains("a.html")
        );
    }

    #[test]
    fn a_theme_is_compiled_with_the_site_text_written_in() {
        let site = texts(&[("title", "Xã Mẫu")]);
        let theme_with = |extra: &[(&str, &str)]| {
            let mut files = crate::default_theme::files();
            for (name, text) in extra {
                let path = SourcePath::new(format!("templates/{name}"));
                files
                    .templates
                    .push((name.to_string(), path, text.to_string()));
            }
            let mut diags = Diagnostics::default();
            let theme = compile(files, false, &site, &mut diags).unwrap();
            let mut context = tera::Context::new();
            context.insert("site", &serde_json::json!({"title": "Khác"}));
            theme.tera.render("probe.html", &context).unwrap()
        };
        assert_eq!(theme_with(&[("probe.html", "{{ site.title }}")]), "Xã Mẫu");
        // A template of the theme gives `site` another value: not written in.
        let rebound = [
            ("probe.html", "{{ site.title }}"),
            ("x.html", "{% set site = 1 %}"),
        ];
        assert_eq!(theme_with(&rebound), "Khác");
        // A phone number through `tel` is written in as its link.
        let site = texts(&[("hotline", "0220 3 123 456")]);
        let mut files = crate::default_theme::files();
        let text = "{{ site.hotline | tel | safe }}";
        files.templates.push((
            "probe.html".into(),
            SourcePath::new("templates/probe.html"),
            text.into(),
        ));
        let theme = compile(files, false, &site, &mut Diagnostics::default()).unwrap();
        assert!(!theme.reads_site.contains("probe.html"));
        assert_eq!(
            theme
                .tera
                .render("probe.html", &tera::Context::new())
                .unwrap(),
            "<a href=\"tel:02203123456\">0220 3 123 456</a>"
        );
    }

    #[test]
    fn a_template_that_gives_t_another_value_is_noticed() {
        for text in [
            "{% set t = page %}",
            "{%- set_global t = 1 -%}",
            "{% for t in list %}{% endfor %}",
            "{% for k, t in map %}{% endfor %}",
            "{{ m::card(a=a, t=other) }}",
            "{% macro card(a, t=\"\") %}{% endmacro card %}",
        ] {
            assert!(rebinds(text, "t"), "{text}");
        }
        for text in [
            "{{ m::card(a=a, t=t) }}{{ m::card(t = t, a=a) }}",
            "{% if t.x == \"t\" %}{% set at = 1 %}{% for x in t %}{% endfor %}{% endif %}",
            "{% macro card(a, t, level=2) %}{% endmacro card %}",
        ] {
            assert!(!rebinds(text, "t"), "{text}");
        }
        for (name, _, text) in crate::default_theme::files().templates {
            assert!(!rebinds(&text, "t"), "{name}");
        }
    }

    #[test]
    fn tera_finds_keys_with_slashes_and_tildes_and_compares_unescaped_text() {
        // Keys the site's data may hold: a key with `/` is written `~1` by
        // Tera and must still be found.
        let mut tera = tera::Tera::default();
        tera.add_raw_template(
            "t.html",
            "{{ m.plain }}|{{ m[\"x/y\"].z }}|{{ m[\"a~b\"] }}|{% for i in l %}{{ i.n }}{% endfor %}",
        )
        .unwrap();
        let mut context = tera::Context::new();
        context.insert(
            "m",
            &serde_json::json!({"plain": 1, "x/y": {"z": 2}, "a~b": 3}),
        );
        context.insert("l", &serde_json::json!([{"n": 4}, {"n": 5}]));
        assert_eq!(tera.render("t.html", &context).unwrap(), "1|2|3|45");
        // Conditions on text that loa's escaping changes give the answers
        // the unescaped text gives.
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(crate::text::escape_html);
        tera.add_raw_template(
            "c.html",
            concat!(
                "{% if s == \"a&b\" %}1{% endif %}{% if s != \"a&amp;b\" %}2{% endif %}",
                "{% if e %}no{% endif %}{% if amp %}3{% endif %}{% if not e %}4{% endif %}",
                "{% if s == amp %}no{% endif %}{{ s }}",
            ),
        )
        .unwrap();
        let mut context = tera::Context::new();
        context.insert("s", "a&b");
        context.insert("e", "");
        context.insert("amp", "&");
        assert_eq!(tera.render("c.html", &context).unwrap(), "1234a&amp;b");
    }
}
