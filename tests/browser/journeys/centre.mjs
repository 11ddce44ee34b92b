// Staff follow the cases: the dashboard, the case list, a case's timeline, tasks and notes,
// and the exports (the list as CSV, a case as JSON, the survey answers as CSV).
import { readFileSync } from "node:fs";
import { follow, expectText } from "../lib/forms.mjs";

export async function staffFollowsCases(world) {
  const { run, staffPage: staff, caseId } = world;

  await staff.goto("/dashboard");
  await run.check(staff, "staff-dashboard");
  await staff.goto("/cases");
  await run.check(staff, "staff-case-list");
  const csv = await downloadOf(staff, staff.locator("main a", { hasText: "Download as CSV" }));
  if (!csv.startsWith("\uFEFF") && !/reference/i.test(csv.split("\n")[0])) throw new Error(`the case list CSV has no heading row: ${csv.slice(0, 200)}`);

  await staff.goto(`/cases/${caseId}`);
  await run.check(staff, "staff-case");
  await staff.goto(`/cases/${caseId}/timeline`);
  await run.check(staff, "staff-timeline");
  await expectText(staff, /signed off/i);
  await staff.goto(`/cases/${caseId}/tasks`);
  await run.check(staff, "staff-tasks-and-notes");
  const json = JSON.parse(await downloadOf(staff, staff.locator("main a", { hasText: "(JSON)" })));
  if (!json || typeof json !== "object") throw new Error("the case export is not JSON");

  await staff.goto(`/cases/${caseId}/survey`);
  await run.check(staff, "staff-survey-totals");
  const answers = await downloadOf(staff, staff.locator("main a", { hasText: "Download as a spreadsheet" }));
  if (answers.trim().split("\n").length < 2) throw new Error("the survey CSV has no answers");
  await follow(staff, "Timeline", "nav.case-tabs");
  await run.check(staff, "staff-timeline-again");
}

/// Follows a download link and returns the file's text. A link that opens a page instead (no
/// download) is fetched with the page's cookies.
async function downloadOf(page, link) {
  if (!(await link.count())) throw new Error(`no such download link on ${page.url()}`);
  const href = await link.first().getAttribute("href");
  const response = await page.request.get(href);
  if (response.status() !== 200) throw new Error(`${href} answered ${response.status()}`);
  return (await response.body()).toString("utf8");
}
