// The rep answers the rules questions and the business plan's, balances the plan by the figure
// the page gives, and makes a final version of each; then reads the plan's HTML version.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fill, fillKnown, submit, answerTheRest, expectText, fieldErrors, clickAndWait } from "../lib/forms.mjs";

// The plan's figures are the worked example in docs/examples (a Preston printer's buyout).
// The rules answers are docs/examples' worker co-operative society, with the case's people.
const readExample = (name) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../docs/examples/${name}`, import.meta.url)), "utf8"));
const example = readExample("business-plan.json");
// The example leaves the meetings' figures to their defaults, which the form asks for.
const rulesExample = { ...readExample("rules-society.json"), gm_quorum_pct: 25, gm_quorum_min: 3, special_majority_pct: 75, board_quorum_pct: 50, board_quorum_min: 2,
  // A rep who lets the union nominate a director allows one outside director for them.
  external_directors_max: 1, union_nominated_director: true };

export async function rulesAndPlan(world) {
  await rules(world);
  await businessPlan(world);
}

async function rules(world) {
  const { run, repPage: rep, caseId } = world;
  await rep.goto(`/cases/${caseId}/documents`);
  await run.check(rep, "rep-documents");
  await rep.goto(`/cases/${caseId}/documents/rules`);
  await run.check(rep, "rep-rules-start");
  for (let n = 1; n <= 20; n++) {
    if (!(await rep.locator("main button", { hasText: "Save and continue" }).count())) break;
    await fillKnown(rep, { ...rulesExample, founders: undefined });
    for (const [i, founder] of rulesExample.founders.entries()) {
      await fillKnown(rep, { ...founder, employee: founder.employee_or_prospective }, `founders[${i}].`);
    }
    await answerTheRest(rep);
    await submit(rep, "Save and continue");
    if ((await fieldErrors(rep)).length) {
      await run.check(rep, `rep-rules-page-${n}-errors`);
      throw new Error(`a rules page refused its answers: ${(await fieldErrors(rep)).join("; ")}`);
    }
    if (/\/documents$/.test(new URL(rep.url()).pathname)) break;
    if (n <= 2) await run.check(rep, `rep-rules-page-${n + 1}`);
  }
  await rep.goto(`/cases/${caseId}/documents`);
  await makeFinal(world, "rules");
}

async function makeFinal(world, kind) {
  const { run, repPage: rep } = world;
  await clickAndWait(rep, rep.locator(`main section[aria-labelledby=kind-${kind}] button`, { hasText: "Make the final version" }));
  const problems = await rep.locator("main .error-summary li").allInnerTexts();
  if (problems.length) throw new Error(`the final ${kind} was refused: ${problems.join("; ")}`);
  if (!/\/documents\/versions\/\d+$/.test(rep.url())) throw new Error(`making the final ${kind} did not open it: ${rep.url()}`);
  await run.check(rep, `rep-${kind}-final`);
}

async function businessPlan(world) {
  const { run, repPage: rep, caseId } = world;
  const page = (key, rows) => `/cases/${caseId}/documents/business-plan/${key}${rows ? `?rows=${rows}` : ""}`;
  const next = new Date();
  const start = `1 ${((next.getUTCMonth() + 2) % 12) + 1} ${next.getUTCFullYear() + (next.getUTCMonth() >= 10 ? 1 : 0)}`;

  await rep.goto(page("bp_accounts", example.years.length));
  await run.check(rep, "rep-plan-accounts");
  for (const [i, year] of example.years.entries()) {
    await typeAll(rep, `years[${i}].`, { ...year, year_end: dmy(year.year_end) });
  }
  await save(rep);

  await rep.goto(page("bp_deal"));
  await typeAll(rep, "", { purchase_type: example.purchase_type, price: example.price, multiple: example.multiple });
  await save(rep);

  // Working capital £5,000 above the example's leaves the plan short of money.
  await rep.goto(page("bp_costs"));
  await typeAll(rep, "costs.", example.costs);
  await typeAll(rep, "", { equipment: example.equipment, working_capital: example.working_capital + 5000, contingency_pct: example.contingency_pct });
  await save(rep);

  await rep.goto(page("bp_sources", example.sources.length));
  await run.check(rep, "rep-plan-sources");
  for (const [i, source] of example.sources.entries()) await typeAll(rep, `sources[${i}].`, source);
  await save(rep);

  await rep.goto(page("bp_members"));
  await typeAll(rep, "", { members_pledged: example.members_pledged, pledge_each: example.pledge_each, capital_pay_limit_pct: example.capital_pay_limit_pct, legal_form: example.legal_form });
  await save(rep);

  await rep.goto(page("bp_forecast"));
  await run.check(rep, "rep-plan-forecast");
  const { seasonality, ...forecast } = example.forecast;
  await typeAll(rep, "forecast.", { ...forecast, start });
  await save(rep);

  await rep.goto(page("bp_story"));
  await typeAll(rep, "narrative.", example.narrative);
  await save(rep);

  // The page says the plan is out of balance and gives the one figure that fixes it.
  await rep.goto(page("bp_sources", example.sources.length));
  const advice = await rep.locator("main #balance").innerText().catch(() => "");
  await run.check(rep, "rep-plan-out-of-balance");
  if (!advice) throw new Error("the plan balanced although working capital was raised by £5,000");
  const fix = advice.match(/(?:Increase|Reduce) source (\d+) \(.*?\) by £[\d,.]+, from £[\d,.]+ to (£[\d,.]+)\./);
  if (!fix) throw new Error(`no figure to type in the advice: ${advice}`);
  await fill(rep, { [`sources[${Number(fix[1]) - 1}].amount`]: fix[2].replace(/[£,]/g, "") });
  await save(rep);
  await rep.goto(page("bp_sources", example.sources.length));
  const after = await rep.locator("main #balance").innerText().catch(() => "");
  if (after) throw new Error(`typing ${fix[2]} as the advice said did not balance the plan: ${after}`);
  await run.check(rep, "rep-plan-balanced");

  await rep.goto(`/cases/${caseId}/documents`);
  // Making a version opens it: the plan's HTML, whose wide tables scroll inside themselves.
  await makeFinal(world, "business_plan");
  await rep.goto(`/cases/${caseId}/documents`);
  await run.check(rep, "rep-documents-final");
}

/// Types each value into the field `prefix + key` when the page has it; nested lists (the
/// 12 months of a season) are left for the form's own defaults.
async function typeAll(page, prefix, values) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || typeof value === "object") continue;
    const name = `${prefix}${key}`;
    if (!(await page.locator(`main [name="${name}"]`).count())) throw new Error(`no field ${name} on ${page.url()}`);
    await fill(page, { [name]: value });
  }
}

async function save(page) {
  await submit(page, "Save and continue");
  const errors = await fieldErrors(page);
  if (errors.length) throw new Error(`the plan page refused its answers: ${errors.join("; ")}`);
}

function dmy(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${m} ${y}`;
}
