// `mdmsim report <scenario> --out FILE.html`: one run (or, with --vary, a sweep) as a self-contained HTML
// report with charts. Thin: read, simulate, build the page (src/report/html/), write the file, print a line.
import { UsageError } from "../../errors.js";
import { renderExpectations } from "../../report/runTable.js";
import { renderSweepFailures } from "../../report/sweepTable.js";
import { visible } from "../../report/terminal.js";
import { checkScenario } from "../../checks/checkScenario.js";
import { reachability } from "../../model/reachability.js";
import { buildRunReport } from "../../report/html/runReport.js";
import { buildSweepReport } from "../../report/html/sweepReport.js";
import { runSimulation } from "../../simulate.js";
import { checkSweepWork, DEFAULT_RUNS, planSweep, sweepJobs } from "../../sweep/sweep.js";
import { assembleSweep, sweepPassed } from "../../sweep/document.js";
import { checkCheckLimits } from "../../model/checkEstimate.js";
import { checkReachLimits } from "../../model/estimate.js";
import { defineCommand } from "../command.js";
import { flag, list, requiredText } from "../optionTable.js";
import {
  expectOption,
  jobsOption,
  MAX_EVENTS,
  maxEventsOf,
  SCENARIO,
  SEED_AND_SET,
  type SeedAndSetArgs,
} from "../options.js";
import { checkOutputPath, writeCheckedOutputFile } from "../outputFile.js";
import { attributed, commandScenario, commandSeed } from "../scenarioFile.js";
import { typedCommand } from "../typedCommand.js";
import { runCommandJobs } from "../sweepPool.js";
import {
  baselineOption,
  commandSweepPlan,
  gridInputs,
  variantsOf,
  studyOption,
  runsOption,
  varyOption,
  type GridArgs,
} from "./sweep.js";

interface ReportArgs extends SeedAndSetArgs, GridArgs {
  readonly out: string;
  readonly jobs: number | undefined;
  readonly quiet: boolean;
}

// The command as a reader can type it again, for the report's footer: the options that shape the report,
// in a fixed order (not --out, --jobs or --quiet, so the same inputs give the same bytes wherever written).
function commandLine(args: ReportArgs): string {
  const words = ["report", args.scenario];
  if (args.seed !== undefined) words.push("--seed", String(args.seed));
  for (const v of args.set) words.push("--set", v);
  for (const v of args.expect) words.push("--expect", v);
  for (const v of args.vary) words.push("--vary", v);
  if (args.runs !== undefined) words.push("--runs", String(args.runs));
  for (const v of args.metric) words.push("--metric", v);
  if (args.baseline !== undefined) words.push("--baseline", String(args.baseline));
  if (args.study !== undefined) words.push("--study", args.study);
  return typedCommand(words);
}

/** The `report` command: exit 1 when an expectation failed. */
export const reportCommand = defineCommand<ReportArgs>({
  name: "report",
  examples: [
    ["mdmsim report baseline --out baseline.html", "a run's page with charts"],
    ["mdmsim report site.json --vary devices.0.count=500,1000 --out sweep.html", "a sweep's page"],
  ],
  describe: "write a self-contained HTML report with charts of a run (or, with --vary, of a sweep)",
  options: {
    scenario: SCENARIO,
    out: requiredText({ describe: "the HTML file to write" }),
    ...SEED_AND_SET,
    expect: expectOption(),
    vary: varyOption("a sweep report: vary a field, PATH=V1,V2,… or PATH=A..B:STEP (repeatable, as sweep)"),
    runs: runsOption(`with --vary: runs per variant (default ${DEFAULT_RUNS})`),
    metric: list({ describe: "with --vary: also chart this result path (repeatable)" }),
    jobs: jobsOption("with --vary: worker threads (default: the number of CPUs)"),
    baseline: baselineOption(),
    study: studyOption(),
    quiet: flag({ describe: "print only the failed expectations" }),
    maxEvents: MAX_EVENTS,
  },
  run: async (args, { io, context }) => {
    const { out } = args;
    const command = commandLine(args);
    const inputs = gridInputs(args);
    checkOutputPath(out, `--out ${out}`, inputs);
    const scenario = commandScenario(io, context, args.scenario, args.set);
    const seed = commandSeed(context, args.seed, scenario);
    // The page holds the reachability matrix and the findings: refused before any run when too large.
    attributed(args.scenario, () => {
      checkReachLimits(scenario);
      checkCheckLimits(scenario);
    });
    if (args.vary.length === 0 && args.study === undefined) {
      const needsVary = [
        args.runs !== undefined ? "--runs" : "",
        args.metric.length > 0 ? "--metric" : "",
        args.jobs !== undefined ? "--jobs" : "",
        args.baseline !== undefined ? "--baseline" : "",
      ].filter((o) => o !== "");
      if (needsVary.length > 0)
        throw new UsageError(`${needsVary.join(", ")}: only with --vary (a sweep report)`);
      const { result, series } = attributed(args.scenario, () =>
        runSimulation(scenario, { seed, expectations: args.expect, ...maxEventsOf(args.maxEvents) }),
      );
      const findings = checkScenario(scenario);
      const reach = reachability(scenario);
      const report = await buildRunReport({ scenario, result, series, findings, reach, command });
      await writeCheckedOutputFile(out, report.html, `--out ${out}`, inputs);
      const failed = { ...result, expectations: result.expectations.filter((e) => !e.passed) };
      if (!args.quiet)
        io.stdout(
          `mdmsim report: ${visible(out)} (${visible(result.scenario)}, seed ${seed}, ${report.charts} charts)\n`,
        );
      io.stdout(renderExpectations(failed, io.stdoutLayout));
      return failed.expectations.length === 0 ? 0 : 1;
    }

    const plan = commandSweepPlan(io, scenario, seed, args, planSweep);
    const all = sweepJobs(plan);
    const outcomes = await variantsOf(args.scenario, async () => {
      checkSweepWork(plan, all);
      return runCommandJobs(io, plan, all, { requested: args.jobs, quiet: args.quiet, label: "report" });
    });
    const result = assembleSweep(plan, outcomes);
    const report = await buildSweepReport({ scenario, result, command });
    await writeCheckedOutputFile(out, report.html, `--out ${out}`, inputs);
    if (!args.quiet)
      io.stdout(
        `mdmsim report: ${visible(out)} (${visible(result.scenario)}, ${result.variants.length} variants × ${result.runs} runs, ${report.charts} charts)\n`,
      );
    io.stdout(renderSweepFailures(result, io.stdoutLayout));
    return sweepPassed(result) ? 0 : 1;
  },
});
