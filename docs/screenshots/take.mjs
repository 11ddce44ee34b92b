// Clicks through a running coopkit the way a person would and saves screenshots to
// docs/images/. Not part of the test suite: it is how we look at the product before calling
// an issue done.
//
//   npm install playwright-core            (anywhere; uses Debian's /usr/bin/chromium)
//   COOPKIT_URL=http://127.0.0.1:8000 node docs/screenshots/take.mjs SCENARIO
//
// Each scenario reads the accounts it needs from the environment (see README of the scenario
// functions below).
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const base = process.env.COOPKIT_URL ?? "http://127.0.0.1:8000";
const out = process.env.COOPKIT_SHOTS ?? "docs/images";
mkdirSync(out, { recursive: true });

const phone = { width: 390, height: 844 };
const laptop = { width: 1280, height: 900 };

async function session(viewport) {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport });
  return { browser, page };
}

async function shot(page, name) {
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  console.log(`saved ${out}/${name}.png`);
}

async function signIn(page, email, password) {
  await page.goto(`${base}/login`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("main button[type=submit]");
}

const scenarios = {
  // A rep signs in on a phone, opens a case with a mistake, fixes it, and sees the list.
  async foundation() {
    const { browser, page } = await session(phone);
    await signIn(page, process.env.REP_EMAIL, process.env.REP_PASSWORD);
    await page.goto(`${base}/cases/new`);
    await page.fill("#name", "Ribble Print Works");
    await page.selectOption("#pathway", "buyout");
    await page.selectOption("#trigger", "owner_retiring");
    await page.fill("#sector", "Printing");
    await page.fill("#worker_count", "about twenty");
    await page.click("main button[type=submit]");
    await shot(page, "foundation-new-case-errors");
    await page.fill("#employer", "Ribble Print Ltd");
    await page.fill("#worker_count", "24");
    await page.click("main button[type=submit]");
    await shot(page, "foundation-case-page");
    await page.goto(`${base}/cases`);
    await shot(page, "foundation-case-list");
    await browser.close();
  },
};

const name = process.argv[2] ?? "foundation";
if (!scenarios[name]) {
  console.error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(", ")}`);
  process.exit(2);
}
await scenarios[name]();
