// Issue 15's story: staff publish a webinar for business advisors with 3 places; four people
// sign up on the public page (each their own browser, no account) and the fourth joins the
// waiting list; one cancels by the link in their confirmation email and the waiting person
// gets the place and an email saying so; staff mark the register on a phone; two attendees
// give feedback by their links; staff turn one into an enquiry and accept it into a case; and
// the quarter's impact report (page, PDF and CSV) counts all of it.
//
// The report counts everything the walk did in the quarter (the earlier journeys' cases, the
// other width's webinar), so the figures are checked as the report before the story (its CSV,
// fetched first) plus what the story adds.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fill, submit, follow, clickAndWait, expectText, mainText } from "../lib/forms.mjs";
import { links } from "../lib/mailbox.mjs";

/// What the story adds to each figure of the report. These are counted on the webinar's day
/// (its first session), the rest on the day they happen (today).
const ON_THE_DAY = {
  "Events held": 1,
  "Events: Webinar": 1,
  "Events for Business advisors": 1,
  "Sessions held": 1,
  "Places offered": 3,
  "Places booked": 3,
  "People supported": 3,
  "New people": 3,
  "Attendances": 3,
  "Learning hours": 3,
  "Advisors' organisations reached": 2,
};
const TODAY = {
  "Feedback forms": 2,
  "Want to talk about a co-op": 1,
  "Enquiries received": 1,
  "From an event": 1,
  "Enquirer: A business advisor": 1,
  "Enquiries accepted": 1,
  "Cases opened": 1,
  "Cases opened after an event": 1,
  "Pathway: Worker buyout": 1,
  "Cases active": 1,
};

export async function staffRunAWebinar(world) {
  const { run, width, tag, mailbox, staffPage: staff } = world;
  const title = `When a co-op fits: for business advisors (${tag})`;
  const when = webinarTime();
  const quarter = quarterOf(londonNow());
  const before = csvFigures(await fetchText(staff, `/reports/impact.csv?from=${quarter.from}&to=${quarter.to}`));

  // Staff set the webinar up from the menu; a place count in words is refused first.
  await follow(staff, "Events", "header nav");
  await run.check(staff, "events-staff-list");
  await follow(staff, "Set up an event");
  await run.check(staff, "events-new");
  await fill(staff, {
    title, kind: "webinar", audience: "advisors",
    session_day: when.day, session_month: when.month, session_year: when.year,
    session_start: when.start, session_end: when.end,
    online_link: "https://meet.example.org/coop-fits",
    capacity: "three",
    description: "How to spot a business that could become a co-op, and where to send its owners and workers.",
  });
  if (!(await staff.locator("main #open").isChecked())) throw new Error("a new event should be open to the public by default");
  await submit(staff, "Save the event");
  await run.check(staff, "events-new-error");
  await expectText(staff, "Enter how many places there are");
  await fill(staff, { capacity: "3" });
  await submit(staff, "Save the event");
  await run.check(staff, "events-register-new");
  await expectText(staff, "0 booked of 3 places");
  const register = new URL(staff.url()).pathname;
  const eventId = register.split("/").pop();

  // Four advisors, each in their own browser with no account.
  const person = (name, org) => {
    const first = name.split(" ")[0].toLowerCase();
    return { name, org: `${org} ${tag}`, email: `${first}.${tag}@example.org` };
  };
  const ann = person("Ann Adams", "Lancs Business Hub");
  const bob = person("Bob Brown", "Preston Enterprise");
  const cat = person("Cat Cole", "Lancs Business Hub");
  const dan = person("Dan Dale", "Ribble Accountants");
  world.pages = world.pages ?? [];
  for (const p of [ann, bob, cat, dan]) {
    p.page = await run.person(p.name, width);
    world.pages.push(p.page);
  }
  const details = (p) => ({ name: p.name, email: p.email, organisation: p.org });

  // Ann finds it on the home page.
  await ann.page.goto("/");
  await run.check(ann.page, "events-home");
  await follow(ann.page, title);
  await run.check(ann.page, "events-public-page");
  await expectText(ann.page, "3 places left");
  await fill(ann.page, { ...details(ann), role: "advisor" });
  await submit(ann.page, "Sign up");
  await run.check(ann.page, "events-booked");
  await expectText(ann.page, "You have a place");
  ann.link = bookingLink(await mailbox.take(ann.email, /^Your place/));

  // Bob from the list of events.
  await bob.page.goto("/events");
  await run.check(bob.page, "events-list");
  await follow(bob.page, title);
  await fill(bob.page, { ...details(bob), role: "advisor" });
  await submit(bob.page, "Sign up");
  await expectText(bob.page, "You have a place");
  bob.link = bookingLink(await mailbox.take(bob.email, /^Your place/));

  // Cat by a link a colleague sent; she misses a question first.
  await cat.page.goto(`/events/${eventId}`);
  await fill(cat.page, details(cat));
  await submit(cat.page, "Sign up");
  await run.check(cat.page, "events-sign-up-error");
  await expectText(cat.page, "Choose what describes you best");
  await fill(cat.page, { role: "advisor" });
  await submit(cat.page, "Sign up");
  await expectText(cat.page, "You have a place");
  cat.link = bookingLink(await mailbox.take(cat.email, /^Your place/));

  // Dan finds it full and joins the waiting list.
  await dan.page.goto(`/events/${eventId}`);
  await run.check(dan.page, "events-full");
  await expectText(dan.page, "This event is full");
  await fill(dan.page, { ...details(dan), role: "advisor" });
  await submit(dan.page, "Join the waiting list");
  await run.check(dan.page, "events-waiting-list");
  await expectText(dan.page, "You are number 1 on the waiting list");
  await expectText(dan.page, "Leaving the waiting list lets the people after you move up");
  dan.link = bookingLink(await mailbox.take(dan.email, /^You are on the waiting list/));

  // Bob cannot come: he opens the link in his email and cancels.
  await bob.page.goto(bob.link);
  await run.check(bob.page, "events-booking-from-email");
  await submit(bob.page, "Cancel my place");
  await run.check(bob.page, "events-cancelled");
  await expectText(bob.page, "Your booking is cancelled");

  // Dan is told by email, and his link now shows a place.
  const offer = await mailbox.take(dan.email, /^A place for you/);
  if (!offer.text.includes("A place has come up")) throw new Error(`Dan's email does not say a place came up: ${offer.text}`);
  await dan.page.goto(dan.link);
  await run.check(dan.page, "events-place-from-waiting-list");
  await expectText(dan.page, "You have a place");
  await expectText(dan.page, "Joining online https://meet.example.org/coop-fits");

  // Staff mark the register (at 390 px, on a phone): Ann, Cat and Dan came.
  await follow(staff, "Events", "header nav");
  await follow(staff, title);
  await run.check(staff, "events-register");
  await expectText(staff, "3 booked of 3 places · 0 waiting");
  if (await staff.locator("main ul.register label", { hasText: bob.name }).count()) throw new Error("Bob cancelled but is on the register");
  for (const p of [ann, cat, dan]) await staff.locator("main ul.register label", { hasText: p.name }).click();
  await submit(staff, "Save the register");
  await run.check(staff, "events-register-marked");
  const marked = (await mainText(staff)).match(/· attended/g)?.length ?? 0;
  if (marked !== 3) throw new Error(`the register shows ${marked} attended, not 3`);

  // Ann and Cat give feedback by their links; Cat forgets how useful it was.
  await ann.page.goto(ann.link);
  await run.check(ann.page, "events-feedback-form");
  await fill(ann.page, { useful: "5", what_next: "talk_to_us", comments: "Clear, and I know who to call now." });
  await submit(ann.page, "Send feedback");
  await run.check(ann.page, "events-feedback-sent");
  await expectText(ann.page, "we have your feedback");
  await cat.page.goto(cat.link);
  await fill(cat.page, { what_next: "learn_more" });
  await submit(cat.page, "Send feedback");
  await run.check(cat.page, "events-feedback-error");
  await expectText(cat.page, "Choose how useful it was, from 1 to 5");
  await fill(cat.page, { useful: "4" });
  await submit(cat.page, "Send feedback");
  await expectText(cat.page, "we have your feedback");

  // Ann wants to talk about a co-op: staff make her an enquiry and accept it into a case.
  await staff.goto(register);
  await clickAndWait(staff, staff.locator("main tr", { hasText: ann.name }).locator("button", { hasText: "Make an enquiry" }));
  await run.check(staff, "events-enquiry");
  await expectText(staff, "Came to");
  await fill(staff, { name: `Lancs Print Workers ${tag}`, pathway: "buyout", trigger: "owner_retiring" });
  await submit(staff, "Accept and open a case");
  await run.check(staff, "events-enquiry-accepted");
  if (!(await staff.locator("main .invite-link").innerText()).includes("/join/")) throw new Error("no rep link after accepting the event's enquiry");

  // This quarter's impact report, from the dashboard.
  await follow(staff, "Dashboard", "header nav");
  await follow(staff, "impact report");
  await run.check(staff, "events-impact-report");
  await expectText(staff, describe(quarter));
  // A figure broken over two lines ("0." over "0", "no ch an ge") is misread on a phone.
  const broken = await staff.evaluate(() => [...document.querySelectorAll("main table tbody td:not(:first-child)")]
    .filter((td) => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size > 1; })
    .map((td) => `${td.closest("tr").querySelector("td").childNodes[0].textContent.trim()}: ${td.textContent}`));
  if (broken.length) throw new Error(`figures broken over lines on the report: ${broken.slice(0, 5).join("; ")}`);
  const webinarInQuarter = quarterOf(when).from === quarter.from;
  if (!webinarInQuarter) console.log("  note the webinar falls in the next quarter (the walk ran late on a quarter's last day): this quarter's report does not count it");
  const expected = expectedFigures(before, webinarInQuarter);
  const onPage = await figuresOnPage(staff);
  for (const [label, value] of Object.entries(expected)) {
    if (onPage[label] !== value) throw new Error(`the report page shows ${label} ${onPage[label]}, expected ${value}`);
  }
  const summary = summaryLines(expected);
  for (const line of summary) await expectText(staff, line);
  // The cases' outcomes: this width's business plan was made final earlier in the walk, so
  // its members' pledges are in this quarter's outcomes.
  const pledged = Number(before["Member capital pledged"] ?? 0);
  if (pledged < 48_000) throw new Error(`member capital pledged is £${pledged}; the walk's final business plan pledges £48,000`);
  if (onPage["Member capital pledged"] !== pounds(pledged)) throw new Error(`the page shows member capital pledged ${onPage["Member capital pledged"]}, the CSV £${pledged}`);

  // The PDF: a PDF, and (where poppler's pdftotext is installed) the same figures.
  const pdf = await download(staff, "Download as a PDF with charts");
  if (pdf.subarray(0, 5).toString() !== "%PDF-") throw new Error("the impact report is not a PDF");
  const pdfText = textOfPdf(pdf);
  if (pdfText !== null) {
    for (const line of summary) if (!pdfText.includes(line)) throw new Error(`the PDF does not say "${line}": ${pdfText.slice(0, 1500)}`);
  } else console.log("  note pdftotext is not installed: the PDF's text is not checked");

  // The CSV: every figure the story adds, and the outcomes unchanged by it.
  const csv = csvFigures((await download(staff, "Download as a spreadsheet (CSV)")).toString("utf8"));
  for (const [label, value] of Object.entries(expected)) {
    if (csv[label] !== value) throw new Error(`the report's CSV has ${label} ${csv[label]}, expected ${value}`);
  }
  if (csv["Member capital pledged"] !== before["Member capital pledged"]) throw new Error("member capital pledged changed in the CSV");
}

/// The report's figures after the story, as both the page and the CSV write them: counts
/// as whole numbers, hours and averages to one decimal place.
function expectedFigures(before, webinarInQuarter) {
  const out = {};
  const adds = { ...(webinarInQuarter ? ON_THE_DAY : {}), ...TODAY };
  for (const label of [...Object.keys(ON_THE_DAY), ...Object.keys(TODAY)]) {
    const now = Number(before[label] ?? 0) + (adds[label] ?? 0);
    out[label] = label === "Learning hours" ? now.toFixed(1) : String(now);
  }
  // The walk's feedback is always a 5 and a 4.
  out["Average usefulness (out of 5)"] = "4.5";
  return out;
}

/// Sentences of the report's summary that the story's figures fill in.
function summaryLines(f) {
  const n = (label) => Number(f[label]);
  const plural = (count, one, many) => (count === 1 ? `1 ${one}` : `${count} ${many}`);
  return [
    `the centre held ${plural(n("Events held"), "event", "events")} (${plural(n("Sessions held"), "session", "sessions")}) with ${plural(n("Attendances"), "attendance", "attendances")} by ${plural(n("People supported"), "person", "people")}, ${n("New people")} of them for the first time.`,
    `${plural(n("Feedback forms"), "person", "people")} gave feedback, rating the events 4.5 out of 5 for usefulness on average; ${plural(n("Want to talk about a co-op"), "wants", "want")} to talk to the centre about a co-op.`,
    `${plural(n("Enquiries received"), "enquiry", "enquiries")} came in, ${n("From an event")} of them from events; ${n("Enquiries accepted")} accepted`,
    `${plural(n("Cases opened"), "case was", "cases were")} opened (${n("Cases opened after an event")} after an event)`,
  ];
}

/// Each figure on the report page: its label (the cell's first line) and this period's value.
async function figuresOnPage(page) {
  return page.evaluate(() => {
    const out = {};
    for (const row of document.querySelectorAll("main table tbody tr")) {
      const cells = row.querySelectorAll("td");
      if (cells.length < 2) continue;
      out[cells[0].childNodes[0].textContent.trim()] = cells[1].textContent.trim();
    }
    return out;
  });
}

/// "£48,000" for 48000.00, as the page shows money.
function pounds(value) {
  return `£${Math.round(value).toLocaleString("en-GB")}`;
}

/// The booking link in a person's email.
function bookingLink(message) {
  const link = links(message).find((l) => l.includes("/events/booking/"));
  if (!link) throw new Error(`no booking link in the email "${message.subject}": ${message.text}`);
  return link;
}

/// Follows a download link on the page and returns the file.
async function download(page, text) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator("main a", { hasText: text }).first().click()]);
  return readFileSync(await file.path());
}

async function fetchText(page, path) {
  const response = await page.request.get(path);
  if (response.status() !== 200) throw new Error(`${path} answered ${response.status()}`);
  return (await response.body()).toString("utf8");
}

/// The PDF's text with its line breaks squeezed, or null when pdftotext is not installed.
function textOfPdf(bytes) {
  const dir = mkdtempSync(join(tmpdir(), "coopkit-pdf-"));
  try {
    const file = join(dir, "report.pdf");
    writeFileSync(file, bytes);
    const out = spawnSync("pdftotext", [file, "-"]);
    if (out.error?.code === "ENOENT") return null;
    if (out.error || out.status !== 0) throw new Error(`pdftotext could not read the report: ${out.error ?? out.stderr}`);
    return out.stdout.toString("utf8").replace(/\s+/g, " ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/// The report CSV as figure label to this period's value.
function csvFigures(text) {
  const out = {};
  for (const [, figure, value] of parseCsv(text.replace(/^\uFEFF/, "")).slice(1)) if (figure) out[figure] = value;
  return out;
}

/// RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\n") { row.push(cell.replace(/\r$/, "")); rows.push(row); row = []; cell = ""; }
    else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/// The UK date and time `daysAhead` days from now.
function londonNow(daysAhead = 0) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23",
  }).formatToParts(new Date(Date.now() + daysAhead * 86_400_000));
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  return { day: get("day"), month: get("month"), year: get("year"), minutes: get("hour") * 60 + get("minute") };
}

/// When the webinar is: tomorrow at 12:30, so that sign-up is open and the register can be
/// marked. On a quarter's last day that would be next quarter, so it is late tonight instead
/// (unless tonight has nearly gone, when the report is checked without it).
function webinarTime() {
  const today = londonNow();
  const tomorrow = londonNow(1);
  if (quarterOf(tomorrow).from === quarterOf(today).from || today.minutes > 22 * 60 + 30) {
    return { ...tomorrow, start: "12:30", end: "13:30" };
  }
  return { ...today, start: "23:00", end: "23:45" };
}

/// "1 October 2026 to 31 December 2026", as the report names its period.
function describe({ from, to }) {
  const long = (iso) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return `${long(from)} to ${long(to)}`;
}

/// The calendar quarter holding a date, as the report's from and to.
function quarterOf({ year, month }) {
  const first = 3 * Math.floor((month - 1) / 3) + 1;
  const last = first + 2;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const two = (n) => String(n).padStart(2, "0");
  return { from: `${year}-${two(first)}-01`, to: `${year}-${two(last)}-${two(lastDay)}` };
}
