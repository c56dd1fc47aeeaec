// Options shared by several commands, declared once.
import type { Argv } from "yargs";
import { UsageError } from "../errors.js";

/** The scenario file argument of every command that loads one. */
export const SCENARIO_ARGUMENT = { type: "string", describe: "scenario file (JSON or YAML)" } as const;

/** Adds `--seed` and `--set`, which every command that loads a scenario takes. */
// eslint-disable-next-line @typescript-eslint/explicit-module-boundary-types -- the option types are yargs' inference
export function withSeedAndSet<T>(y: Argv<T>) {
  return y
    .option("seed", {
      type: "number",
      requiresArg: true,
      describe: "master seed (overrides the scenario's seed)",
    })
    .option("set", {
      type: "string",
      array: true,
      requiresArg: true,
      default: [] as string[],
      describe: "override a scenario field: PATH=VALUE (repeatable)",
    });
}

/** Adds the repeatable `--expect`. */
// eslint-disable-next-line @typescript-eslint/explicit-module-boundary-types -- the option types are yargs' inference
export function withExpect<T>(y: Argv<T>, describe = 'expectation "PATH OP VALUE" (repeatable)') {
  return y.option("expect", {
    type: "string",
    array: true,
    requiresArg: true,
    default: [] as string[],
    describe,
  });
}

/** Adds `--seed`, `--set`, `--format` and `--quiet` to a command. */
// eslint-disable-next-line @typescript-eslint/explicit-module-boundary-types -- the option types are yargs' inference
export function withScenarioOptions<T>(y: Argv<T>) {
  return withSeedAndSet(y)
    .option("format", {
      requiresArg: true,
      choices: ["table", "json", "csv"] as const,
      default: "table" as const,
      describe: "output format",
    })
    .option("quiet", { type: "boolean", default: false, describe: "print less: only failures" });
}

/** Checks `--seed`: an integer ≥ 0. */
export function checkSeed(seed: number | undefined): number | undefined {
  if (seed === undefined) return undefined;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new UsageError(`--seed: expected an integer >= 0, got ${String(seed)}`);
  return seed;
}

/** yargs gives strings for repeatable string options, but a lone value may still arrive unwrapped. */
export function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Most worker threads `--jobs` accepts. */
const MAX_JOBS = 1024;

/** Checks `--jobs`: an integer from 1 to 1024. */
export function checkJobs(jobs: number): number {
  if (!Number.isSafeInteger(jobs) || jobs < 1 || jobs > MAX_JOBS) {
    throw new UsageError(`--jobs: expected an integer from 1 to ${MAX_JOBS}, got ${String(jobs)}`);
  }
  return jobs;
}
