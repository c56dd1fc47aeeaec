// `mdmsim compare A.json [B.json] [--with PATH=VALUE]…`: both designs over the same seeds, paired
// differences B − A per metric, verdicts; the configuration difference first.
import { assembleCompare, compareExitCode, planCompare, type CompareResult } from "../../compare/compare.js";
import { renderCompareCsv } from "../../compare/csv.js";
import { renderCompareMarkdown, renderCompareTable } from "../../compare/render.js";
import { applyOverrides, checkSpellings, parseOverride, SET_SOURCE } from "../../scenario/overrides.js";
import { checkSweepWork, DEFAULT_RUNS, sweepJobs } from "../../sweep/sweep.js";
import { defineCommand } from "../command.js";
import { checkDocumentFile, JSON_FILE, writeDocumentFile } from "../documentFile.js";
import type { CliIo } from "../io.js";
import { choice, flag, list, optionalPositional } from "../optionTable.js";
import {
  expectOption,
  FORMATS,
  jobsOption,
  MAX_EVENTS,
  maxEventsOf,
  SCENARIO,
  SEED_AND_SET,
  type SeedAndSetArgs,
} from "../options.js";
import { attributed, commandScenario, commandSeed } from "../scenarioFile.js";
import { checkRunLimits } from "../../model/estimate.js";
import { runCommandJobs } from "../sweepPool.js";
import { runsOption } from "./sweep.js";

const COMPARE_FORMATS = [...FORMATS, "markdown"] as const;
type CompareFormat = (typeof COMPARE_FORMATS)[number];

interface CompareArgs extends SeedAndSetArgs {
  readonly a: string;
  readonly b: string | undefined;
  readonly with: string[];
  readonly runs: number | undefined;
  readonly jobs: number | undefined;
  readonly metric: string[];
  readonly expect: string[];
  readonly failOnWorse: boolean;
  readonly format: CompareFormat;
  readonly maxEvents: number | undefined;
  readonly json: string | undefined;
}

const compareDocument = (result: CompareResult): string => JSON.stringify(result, null, 2) + "\n";

function print(io: CliIo, result: CompareResult, format: CompareFormat): void {
  if (format === "json") io.stdout(compareDocument(result));
  else if (format === "csv") io.stdout(renderCompareCsv(result));
  else if (format === "markdown") io.stdout(renderCompareMarkdown(result));
  else io.stdout(renderCompareTable(result, io.stdoutLayout));
}

/** The `compare` command: exit 1 on a failed expectation on B, or on a worse verdict with --fail-on-worse. */
export const compareCommand = defineCommand<CompareArgs>({
  name: "compare",
  examples: [
    [
      "mdmsim compare site.json --with site.replicas.replica1.syncInterval=2m",
      "what if the replica synced every 2m?",
    ],
    ["mdmsim compare a.json b.json --fail-on-worse", "exit 1 when B is worse than A on any metric"],
  ],
  describe: "is design B better than A? the same seeds on both sides, paired differences B − A, verdicts",
  options: {
    a: SCENARIO,
    b: optionalPositional({ describe: "scenario B (default: A itself, changed by --with)" }),
    ...SEED_AND_SET,
    with: list({ describe: "override a field of B only: PATH=VALUE, as --set (repeatable)" }),
    runs: runsOption(`runs per side, seeds seed … seed+runs−1 on both sides (default ${DEFAULT_RUNS})`),
    jobs: jobsOption(),
    metric: list({ describe: "also compare this result path (repeatable)" }),
    expect: expectOption('expectation "PATH OP VALUE" that B must meet in every run (repeatable)'),
    failOnWorse: flag({ describe: "exit 1 when any verdict is worse (a gate for a change request)" }),
    format: choice({ choices: COMPARE_FORMATS, default: "table", describe: "output format" }),
    maxEvents: MAX_EVENTS,
    json: JSON_FILE,
  },
  run: async (args, { io, context }) => {
    const inputs = [args.a, ...(args.b !== undefined ? [args.b] : [])];
    checkDocumentFile(args.json, "--json", inputs);
    const a = commandScenario(io, context, args.a, args.set);
    const seed = commandSeed(context, args.seed, a);
    const bFile = args.b ?? args.a;
    const loaded = args.b === undefined ? a : commandScenario(io, context, args.b, args.set);
    const overrides = args.with.map((w) => parseOverride(w, "--with"));
    // A field --with names under another spelling than --set did: which value B took would depend on the order.
    checkSpellings(loaded, [
      ...args.set.map((text) => {
        const override = parseOverride(text);
        return { override, source: `${bFile}, ${SET_SOURCE(override)}` };
      }),
      ...overrides.map((override) => ({ override, source: `${bFile}, --with ${override.text}` })),
    ]);
    const b = applyOverrides(
      loaded,
      overrides,
      (culprit) => `${bFile}, --with ${culprit?.text ?? args.with.join(" ")}`,
    );
    const withs = Object.fromEntries(overrides.map((o) => [o.path, o.value]));
    // Run limits name the side they fail on: A's file, or B's with its changes.
    const limits = maxEventsOf(args.maxEvents);
    const aEstimate = attributed(args.a, () => checkRunLimits(a, limits));
    const bLabel = args.with.length > 0 ? `${bFile}, --with ${args.with.join(" --with ")}` : bFile;
    const bEstimate = attributed(bLabel, () => checkRunLimits(b, limits));
    const plan = planCompare(
      a,
      b,
      {
        a: { scenario: a.name, file: args.a, with: {} },
        b: { scenario: b.name, file: bFile, with: withs },
      },
      { runs: args.runs, seed, metrics: args.metric, expectations: args.expect, ...limits },
      {
        a: { events: aEstimate.events, memory: aEstimate.memoryBytes },
        b: { events: bEstimate.events, memory: bEstimate.memoryBytes },
      },
    );
    const jobs = sweepJobs(plan);
    // Each side alone fits; both sides' runs together must too.
    checkSweepWork(plan, jobs);
    const outcomes = await runCommandJobs(io, plan, jobs, {
      requested: args.jobs,
      quiet: false,
      label: "compare",
    });
    const result = assembleCompare(plan, outcomes);
    await writeDocumentFile(args.json, compareDocument(result), "--json", inputs);
    print(io, result, args.format);
    return compareExitCode(result, args.failOnWorse);
  },
});
