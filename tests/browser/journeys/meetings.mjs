// The founding meeting (issue 14), walked by the people in it: the rep makes rules version 2
// and invites four more workers, who join from the email; the rep schedules the meeting too
// soon for posted notice, is warned, and moves it; puts two resolutions (adopt rules version 2,
// approve the business plan), opens the secret ballot and emails the notice. Five workers vote
// from their own browsers; one tries again from a second tab and is refused. The rep closes the
// ballot; the results, the minutes and the receipts appear. The case then goes through the
// stages between (a rep's answers and staff's sign-offs), and staff sign the members' decision
// off with the resolution that adopted the rules as its evidence.
import { fill, fillDate, submit, follow, answerTheRest, expectText, fieldErrors, clickAndWait, mainText } from "../lib/forms.mjs";
import { links } from "../lib/mailbox.mjs";
import { askAndApprove } from "./stages.mjs";

// Rules version 2 asks 21 clear days' notice of a members' meeting (version 1 had the usual 14).
const NOTICE_DAYS = 21;
// The founders the rules name; four of them join now. Kasia Nowak, the fifth, has no account:
// she is on the meeting's list all the same, and gets her notice by hand.
const JOINING = [["Maureen Ashworth", "maureen"], ["Tariq Hussain", "tariq"], ["Joanne Whittle", "joanne"], ["Gary Parkinson", "gary"]];
// The rep, Ann (joined in workers.mjs), the four, and Kasia.
const ENTITLED = 7;
// Which of the five voters also tries from a second tab.
const TWICE = 2;

export async function meetings(world) {
  await rulesVersionTwo(world);
  await fourMoreJoin(world);
  await scheduleTooSoonThenMove(world);
  await resolutionsBallotAndNotice(world);
  await membersVote(world);
  await ballotCloses(world);
  await minutes(world);
  await stagesUpToTheDecision(world);
  await staffSignOffOnTheResolution(world);
}

/// The rep changes one answer (the notice period) and makes the final version again: version
/// 2, which the workers can read before they vote on it.
async function rulesVersionTwo(world) {
  const { run, repPage: rep, caseId } = world;
  await rep.goto(`/cases/${caseId}/documents/rules/meetings`);
  await run.check(rep, "rep-rules-meetings-page");
  const before = await rep.locator('main [name="gm_notice_clear_days"]').inputValue();
  if (before === String(NOTICE_DAYS)) throw new Error(`version 1 already has ${NOTICE_DAYS} days' notice: the walk would change nothing`);
  await fill(rep, { gm_notice_clear_days: NOTICE_DAYS });
  await submit(rep, "Save and continue");
  if ((await fieldErrors(rep)).length) throw new Error(`the rules refused ${NOTICE_DAYS} days' notice: ${await fieldErrors(rep)}`);
  await rep.goto(`/cases/${caseId}/documents`);
  await clickAndWait(rep, rep.locator("main section[aria-labelledby=kind-rules] button", { hasText: "Make the final version" }));
  const problems = await rep.locator("main .error-summary li").allInnerTexts();
  if (problems.length) throw new Error(`the final rules were refused: ${problems.join("; ")}`);
  await run.check(rep, "rep-rules-version-2");
  await expectText(rep, /rules, version 2 Final/i);
  const fingerprint = (await rep.locator("main p.hint", { hasText: "Fingerprint" }).innerText()).match(/Fingerprint (\S+):/);
  if (!fingerprint) throw new Error("the rules version shows no fingerprint");
  world.rulesHash = fingerprint[1];
  await rep.goto(`/cases/${caseId}/documents`);
  await clickAndWait(rep, rep.locator("main section[aria-labelledby=kind-rules] button", { hasText: "Publish to workers (version 2)" }));
  await run.check(rep, "rep-rules-2-published");
}

/// Four more workers are invited; each opens the link in the email they got and joins.
async function fourMoreJoin(world) {
  const { run, width, tag, repPage: rep, caseId, mailbox } = world;
  await rep.goto(`/cases/${caseId}/invitations`);
  await fill(rep, { list: JOINING.map(([name, key]) => `${name}, ${key}.${tag}@example.org`).join("\n") });
  await submit(rep, "Invite everyone on the list");
  await run.check(rep, "rep-invites-four-more");
  world.voters = [{ name: "Ann Lee", email: `ann.${tag}@example.org`, page: world.workerPage }];
  for (const [name, key] of JOINING) {
    const email = `${key}.${tag}@example.org`;
    const mail = await mailbox.take(email, /invited to join/);
    const link = links(mail).find((l) => l.includes("/join/"));
    if (!link) throw new Error(`the invitation to ${email} has no join link: ${mail.text}`);
    const page = await run.person(`worker ${name.split(" ")[0]}`, width);
    world.pages.push(page);
    await page.goto(link);
    await run.check(page, `worker-${key}-join-from-email`);
    await expectText(page, `Your email address is ${email}`);
    const password = `${key} joins the co-op at last`;
    await fill(page, { name, password, confirm: password });
    await submit(page, "Make my account and join");
    if ((await fieldErrors(page)).length) throw new Error(`${name} could not join: ${await fieldErrors(page)}`);
    await run.check(page, `worker-${key}-joined`);
    world.voters.push({ name, email, page });
  }
}

/// The first date is too soon for a posted notice: the form says so and shows each way's last
/// day. The rep keeps it at first (the meeting page warns again), then moves the meeting.
async function scheduleTooSoonThenMove(world) {
  const { run, repPage: rep, caseId } = world;
  await rep.goto(`/cases/${caseId}/meetings`);
  await run.check(rep, "rep-meetings");
  await fill(rep, {
    kind: "founding", title: "Founding meeting of Ribbleton Print Works", time: "18:30",
    place: "The canteen, Unit 4, Ribbleton Lane Trading Estate, Preston", chair: "Rita Rep",
  });
  // A notice emailed today is just in time for this day; a posted one is a day late.
  await fillDate(rep, "date", NOTICE_DAYS + 2);
  await submit(rep, "Schedule the meeting");
  await run.check(rep, "rep-meeting-too-soon");
  const warning = (await rep.locator("main #date-error").innerText()).replace(/\s+/g, " ");
  const expected = new RegExp(`This meeting is too soon for a notice that is posted: the rules need ${NOTICE_DAYS} clear days' notice\\. A notice posted today allows a meeting on \\w+ \\d+ \\w+ \\d{4} at the earliest\\.`);
  if (!expected.test(warning)) throw new Error(`the too-soon warning says: ${warning}`);
  const ways = await rep.locator("main #too-soon li").allInnerTexts();
  const posted = ways.find((w) => w.startsWith("Posted"));
  const emailed = ways.find((w) => w.startsWith("Emailed"));
  if (!posted?.includes("too late") || !emailed || emailed.includes("too late")) throw new Error(`the last days by each way are wrong: ${ways.join(" | ")}`);

  await rep.locator("main #keep_date").check();
  await submit(rep, "Schedule the meeting");
  const meetingId = rep.url().match(/\/meetings\/(\d+)$/)?.[1];
  if (!meetingId) throw new Error(`keeping the date did not schedule the meeting: ${rep.url()}`);
  world.meetingId = meetingId;
  world.meetingUrl = `/cases/${caseId}/meetings/${meetingId}`;
  await run.check(rep, "rep-meeting-kept-too-soon");
  await expectText(rep, `This meeting is too soon for a notice that is posted: the rules need ${NOTICE_DAYS} clear days' notice.`);
  await expectText(rep, "These numbers come from your rules, version 2, the final version.");
  await expectText(rep, `${ENTITLED} members are entitled to vote`);

  await follow(rep, "Change the date, time, place or chair");
  await run.check(rep, "rep-meeting-edit");
  await fillDate(rep, "date", NOTICE_DAYS + 10);
  await submit(rep, "Save the changes");
  await run.check(rep, "rep-meeting-moved");
  const text = await mainText(rep);
  if (/too soon|too late/.test(text)) throw new Error(`the warning stayed after the meeting was moved: ${text.slice(0, 800)}`);
  world.meetingDays = NOTICE_DAYS + 10;
}

/// Two resolutions, the secret ballot (open now until the meeting), the notice made and read,
/// then emailed: each member with an account gets it with the PDF, and the page records it.
async function resolutionsBallotAndNotice(world) {
  const { run, repPage: rep, meetingUrl, mailbox } = world;
  await fill(rep, { text: "That the co-op adopts the rules, version 2, as its rules.", kind: "special", approves: "rules" });
  await fill(rep, { document_id: await optionValue(rep, "document_id", /^Rules, version 2 \(final\)$/) });
  await submit(rep, "Add the resolution");
  if ((await fieldErrors(rep)).length) throw new Error(`the rules resolution was refused: ${await fieldErrors(rep)}`);
  await run.check(rep, "rep-resolution-rules");
  // The version page and the resolution show the same 16 characters of the fingerprint.
  await expectText(rep, `This approves the rules, version 2 (fingerprint ${world.rulesHash}).`);

  const plan = await optionValue(rep, "document_id", /^Business plan, version \d+ \(final\)$/);
  const planVersion = await rep.locator(`main [name="document_id"] option[value="${plan}"]`).innerText();
  const n = planVersion.match(/version (\d+)/)[1];
  await fill(rep, { text: `That the members approve the business plan, version ${n}, and the finance it sets out.`, kind: "ordinary", approves: "business_plan", document_id: plan });
  await submit(rep, "Add the resolution");
  if ((await fieldErrors(rep)).length) throw new Error(`the plan resolution was refused: ${await fieldErrors(rep)}`);
  await run.check(rep, "rep-resolution-plan");
  await expectText(rep, `This approves the business plan, version ${n}`);

  // Open from now until the meeting starts; the walk cannot wait, so the rep closes it early.
  await fillDate(rep, "closes", world.meetingDays);
  await fill(rep, { close_time: "18:00" });
  await submit(rep, "Set up the secret ballot");
  if ((await fieldErrors(rep)).length) throw new Error(`the ballot was refused: ${await fieldErrors(rep)}`);
  await run.check(rep, "rep-ballot-open");
  await expectText(rep, "The ballot is open until");
  await expectText(rep, `0 of ${ENTITLED} members have voted`);

  // Made after the ballot, the notice tells members how to vote in it.
  await submit(rep, "Make the notice");
  await run.check(rep, "rep-notice");
  await expectText(rep, "Vote by secret ballot");
  await expectText(rep, "That the co-op adopts the rules, version 2, as its rules.");
  await rep.goto(meetingUrl);
  await run.check(rep, "rep-notice-made");
  await fill(rep, { method: "email" });
  await submit(rep, "Send or record the notice");
  if ((await fieldErrors(rep)).length) throw new Error(`the notice was refused: ${await fieldErrors(rep)}`);
  const flash = (await rep.locator(".flash").innerText()).replace(/\s+/g, " ");
  if (!/recorded as sent to 6 members\. Kasia Nowak did not get the email \(No email address/.test(flash)) throw new Error(`after sending the notice: ${flash}`);
  await expectText(rep, /Notice sent: Emailed on \w+ \d+ \w+ \d{4} to 6 members/);

  // The delivery log, opened as a rep would: who it went to, and who needs it by hand.
  await rep.locator("main details summary", { hasText: "Who the notice went to" }).click();
  await run.check(rep, "rep-notice-deliveries");
  const rows = await rep.locator("main details table tbody tr").allInnerTexts();
  const accepted = rows.filter((r) => r.includes("Accepted by the mail server"));
  if (accepted.length !== ENTITLED - 1 || !rows.some((r) => r.includes("Kasia Nowak") && r.includes("Not delivered"))) {
    throw new Error(`the delivery log is wrong: ${rows.join(" | ")}`);
  }
  const addresses = accepted.map((r) => r.match(/[\w.+-]+@[\w.-]+/)?.[0]);
  for (const voter of world.voters) {
    if (!addresses.includes(voter.email)) throw new Error(`${voter.email} is not in the delivery log: ${addresses.join(", ")}`);
  }
  for (const address of addresses) {
    const mail = await mailbox.take(address, /Notice of founding meeting/);
    const pdf = pdfAttachment(mail);
    if (!pdf || !/^notice-.*\.pdf$/.test(pdf.name) || pdf.bytes.subarray(0, 5).toString() !== "%PDF-") {
      throw new Error(`the notice to ${address} has no notice PDF attached: ${mail.attachments.join(", ") || "no attachment"}`);
    }
    const voter = world.voters.find((v) => v.email === address);
    if (voter) voter.notice = mail;
  }
}

/// Each worker opens the meeting from the link in their notice and votes. One of them had the
/// ballot paper open in a second tab too, and sends it after voting: it is refused.
async function membersVote(world) {
  const { run, repPage: rep, meetingUrl } = world;
  for (const [i, voter] of world.voters.entries()) {
    const page = voter.page;
    const link = links(voter.notice).find((l) => l.endsWith(meetingUrl));
    if (!link) throw new Error(`the notice to ${voter.email} has no link to the meeting: ${voter.notice.text}`);
    await page.goto(link);
    await run.check(page, `voter-${i + 1}-meeting`);
    if (/members have voted/.test(await mainText(page))) throw new Error("a worker sees the turnout of an open ballot");
    await follow(page, "Vote now");
    await run.check(page, `voter-${i + 1}-ballot-paper`);
    let second = null;
    if (i === TWICE) {
      second = await run.tab(page);
      await second.goto(page.url());
      await run.check(second, `voter-${i + 1}-second-tab-paper`);
    }
    // Everyone adopts the rules; Ann votes against the plan.
    await mark(page, 1, "For");
    await mark(page, 2, i === 0 ? "Against" : "For");
    await submit(page, "Cast my vote");
    await run.check(page, `voter-${i + 1}-receipt`);
    voter.receipt = (await page.locator("main .panel-success code").innerText()).trim();
    if (!voter.receipt) throw new Error(`${voter.name} got no receipt code`);

    if (second) {
      await mark(second, 1, "Against");
      await mark(second, 2, "Against");
      const [response] = await Promise.all([
        second.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/vote")),
        submit(second, "Cast my vote"),
      ]);
      await run.check(second, `voter-${i + 1}-second-vote-refused`);
      if (response.status() !== 409) throw new Error(`a second vote answered ${response.status()}, not 409`);
      await expectText(second, "You have already voted in this ballot. Each member votes once, and a vote cannot be changed.");
      if (await second.locator("main .panel-success").count()) throw new Error("the second vote got a receipt");
      await second.close();
      // Nothing changed: the rep still sees one vote per member so far.
      await rep.goto(meetingUrl);
      await run.check(rep, "rep-turnout-after-second-vote");
      await expectText(rep, `${i + 1} of ${ENTITLED} members have voted`);
    }
  }
}

/// Staff and the rep see turnout, never choices, while the ballot is open; the rep closes it
/// and the results appear. A worker finds their receipt among the papers counted.
async function ballotCloses(world) {
  const { run, repPage: rep, staffPage: staff, meetingUrl } = world;
  const voted = `${world.voters.length} of ${ENTITLED} members have voted`;
  for (const [who, page] of [["staff", staff], ["rep", rep]]) {
    await page.goto(meetingUrl);
    await run.check(page, `${who}-ballot-turnout-only`);
    await expectText(page, voted);
    const text = await mainText(page);
    if (/Carried|votes cast were for| for, \d+ against/.test(text)) throw new Error(`${who} sees results before the ballot closes: ${text.slice(0, 800)}`);
  }
  await submit(rep, "Close the ballot now");
  await run.check(rep, "rep-ballot-closed-results");
  await expectText(rep, `The ballot closed on`);
  await expectText(rep, `${world.voters.length} of ${ENTITLED} members voted`);
  const rules = (await rep.locator("main .panel", { hasText: "Resolution 1" }).innerText()).replace(/\s+/g, " ");
  const plan = (await rep.locator("main .panel", { hasText: "Resolution 2" }).innerText()).replace(/\s+/g, " ");
  if (!/Carried\. 5 for, 0 against: 100% of the 5 votes cast were for/.test(rules)) throw new Error(`the rules resolution's result: ${rules}`);
  if (!/Carried\. 4 for, 1 against: 80% of the 5 votes cast were for/.test(plan)) throw new Error(`the plan resolution's result: ${plan}`);

  const ann = world.voters[0];
  await ann.page.goto(meetingUrl);
  await ann.page.locator("main details summary", { hasText: "Receipt codes" }).click();
  await run.check(ann.page, "worker-finds-receipt");
  const codes = await ann.page.locator("main ul.receipts code").allInnerTexts();
  for (const voter of world.voters) {
    if (!codes.includes(voter.receipt)) throw new Error(`${voter.name}'s receipt ${voter.receipt} is not among the papers counted: ${codes.join(", ")}`);
  }
  if (codes.length !== world.voters.length) throw new Error(`${codes.length} papers counted for ${world.voters.length} voters`);
}

/// The rep drafts the minutes, reads them, confirms them; they are in the case's library.
async function minutes(world) {
  const { run, repPage: rep, caseId, meetingUrl } = world;
  await rep.goto(meetingUrl);
  await submit(rep, "Draft the minutes");
  await run.check(rep, "rep-minutes-draft");
  await expectText(rep, "Draft");
  await expectText(rep, "Carried");
  await rep.goto(meetingUrl);
  await run.check(rep, "rep-minutes-drafted");
  await submit(rep, "Confirm the minutes as chair");
  await run.check(rep, "rep-minutes-confirmed");
  await expectText(rep, "Confirmed by Rita Rep");
  const ann = world.voters[0].page;
  await ann.goto(`/cases/${caseId}/documents/library`);
  await run.check(ann, "worker-library-minutes");
  await expectText(ann, /Minutes of a meeting, version \d+/);
  await expectText(ann, /Notice of a meeting, version \d+/);
  await follow(ann, "Minutes of a meeting");
  await run.check(ann, "worker-reads-minutes");
  await expectText(ann, "That the co-op adopts the rules, version 2, as its rules.");
}

/// The stages between the steering group and the members' decision, as a rep answers them and
/// staff sign them off. The answers are those a case ready for its founding meeting would give.
async function stagesUpToTheDecision(world) {
  await answerPage(world, "feasibility", "feasibility_quick", {
    quick_val_low: "180000", quick_val_high: "240000", survey_sent: "31", survey_yes: "24", mgmt_ready: "with_training", go_decision: "go",
  });
  await askAndApprove(world, "feasibility");
  await answerPage(world, "deal", "tupe", { purchase_type: "shares", pension_type: "dc", premises: "leased" }, { heads_agreed: -7 });
  await askAndApprove(world, "deal");
  await answerPage(world, "finance", "finance_status", { sources_balance: "yes", debt_at_offer: "yes", pledges_met: "yes", dscr_ok: "yes" });
  await askAndApprove(world, "finance");
  await answerPage(world, "legal", "registration", {
    registration_body: "fca", fee_rules_basis: "sponsor_model", fee_amendments: "2", sponsor_consent: "yes", reg_number: "RS012345",
  }, { submitted: -20, registered: -5 });
  await askAndApprove(world, "legal");
}

async function answerPage(world, stage, key, values, dates = {}) {
  const { run, repPage: rep, caseId } = world;
  await rep.goto(`/cases/${caseId}/stages/${stage}/pages/${key}`);
  await run.check(rep, `rep-${stage}-${key}`);
  await fill(rep, values);
  for (const [name, days] of Object.entries(dates)) await fillDate(rep, name, days);
  await answerTheRest(rep);
  await submit(rep, "Save and continue");
  const errors = await fieldErrors(rep);
  if (errors.length) throw new Error(`${key} refused its answers: ${errors.join("; ")}`);
}

/// The rep records the meeting on the stage's page and asks for sign-off; staff sign the stage
/// off choosing, as the evidence, the resolution that adopted rules version 2.
async function staffSignOffOnTheResolution(world) {
  const { run, repPage: rep, staffPage: staff, caseId, meetingDays } = world;
  // The page offers what the meeting in coopkit counted; the rep checks it and adds the shares.
  await rep.goto(`/cases/${caseId}/stages/members_vote/pages/founding_meeting`);
  const offered = await rep.evaluate(() => {
    const value = (name) => document.querySelector(`main [name="${name}"]`)?.value;
    const checked = (name) => [...document.querySelectorAll(`main [name="${name}"]:checked`)].map((b) => b.value);
    return { eligible: value("eligible"), present: value("present"), votes_for: value("votes_for"), votes_against: value("votes_against"),
      resolutions: checked("resolutions").join(","), vote_result: checked("vote_result").join(",") };
  });
  const expected = { eligible: String(ENTITLED), present: "5", votes_for: "5", votes_against: "0", resolutions: "approve_finance,adopt_rules", vote_result: "passed" };
  for (const [field, value] of Object.entries(expected)) {
    if (offered[field] !== value) throw new Error(`the meeting page offered ${field} = ${offered[field]}, not ${value} as the meeting counted`);
  }
  await expectText(rep, "From the meeting's results in coopkit");
  await answerPage(world, "members_vote", "founding_meeting", { shares_paid: "5" });
  await rep.goto(`/cases/${caseId}/stages/members_vote`);
  await run.check(rep, "rep-members-decision");
  await submit(rep, "Ask for sign-off");
  if (await rep.locator("main .warning-text", { hasText: "Before this stage can be signed off" }).count()) {
    await rep.locator("main form[action$='/checklist'] input[type=radio][value=done]").evaluateAll((radios) => radios.forEach((r) => (r.checked = true)));
    await submit(rep, "Save checklist");
    await submit(rep, "Ask for sign-off");
  }
  await run.check(rep, "rep-members-decision-asked");
  await expectText(rep, "waiting for the Centre");

  await staff.goto(`/cases/${caseId}/stages/members_vote`);
  await run.check(staff, "staff-members-decision-evidence");
  const choice = staff.locator("main form[action$='/approve'] label", { hasText: "That the co-op adopts the rules, version 2, as its rules." });
  if (!(await choice.count())) throw new Error("the resolution is not offered as evidence");
  await expectText(staff, /Carried\. 5 for, 0 against/);
  await choice.click();
  await fill(staff, { note: "The founding meeting's secret ballot, closed and minuted in coopkit." });
  await submit(staff, "Sign off and open the next stage");
  if ((await fieldErrors(staff)).length) throw new Error(`the sign-off was refused: ${await fieldErrors(staff)}`);
  await run.check(staff, "staff-members-decision-signed-off");
  const flash = (await staff.locator(".flash").innerText()).replace(/\s+/g, " ");
  if (!flash.includes(`"Members' decision" is signed off`)) throw new Error(`after the sign-off: ${flash}`);

  await staff.goto(`/cases/${caseId}/timeline`);
  await run.check(staff, "staff-timeline-evidence");
  await expectText(staff, `on the evidence of the resolution "That the co-op adopts the rules, version 2, as its rules."`);
  // The registration page names the rules the members adopted, by version and fingerprint.
  await staff.goto(`/cases/${caseId}/stages/legal`);
  await run.check(staff, "staff-adopted-rules");
  await expectText(staff, "The members adopted the rules, version 2");
  await expectText(staff, new RegExp(`Fingerprint \\(SHA-256\\): ${world.rulesHash}[0-9a-f]{48}`));
}

/// Marks the choice with this label on resolution `number` of a ballot paper.
async function mark(page, number, choice) {
  const question = page.locator("main fieldset", { hasText: `Resolution ${number}` });
  await question.getByLabel(choice, { exact: true }).check();
}

/// The value of the option of select `name` whose text matches `pattern`: the highest version
/// when several do.
async function optionValue(page, name, pattern) {
  const options = await page.locator(`main [name="${name}"] option`).evaluateAll((els) => els.map((o) => [o.value, o.textContent.trim()]));
  const found = options.filter(([, text]) => pattern.test(text)).sort((a, b) => Number(b[1].match(/\d+/)) - Number(a[1].match(/\d+/)));
  if (!found.length) throw new Error(`no ${pattern} among ${options.map((o) => o[1]).join(", ")}`);
  return found[0][0];
}

/// The PDF attached to a message: its file name and bytes (base64 in the part, as lettre
/// writes it).
function pdfAttachment(message) {
  // The closing boundary (`--b--`) may be the message's last line, with no line break after it.
  for (const part of message.raw.split(/\n--[^\n]+(?:\n|$)/)) {
    const split = part.indexOf("\n\n");
    if (split < 0) continue;
    const head = part.slice(0, split).replace(/\n[ \t]+/g, " ");
    if (!/content-type: application\/pdf/i.test(head)) continue;
    const name = head.match(/filename="?([^";\n]+)"?/i)?.[1] ?? "";
    return { name, bytes: Buffer.from(part.slice(split + 2).replace(/\s+/g, ""), "base64") };
  }
  return null;
}
