// `mdmsim sweep <scenario> --vary PATH=V1,V2,…`: a what-if grid × N seeded runs, mean and 95% CI per variant.
import process from "node:process";
import { ScenarioError, UsageError } from "../../errors.js";
import { renderSweepCsv, renderSweepListCsv } from "../../report/sweepCsv.js";
import { renderSweepList, renderSweepTable } from "../../report/sweepTable.js";
import { makeShard, parseShard, shardJobs, sweepFingerprint, type ShardSpec } from "../../sweep/shard.js";
import { shardFromEnvironment } from "../../sweep/shardEnvironment.js";
import {
  checkSweepWork,
  DEFAULT_RUNS,
  MAX_RUNS,
  planSweep,
  sweepJobs,
  type SweepOptions,
} from "../../sweep/sweep.js";
import { planSweepList, sweepPlanDocument } from "../../sweep/list.js";
import { assembleSweep, sweepPassed, type SweepHeader, type SweepResult } from "../../sweep/document.js";
import { defineCommand } from "../command.js";
import { checkDocumentFile, JSON_FILE, writeDocumentFile } from "../documentFile.js";
import type { Scenario } from "../../scenario/schema.js";
import { parseOverride, type Override } from "../../scenario/overrides.js";
import type { CliIo } from "../io.js";
import { flag, integer, list, text } from "../optionTable.js";
import {
  expectOption,
  jobsOption,
  MAX_EVENTS,
  maxEventsOf,
  SCENARIO,
  scenarioOptions,
  type Format,
  type ScenarioArgs,
} from "../options.js";
import { checkOutputPath, writeCheckedOutputFile } from "../outputFile.js";
import { commandScenario, commandSeed, describeReadError } from "../scenarioFile.js";
import { LOAD_LIMITS, parseScenarioText } from "../../scenario/load.js";
import { parseStudy, type Study } from "../../sweep/study.js";
import { runCommandJobs } from "../sweepPool.js";

/** Prints a sweep document in a format (shared with `merge`); `--json FILE` gets the JSON document too. */
export async function printSweep(
  io: CliIo,
  result: SweepResult,
  format: Format,
  quiet: boolean,
  jsonFile?: { readonly path: string | undefined; readonly inputs: readonly string[] },
): Promise<void> {
  const document = JSON.stringify(result, null, 2) + "\n";
  if (jsonFile !== undefined) await writeDocumentFile(jsonFile.path, document, "--json", jsonFile.inputs);
  if (format === "json") io.stdout(document);
  else if (format === "csv") io.stdout(renderSweepCsv(result));
  else io.stdout(renderSweepTable(result, { ...io.stdoutLayout, quiet }));
}

function printList(io: CliIo, header: SweepHeader, format: Format): void {
  if (format === "json") io.stdout(JSON.stringify(sweepPlanDocument(header), null, 2) + "\n");
  else if (format === "csv") io.stdout(renderSweepListCsv(header));
  else io.stdout(renderSweepList(header, io.stdoutLayout));
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

/** `--runs`, shared with `report --vary`. */
export function runsOption(describe: string): ReturnType<typeof integer> {
  return integer({ min: 1, max: MAX_RUNS, describe });
}

/** `--baseline K`, shared with `report --vary`. */
export function baselineOption(): ReturnType<typeof integer> {
  return integer({
    min: 1,
    describe:
      "pair every variant with variant K (from 1): paired differences, intervals and verdicts per metric",
  });
}

/** `--vary`, shared with `report`. */
export function varyOption(describe: string): ReturnType<typeof list> {
  return list({ describe });
}

/** The arguments that shape a sweep (`sweep`, and `report --vary`). */
export interface GridArgs {
  readonly scenario: string;
  readonly vary: string[];
  readonly runs: number | undefined;
  readonly metric: string[];
  readonly expect: string[];
  readonly baseline: number | undefined;
  readonly maxEvents: number | undefined;
  readonly study: string | undefined;
  /** The `--set` overrides the scenario was read with: a varied field they name otherwise is refused. */
  readonly set: string[];
}

/** A grid command's input files (the scenario, and the study when given): no output may be written over one. */
export function gridInputs(args: Pick<GridArgs, "scenario" | "study">): string[] {
  return [args.scenario, ...(args.study !== undefined ? [args.study] : [])];
}

/**
 * Reads a `--study` file (JSON or YAML) through the shell's reader and validates it.
 * @throws ScenarioError or UsageError naming the file (and the place in it)
 */
export function readStudy(io: CliIo, file: string): { study: Study; source: string } {
  let text: string;
  try {
    text = io.readFile(file, LOAD_LIMITS.maxBytes);
  } catch (error) {
    throw new UsageError(`--study ${file}: ${describeReadError(error)}`);
  }
  let data: unknown;
  try {
    data = parseScenarioText(text, /\.ya?ml$/i.test(file) ? "yaml" : "auto");
  } catch (error) {
    if (error instanceof ScenarioError) throw error.withSource(file);
    throw error;
  }
  return { study: parseStudy(data, file), source: file };
}

/** `--study FILE`, shared with `report --vary`. */
export function studyOption(): ReturnType<typeof text> {
  return text({
    describe: "a study file (JSON or YAML): the varied paths, zipped axes and skipped combinations",
  });
}

/**
 * Plans the sweep the arguments describe with `planner` (`planSweep`, or `planSweepList` for `--list`),
 * attributing a varied value that breaks the scenario to the file.
 */
export function commandSweepPlan<T>(
  io: CliIo,
  scenario: Scenario,
  seed: number,
  args: GridArgs,
  planner: (scenario: Scenario, options: SweepOptions, applied: readonly Override[]) => T,
): T {
  const study = args.study !== undefined ? readStudy(io, args.study) : undefined;
  const applied = args.set.map((text) => parseOverride(text));
  try {
    return planner(
      scenario,
      {
        ...(study !== undefined ? { study } : {}),
        vary: args.vary,
        runs: args.runs,
        seed,
        metrics: args.metric,
        expectations: args.expect,
        ...(args.baseline !== undefined ? { baseline: args.baseline } : {}),
        ...maxEventsOf(args.maxEvents),
      },
      applied,
    );
  } catch (error) {
    throw attributeVariant(args.scenario, error);
  }
}

/**
 * What a sweep's problem names: a variant's (a value, a rule across its values, its run limits) the scenario
 * file and the value (`--vary` when no single value is to blame); the whole sweep's size, `--runs` alone.
 */
function attributeVariant(file: string, error: unknown): unknown {
  if (error instanceof ScenarioError && error.source !== "--runs")
    return error.withSource(`${file}, ${error.source ?? "--vary"}`);
  return error;
}

/**
 * Runs a planned sweep's `work`, naming the file in a variant's refusal found then: variants are surveyed
 * (their run limits) when their runs are priced, and made whole (a rule across fields) when they run.
 */
export async function variantsOf<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw attributeVariant(file, error);
  }
}

interface SweepArgs extends ScenarioArgs, GridArgs {
  readonly jobs: number | undefined;
  readonly list: boolean;
  readonly shard: string | undefined;
  readonly out: string | undefined;
  readonly json: string | undefined;
}

/** The `sweep` command: exit 1 when an expectation failed in some run. */
export const sweepCommand = defineCommand<SweepArgs>({
  name: "sweep",
  examples: [
    [
      "mdmsim sweep baseline --vary site.replicas.replica1.syncInterval=1m,5m,15m",
      "three variants × 10 runs",
    ],
    [
      "mdmsim sweep site.json --vary devices.0.count=500,1000 --json sweep.json",
      "the table, and the JSON document in sweep.json",
    ],
  ],
  describe: "what-if grid: every combination of --vary values × --runs seeds; mean and 95% CI per variant",
  options: {
    scenario: SCENARIO,
    ...scenarioOptions("print only the failed expectations"),
    vary: varyOption(
      "vary a field: PATH=V1,V2,… or PATH=A..B:STEP (repeatable; the grid is the product, first --vary slowest)",
    ),
    runs: runsOption(
      `runs per variant, seeds seed … seed+runs−1, the same in every variant (default ${DEFAULT_RUNS})`,
    ),
    jobs: jobsOption(),
    baseline: baselineOption(),
    study: studyOption(),
    metric: list({ describe: "also report this result path (repeatable)" }),
    expect: expectOption('expectation "PATH OP VALUE", evaluated in every run (repeatable)'),
    list: flag({ describe: "print the variants and runs; run nothing" }),
    shard: text({
      describe:
        "run slice I of N (I/N) of the jobs and write a partial document for mdmsim merge; " +
        "auto: take I/N from a Slurm, Kubernetes or AWS Batch job array's variables",
    }),
    out: text({ describe: "with --shard: write the partial document to FILE" }),
    json: JSON_FILE,
    maxEvents: MAX_EVENTS,
  },
  run: async (args, { io, context }) => {
    const scenario = commandScenario(io, context, args.scenario, args.set);
    const seed = commandSeed(context, args.seed, scenario);
    // --list makes no variant's scenario: each value is checked alone (src/sweep/list.ts).
    const plan = args.list ? undefined : commandSweepPlan(io, scenario, seed, args, planSweep);
    const shard = args.shard !== undefined ? commandShard(io, args.shard) : undefined;
    const { out } = args;
    const inputs = gridInputs(args);
    if (out !== undefined && shard === undefined)
      throw new UsageError("--out: only with --shard I/N or --shard auto (sweep results go to stdout)");
    if (out !== undefined) checkOutputPath(out, `--out ${out}`, inputs);
    if (args.json !== undefined && (shard !== undefined || args.list))
      throw new UsageError(
        `--json: not with ${args.list ? "--list" : "--shard"} (the whole sweep's document is merge's)`,
      );
    checkDocumentFile(args.json, "--json", inputs);
    if (plan === undefined) {
      printList(io, commandSweepPlan(io, scenario, seed, args, planSweepList), args.format);
      return 0;
    }

    const all = sweepJobs(plan);
    const mine = shard !== undefined ? shardJobs(all, shard) : all;
    const outcomes = await variantsOf(args.scenario, async () => {
      checkSweepWork(plan, mine);
      return runCommandJobs(io, plan, mine, { requested: args.jobs, quiet: args.quiet });
    });

    if (shard !== undefined) {
      // A shard's verdict waits for merge: it exits 0 once its part is written.
      const text = JSON.stringify(
        makeShard(plan, sweepFingerprint(scenario, args.expect), shard, mine, outcomes),
      );
      if (out === undefined) io.stdout(`${text}\n`);
      else await writeCheckedOutputFile(out, `${text}\n`, `--out ${out}`, inputs);
      return 0;
    }
    const result = assembleSweep(plan, outcomes);
    await printSweep(io, result, args.format, args.quiet, { path: args.json, inputs });
    return sweepPassed(result) ? 0 : 1;
  },
});
