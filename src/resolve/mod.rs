//! Stage 3 (pure): parsed content → [`Site`]. Drops drafts, orders content,
//! gives every document its URL, builds categories and tags, finds
//! documents that would land on the same URL, and links plans, their tasks
//! and the unit registry.

pub mod documents;
pub mod plans;

use std::collections::BTreeMap;

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Article, Campaign, LegalDoc, Page, Plan, Slug, Unit};
use crate::parse::Parsed;

/// The whole site, ready to render.
#[derive(Clone, Debug)]
pub struct Site {
    /// Each page that exists in several languages, by its site path: every
    /// language's version of it (filled in by `lib.rs` once every edition
    /// is resolved).
    pub translations: BTreeMap<String, Vec<Translated>>,
    /// Sections of the articles (Hugo's `_index.md`), in source path order.
    pub sections: Vec<crate::model::Section>,
    /// The site's own shortcodes (kept for the preview's quick rebuilds).
    pub shortcodes: crate::parse::shortcodes::SiteShortcodes,
    /// site.yaml.
    pub config: SiteConfig,
    /// Published articles, newest first (ties by slug).
    pub articles: Vec<Article>,
    /// Published static pages, by weight then title.
    pub pages: Vec<Page>,
    /// Categories with their articles, by name.
    pub categories: Vec<Term>,
    /// Tags with their articles, by name.
    pub tags: Vec<Term>,
    /// Content path below `content/` → the document it names, for `@/` links.
    pub documents: BTreeMap<String, DocRef>,
    /// Links to folders name their `index.html` (an offline copy opened from disk).
    pub index_links: bool,
    /// Plans, newest first (by date of issue, then slug).
    pub plans: Vec<Plan>,
    /// The unit registry, by id.
    pub units: Vec<Unit>,
    /// Every task of every plan, in plan order, then document order.
    pub tasks: Vec<plans::TaskRef>,
    /// Every unit's responsibilities, in plan order.
    pub responsibilities: Vec<plans::Responsibility>,
    /// Width and height of the images in `static/`, by site path.
    pub image_sizes: BTreeMap<String, (u32, u32)>,
    /// Every file of `static/`, by site path.
    pub static_files: std::collections::BTreeSet<String>,
    /// The photos that get smaller versions for phones, by site path.
    pub pictures: BTreeMap<String, crate::source::Picture>,
    /// Campaigns, latest start first.
    pub campaigns: Vec<Campaign>,
    /// The articles that implement each task: (plan index, task anchor) →
    /// article indexes, newest first.
    pub task_articles: BTreeMap<(usize, String), Vec<usize>>,
    /// The legal document registry, in file order.
    pub legal_docs: Vec<LegalDoc>,
    /// Who cites which registry document, plans first, in site order.
    pub citations: Vec<documents::Citation>,
    /// Plan topics: slug → the name pages show (loa's own, site.yaml's,
    /// and those plans write by name).
    pub topic_names: BTreeMap<String, String>,
    /// Every year some plan or one of its tasks covers, latest first (open-
    /// ended work counts up to the year of the build).
    pub plan_years: Vec<i32>,
    /// Content files that did not parse (paths from `content/`): what
    /// links to them is not reported again.
    pub unparsed: std::collections::BTreeSet<String>,
}

/// A category or tag.
#[derive(Clone, Debug)]
pub struct Term {
    /// Name as first written.
    pub name: String,
    /// URL segment.
    pub slug: Slug,
    /// Indexes into [`Site::articles`], newest first.
    pub articles: Vec<usize>,
}

/// Which document a content path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocRef {
    /// `Site::articles[i]`.
    Article(usize),
    /// `Site::pages[i]`.
    Page(usize),
    /// `Site::campaigns[i]`.
    Campaign(usize),
}

/// An article in a section's folder that names no category has the
/// section's title as its category (the nearest section's, as Hugo's).
fn section_categories(articles: &mut [Article], sections: &[crate::model::Section], segment: &str) {
    if sections.iter().all(|s| s.folder.is_empty()) {
        return;
    }
    let top = format!("content/{segment}/");
    for article in articles.iter_mut().filter(|a| a.categories.is_empty()) {
        let path = article.source.as_str().strip_prefix(&top).unwrap_or("");
        let nearest = sections
            .iter()
            .filter(|s| !s.folder.is_empty() && path.starts_with(&format!("{}/", s.folder)))
            .max_by_key(|s| s.folder.len());
        if let Some(section) = nearest {
            article.categories.push(section.title.clone());
        }
    }
}

/// Whether `article`'s `expiryDate` has passed on `today`: then it is not
/// published, and the clerk is told.
fn expired(article: &Article, today: chrono::NaiveDate, diags: &mut Diagnostics) -> bool {
    let Some(expires) = article.expires else {
        return false;
    };
    let gone = expires.date() <= today;
    if gone {
        diags.push(
            crate::diag::Diagnostic::warning(
                article.source.as_str(),
                format!(
                    "bài đã hết hạn đăng (expiryDate: {}) nên không được đăng",
                    expires.date().format("%d/%m/%Y")
                ),
            )
            .with_help(
                "xóa hoặc đổi `expiryDate` nếu bài vẫn cần đăng; xem trước bài bằng `--drafts`",
            ),
        );
    }
    gone
}

/// One language's version of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translated {
    /// Its language's code.
    pub language: String,
    /// Its language's name in itself.
    pub name: String,
    /// Its site path (`en/bai-viet/x/`).
    pub url: String,
    /// Whether it is the default language's.
    pub default: bool,
}

/// Options that change what is published.
#[derive(Clone, Copy, Debug, Default)]
pub struct ResolveOptions {
    /// Publish drafts too.
    pub drafts: bool,
    /// Links to folders name their `index.html`.
    pub index_links: bool,
    /// The day of the build: articles about current rights are checked
    /// against the law in force on it.
    pub today: chrono::NaiveDate,
}

/// Builds the site from parsed content.
pub fn resolve(
    config: SiteConfig,
    parsed: Parsed,
    opts: ResolveOptions,
    diags: &mut Diagnostics,
) -> Site {
    let mut articles: Vec<Article> = parsed
        .articles
        .into_iter()
        .filter(|a| opts.drafts || !a.draft)
        .filter(|a| opts.drafts || !expired(a, opts.today, diags))
        .collect();
    // Hugo's order: articles with a weight first, lightest first; then the
    // newest first.
    let weight = |a: &Article| if a.weight > 0 { a.weight } else { i64::MAX };
    articles.sort_by(|a, b| {
        weight(a)
            .cmp(&weight(b))
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let mut pages: Vec<Page> = parsed
        .pages
        .into_iter()
        .filter(|p| opts.drafts || !p.draft)
        .collect();
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));

    duplicate_slugs(articles.iter().map(|a| (&a.slug, a.source.as_str())), diags);
    duplicate_slugs(pages.iter().map(|p| (&p.slug, p.source.as_str())), diags);
    let segments = config.urls.clone();
    let reserved = [
        segments.articles.as_str(),
        &segments.categories,
        &segments.tags,
        &segments.pagination,
        &segments.plans,
        &segments.units,
        &segments.campaigns,
        &segments.search,
        &segments.data,
        &segments.documents,
    ];
    for page in &pages {
        if reserved.contains(&page.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    page.source.as_str(),
                    format!(
                        "trang tĩnh có đường dẫn `/{}/` trùng với một mục của trang web",
                        page.slug
                    ),
                )
                .with_help("đặt `slug: …` khác trong phần thông tin của trang"),
            );
        }
    }

    let mut plan_list: Vec<Plan> = parsed
        .plans
        .into_iter()
        .filter(|p| opts.drafts || !p.draft)
        .collect();
    plan_list.sort_by(|a, b| b.issued.cmp(&a.issued).then_with(|| a.slug.cmp(&b.slug)));
    duplicate_slugs(
        plan_list.iter().map(|p| (&p.slug, p.source.as_str())),
        diags,
    );
    for plan in &plan_list {
        for basis in &plan.basis {
            for doc in &basis.documents {
                if let Some(slug) = &doc.plan {
                    if !plan_list.iter().any(|p| &p.slug == slug) {
                        diags.push(
                            Diagnostic::error(plan.source.as_str(), format!("căn cứ trỏ tới kế hoạch `{slug}` nhưng trang không có kế hoạch nào như vậy"))
                                .located(doc.plan_at)
                                .with_help("`plan:` ghi đường dẫn (slug) của một kế hoạch trong content/ke-hoach/, hoặc bỏ dòng này"),
                        );
                    }
                }
            }
        }
    }
    let topic_names = plans::topic_names(&config, &plan_list, diags);
    let mut units = parsed.units;
    units.sort_by(|a, b| a.id.cmp(&b.id));
    let (tasks, responsibilities) = plans::resolve_plans(&plan_list, &units, diags);

    let mut campaigns: Vec<Campaign> = parsed
        .campaigns
        .into_iter()
        .filter(|c| opts.drafts || !c.draft)
        .collect();
    // Newest first; those that run all year round (no dates) after them.
    let start = |c: &Campaign| c.dates.map(|d| d.start);
    campaigns.sort_by(|a, b| start(b).cmp(&start(a)).then_with(|| a.slug.cmp(&b.slug)));
    duplicate_slugs(
        campaigns.iter().map(|c| (&c.slug, c.source.as_str())),
        diags,
    );

    let sections: Vec<crate::model::Section> = parsed
        .sections
        .into_iter()
        .filter(|s| opts.drafts || !s.draft)
        .collect();
    section_categories(&mut articles, &sections, &config.urls.articles);
    let categories = terms(&articles, |a| &a.categories, "chuyên mục", diags);
    let tags = terms(&articles, |a| &a.tags, "thẻ", diags);
    let mut documents = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        documents.insert(a.source.content_relative().to_string(), DocRef::Article(i));
    }
    for (i, p) in pages.iter().enumerate() {
        documents.insert(p.source.content_relative().to_string(), DocRef::Page(i));
    }
    for (i, c) in campaigns.iter().enumerate() {
        documents.insert(c.source.content_relative().to_string(), DocRef::Campaign(i));
    }
    let mut site = Site {
        config,
        articles,
        pages,
        categories,
        tags,
        documents,
        index_links: opts.index_links,
        plans: plan_list,
        units,
        tasks,
        responsibilities,
        image_sizes: BTreeMap::new(),
        static_files: Default::default(),
        pictures: BTreeMap::new(),
        campaigns,
        task_articles: BTreeMap::new(),
        legal_docs: parsed.documents,
        citations: Vec::new(),
        topic_names,
        plan_years: Vec::new(),
        unparsed: parsed.unparsed,
        shortcodes: parsed.shortcodes,
        sections,
        translations: BTreeMap::new(),
    };
    // A section's files are beside the page its text introduces.
    for i in 0..site.sections.len() {
        site.sections[i].body.bundle = Some(site.section_url(&site.sections[i]));
    }
    site.plan_years = plans::plan_years(&site.plans, &site.tasks, opts.today);
    check_campaign_links(&site, diags);
    check_old_addresses(&site, diags);
    site.task_articles = link_articles_to_tasks(&site, diags);
    site.citations = documents::link(&site, opts.today, diags);
    site
}

impl Site {
    /// True when `plan-slug#anchor` names a plan whose file did not parse
    /// (its own error says why; the reference is not reported again).
    pub fn plan_unparsed(&self, reference: &str) -> bool {
        let slug = reference.split('#').next().unwrap_or(reference).trim();
        self.unparsed
            .contains(&format!("{}/{slug}.yaml", crate::source::PLANS_DIR))
    }

    /// The name pages show for a plan topic.
    pub fn topic_name(&self, slug: &str) -> String {
        self.topic_names.get(slug).cloned().unwrap_or_else(|| {
            let words = slug.replace('-', " ");
            let mut chars = words.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        })
    }

    /// The task named `plan-slug#anchor`, if any.
    pub fn find_task(&self, reference: &str) -> Option<&plans::TaskRef> {
        let (slug, anchor) = reference.split_once('#')?;
        let plan = self.plans.iter().position(|p| p.slug.as_str() == slug)?;
        self.tasks
            .iter()
            .find(|t| t.plan == plan && t.anchor == anchor)
    }
}

/// Each article's `implements` must name a task of a plan on the site.
fn link_articles_to_tasks(
    site: &Site,
    diags: &mut Diagnostics,
) -> BTreeMap<(usize, String), Vec<usize>> {
    let mut map: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (i, a) in site.articles.iter().enumerate() {
        for (reference, at) in &a.implements {
            match site.find_task(reference) {
                Some(t) => {
                    let articles = map.entry((t.plan, t.anchor.clone())).or_default();
                    if articles.last() == Some(&i) {
                        diags.push(
                            Diagnostic::warning(
                                a.source.as_str(),
                                format!(
                                    "nhiệm vụ `{reference}` được ghi hai lần trong `implements`"
                                ),
                            )
                            .located(*at)
                            .with_help(
                                "xóa dòng lặp lại; bài chỉ được liệt kê một lần dưới nhiệm vụ",
                            ),
                        );
                    } else {
                        articles.push(i);
                    }
                }
                None if site.plan_unparsed(reference) => {}
                None => diags.push(unknown_task(
                    site,
                    a.source.as_str(),
                    reference,
                    *at,
                    "bài viết",
                )),
            }
        }
    }
    map
}

/// Old addresses (`aliases`, `url`) must not take the place of a page loa
/// makes, nor of another old address: the reader would land on the wrong
/// page. Errors at the second one.
fn check_old_addresses(site: &Site, diags: &mut Diagnostics) {
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    taken.insert("index.html".to_string(), "trang chủ".to_string());
    for (_, segment) in site.config.urls.all() {
        taken.insert(
            format!("{segment}/index.html"),
            format!("danh sách `/{segment}/`"),
        );
    }
    for a in &site.articles {
        taken.insert(
            format!("{}index.html", site.article_url(a)),
            format!("bài `{}`", a.title),
        );
    }
    for p in &site.pages {
        taken.insert(
            format!("{}index.html", site.page_url(p)),
            format!("trang `{}`", p.title),
        );
    }
    let articles = site
        .articles
        .iter()
        .map(|a| (&a.aliases, a.source.as_str(), format!("bài `{}`", a.title)));
    let pages = site.pages.iter().map(|p| {
        (
            &p.aliases,
            p.source.as_str(),
            format!("trang `{}`", p.title),
        )
    });
    for (aliases, source, what) in articles.chain(pages) {
        for (path, at) in aliases {
            if let Some(other) = taken.get(path) {
                diags.push(
                    Diagnostic::error(
                        source,
                        format!(
                            "địa chỉ cũ `/{}` trùng với {other}",
                            path.trim_end_matches("index.html")
                        ),
                    )
                    .located(*at)
                    .with_help(
                        "bỏ địa chỉ cũ này, hoặc đổi `slug` để hai trang không cùng một địa chỉ",
                    ),
                );
            } else {
                taken.insert(path.clone(), format!("địa chỉ cũ của {what}"));
            }
        }
    }
}

/// "… liên kết tới nhiệm vụ X nhưng không có", with the nearest reference.
fn unknown_task(
    site: &Site,
    source: &str,
    reference: &str,
    at: Option<crate::diag::Location>,
    what: &str,
) -> Diagnostic {
    let known: Vec<String> = site
        .tasks
        .iter()
        .map(|t| format!("{}#{}", site.plans[t.plan].slug, t.anchor))
        .collect();
    let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut d = Diagnostic::error(source, format!("{what} liên kết tới nhiệm vụ `{reference}` nhưng không có nhiệm vụ nào như vậy"))
        .located(at)
        .with_help("ghi `đường-dẫn-kế-hoạch#mốc-nhiệm-vụ`, ví dụ `tgpl-ctmtqg-ma-tuy-thanh-mien-2026#muc-ii-1-a`; mốc có trong bảng \"Ai làm gì, khi nào\" của trang kế hoạch");
    if let Some(near) = crate::diag::nearest(reference, &known_refs) {
        d = d.with_help(format!("có phải ý bạn là `{near}`?"));
    }
    d
}

/// Every article and plan task a campaign links to must exist.
fn check_campaign_links(site: &Site, diags: &mut Diagnostics) {
    for c in &site.campaigns {
        for (path, at) in &c.articles {
            if !site.documents.contains_key(path) && !site.unparsed.contains(path) {
                diags.push(
                    Diagnostic::error(c.source.as_str(), format!("chiến dịch liên kết tới bài `{path}` nhưng không có bài nào như vậy (hoặc bài chưa được đăng)"))
                        .located(*at)
                        .with_help("ghi đường dẫn tệp tính từ content/, ví dụ `@/bai-viet/ai-duoc-tro-giup-phap-ly.md`"),
                );
            }
        }
        if c.dates.is_none() && c.events.is_empty() {
            if let Some((_, at)) = c.tasks.first() {
                diags.push(
                    Diagnostic::warning(
                        c.source.as_str(),
                        "chiến dịch không có ngày (`start`, `end`) và không có sự kiện nên không được tính vào báo cáo thực hiện của nhiệm vụ nào",
                    )
                    .located(*at)
                    .with_help("thêm `start` và `end`, hoặc một sự kiện có ngày, để báo cáo ghi được chiến dịch vào năm thực hiện"),
                );
            }
        }
        for (reference, at) in &c.tasks {
            if site.find_task(reference).is_none() && !site.plan_unparsed(reference) {
                diags.push(unknown_task(
                    site,
                    c.source.as_str(),
                    reference,
                    *at,
                    "chiến dịch",
                ));
            }
        }
    }
}

fn duplicate_slugs<'a>(items: impl Iterator<Item = (&'a Slug, &'a str)>, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&Slug, &str> = BTreeMap::new();
    for (slug, source) in items {
        if let Some(first) = seen.get(slug) {
            let (first, second) = if *first < source {
                (*first, source)
            } else {
                (source, *first)
            };
            diags.push(
                Diagnostic::error(
                    second,
                    format!("đường dẫn `{slug}` đã được dùng cho {first}"),
                )
                .with_help("đổi tên tệp hoặc đặt `slug: …` khác để mỗi bài có một đường dẫn riêng"),
            );
        } else {
            seen.insert(slug, source);
        }
    }
}

fn terms(
    articles: &[Article],
    names: impl Fn(&Article) -> &Vec<String>,
    what: &str,
    diags: &mut Diagnostics,
) -> Vec<Term> {
    let mut by_slug: BTreeMap<Slug, Term> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        for name in names(article) {
            let Some(slug) = Slug::from_text(name) else {
                diags.push(Diagnostic::warning(
                    article.source.as_str(),
                    format!("{what} `{name}` không tạo được đường dẫn nên bị bỏ qua"),
                ));
                continue;
            };
            if crate::text::slugify(name).len() > crate::text::MAX_SLUG_BYTES {
                diags.push(
                    Diagnostic::warning(
                        article.source.as_str(),
                        format!(
                            "{what} `{}` quá dài; đường dẫn của nó được rút gọn thành `{slug}`",
                            crate::text::truncate_words(name, 12)
                        ),
                    )
                    .with_help(format!(
                        "{what} nên là vài từ; nội dung dài hơn đặt trong bài"
                    )),
                );
            }
            let term = by_slug.entry(slug.clone()).or_insert_with(|| Term {
                name: name.clone(),
                slug,
                articles: Vec::new(),
            });
            if term.articles.last() != Some(&i) {
                term.articles.push(i);
            }
        }
    }
    let mut terms: Vec<Term> = by_slug.into_values().collect();
    terms.sort_by(|a, b| a.slug.cmp(&b.slug));
    terms
}
