// Live reload and the error overlay of `loa serve`, in Debian's chromium.
// The test (tests/it/serve.rs) starts `loa serve`; this script opens a page,
// then edits the site's files itself and watches the open page react:
//   1. a new title is saved: the page reloads by itself and shows it;
//   2. a broken date is saved: an overlay names the file and the error, over
//      the last good page;
//   3. the fix is saved: the overlay goes and the page reloads.
// Prints a JSON report on stdout; the assertions live in the Rust test.
//
//   node serve.mjs '{"url": "http://127.0.0.1:PORT/bai-viet/x/", "file": "/…/x.md",
//                    "good": "…", "changed": "…", "broken": "…"}'
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const config = JSON.parse(process.argv[2]);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
const consoleErrors = [];
page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
page.on("pageerror", (e) => consoleErrors.push(String(e)));
const report = { consoleErrors };
const timeout = 20000;

await page.goto(config.url, { waitUntil: "load" });
report.before = await page.locator("h1").innerText();
// Let the page's first poll reach the server.
await page.waitForTimeout(300);

let reloaded = page.waitForEvent("load", { timeout });
writeFileSync(config.file, config.changed);
await reloaded;
report.afterChange = await page.locator("h1").innerText();

writeFileSync(config.file, config.broken);
const overlay = page.locator("#loa-loi");
await overlay.waitFor({ state: "visible", timeout });
report.overlay = await overlay.innerText();
report.underOverlay = await page.locator("h1").innerText();

reloaded = page.waitForEvent("load", { timeout });
writeFileSync(config.file, config.good);
await reloaded;
report.overlayAfterFix = await overlay.count();
report.afterFix = await page.locator("h1").innerText();

await browser.close();
console.log(JSON.stringify(report));
