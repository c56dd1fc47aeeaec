// `mdmsim sweep <scenario> --vary PATH=V1,V2,…`: a what-if grid × N seeded runs, mean and 95% CI per variant.
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import process from "node:process";
import type { Argv, CommandModule } from "yargs";
import { ScenarioError, UsageError } from "../../errors.js";
import { renderSweepCsv, renderSweepListCsv } from "../../report/sweepCsv.js";
import { renderSweepList, renderSweepTable } from "../../report/sweepTable.js";
import { makeShard, parseShard, shardJobs, sweepFingerprint, type ShardSpec } from "../../sweep/shard.js";
import { shardFromEnvironment } from "../../sweep/shardEnvironment.js";
import {
  assembleSweep,
  DEFAULT_RUNS,
  planSweep,
  sweepHeader,
  sweepJobs,
  sweepPassed,
  type SweepHeader,
  type SweepPlan,
  type SweepResult,
} from "../../sweep/sweep.js";
import type { CliIo, RunContext } from "../io.js";
import { SCENARIO_ARGUMENT, checkJobs, list, withScenarioOptions } from "../options.js";
import { commandScenario, commandSeed } from "../scenarioFile.js";
import { progressBar } from "../sweepProgress.js";
import { runJobs } from "../sweepPool.js";

type Format = "table" | "json" | "csv";

/** Prints a sweep document in a format (shared with `merge`). */
export function printSweep(io: CliIo, result: SweepResult, format: Format, quiet: boolean): void {
  if (format === "json") io.stdout(JSON.stringify(result, null, 2) + "\n");
  else if (format === "csv") io.stdout(renderSweepCsv(result));
  else io.stdout(renderSweepTable(result, { quiet }));
}

function printList(io: CliIo, header: SweepHeader, format: Format): void {
  if (format === "json") {
    // The list shows what will run; the metrics' ranges are the intervals' business, not the plan's.
    const { variants, ...rest } = sweepHeader(header);
    const shown = { ...rest, variants: variants.map((v) => ({ set: v.set, expectations: v.expectations })) };
    io.stdout(JSON.stringify(shown, null, 2) + "\n");
  } else if (format === "csv") io.stdout(renderSweepListCsv(header));
  else io.stdout(renderSweepList(header));
}

/** `--shard I/N`, or `auto`: this job-array task's slice, said on stderr so the task's log shows it. */
function commandShard(io: CliIo, text: string): ShardSpec {
  if (text.trim() !== "auto") return parseShard(text);
  const auto = shardFromEnvironment(process.env);
  io.stderr(
    `mdmsim sweep: --shard auto: shard ${auto.shard.index}/${auto.shard.count} from ${auto.engine} (${auto.variables.join(", ")})\n`,
  );
  return auto.shard;
}

/** The `sweep` command; `done` receives the exit code. */
export function sweepCommand(io: CliIo, context: RunContext, done: (code: number) => void): CommandModule {
  return {
    command: "sweep <scenario>",
    describe: "what-if grid: every combination of --vary values × --runs seeds; mean and 95% CI per variant",
    builder: (y: Argv) =>
      withScenarioOptions(y.positional("scenario", SCENARIO_ARGUMENT))
        .option("vary", {
          type: "string",
          array: true,
          default: [] as string[],
          describe:
            "vary a field: PATH=V1,V2,… or PATH=A..B:STEP (repeatable; the grid is the product, first --vary slowest)",
        })
        .option("runs", {
          type: "number",
          default: DEFAULT_RUNS,
          describe: "runs per variant, seeds seed … seed+runs−1 (the same in every variant)",
        })
        .option("jobs", { type: "number", describe: "worker threads (default: the number of CPUs)" })
        .option("metric", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "also report this result path (repeatable)",
        })
        .option("expect", {
          requiresArg: true,
          type: "string",
          array: true,
          default: [] as string[],
          describe: 'expectation "PATH OP VALUE", evaluated in every run (repeatable)',
        })
        .option("list", {
          type: "boolean",
          default: false,
          describe: "print the variants and runs; run nothing",
        })
        .option("shard", {
          type: "string",
          describe:
            "run slice I of N (I/N) of the jobs and write a partial document for mdmsim merge; " +
            "auto: take I/N from a Slurm, Kubernetes or AWS Batch job array's variables",
        })
        .option("out", { type: "string", describe: "with --shard: write the partial document to FILE" }),
    handler: async (argv) => {
      const file = argv.scenario as string;
      const scenario = commandScenario(io, context, file, list(argv.set));
      const seed = commandSeed(context, argv.seed, scenario);
      const expectations = list(argv.expect);
      let plan: SweepPlan;
      try {
        plan = planSweep(scenario, {
          vary: list(argv.vary),
          runs: argv.runs as number,
          seed,
          metrics: list(argv.metric),
          expectations,
        });
      } catch (error) {
        if (error instanceof ScenarioError) throw error.withSource(`${file}, ${error.source ?? "--vary"}`);
        throw error;
      }
      const jobs = checkJobs((argv.jobs as number | undefined) ?? availableParallelism());
      const shardText = argv.shard as string | undefined;
      const shard = shardText !== undefined ? commandShard(io, shardText) : undefined;
      const out = argv.out as string | undefined;
      if (out !== undefined && shard === undefined)
        throw new UsageError("--out: only with --shard I/N or --shard auto (sweep results go to stdout)");
      const format = argv.format as Format;
      if (argv.list === true) {
        printList(io, plan, format);
        done(0);
        return;
      }

      const all = sweepJobs(plan);
      const mine = shard !== undefined ? shardJobs(all, shard) : all;
      const progress = progressBar(io, mine.length);
      let outcomes;
      try {
        outcomes = await runJobs(plan, mine, { jobs, onProgress: progress.update });
      } finally {
        progress.finish(); // an error message must not land at the end of a half-drawn bar
      }

      if (shard !== undefined) {
        // A shard's verdict waits for merge: it exits 0 once its part is written.
        const text = JSON.stringify(
          makeShard(plan, sweepFingerprint(scenario, expectations), shard, mine, outcomes),
        );
        if (out === undefined) io.stdout(`${text}\n`);
        else {
          try {
            writeFileSync(out, `${text}\n`);
          } catch (error) {
            throw new UsageError(
              `--out ${out}: cannot write the file: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        }
        done(0);
        return;
      }
      const result = assembleSweep(plan, outcomes);
      printSweep(io, result, format, argv.quiet === true);
      done(sweepPassed(result) ? 0 : 1);
    },
  };
}
