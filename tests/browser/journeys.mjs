// The journeys of issue 17, walked in a real browser at each width: a visitor's readiness check
// and enquiry; staff accepting it; the rep joining and working through two stages; the rules
// and the business plan to final versions; workers joining, answering the survey and reading
// the rules; the founding meeting of issue 14, from its notice to the secret ballot, the
// minutes and the gate it evidences; staff's dashboard, list, timeline and exports; and a
// webinar of issue 15, from sign-ups and a waiting list to the quarter's impact report.
// Started by run.sh, which starts the server; see docs/browser-tests.md.
import { Run } from "./lib/harness.mjs";
import { Mailbox } from "./lib/mailbox.mjs";
import { visitor, firstAdmin, staffAcceptsEnquiry } from "./journeys/front_door.mjs";
import { repJoinsAndWorksStages } from "./journeys/stages.mjs";
import { rulesAndPlan } from "./journeys/documents.mjs";
import { workers } from "./journeys/workers.mjs";
import { meetings } from "./journeys/meetings.mjs";
import { staffFollowsCases } from "./journeys/centre.mjs";
import { staffRunAWebinar } from "./journeys/events.mjs";

const base = process.env.COOPKIT_URL;
const widths = (process.env.COOPKIT_BROWSER_WIDTHS ?? "390,1280").split(",").map(Number);
const only = process.env.COOPKIT_BROWSER_ONLY; // a journey name, to work on one
if (!base) throw new Error("COOPKIT_URL is not set: start the suite with tests/browser/run.sh");

const run = new Run({
  base,
  shotsDir: process.env.COOPKIT_BROWSER_SHOTS ?? "screenshots",
  chromiumPath: process.env.CHROMIUM ?? "/usr/bin/chromium",
});
const staff = { email: process.env.STAFF_EMAIL, password: process.env.STAFF_PASSWORD };
// The server's mail arrives here (run.sh gave both the same port).
const mailbox = new Mailbox();
if (!process.env.COOPKIT_MAIL_PORT) throw new Error("COOPKIT_MAIL_PORT is not set: start the suite with tests/browser/run.sh");
await mailbox.listen(Number(process.env.COOPKIT_MAIL_PORT));
const started = Date.now();
let crashed = null;
await run.start();
try {
  for (const [n, width] of widths.entries()) {
    console.log(`== journeys at ${width} px`);
    // One case per width, so each walk starts from a visitor with nothing behind them.
    const world = { run, mailbox, width, staff, tag: `${width}`, first: n === 0 };
    if (world.first && process.env.COOPKIT_SETUP_LINK) await firstAdmin(world, process.env.COOPKIT_SETUP_LINK);
    await visitor(world);
    await staffAcceptsEnquiry(world);
    await repJoinsAndWorksStages(world);
    if (only === "stages") continue;
    await rulesAndPlan(world);
    await workers(world);
    // The longest part: said on its own, to watch CI's time.
    const meetingStarted = Date.now();
    await meetings(world);
    console.log(`== the founding meeting at ${width} px: ${((Date.now() - meetingStarted) / 1000).toFixed(1)} s`);
    await staffFollowsCases(world);
    const webinarStarted = Date.now();
    await staffRunAWebinar(world);
    console.log(`== the webinar and the impact report at ${width} px: ${((Date.now() - webinarStarted) / 1000).toFixed(1)} s`);
    for (const page of world.pages ?? []) await page.context().close();
  }
} catch (error) {
  crashed = error;
} finally {
  await run.stop();
  await mailbox.close();
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log("");
console.log(`== pages checked: ${run.pagesChecked} at ${widths.join(" and ")} px in ${seconds} s`);
console.log(`== failures (axe critical/serious, sideways scroll, console errors, 5xx): ${run.problems.length}`);
for (const p of run.problems) console.log(`   - ${p}`);
console.log(`== minor or moderate axe findings (reported, not failed): ${run.minorViolations.length}`);
for (const p of run.minorViolations) console.log(`   - ${p}`);
if (crashed) {
  console.log(`== a journey could not go on: ${crashed.stack ?? crashed}`);
}
process.exit(crashed || run.problems.length ? 1 : 0);
