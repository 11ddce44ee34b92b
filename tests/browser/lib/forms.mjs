// Filling coopkit's forms the way a person does: typing, ticking, choosing, pressing buttons.

/// Fills fields of `scope` by name: radios and checkboxes by value, selects by value,
/// everything else typed. A name missing from the page is an error: the journey would be
/// testing something other than it says.
export async function fill(page, values, scope = "main") {
  for (const [name, value] of Object.entries(values)) {
    const first = page.locator(`${scope} [name="${name}"]`).first();
    if (!(await first.count())) throw new Error(`no field named ${name} on ${page.url()}`);
    const type = await first.evaluate((el) => (el.tagName === "SELECT" ? "select" : el.type || "text"));
    if (type === "radio" || type === "checkbox") {
      for (const v of [].concat(value)) await page.locator(`${scope} [name="${name}"][value="${v}"]`).check();
    } else if (type === "select") {
      await first.selectOption(String(value));
    } else {
      await first.fill(String(value));
    }
  }
}

/// Types the values whose field is on this page and skips the rest: for forms split over
/// several pages, fed from one answers file. `true`/`false` choose "yes"/"no"; a list ticks
/// each value.
export async function fillKnown(page, values, prefix = "", scope = "main") {
  for (const [key, value] of Object.entries(values)) {
    const name = `${prefix}${key}`;
    const field = page.locator(`${scope} [name="${name}"]`).first();
    if (value === null || (typeof value === "object" && !Array.isArray(value))) continue;
    if (!(await field.count())) continue;
    const type = await field.evaluate((el) => (el.tagName === "SELECT" ? "select" : el.type || "text"));
    if (type === "checkbox" || type === "radio") {
      const wanted = Array.isArray(value) ? value : [typeof value === "boolean" ? (value ? "yes" : "no") : String(value)];
      if (type === "checkbox") {
        await page.locator(`${scope} [name="${name}"]`).evaluateAll((boxes) => boxes.forEach((b) => (b.checked = false)));
      }
      for (const v of wanted) {
        const box = page.locator(`${scope} [name="${name}"][value="${v}"]`);
        if (await box.count()) await box.check();
        else if (typeof value === "boolean" && type === "checkbox" && value) await field.check();
      }
    } else if (!Array.isArray(value)) {
      await fill(page, { [name]: value }, scope);
    }
  }
}

/// Fills a day/month/year date group with a date `daysFromToday` away. The readiness check
/// names its boxes `parts[KEY_day]`, the stage pages `KEY.day`.
export async function fillDate(page, key, daysFromToday, scope = "main") {
  const d = new Date(Date.now() + daysFromToday * 86_400_000);
  const parts = { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() };
  const readiness = await page.locator(`${scope} [name="parts[${key}_day]"]`).count();
  const name = (part) => (readiness ? `parts[${key}_${part}]` : `${key}.${part}`);
  for (const [part, value] of Object.entries(parts)) await fill(page, { [name(part)]: value }, scope);
}

/// Presses the submit button with this text (the first submit button when none is given)
/// and waits for the page that answers.
export async function submit(page, text, scope = "main") {
  const buttons = page.locator(`${scope} button[type=submit]`);
  const button = text ? buttons.filter({ hasText: text }).first() : buttons.first();
  if (!(await button.count())) throw new Error(`no button "${text}" on ${page.url()}`);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), button.click()]);
}

/// Clicks this (a button or link) and waits for the page that answers.
export async function clickAndWait(page, locator) {
  if (!(await locator.count())) throw new Error(`nothing to click on ${page.url()}`);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), locator.first().click()]);
}

/// Follows the link with this text.
export async function follow(page, text, scope = "main") {
  const link = page.locator(`${scope} a`).filter({ hasText: text }).first();
  if (!(await link.count())) throw new Error(`no link "${text}" on ${page.url()}`);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), link.click()]);
}

/// Answers every question the journey has not and a person can see: the first choice of each
/// radio group nobody chose, and a plausible value in each empty box (the low end of a range a
/// hint gives). Like a rep who accepts what is offered; the journeys type the answers that
/// matter first. Follow-up questions hidden because their answer was not chosen are left alone.
export async function answerTheRest(page, scope = "main form") {
  await page.evaluate((scope) => {
    const form = document.querySelector(scope);
    if (!form) return;
    const seen = (el) => (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null);
    const groups = new Set([...form.querySelectorAll("input[type=radio]")].map((r) => r.name));
    for (const g of groups) {
      const radios = [...form.querySelectorAll(`input[type=radio][name="${CSS.escape(g)}"]`)];
      if (radios.some((r) => r.checked) || !seen(radios[0])) continue;
      radios[0].checked = true;
      // As a click would: the page's script reveals any follow-up this answer calls for.
      radios[0].dispatchEvent(new Event("change", { bubbles: true }));
    }
    for (const el of form.querySelectorAll("select")) {
      if (!el.value && el.options.length > 1 && seen(el)) el.value = el.options[1].value;
    }
    for (const el of form.querySelectorAll("input[type=text], input:not([type]), textarea")) {
      if (el.value || el.readOnly || el.closest("[aria-hidden=true]") || !seen(el)) continue;
      // Rows of people or founders are typed by the journeys themselves; spare rows stay empty.
      const datePart = /(_day\]|_month\]|_year\]|\.day|\.month|\.year)$/.test(el.name);
      if (!datePart && (el.name.includes(".") || el.name.includes("["))) continue;
      const hint = el.closest(".field")?.querySelector(".hint")?.textContent ?? "";
      const numeric = el.inputMode === "numeric" || el.inputMode === "decimal" || el.classList.contains("input-short");
      if (/(_day\]|\.day)$/.test(el.name)) el.value = "1";
      else if (/(_month\]|\.month)$/.test(el.name)) el.value = "3";
      else if (/(_year\]|\.year)$/.test(el.name)) el.value = String(new Date().getUTCFullYear() - 1);
      else if (numeric) {
        const usual = hint.match(/(\d[\d,]*)%? is usual/);
        const range = hint.match(/(\d[\d,]*) to (\d[\d,]*)/);
        el.value = (usual ? usual[1] : range ? range[1] : "3").replace(/,/g, "");
      } else el.value = "Ribble Print Workers";
    }
  }, scope);
}

/// The visible text of `main`, squeezed, for assertions and messages.
export async function mainText(page) {
  return (await page.locator("main").innerText()).replace(/\s+/g, " ");
}

/// Fails the journey unless `main` says this.
export async function expectText(page, pattern) {
  const text = await mainText(page);
  const ok = typeof pattern === "string" ? text.includes(pattern) : pattern.test(text);
  if (!ok) throw new Error(`expected ${pattern} on ${page.url()}, found: ${text.slice(0, 600)}`);
}

/// Error messages shown next to fields, if any.
export async function fieldErrors(page) {
  return page.locator("main .error-message").allInnerTexts();
}
