// Arguments several commands share, declared once as entries of their tables (optionTable.ts).
import { plural } from "../report/plural.js";
import { availableParallelism } from "node:os";
import { UsageError } from "../errors.js";
import { RUN_LIMITS, isMaxEvents } from "../model/estimate.js";
import type { CliIo } from "./io.js";
import {
  choice,
  flag,
  integer,
  list,
  optionalPositional,
  requiredPositional,
  type OptionSpec,
  type OptionTable,
} from "./optionTable.js";

/** The output formats of the commands that print a document. */
export const FORMATS = ["table", "json", "csv"] as const;
/** One of `FORMATS`. */
export type Format = (typeof FORMATS)[number];

const SCENARIO_DESCRIPTION =
  'scenario file (JSON or YAML; "-" reads standard input), or a bundled scenario by name (baseline, clients-50k, …)';

/** The scenario file of a command that needs one. */
export const SCENARIO = requiredPositional({ describe: SCENARIO_DESCRIPTION });

/** The scenario file of `run`, which has a bundled default. */
export const OPTIONAL_SCENARIO = optionalPositional({
  describe: `${SCENARIO_DESCRIPTION}; default: the bundled baseline`,
});

/** `--seed` and `--set`: every command that loads a scenario takes them. */
export interface SeedAndSetArgs {
  readonly seed: number | undefined;
  readonly set: string[];
}

/** The table entries of `SeedAndSetArgs`. */
export const SEED_AND_SET: OptionTable<SeedAndSetArgs> = {
  seed: integer({ min: 0, describe: "master seed, an integer >= 0 (overrides the scenario's seed)" }),
  set: list({ describe: "override a scenario field: PATH=VALUE (repeatable)" }),
};

/** `--seed`, `--set`, `--format` and `--quiet`. */
export interface ScenarioArgs extends SeedAndSetArgs {
  readonly format: Format;
  readonly quiet: boolean;
}

/** `--format`. */
export const FORMAT = choice({ choices: FORMATS, default: "table", describe: "output format" });

/** The table entries of `ScenarioArgs`, `--quiet` described by each command. */
export function scenarioOptions(quiet: string): OptionTable<ScenarioArgs> {
  return { ...SEED_AND_SET, format: FORMAT, quiet: flag({ describe: quiet }) };
}

/** The repeatable `--expect`. */
export function expectOption(describe = 'expectation "PATH OP VALUE" (repeatable)'): ReturnType<typeof list> {
  return list({ describe });
}

/** Most worker threads `--jobs` accepts. */
const MAX_JOBS = 1024;

/** `--jobs`: worker threads, default the number of CPUs. */
export function jobsOption(
  describe = "worker threads (default: the number of CPUs)",
): ReturnType<typeof integer> {
  return integer({ min: 1, max: MAX_JOBS, describe });
}

/**
 * The worker threads of a sweep: `--jobs` (default: the CPUs), but never more than the CPUs or the work
 * items (more threads than cores only add memory and start-up); a lowered request is said on stderr.
 */
export function workerThreads(
  io: CliIo,
  requested: number | undefined,
  workItems: number,
  quiet = false,
): number {
  const cpus = availableParallelism();
  const jobs = requested ?? cpus;
  const threads = Math.max(1, Math.min(jobs, cpus, workItems));
  if (requested !== undefined && threads < jobs && !quiet)
    io.stderr(
      `mdmsim: --jobs ${jobs}: using ${plural(threads, "worker thread")} (${plural(cpus, "CPU")}, ${plural(workItems, "run")} to do)\n`,
    );
  return threads;
}

/** `--max-events N`: the time limit of a run (or of a sweep's runs together), a number >= 1 such as 2e9. */
export const MAX_EVENTS: OptionSpec<number | undefined> = {
  kind: "text",
  positional: false,
  required: false,
  describe: `refuse work estimated above this many events (default ${RUN_LIMITS.maxEvents.toExponential(0)}, about a minute); memory limits always apply`,
  decode: (raw, name) => {
    const value: unknown = Array.isArray(raw) ? (raw as unknown[])[raw.length - 1] : raw;
    if (value === undefined) return undefined;
    const text = typeof value === "string" ? value.trim() : JSON.stringify(value);
    const n = /^\d+(\.\d+)?(e\+?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
    if (!isMaxEvents(n))
      throw new UsageError(`${name}: expected a number >= 1 like 2e9, got ${JSON.stringify(text)}`);
    return n;
  },
};

/** `maxEvents` for the library, when `--max-events` was given. */
export function maxEventsOf(value: number | undefined): { maxEvents?: number } {
  return value === undefined ? {} : { maxEvents: value };
}
