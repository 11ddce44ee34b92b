// The checks run on every page the journeys visit, and the record of what they found.
//
// Every page gets: axe-core with the WCAG 2.2 A and AA rules (critical and serious
// violations fail), a horizontal-scroll check (nothing may be wider than the window: WCAG
// 1.4.10 at 390 px), and a screenshot. Throughout, any console error, uncaught script error or
// HTTP response of 500 or more is a failure. Problems are collected rather than thrown, so one
// run reports all of them; a journey that cannot go on (a button missing) throws.
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const FAILING_IMPACTS = new Set(["critical", "serious"]);

export class Run {
  constructor({ base, shotsDir, chromiumPath }) {
    this.base = base;
    this.shotsDir = shotsDir;
    this.chromiumPath = chromiumPath;
    this.pagesChecked = 0;
    this.problems = [];
    // Violations below serious are reported, not failed: they are worth reading.
    this.minorViolations = [];
    this.step = 0;
  }

  async start() {
    this.browser = await chromium.launch({
      executablePath: this.chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }

  async stop() {
    await this.browser?.close();
  }

  /// A fresh browser context (its own cookies: one person) at this width, watched for
  /// console errors and 5xx responses.
  async person(label, width) {
    const context = await this.browser.newContext({
      viewport: { width, height: width < 600 ? 844 : 900 },
      acceptDownloads: true,
      baseURL: this.base,
    });
    context.setDefaultTimeout(15_000);
    return this.watch(await context.newPage(), label, width);
  }

  /// Another tab of the same person (same cookies), watched like their first: for a form
  /// loaded twice, as a person with two tabs open would.
  async tab(page) {
    return this.watch(await page.context().newPage(), `${page.coopkit.label} (second tab)`, page.coopkit.width);
  }

  watch(page, label, width) {
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      // A form sent back with its mistakes answers 422, and Chromium logs that status for the
      // page itself as an error. That is the page working; a 4xx for anything else is not.
      const refusedForm = /status of 4\d\d/.test(msg.text()) && msg.location()?.url === page.url();
      if (!refusedForm) this.fail(page, `console error: ${msg.text()} (${msg.location()?.url ?? ""})`);
    });
    page.on("pageerror", (err) => this.fail(page, `script error: ${err.message}`));
    page.on("response", (response) => {
      if (response.status() >= 500) this.fail(page, `HTTP ${response.status()} for ${response.request().method()} ${response.url()}`);
    });
    page.coopkit = { label, width };
    return page;
  }

  fail(page, message) {
    const where = page ? `[${page.coopkit.width}px ${page.coopkit.label}] ${safeUrl(page)}` : "";
    this.problems.push(`${where}: ${message}`);
    console.log(`  FAIL ${where}: ${message}`);
  }

  /// Checks the page as it is now and saves a screenshot named after the step.
  async check(page, name) {
    await page.waitForLoadState("load");
    const { width, label } = page.coopkit;
    this.pagesChecked += 1;
    this.step += 1;
    const dir = join(this.shotsDir, `${width}px`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${String(this.step).padStart(3, "0")}-${name}.png`);

    const overflow = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      // The widest elements that stick out, to say what to fix.
      culprits: [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().split(/\s+/).join(".") : ""} (right edge ${Math.round(el.getBoundingClientRect().right)})`),
    }));
    if (overflow.scrollWidth > overflow.innerWidth) {
      this.fail(page, `scrolls sideways: ${overflow.scrollWidth}px wide in a ${overflow.innerWidth}px window; sticking out: ${overflow.culprits.join(", ")}`);
    }

    // Evaluated through the DevTools protocol, so the page's script-src policy is untouched.
    if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(axeSource);
    const results = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 4).map((n) => n.target.join(" ")), count: v.nodes.length,
      }));
    }, AXE_TAGS);
    for (const v of results) {
      const text = `axe ${v.impact} ${v.id} (${v.help}) x${v.count}: ${v.targets.join(" | ")}`;
      if (FAILING_IMPACTS.has(v.impact)) this.fail(page, text);
      else {
        this.minorViolations.push(`[${width}px ${label}] ${safeUrl(page)}: ${text}`);
        console.log(`  note ${text}`);
      }
    }

    await page.screenshot({ path: file, fullPage: true });
    console.log(`ok ${String(this.step).padStart(3)} [${width}px ${label}] ${name} ${safeUrl(page)}`);
  }
}

function safeUrl(page) {
  try {
    const url = new URL(page.url());
    return url.pathname + url.search;
  } catch {
    return page.url();
  }
}
