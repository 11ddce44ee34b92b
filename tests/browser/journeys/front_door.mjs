// A visitor takes the readiness check, downloads its summary and sends an enquiry; the first
// admin makes their account; staff accept the enquiry, which opens a case and a rep's link.
import { fill, fillDate, submit, follow, answerTheRest, expectText, fieldErrors } from "../lib/forms.mjs";

export async function firstAdmin({ run, width }, link) {
  const page = await run.person("first admin", width);
  await page.goto(link);
  await run.check(page, "setup-first-admin");
  await fill(page, { name: "Ada Admin", email: "admin@pcec.example" });
  await fill(page, { password: "admin password for the walk", confirm: "admin password for the walk" });
  await submit(page);
  await run.check(page, "setup-done");
  await page.context().close();
}

export async function visitor(world) {
  const { run, width, tag } = world;
  const page = await run.person("visitor", width);
  world.pages = [page];

  await page.goto("/");
  await run.check(page, "home");
  await follow(page, "5-minute check");
  await run.check(page, "check-step-1");

  // Jobs at risk: the second step asks follow-up questions about the redundancies.
  await fill(page, { situation: "redundancies_proposed", people: "25" });
  await answerTheRest(page);
  await submit(page, "Continue");
  await run.check(page, "check-step-2");
  await fill(page, { at_one_site: "25" });
  await fillDate(page, "consultation_start", -10);
  await answerTheRest(page);
  await submit(page, "See the result");
  if ((await fieldErrors(page)).length) throw new Error(`the check refused its answers: ${await fieldErrors(page)}`);
  await run.check(page, "check-result");
  await expectText(page, "Clocks already running");

  // The one-page summary downloads as a PDF.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("main a", { hasText: "one-page summary" }).click(),
  ]);
  const pdfPath = await download.path();
  const { readFileSync } = await import("node:fs");
  if (readFileSync(pdfPath).subarray(0, 5).toString() !== "%PDF-") throw new Error("the check's summary is not a PDF");

  await submit(page, "Send an enquiry with these answers");
  await run.check(page, "enquire");
  await expectText(page, "Your answers from the check are attached");
  // Sent without an email address first: the form says what is missing and keeps the rest.
  const situation = "The bakery is closing and 25 of us have been told we are at risk. We want to know if we could take it over.";
  await fill(page, { name: "Jo Bloggs", organisation: `Fishergate Bakery ${tag}`, situation });
  await page.locator("main input[name=role]").first().check();
  await page.check("main #consent");
  await submit(page, "Send enquiry");
  await run.check(page, "enquire-error");
  await expectText(page, /email/i);
  await fill(page, { email: `jo.${tag}@example.org` });
  await submit(page, "Send enquiry");
  await run.check(page, "enquire-sent");
  world.enquiryReference = (await page.locator("main .lead strong").innerText()).trim();
  await page.context().close();
}

export async function staffAcceptsEnquiry(world) {
  const { run, width, staff, tag } = world;
  const page = await run.person("staff", width);
  world.staffPage = page;
  await page.goto("/login");
  await run.check(page, "staff-sign-in");
  await fill(page, { email: staff.email, password: staff.password });
  await submit(page);
  await page.goto("/enquiries");
  await run.check(page, "staff-enquiries");
  await follow(page, world.enquiryReference);
  await run.check(page, "staff-enquiry");
  await fill(page, { name: `Fishergate Bakery buyout ${tag}` });
  await submit(page, "Accept and open a case");
  await run.check(page, "staff-enquiry-accepted");
  world.repLink = (await page.locator("main .invite-link").innerText()).trim();
  if (!world.repLink.includes("/join/")) throw new Error(`no rep link after accepting: ${world.repLink}`);
}
