// Drives Debian's chromium (never a browser a package downloads) against a
// built portal served on 127.0.0.1, and prints a JSON report on stdout:
// for each page and width, console errors, requests that left 127.0.0.1,
// axe-core violations; then the search checks. Screenshots go to the folder
// given. Called by tests/it/browser.rs; the assertions live there.
//
//   node run.mjs '{"root": "...", "prefix": "/portal/", "pages": ["", "bai-viet/"],
//                  "widths": [390, 1280], "screenshots": "...", "searches": [...]}'
import { createServer } from "node:http";
import { readFile, stat, mkdir, writeFile } from "node:fs/promises";
import { join, extname, normalize } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const config = JSON.parse(process.argv[2]);
const prefix = config.prefix ?? "/";

const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
  ".jpg": "image/jpeg", ".webp": "image/webp", ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".ics": "text/calendar",
};

async function send(res, path, code = 200, charset = true) {
  const body = await readFile(path);
  const type = types[extname(path)] ?? "application/octet-stream";
  // "?no-charset": as a server that names no charset sends it.
  res.writeHead(code, { "content-type": charset ? type : type.replace(/; charset=.*/, "") });
  res.end(body);
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://127.0.0.1");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) return send(res, join(config.root, "404.html"), 404);
    path = normalize(path.slice(prefix.length));
    if (path.startsWith("..")) return send(res, join(config.root, "404.html"), 404);
    let file = join(config.root, path);
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
    if (!(await stat(file).catch(() => null))) return send(res, join(config.root, "404.html"), 404);
    await send(res, file, 200, !url.searchParams.has("no-charset"));
  } catch (e) {
    res.writeHead(500);
    res.end(String(e));
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}${prefix}`;

const browser = await chromium.launch({
  executablePath: config.chromium ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
await mkdir(config.screenshots, { recursive: true });
const report = { base, pages: [], searches: [] };

async function open(width, path, withJs = true) {
  const context = await browser.newContext({ viewport: { width, height: width <= 400 ? 844 : 900 }, javaScriptEnabled: withJs });
  const page = await context.newPage();
  const consoleErrors = [];
  const external = [];
  const failed = [];
  // Failed loads are reported with their URL below; the console's copy has none.
  page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) consoleErrors.push(m.text()); });
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith("http://127.0.0.1:") && !r.url().startsWith("data:")) external.push(r.url()); });
  const response = await page.goto(base + path, { waitUntil: "load" });
  return { context, page, consoleErrors, external, failed, status: response?.status(), url: base + path };
}

for (const width of config.widths) {
  for (const path of config.pages) {
    const { context, page, consoleErrors, external, failed, status, url } = await open(width, path);
    // evaluate() runs through DevTools, so the page's CSP stays enforced for its own resources.
    await page.evaluate(axeSource);
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
    });
    const h1 = await page.locator("h1").count();
    // Headings in order: no level skipped on the way down.
    const headingJumps = await page.evaluate(() => {
      const levels = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6")).map((h) => Number(h.tagName[1]));
      const jumps = [];
      levels.forEach((l, i) => { if (i > 0 && l > levels[i - 1] + 1) jumps.push(`h${levels[i - 1]} → h${l}`); });
      if (levels[0] !== 1) jumps.push(`first heading is h${levels[0]}`);
      return jumps;
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    // Every character the page draws: its text, generated content and
    // placeholders, for the test to check against the fonts a phone has.
    const glyphs = await page.evaluate(() => {
      let text = document.body.innerText;
      for (const e of document.querySelectorAll("*")) {
        for (const pseudo of ["::before", "::after", "::marker"]) {
          const content = getComputedStyle(e, pseudo).content;
          if (content && content.startsWith('"')) text += content;
        }
        if (e.placeholder) text += e.placeholder;
      }
      return Array.from(new Set(Array.from(text).filter((c) => c.codePointAt(0) > 0x7e))).join("");
    });
    const name = `${width}-${path.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "home"}.png`;
    await page.screenshot({ path: join(config.screenshots, name), fullPage: true });
    // The page's own 404 is what the 404 test asks for; anything else that failed is a fault.
    const failedRequests = failed.filter((f) => f !== `404 ${url}`);
    report.pages.push({ path, width, status, consoleErrors, external, failedRequests, axe, h1, headingJumps, overflow, glyphs });
    await context.close();
  }
}

for (const s of config.searches ?? []) {
  const { context, page, consoleErrors, external } = await open(s.width ?? 390, s.page);
  const input = page.getByRole("searchbox").first();
  await input.fill(s.query);
  await input.press("Enter");
  let titles = [];
  try {
    await page.locator("[data-search-results] li").first().waitFor({ timeout: 5000 });
    titles = await page.locator("[data-search-results] li a").allTextContents();
  } catch { /* no result: reported as an empty list */ }
  const status = await page.locator("[data-search-status]").textContent().catch(() => null);
  // Where the first result is, against the screen's height: in view without scrolling?
  const firstBottom = await page.locator("[data-search-results] li a").first()
    .evaluate((a) => a.getBoundingClientRect().bottom).catch(() => null);
  const screen = await page.evaluate(() => window.innerHeight);
  await page.screenshot({ path: join(config.screenshots, `search-${s.query.replace(/[^a-z0-9]+/gi, "-")}.png`), fullPage: true });
  report.searches.push({ query: s.query, width: s.width ?? 390, titles, status, firstBottom, screen, consoleErrors, external });
  await context.close();
}

for (const path of config.printPages ?? []) {
  // With JavaScript the button prints; without, it is a link to the instructions.
  const withJs = await open(390, path);
  await withJs.page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await withJs.page.getByRole("link", { name: /In hoặc lưu PDF/ }).click();
  const printed = await withJs.page.evaluate(() => window.__printed);
  await withJs.context.close();
  const noJs = await open(390, path, false);
  await noJs.page.getByRole("link", { name: /In hoặc lưu PDF/ }).click();
  const hash = await noJs.page.evaluate(() => location.hash);
  const help = await noJs.page.locator("#cach-in").isVisible();
  await noJs.context.close();
  (report.print ??= []).push({ path, printed, hash, help });
}

for (const path of config.qrPages ?? []) {
  // The QR code as the browser draws it: its SVG rasterised onto a canvas,
  // one bit per module read at the module's centre, for the test to decode.
  const { page, context } = await open(390, path);
  const qr = await page.evaluate(async () => {
    const svg = document.querySelector("svg.qr");
    const size = svg.viewBox.baseVal.width;
    const scale = 8;
    const image = new Image();
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = size * scale;
    const drawing = canvas.getContext("2d");
    drawing.drawImage(image, 0, 0, size * scale, size * scale);
    const pixels = drawing.getImageData(0, 0, size * scale, size * scale).data;
    let bits = "";
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const at = ((y * scale + scale / 2) * size * scale + x * scale + scale / 2) * 4;
        bits += pixels[at] < 128 ? "1" : "0";
      }
    }
    return { size, bits, canonical: document.querySelector("link[rel=canonical]")?.href ?? null };
  });
  await context.close();
  (report.qr ??= []).push({ path, ...qr });
}

for (const path of config.pdfPages ?? []) {
  // Printed to PDF as a browser's "Save as PDF" does: how many A4 sheets.
  const { page, context } = await open(1280, path);
  const pdf = (await page.pdf({ preferCSSPageSize: true, format: "A4" })).toString("latin1");
  const sheets = (pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  await context.close();
  (report.pdf ??= []).push({ path, sheets });
}

for (const poster of config.posters ?? []) {
  // Printed as "Save as PDF" does, on A4 and on A3, into files for the test
  // to count, rasterise and scan; and laid out as print lays out one A4
  // page (its content box at 96 px per inch) to see that no text is cut.
  const { page, context } = await open(1280, poster.path);
  const files = {};
  for (const format of ["A4", "A3"]) {
    files[format] = join(config.screenshots, `poster-${poster.name}-${format}.pdf`);
    await writeFile(files[format], await page.pdf({ preferCSSPageSize: true, format }));
  }
  await page.setViewportSize({ width: 703, height: 1032 });
  await page.emulateMedia({ media: "print" });
  const fit = await page.evaluate(() => {
    const body = document.querySelector(".poster-body");
    return { overflow: body.scrollHeight - body.clientHeight, events: body.querySelectorAll(".poster-events li").length,
      call: document.querySelector(".poster-call a")?.getAttribute("href") ?? null };
  });
  await context.close();
  (report.posters ??= []).push({ ...poster, files, ...fit });
}

for (const path of config.leaflets ?? []) {
  // An article, campaign or plan printed to A4 as "Save as PDF" does; then,
  // laid out for print, the smallest heading and the body text's size, and
  // the headings' texts (for the test to see that no page ends with one).
  const { page, context } = await open(1280, path);
  const file = join(config.screenshots, `leaflet-${path.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.pdf`);
  await writeFile(file, await page.pdf({ preferCSSPageSize: true, format: "A4" }));
  await page.emulateMedia({ media: "print" });
  const sizes = await page.evaluate(() => {
    const visible = (e) => e.getClientRects().length > 0;
    const size = (e) => parseFloat(getComputedStyle(e).fontSize);
    const headings = Array.from(document.querySelectorAll("main h2, main h3, main h4, main h5")).filter(visible);
    const body = Array.from(document.querySelectorAll("main .prose p, main .document p.doc-text, main .document p.doc-item")).filter(visible);
    return {
      headingMin: Math.min(...headings.map(size)),
      bodyMax: Math.max(...body.map(size)),
      headings: headings.map((h) => h.textContent.trim()),
    };
  });
  await context.close();
  (report.leaflets ??= []).push({ path, file, ...sizes });
}

for (const width of config.phoneWidths ?? []) {
  for (const path of config.phonePages ?? []) {
    // On a phone: every text as rendered (SVG text scaled with its drawing)
    // at least 11 px, nothing wider than the screen, the tasks as a list,
    // the narrow timeline, and the way to the full text and back.
    const { context, page } = await open(width, path);
    const found = await page.evaluate(() => {
      const small = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode())) {
        if (!node.textContent.trim()) continue;
        const element = node.parentElement;
        if (element.closest("title, desc, script, style")) continue;
        const rect = element.getBoundingClientRect();
        if (!rect.width || !rect.height) continue;
        let size = parseFloat(getComputedStyle(element).fontSize);
        const svg = element.closest("svg");
        if (svg) { const m = svg.getScreenCTM(); size *= m ? Math.hypot(m.a, m.b) : 1; }
        if (size < 11) small.push(`${size.toFixed(1)} px: ${node.textContent.trim().slice(0, 40)}`);
      }
      const row = document.querySelector("table.tasks tbody tr");
      const shown = (e) => e && e.getClientRects().length > 0;
      return {
        small,
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        taskRows: row ? getComputedStyle(row).display : null,
        narrowTimeline: shown(document.querySelector(".timeline-hep")),
        wideTimeline: shown(document.querySelector(".timeline-rong")),
        jump: Array.from(document.querySelectorAll(".plan-jump a")).map((a) => a.getAttribute("href")),
        back: document.querySelector(".back-up a")?.getAttribute("href") ?? null,
        height: document.documentElement.scrollHeight,
      };
    });
    await page.screenshot({ path: join(config.screenshots, `${width}-${path.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.png`), fullPage: true });
    (report.phone ??= []).push({ path, width, ...found });
    await context.close();
  }
}

for (const path of config.photoPages ?? []) {
  // A phone of 390 px at 3 device pixels a CSS pixel, as a recent phone:
  // each image it downloads (its size and type) and how far the page
  // moved while they loaded (the cumulative layout shift).
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 });
  await context.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  const page = await context.newPage();
  const images = [];
  page.on("response", async (r) => {
    if (r.request().resourceType() !== "image") return;
    const body = await r.body().catch(() => Buffer.alloc(0));
    images.push({ url: r.url(), type: r.headers()["content-type"] ?? "", bytes: body.length });
  });
  await page.goto(base + path, { waitUntil: "load" });
  // Every lazy image brought into view, top to bottom.
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y <= height; y += 600) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    await page.waitForTimeout(150);
  }
  await page.waitForLoadState("networkidle");
  const shift = await page.evaluate(() => window.__shift);
  const shown = await page.evaluate(() => [...document.querySelectorAll("main img")].map((i) => ({ src: i.currentSrc, complete: i.complete, width: i.naturalWidth })));
  (report.photos ??= []).push({ path, images, shift, shown });
  await context.close();
}

for (const path of config.plainTexts ?? []) {
  // A text file from a server that sends no charset: what the browser shows.
  const { context, page } = await open(390, path + "?no-charset");
  const shown = await page.evaluate(() => document.body.innerText);
  (report.plain ??= []).push({ path, shown });
  await context.close();
}

if (config.callPage !== undefined) {
  // The number to call on the home page, on a phone: a tel: link in view.
  const { context, page } = await open(390, config.callPage);
  report.call = await page.evaluate(() => {
    const a = document.querySelector(".call-box a[href^='tel:']");
    return a && { href: a.getAttribute("href"), text: a.textContent, bottom: a.getBoundingClientRect().bottom, screen: window.innerHeight };
  });
  await context.close();
}

for (const path of config.keyboardPages ?? []) {
  // Keyboard only: the first Tab reaches the skip link, which is visible when
  // focused and takes focus to the main content; every focused link shows a
  // focus outline.
  const { context, page } = await open(390, path);
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => {
    const e = document.activeElement;
    const r = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return { text: e.textContent.trim(), visible: r.left >= 0 && r.top >= 0 && r.width > 0, outline: style.outlineStyle };
  });
  await page.keyboard.press("Enter");
  const afterSkip = await page.evaluate(() => document.activeElement && document.activeElement.id);
  await page.keyboard.press("Tab");
  const next = await page.evaluate(() => {
    const e = document.activeElement;
    return { tag: e.tagName, inMain: !!e.closest("main"), outline: getComputedStyle(e).outlineStyle };
  });
  (report.keyboard ??= []).push({ path, first, afterSkip, next });
  await context.close();
}

for (const path of config.zoomPages ?? []) {
  // Text at 200 %: the root font size doubled, as a reader's browser setting does.
  const { context, page } = await open(390, path);
  await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  const wide = await page.evaluate(() => Array.from(document.querySelectorAll("main *"))
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest(".table-scroll, .timeline, figure"))
    .slice(0, 3).map((e) => e.tagName + "." + e.className));
  await page.screenshot({ path: join(config.screenshots, `zoom-200-${path.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "home"}.png`), fullPage: true });
  (report.zoom ??= []).push({ path, overflow, wide });
  await context.close();
}

if (config.offline) {
  // The offline copy opened from disk: links work; search works where the
  // browser allows it, else it says so and offers the indexes.
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("file://" + join(config.offline, "index.html"));
  await page.locator("main .card a").first().click();
  await page.waitForLoadState("load");
  const articleUrl = page.url();
  const articleH1 = await page.locator("h1").textContent();
  const css = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).backgroundColor);
  await page.goto("file://" + join(config.offline, "tim-kiem", "index.html"));
  await page.getByRole("searchbox").first().fill("cai nghien");
  await page.getByRole("searchbox").first().press("Enter");
  await page.waitForFunction(() => {
    const s = document.querySelector("[data-search-status]");
    return s && s.textContent && s.textContent !== "Đang tìm…";
  }, null, { timeout: 5000 }).catch(() => {});
  await page.locator("[data-search-results] li").first().waitFor({ timeout: 5000 }).catch(() => {});
  const searchStatus = await page.locator("[data-search-status]").textContent();
  const results = await page.locator("[data-search-results] li").count();
  // A result opens its page from disk.
  let resultH1 = null;
  if (results) {
    await page.locator("[data-search-results] li a").first().click();
    await page.waitForLoadState("load");
    resultH1 = await page.locator("h1").textContent().catch(() => null);
  }
  await page.screenshot({ path: join(config.screenshots, "offline-search.png"), fullPage: true });
  report.offline = { articleUrl, articleH1, css, searchStatus, results, resultH1, errors };
  await context.close();
}

if (config.noJsPage) {
  const { context, page } = await open(390, config.noJsPage, false);
  report.noJsText = await page.locator("main").innerText();
  await page.screenshot({ path: join(config.screenshots, "no-js-search.png"), fullPage: true });
  await context.close();
}

await browser.close();
server.close();
process.stdout.write(JSON.stringify(report));
