// The rep joins by the link staff were given, works through the first two stages of the
// buyout (a mistake on the way, and follow-up questions that appear as soon as an answer is
// chosen, before any save), asks
// for sign-off, and staff approve each stage.
import { fill, fillDate, submit, follow, answerTheRest, expectText, fieldErrors } from "../lib/forms.mjs";

export async function repJoinsAndWorksStages(world) {
  const { run, width, tag } = world;
  const rep = await run.person("rep", width);
  world.repPage = rep;
  world.pages.push(rep);

  await rep.goto(world.repLink);
  await run.check(rep, "rep-join");
  const password = "bread and roses for the rep";
  await fill(rep, { name: "Rita Rep", password, confirm: `${password} typo` });
  await submit(rep);
  await run.check(rep, "rep-join-error");
  await expectText(rep, /match|same/i);
  await fill(rep, { password, confirm: password });
  await submit(rep);
  const caseId = rep.url().match(/\/cases\/(\d+)/)?.[1];
  if (!caseId) throw new Error(`the rep did not land on the case: ${rep.url()}`);
  world.caseId = caseId;
  await run.check(rep, "rep-case");

  // Stage 1, intake: a mistake first, then the trigger page's follow-up question, shown as
  // soon as "a limited company" is chosen.
  await rep.goto(`/cases/${caseId}/stages/intake`);
  await run.check(rep, "rep-stage-intake");
  await rep.goto(`/cases/${caseId}/stages/intake/pages/intake`);
  await run.check(rep, "rep-intake-page");
  await fill(rep, { headcount: "about thirty", sic_code: "10710", town: "Preston" });
  await fillDate(rep, "first_contact", -14);
  await answerTheRest(rep);
  await submit(rep, "Save and continue");
  await run.check(rep, "rep-intake-error");
  if (!(await fieldErrors(rep)).length) throw new Error("a headcount in words was accepted");
  await fill(rep, { headcount: "31" });
  await submit(rep, "Save and continue");
  if ((await fieldErrors(rep)).length) throw new Error(`intake still refused: ${await fieldErrors(rep)}`);

  await rep.goto(`/cases/${caseId}/stages/intake/pages/trigger`);
  await run.check(rep, "rep-trigger-page");
  await fill(rep, { trigger: "redundancy_proposal", employer_form: "company" });
  await fillDate(rep, "trigger_date", -12);
  await answerFollowUp(world, rep, { company_number: "08123456" }, "rep-trigger-follow-up");

  await rep.goto(`/cases/${caseId}/stages/intake/pages/redundancy`);
  await run.check(rep, "rep-redundancy-page");
  await fill(rep, { proposed_redundancies: "25", max_one_site_90d: "25", union_recognised: "yes" });
  const dates = ["consultation_start", "hr1_received", "first_dismissal_planned", "consultation_concluded"];
  await answerFollowUp(world, rep, {}, "rep-redundancy-follow-up", async () => {
    await fillDate(rep, "consultation_start", -10);
    await fillDate(rep, "hr1_received", -9);
    await fillDate(rep, "first_dismissal_planned", 35);
    await fillDate(rep, "consultation_concluded", -1);
  }, dates.map((d) => `${d}.day`));

  await rep.goto(`/cases/${caseId}/stages/intake/check`);
  await run.check(rep, "rep-intake-check-answers");
  await askAndApprove(world, "intake");

  // Stage 2, explore and organise: the steering group and its decision.
  await rep.goto(`/cases/${caseId}/stages/explore/pages/steering_group`);
  await run.check(rep, "rep-steering-group-page");
  const members = [["Rita Rep", "Union rep"], ["Ann Lee", "Baker"], ["Bilal Khan", "Driver"]];
  for (const [i, [name, role]] of members.entries()) {
    await fill(rep, { [`sg_members.${i}.name`]: name, [`sg_members.${i}.role`]: role });
  }
  await fill(rep, { sessions_held: "2", explore_decision: "proceed" });
  await answerTheRest(rep);
  await submit(rep, "Save and continue");
  if ((await fieldErrors(rep)).length) throw new Error(`steering group refused: ${await fieldErrors(rep)}`);
  await askAndApprove(world, "explore");
}

/// Saves a question page whose answers call for follow-up questions. The follow-ups must be
/// on screen as soon as the answer that asks for them is chosen (issue 17 point 4): they are
/// filled in before the first save, and that one save must go through.
async function answerFollowUp(world, page, followUps, shotName, more, revealed = Object.keys(followUps)) {
  for (const name of revealed) {
    const shown = await page.locator(`main [name="${name}"]`).first().isVisible().catch(() => false);
    if (!shown) throw new Error(`the follow-up ${name} is not shown after choosing the answer that asks for it`);
  }
  await fill(page, followUps);
  if (more) await more();
  await run_check(world, page, shotName);
  await answerTheRest(page);
  await submit(page, "Save and continue");
  const errors = await fieldErrors(page);
  if (errors.length) throw new Error(`the page refused its answers: ${errors.join("; ")}`);
}

const run_check = (world, page, name) => world.run.check(page, name);

/// The rep asks for sign-off of a stage; staff sign it off.
export async function askAndApprove(world, stage) {
  const { run, repPage: rep, staffPage: staff, caseId } = world;
  await rep.goto(`/cases/${caseId}/stages/${stage}`);
  await submit(rep, "Ask for sign-off");
  if (await rep.locator("main .warning-text", { hasText: "Before this stage can be signed off" }).count()) {
    // The checklist is not done: the page says so; tick every item and ask again.
    await run.check(rep, `rep-${stage}-sign-off-refused`);
    await rep.locator("main form[action$='/checklist'] input[type=radio][value=done]").evaluateAll((radios) => radios.forEach((r) => (r.checked = true)));
    await submit(rep, "Save checklist");
    await submit(rep, "Ask for sign-off");
  }
  await run.check(rep, `rep-${stage}-sign-off-asked`);
  await expectText(rep, "waiting for the Centre");
  await staff.goto(`/cases/${caseId}/stages/${stage}`);
  await run.check(staff, `staff-${stage}-to-sign-off`);
  await fill(staff, { note: "Checked with Rita on the phone." });
  await submit(staff, "Sign off and open the next stage");
  await run.check(staff, `staff-${stage}-signed-off`);
  await expectText(staff, /signed off/i);
}

