// The rep invites two workers from a pasted list and withdraws one invitation; the other
// worker joins by their link, answers the survey, reads the published rules and downloads them.
import { readFileSync } from "node:fs";
import { fill, submit, follow, expectText, clickAndWait } from "../lib/forms.mjs";

export async function workers(world) {
  const { run, width, tag, repPage: rep, caseId } = world;

  await rep.goto(`/cases/${caseId}/invitations`);
  await run.check(rep, "rep-invitations");
  // Addresses of this width's walk: an address with an account already is asked to sign in.
  await fill(rep, { list: `Ann Lee, ann.${tag}@example.org\nBilal Khan, bilal.${tag}@example.org` });
  await submit(rep, "Invite everyone on the list");
  await run.check(rep, "rep-invitation-links");
  const links = await rep.locator("main input.link-box").evaluateAll((els) => els.map((e) => e.value));
  if (links.length !== 2) throw new Error(`expected two invitation links, found ${links.length}`);
  await submit(rep, "Withdraw the invitation of Bilal Khan");
  await run.check(rep, "rep-invitation-withdrawn");

  // The rules' final version goes to the workers' library.
  await rep.goto(`/cases/${caseId}/documents`);
  await clickAndWait(rep, rep.locator("main section[aria-labelledby=kind-rules] button", { hasText: "Publish to workers" }));
  await run.check(rep, "rep-rules-published");
  await expectText(rep, "The co-op's rules, version");

  const worker = await run.person("worker", width);
  world.pages.push(worker);
  // Ann votes at the founding meeting later (journeys/meetings.mjs).
  world.workerPage = worker;
  await worker.goto(links[0]);
  await run.check(worker, "worker-join");
  await fill(worker, { name: "Ann Lee", password: "solidarity for ever and ever", confirm: "solidarity for ever and ever" });
  await submit(worker, "Make my account and join");
  await run.check(worker, "worker-joined");

  await worker.goto(`/cases/${caseId}/survey`);
  await run.check(worker, "worker-survey");
  await fill(worker, { would_join: "yes", capital_band: "100_500", capital_term: "payroll_12", hours: "37", skills: "finance" });
  await submit(worker, "Save my answers");
  await run.check(worker, "worker-survey-saved");

  await worker.goto(`/cases/${caseId}/documents/library`);
  await run.check(worker, "worker-library");
  await follow(worker, "version");
  await run.check(worker, "worker-reads-rules");
  await expectText(worker, /rules/i);
  const [download] = await Promise.all([
    worker.waitForEvent("download"),
    worker.locator("main a", { hasText: "Download the PDF" }).first().click(),
  ]);
  if (readFileSync(await download.path()).subarray(0, 5).toString() !== "%PDF-") throw new Error("the rules download is not a PDF");
  await worker.goto(`/cases/${caseId}/documents/library`);
  await submit(worker, "I have read this");
  await run.check(worker, "worker-marked-read");
}
