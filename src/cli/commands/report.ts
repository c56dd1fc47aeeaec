// `mdmsim report <scenario> --out FILE.html`: one run (or, with --vary, a sweep) as a self-contained HTML
// report with charts. Thin: read, simulate, build the page (src/report/html/), write the file, print a line.
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Argv, CommandModule } from "yargs";
import { ScenarioError, UsageError } from "../../errors.js";
import { renderExpectations } from "../../report/runTable.js";
import { renderSweepFailures } from "../../report/sweepTable.js";
import type { Report } from "../../report/html/plannedChart.js";
import { buildRunReport } from "../../report/html/runReport.js";
import { buildSweepReport } from "../../report/html/sweepReport.js";
import { runSimulation } from "../../simulate.js";
import { assembleSweep, DEFAULT_RUNS, planSweep, sweepJobs, sweepPassed } from "../../sweep/sweep.js";
import type { CliIo, RunContext } from "../io.js";
import { SCENARIO_ARGUMENT, checkJobs, list, withExpect, withSeedAndSet } from "../options.js";
import { attributed, commandScenario, commandSeed } from "../scenarioFile.js";
import { progressBar } from "../sweepProgress.js";
import { runJobs } from "../sweepPool.js";

// The command as a reader can type it again, for the report's footer: the options that shape the report,
// in a fixed order (not --out, --jobs or --quiet, so the same inputs give the same bytes wherever written).
function commandLine(argv: Record<string, unknown>): string {
  const quote = (a: string) => (/^[\w./:=,@+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  const words = ["report", String(argv.scenario)];
  if (typeof argv.seed === "number") words.push("--seed", String(argv.seed));
  for (const name of ["set", "expect", "vary"]) for (const v of list(argv[name])) words.push(`--${name}`, v);
  if (typeof argv.runs === "number") words.push("--runs", String(argv.runs));
  for (const v of list(argv.metric)) words.push("--metric", v);
  return ["mdmsim", ...words.map(quote)].join(" ");
}

function writeReport(out: string, report: Report): void {
  try {
    writeFileSync(out, report.html);
  } catch (error) {
    throw new UsageError(
      `--out ${out}: cannot write the file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The `report` command; `done` receives the exit code. */
export function reportCommand(io: CliIo, context: RunContext, done: (code: number) => void): CommandModule {
  return {
    command: "report <scenario>",
    describe: "write a self-contained HTML report with charts of a run (or, with --vary, of a sweep)",
    builder: (y: Argv) =>
      withExpect(
        withSeedAndSet(
          y
            .positional("scenario", SCENARIO_ARGUMENT)
            .option("out", { type: "string", demandOption: true, describe: "the HTML file to write" }),
        ),
      )
        .option("vary", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "a sweep report: vary a field, PATH=V1,V2,… or PATH=A..B:STEP (repeatable, as sweep)",
        })
        .option("runs", {
          type: "number",
          describe: `with --vary: runs per variant (default ${DEFAULT_RUNS})`,
        })
        .option("metric", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "with --vary: also chart this result path (repeatable)",
        })
        .option("jobs", {
          type: "number",
          describe: "with --vary: worker threads (default: the number of CPUs)",
        })
        .option("quiet", { type: "boolean", default: false, describe: "print only failed expectations" }),
    handler: async (argv) => {
      const file = argv.scenario as string;
      const out = argv.out as string;
      const quiet = argv.quiet === true;
      const command = commandLine(argv);
      const scenario = commandScenario(io, context, file, list(argv.set));
      const seed = commandSeed(context, argv.seed, scenario);
      const vary = list(argv.vary);
      const runs = argv.runs as number | undefined;
      const jobsOption = argv.jobs as number | undefined;
      if (vary.length === 0) {
        const needsVary = [
          runs !== undefined ? "--runs" : "",
          list(argv.metric).length > 0 ? "--metric" : "",
          jobsOption !== undefined ? "--jobs" : "",
        ].filter((o) => o !== "");
        if (needsVary.length > 0)
          throw new UsageError(`${needsVary.join(", ")}: only with --vary (a sweep report)`);
        const { result, raw } = attributed(file, () =>
          runSimulation(scenario, { seed, expectations: list(argv.expect) }),
        );
        const report = await buildRunReport({ result, raw, command });
        writeReport(out, report);
        const failed = { ...result, expectations: result.expectations.filter((e) => !e.passed) };
        if (!quiet)
          io.stdout(`mdmsim report: ${out} (${result.scenario}, seed ${seed}, ${report.charts} charts)\n`);
        io.stdout(renderExpectations(failed));
        done(failed.expectations.length === 0 ? 0 : 1);
        return;
      }

      let plan;
      try {
        plan = planSweep(scenario, {
          vary,
          runs: runs ?? DEFAULT_RUNS,
          seed,
          metrics: list(argv.metric),
          expectations: list(argv.expect),
        });
      } catch (error) {
        if (error instanceof ScenarioError) throw error.withSource(`${file}, ${error.source ?? "--vary"}`);
        throw error;
      }
      const jobs = checkJobs(jobsOption ?? availableParallelism());
      const all = sweepJobs(plan);
      const progress = progressBar(io, all.length, { label: "report" });
      const outcomes = await runJobs(plan, all, { jobs, onProgress: progress.update });
      progress.finish();
      const result = assembleSweep(plan, outcomes);
      const report = await buildSweepReport({ scenario, result, command });
      writeReport(out, report);
      if (!quiet)
        io.stdout(
          `mdmsim report: ${out} (${result.scenario}, ${result.variants.length} variants × ${result.runs} runs, ${report.charts} charts)\n`,
        );
      io.stdout(renderSweepFailures(result));
      done(sweepPassed(result) ? 0 : 1);
    },
  };
}
