// Arguments several commands share, declared once as entries of their tables (optionTable.ts).
import {
  choice,
  flag,
  integer,
  list,
  optionalPositional,
  requiredPositional,
  type OptionTable,
} from "./optionTable.js";

/** The output formats of the commands that print a document. */
export const FORMATS = ["table", "json", "csv"] as const;
/** One of `FORMATS`. */
export type Format = (typeof FORMATS)[number];

const SCENARIO_DESCRIPTION = 'scenario file (JSON or YAML; "-" reads standard input)';

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
