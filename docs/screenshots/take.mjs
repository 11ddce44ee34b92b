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

import { readFileSync, writeFileSync, statSync } from "node:fs";

const stateFile = process.env.COOPKIT_STATE ?? "/tmp/coopkit-shots-state.json";
function loadState() { try { return JSON.parse(readFileSync(stateFile, "utf8")); } catch { return {}; } }
function saveState(patch) { writeFileSync(stateFile, JSON.stringify({ ...loadState(), ...patch })); }

const rita = () => [process.env.REP_EMAIL ?? "rita@unite.example", process.env.REP_PASSWORD ?? "rita rep password"];
const sam = () => [process.env.STAFF_EMAIL ?? "sam@pcec.example", process.env.STAFF_PASSWORD ?? "staff password here"];

// A full-page shot, cut down to the first screens when the PNG would pass ~400 KB.
async function shotCapped(page, name, maxHeight = 4000) {
  const path = `${out}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  if (statSync(path).size > 400_000) {
    const vp = page.viewportSize();
    await page.screenshot({ path, clip: { x: 0, y: 0, width: vp.width, height: maxHeight } });
    if (statSync(path).size > 400_000) await page.screenshot({ path });
  }
  console.log(`saved ${path} (${Math.round(statSync(path).size / 1024)} KB) ${page.url()}`);
}

// Fills fields in `main` by name: radios and checkboxes by value, selects, everything else typed.
async function answer(page, values, scope = "main") {
  for (const [name, value] of Object.entries(values)) {
    const first = page.locator(`${scope} [name="${name}"]`).first();
    if (!(await first.count())) { console.log(`  (no field ${name} on ${page.url()})`); continue; }
    const type = await first.evaluate((el) => el.tagName === "SELECT" ? "select" : (el.type || "text"));
    if (type === "radio" || type === "checkbox") {
      for (const v of [].concat(value)) await page.check(`${scope} [name="${name}"][value="${v}"]`);
    } else if (type === "select") {
      await first.selectOption(value);
    } else {
      await first.fill(String(value));
    }
  }
}

// Picks the first choice of every radio group nobody has answered yet, and types into empty boxes.
async function answerTheRest(page, scope = "main form") {
  await page.evaluate((scope) => {
    const form = document.querySelector(scope);
    if (!form) return;
    const groups = new Set([...form.querySelectorAll("input[type=radio]")].map((r) => r.name));
    for (const g of groups) {
      const radios = [...form.querySelectorAll(`input[type=radio][name="${g}"]`)];
      if (!radios.some((r) => r.checked)) radios[0].checked = true;
    }
    for (const el of form.querySelectorAll("input[type=text]:not([name*='.']):not([name*='[']), input:not([type]), textarea")) {
      if (el.value || el.name === "website" || el.type === "hidden") continue;
      const short = el.inputMode === "numeric" || el.inputMode === "decimal" || el.classList.contains("input-short");
      const hint = el.closest(".field")?.querySelector(".hint")?.textContent ?? "";
      const range = hint.match(/(\d+) to (\d+)/);
      el.value = short ? (range ? range[1] : "3") : "Ribble Print Workers";
    }
    const people = ["Ann Lee", "Bilal Khan", "Cath O'Neill"];
    people.forEach((name, i) => {
      const set = (f, v) => { const el = form.querySelector(`[name="founders[${i}].${f}"]`); if (el && !el.value) el.value = v; };
      set("name", name); set("age", "40"); set("hours_week", "37");
      const role = form.querySelector(`[name="founders[${i}].roles"]`);
      if (role) role.checked = true;
    });
  }, scope);
}

function daysAgo(n) {
  const d = new Date(Date.now() - n * 86400_000);
  return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) };
}

async function dateInto(page, key, n, sep = ".") {
  const d = daysAgo(n);
  await answer(page, { [`${key}${sep}day`]: d.day, [`${key}${sep}month`]: d.month, [`${key}${sep}year`]: d.year });
}

async function submit(page, formSelector = "main form", text) {
  const btn = text
    ? page.locator(`${formSelector} button[type=submit]`, { hasText: text }).first()
    : page.locator(`${formSelector} button[type=submit]`).first();
  await Promise.all([page.waitForLoadState("load"), btn.click()]);
  await page.waitForLoadState("load");
}

function caseId(page) {
  const m = page.url().match(/\/cases\/(\d+)/);
  return m ? m[1] : null;
}

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

  // Rita opens a buyout case on a phone and answers the intake stage, mistakes first.
  async pathways() {
    const { browser, page } = await session(phone);
    await signIn(page, ...rita());
    await page.goto(`${base}/cases/new`);
    await answer(page, { name: "Fishergate Bakery", pathway: "buyout", trigger: "closure", sector: "Bakery",
      employer: "Fishergate Bakery Ltd", worker_count: "31", union_name: "Unite", union_branch: "Preston Food",
      description: "The owner told us on Monday the bakery will close. Most of us want to keep it going." });
    await submit(page);
    const id = caseId(page);
    saveState({ caseId: id });
    await shotCapped(page, "pathways-task-list-new");
    await page.goto(`${base}/cases/${id}/stages/intake`);
    await shotCapped(page, "pathways-stage-intake");
    await page.goto(`${base}/cases/${id}/stages/intake/pages/intake`);
    await answer(page, { pathway: "buyout", case_name: "FB", group_name: "Fishergate Bakery", town: "Preston",
      sic_code: "1071", headcount: "lots", union_present: "yes" });
    await dateInto(page, "first_contact", -3);   // in the future: a mistake
    await submit(page, "main form", "Save and continue");
    await shotCapped(page, "pathways-intake-errors");
    await answer(page, { case_name: "Fishergate Bakery buyout", sic_code: "10710", headcount: "31", union_name: "unite" });
    await dateInto(page, "first_contact", 2);
    await submit(page, "main form", "Save and continue");
    console.log("after intake:", page.url());
    await page.goto(`${base}/cases/${id}/stages/intake/pages/trigger`);
    await answer(page, { trigger: "redundancy_proposal" });
    await dateInto(page, "trigger_date", 8);
    await shotCapped(page, "pathways-trigger-page");
    await answerTheRest(page);
    await submit(page, "main form", "Save and continue");
    console.log("after trigger:", page.url());
    if (await page.locator(".error-message").count()) {
      await shotCapped(page, "pathways-trigger-errors");
      await answer(page, { company_number: "08123456" });
      await answerTheRest(page);
      await submit(page, "main form", "Save and continue");
      console.log("after trigger fix:", page.url());
    }
    await page.goto(`${base}/cases/${id}/stages/intake/pages/redundancy`);
    await answer(page, { proposed_redundancies: "25", max_one_site_90d: "25", union_recognised: "yes", reps_elected: "yes" });
    await dateInto(page, "consultation_start", 7);
    await shotCapped(page, "pathways-redundancy-page");
    await submit(page, "main form", "Save and continue");
    console.log("after redundancy:", page.url());
    if (await page.locator(".error-message").count()) {
      await shotCapped(page, "pathways-redundancy-errors");
      await dateInto(page, "consultation_start", 7);
      await submit(page, "main form", "Save and continue");
      console.log("after redundancy fix:", page.url());
      if (await page.locator(".error-message").count()) await shotCapped(page, "pathways-redundancy-errors-2");
    }
    await page.goto(`${base}/cases/${id}`);
    await shotCapped(page, "pathways-task-list");
    await page.goto(`${base}/cases/${id}/stages/intake`);
    await shotCapped(page, "pathways-stage-page");
    await page.goto(`${base}/cases/${id}/stages/intake/check`);
    await shotCapped(page, "pathways-check-answers");
    await page.goto(`${base}/cases/${id}/deadlines`);
    await shotCapped(page, "pathways-deadlines");
    await browser.close();
  },

  // Sam at the Centre: dashboard, filtered list, tasks and notes, timeline; laptop then phone.
  async centre() {
    for (const [label, viewport] of [["laptop", laptop], ["phone", phone]]) {
      const { browser, page } = await session(viewport);
      await signIn(page, ...sam());
      await page.goto(`${base}/dashboard`);
      await shotCapped(page, `centre-${label}-dashboard`);
      await page.goto(`${base}/cases`);
      await page.click("main details.filter-more summary");
      await answer(page, { pathway: "buyout" });
      await page.locator("main #status").selectOption({ index: 1 });
      await submit(page, "main form");
      await shotCapped(page, `centre-${label}-cases-filtered`);
      const id = loadState().caseId;
      await page.goto(`${base}/cases/${id}/tasks`);
      if (label === "laptop") {
        await answer(page, { title: "Ring the owner about the lease", due_on: "2026-12-04" });
        await submit(page, `main form[action$="/tasks"]`);
        console.log("after task:", page.url());
        await page.goto(`${base}/cases/${id}/tasks`);
        await answer(page, { body: "Owner sounded open to a sale on the phone; keep this between us until the accountant has seen the books.", visibility: "staff" });
        await submit(page, `main form[action$="/notes"]`);
        console.log("after note:", page.url());
        await page.goto(`${base}/cases/${id}/tasks`);
      }
      await shotCapped(page, `centre-${label}-tasks-notes`);
      await page.goto(`${base}/cases/${id}/timeline`);
      await shotCapped(page, `centre-${label}-timeline`);
      await browser.close();
    }
  },

  // Rita answers the rules questions, makes drafts, reads one and compares two.
  async documents() {
    const { browser, page } = await session(laptop);
    await signIn(page, ...rita());
    const id = loadState().caseId;
    await page.goto(`${base}/cases/${id}/documents`);
    await shotCapped(page, "documents-tab");
    await page.goto(`${base}/cases/${id}/documents/rules`);
    await shotCapped(page, "documents-rules-start");
    for (let i = 0; i < 12; i++) {
      if (!(await page.locator("main form button", { hasText: "Save and continue" }).count())) break;
      const before = page.url();
      await answerTheRest(page);
      await submit(page, "main form", "Save and continue");
      console.log(`rules page ${i}: ${before} -> ${page.url()}`);
      if (await page.locator("main .error-message").count()) {
        await shotCapped(page, `documents-rules-errors-${i}`);
        break;
      }
      if (/\/documents$/.test(page.url())) break;
    }
    await page.goto(`${base}/cases/${id}/documents`);
    await shotCapped(page, "documents-after-rules");
    for (let n = 0; n < 2; n++) {
      await page.goto(`${base}/cases/${id}/documents`);
      await submit(page, "main form.inline-form", "Make a draft");
      console.log("after make:", page.url());
    }
    await shotCapped(page, "documents-made-draft");
    await page.goto(`${base}/cases/${id}/documents`);
    const read = page.locator("main a", { hasText: "Read" }).first();
    if (await read.count()) {
      await read.click();
      await page.waitForLoadState("load");
      await shotCapped(page, "documents-preview");
    }
    await page.goto(`${base}/cases/${id}/documents`);
    if (await page.locator("main .compare-form").count()) {
      await page.locator("main #compare-from").selectOption({ index: 1 });
      await submit(page, "main .compare-form");
      await shotCapped(page, "documents-compare");
    }
    await browser.close();
  },

  // Rita invites workers from a list; one worker joins and answers the survey.
  async workers() {
    const id = loadState().caseId;
    let { browser, page } = await session(phone);
    await signIn(page, ...rita());
    await page.goto(`${base}/cases/${id}/invitations`);
    await page.fill("main #list", [
      "Ann Lee, ann@example.org",
      "Bilal Khan, bilal@example.org",
      "Cath O'Neill, cath@example.org",
      "Dev Patel devpatel.example.org",
      "Eve Walsh, eve@example.org",
    ].join("\n"));
    await submit(page, `main form[action$="/invitations/list"]`);
    await shotCapped(page, "workers-invitations-result");
    const links = await page.$$eval("main a, main code, main input, main td", (els) =>
      els.map((e) => e.href || e.value || e.textContent).filter((t) => t && t.includes("/join/")));
    console.log("join links:", links.slice(0, 5));
    await browser.close();
    const m = links.join(" ").match(/\/join\/([A-Za-z0-9_-]+)/);
    if (!m) { console.log("no join link found on the page"); return; }
    ({ browser, page } = await session(phone));
    await page.goto(`${base}/join/${m[1]}`);
    await shotCapped(page, "workers-join");
    await answer(page, { name: "Ann Lee", password: "bread and roses forever", confirm: "bread and roses forever" });
    await submit(page, `main form:has(#confirm)`);
    console.log("after join:", page.url());
    await page.goto(`${base}/cases/${id}/progress`);
    await shotCapped(page, "workers-progress");
    await page.goto(`${base}/cases/${id}/survey`);
    await shotCapped(page, "workers-survey-blank");
    await page.check("main input[name=would_join]");
    await page.locator("main input[name=worries]").first().check();
    await page.locator("main input[name=capital_band]").nth(1).check();
    await page.locator("main input[name=capital_term]").first().check();
    await answer(page, { hours: "37" });
    await page.locator("main input[name=skills]").first().check();
    await submit(page, `main form:has(#hours)`);
    await shotCapped(page, "workers-survey-answered");
    await page.goto(`${base}/cases/${id}/progress`);
    await shotCapped(page, "workers-progress-after");
    await browser.close();
    ({ browser, page } = await session(phone));
    await signIn(page, ...rita());
    await page.goto(`${base}/cases/${id}/survey`);
    await shotCapped(page, "workers-survey-totals");
    await browser.close();
  },

  // Issue 7 "done when": Rita invites five from a pasted list, three accept on phones and answer
  // the survey, Rita publishes the rules draft, the three read it and download the PDF, and Rita
  // sees the survey totals and who has read the rules.
  async workers_walkthrough() {
    const id = loadState().caseId;
    const W = (n, what) => `workers-walkthrough-${String(n).padStart(2, "0")}-${what}`;
    const mainText = async (page) => (await page.locator("main").innerText()).replace(/\s+/g, " ").slice(0, 400);
    let { browser, page } = await session(phone);
    await signIn(page, ...rita());
    await page.goto(`${base}/cases/${id}/invitations`);
    const people = [["Ann Lee", "ann@example.org"], ["Bilal Khan", "bilal@example.org"],
      ["Cath O'Neill", "cath@example.org"], ["Dev Patel", "dev@example.org"], ["Eve Walsh", "eve@example.org"]];
    await page.fill("main #list", people.map(([n, e]) => `${n}, ${e}`).join("\n"));
    await shotCapped(page, W(1, "rep-pastes-list"));
    await submit(page, `main form[action$="/invitations/list"]`);
    await shotCapped(page, W(2, "rep-links-shown"));
    const html = await page.locator("main").innerHTML();
    const tokens = [...new Set([...html.matchAll(/\/join\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]))];
    console.log(`join tokens found: ${tokens.length}`);
    await browser.close();
    if (tokens.length < 3) { console.log("fewer than 3 join links on the page:", await mainText(page).catch(() => "")); return; }

    const workers = [["Ann Lee", "bread and roses forever"], ["Bilal Khan", "solidarity for ever 42"], ["Cath O'Neill", "an injury to one is all"]];
    const workerStates = [];
    for (let i = 0; i < 3; i++) {
      ({ browser, page } = await session(phone));
      await page.goto(`${base}/join/${tokens[i]}`);
      if (i === 0) await shotCapped(page, W(3, "worker-join"));
      await answer(page, { name: workers[i][0], password: workers[i][1], confirm: workers[i][1] });
      await submit(page, `main form:has(#confirm)`);
      console.log(`worker ${i + 1} after join: ${page.url()}`);
      if (await page.locator("main .error-message").count()) {
        await shotCapped(page, W(4 + i, "worker-join-error"));
        console.log("  join error:", await mainText(page));
      }
      if (i === 0) await shotCapped(page, W(4, "worker-after-join"));
      await page.goto(`${base}/cases/${id}/survey`);
      if (i === 0) await shotCapped(page, W(5, "worker-survey-blank"));
      await page.check("main input[name=would_join]").catch((e) => console.log("  would_join:", e.message.split("\n")[0]));
      await page.locator("main input[name=worries]").nth(i).check().catch(() => {});
      await page.locator("main input[name=capital_band]").nth(i % 3).check().catch(() => {});
      await page.locator("main input[name=capital_term]").nth(i % 2).check().catch(() => {});
      await answer(page, { hours: String(30 + i * 4) });
      await page.locator("main input[name=skills]").nth(i).check().catch(() => {});
      await submit(page, `main form:has(#hours)`);
      console.log(`worker ${i + 1} after survey: ${page.url()}`);
      if (i === 0 || await page.locator("main .error-message").count()) await shotCapped(page, W(6 + (i ? i + 10 : 0), "worker-survey-sent"));
      workerStates.push(await page.context().storageState());
      await browser.close();
    }

    ({ browser, page } = await session(phone));
    await signIn(page, ...rita());
    await page.goto(`${base}/cases/${id}/documents`);
    const publish = page.locator("main form[action$='/publish'] button", { hasText: "Publish to workers" }).first();
    if (await publish.count()) {
      await Promise.all([page.waitForLoadState("load"), publish.click()]);
      await page.waitForLoadState("load");
      console.log("after publish:", page.url());
    } else console.log("no Publish to workers button:", await mainText(page));
    await shotCapped(page, W(7, "rep-published"));
    await browser.close();

    for (let i = 0; i < 3; i++) {
      const b = await chromium.launch({ executablePath: "/usr/bin/chromium",
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
      const ctx = await b.newContext({ viewport: phone, storageState: workerStates[i], acceptDownloads: true });
      const p = await ctx.newPage();
      await p.goto(`${base}/cases/${id}/documents/library`);
      if (i === 0) await shotCapped(p, W(8, "worker-library"));
      const open = p.locator(`main a[href*='/documents/']:not([href$='/pdf']):not([href$='/library'])`).first();
      if (!(await open.count())) { console.log(`worker ${i + 1}: nothing to open in library:`, await mainText(p)); await b.close(); continue; }
      await Promise.all([p.waitForLoadState("load"), open.click()]);
      await p.waitForLoadState("load");
      console.log(`worker ${i + 1} reading: ${p.url()}`);
      if (i === 0) await shotCapped(p, W(9, "worker-reads-rules"));
      let mark = p.locator("main button", { hasText: /read/i }).first();
      if (!(await mark.count())) {   // the "I have read this" button lives on the library page
        await p.goto(`${base}/cases/${id}/documents/library`);
        mark = p.locator("main button", { hasText: /read/i }).first();
      }
      if (await mark.count()) {
        await Promise.all([p.waitForLoadState("load"), mark.click()]);
        await p.waitForLoadState("load");
        console.log(`worker ${i + 1} after mark read: ${p.url()}`);
        if (i === 0) await shotCapped(p, W(10, "worker-marked-read"));
      } else console.log(`worker ${i + 1}: no "read" button on ${p.url()}`);
      const pdf = p.locator("main a[href$='/pdf']").first();
      if (await pdf.count()) {
        const href = await pdf.getAttribute("href");
        try {
          const [dl] = await Promise.all([p.waitForEvent("download", { timeout: 15000 }), pdf.click()]);
          const fn = dl.suggestedFilename();
          console.log(`worker ${i + 1} download: ${fn} ${fn.endsWith(".pdf") ? "OK" : "NOT .pdf"} (${href})`);
          await dl.saveAs(`/tmp/ww-worker${i + 1}.pdf`);
        } catch (e) {
          const r = await ctx.request.get(`${base}${href}`);
          console.log(`worker ${i + 1} no download event (${e.message.split("\n")[0]}); GET ${href} -> ${r.status()} ${r.headers()["content-type"]} ${r.headers()["content-disposition"]}`);
        }
      } else console.log(`worker ${i + 1}: no PDF link on ${p.url()}`);
      await b.close();
    }

    ({ browser, page } = await session(phone));
    await signIn(page, ...rita());
    await page.goto(`${base}/cases/${id}/survey`);
    await shotCapped(page, W(11, "rep-survey-totals"));
    await page.goto(`${base}/cases/${id}/documents/library`);
    await shotCapped(page, W(12, "rep-who-has-read"));
    console.log("library (rep):", await mainText(page));
    await page.goto(`${base}/cases/${id}/invitations`);
    await shotCapped(page, W(13, "rep-invitations-after"));
    await browser.close();
  },

  // Signed out: home, readiness check, result with the redundancy clock, enquiry; then Sam's inbox.
  async frontdoor() {
    let { browser, page } = await session(phone);
    await page.goto(`${base}/`);
    await shotCapped(page, "frontdoor-home");
    await page.goto(`${base}/check`);
    await shotCapped(page, "frontdoor-check-step1");
    const situations = await page.$$eval("main input[name=situation]", (els) => els.map((e) => e.value));
    console.log("situations:", situations);
    const jobs = situations.find((v) => /redundan|closure|clos/.test(v)) ?? situations[0];
    await answer(page, { situation: jobs, people: "25" });
    await answerTheRest(page);
    await submit(page, "main form");
    await shotCapped(page, "frontdoor-check-step2");
    if (await page.locator("main [name=at_one_site]").count()) await answer(page, { at_one_site: "25" });
    if (await page.locator("main [name='parts[consultation_start_day]']").count()) {
      const d = daysAgo(7);
      await answer(page, { "parts[consultation_start_day]": d.day, "parts[consultation_start_month]": d.month, "parts[consultation_start_year]": d.year });
    }
    await answerTheRest(page);
    await submit(page, "main form");
    await shotCapped(page, "frontdoor-check-result");
    const summary = page.locator("main a[href^='/check/summary.pdf']").first();
    if (await summary.count()) {
      const pdf = await page.request.get(new URL(await summary.getAttribute("href"), base).href);
      writeFileSync(`${out}/frontdoor-summary.pdf`, await pdf.body());
      console.log(`saved ${out}/frontdoor-summary.pdf (${pdf.status()})`);
    }
    const enquire = page.locator("main a[href^='/enquire']").first();
    if (await enquire.count()) { await enquire.click(); await page.waitForLoadState("load"); }
    else await page.goto(`${base}/enquire`);
    await shotCapped(page, "frontdoor-enquire");
    await answer(page, { name: "Jo Bloggs", email: "jo@example.org", organisation: "Fishergate Bakery",
      situation: "The bakery is closing and 25 of us have been told we are at risk. We want to know if we could take it over." });
    await page.locator("main input[name=role]").first().check();
    await page.check("main #consent");
    await submit(page, "main form");
    await shotCapped(page, "frontdoor-enquire-sent");
    await browser.close();
    ({ browser, page } = await session(phone));
    await signIn(page, ...sam());
    await page.goto(`${base}/enquiries`);
    await shotCapped(page, "frontdoor-enquiries");
    const first = page.locator("main a[href^='/enquiries/']").first();
    if (await first.count()) { await first.click(); await page.waitForLoadState("load"); await shotCapped(page, "frontdoor-enquiry"); }
    await browser.close();
  },
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
