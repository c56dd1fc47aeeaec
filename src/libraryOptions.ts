// The library's option objects checked before any work, by one checker over a table per options type. The
// table is typed over the options it checks (every field has an entry, a field added to the type without one
// is a type error), so a caller's `null`, `5` or typo is a UsageError naming the function and the option,
// never a TypeError from deep inside a run. Each options argument is an ArgumentRule of its function's
// declaration (libraryArguments.ts).
import type { CompareOptions, CompareSide } from "./compare/compare.js";
import { UsageError } from "./errors.js";
import { isRecord } from "./isRecord.js";
import { checkedBy, refused, type ArgumentRule } from "./libraryArguments.js";
import { isMaxEvents } from "./model/estimate.js";
import { PLATFORMS } from "./scenario/deviceSchema.js";
import { nearest } from "./scenario/nearest.js";
import { MIN_COLUMNS, type TerminalOptions } from "./report/terminal.js";
import type { SimulateOptions } from "./simulate.js";
import { parseStudy } from "./sweep/study.js";
import type { SweepOptions } from "./sweep/sweep.js";
import type { ScenarioConstraints } from "./testing/scenarioArbitrary.js";

/** What an option must be: a test of the value given, and its wording in the message. */
interface OptionRule {
  readonly test: (value: unknown) => boolean;
  readonly expected: string;
  /**
   * What the function gets for a value that passed `test`, from the rule that owns the option (the study's
   * parser and its defaults); its UsageError is refused under `expected`, its own words after.
   */
  readonly convert?: (value: unknown) => unknown;
}

/** One rule per field of an options type, none left out. */
type OptionRules<T> = { readonly [K in keyof Required<T>]: OptionRule };

const rule = (expected: string, test: (value: unknown) => boolean): OptionRule => ({ test, expected });

const isStringList = (v: unknown): boolean =>
  Array.isArray(v) && Array.from(v as unknown[]).every((e) => typeof e === "string");
const isVaryAxis = (v: unknown): boolean =>
  isRecord(v) && typeof v.path === "string" && typeof v.text === "string" && Array.isArray(v.values);

// Ranges and syntax (a seed's sign, runs' limit, an expectation's grammar) are checked where the value is
// used, by the rule that owns them; these are the kinds of value, and maxEvents by its owner's rule (the run
// estimate's, which the CLI's --max-events shares), refused here as the caller's option.
const SEED = rule("an integer >= 0", (v) => typeof v === "number");
const EXPECTATIONS = rule('a list of expectation strings, like ["devices.enrolled == 100"]', isStringList);
const MAX_EVENTS = rule("a number >= 1", isMaxEvents);
const RUNS = rule("an integer >= 1", (v) => typeof v === "number");
const METRICS = rule('a list of result paths, like ["devices.enrolled"]', isStringList);
const BASELINE = rule("a variant's number, from 1", (v) => typeof v === "number");

const SIMULATE: OptionRules<SimulateOptions> = {
  seed: SEED,
  perDevice: rule("true or false", (v) => typeof v === "boolean"),
  trace: rule('a device name, like "hq-windows-1"', (v) => typeof v === "string"),
  expectations: EXPECTATIONS,
  onProgress: rule("a function (done, total)", (v) => typeof v === "function"),
  maxEvents: MAX_EVENTS,
};

const COMPARE: OptionRules<CompareOptions> = {
  study: {
    expected: "{ study, source }: a study file's data and its name",
    test: (v) => isRecord(v) && typeof v.source === "string",
    convert: (v) => {
      const { study, source } = v as { study: unknown; source: string };
      return { study: parseStudy(study, source), source };
    },
  },
  runs: RUNS,
  seed: SEED,
  metrics: METRICS,
  expectations: EXPECTATIONS,
  baseline: BASELINE,
  maxEvents: MAX_EVENTS,
};

const SWEEP: OptionRules<SweepOptions> = {
  ...COMPARE,
  vary: rule(
    'a list of "PATH=V1,V2,…" strings (or parseVary\'s axes)',
    (v) =>
      Array.isArray(v) && Array.from(v as unknown[]).every((e) => typeof e === "string" || isVaryAxis(e)),
  ),
};

const SIDE: OptionRules<CompareSide> = {
  scenario: rule("the scenario's name", (v) => typeof v === "string"),
  file: rule("the file it was read from", (v) => typeof v === "string"),
  with: rule("the overrides applied to it, { path: value }", isRecord),
};

const TERMINAL: OptionRules<TerminalOptions> = {
  // The layout needs some room: 1 column took seconds and ended in a RangeError, 1.5 did not end.
  columns: rule(
    `a whole number of columns >= ${MIN_COLUMNS} (or Infinity)`,
    (v) => v === Infinity || (Number.isSafeInteger(v) && (v as number) >= MIN_COLUMNS),
  ),
  color: rule("true or false", (v) => typeof v === "boolean"),
};

const COUNT = rule("an integer >= 1", (v) => Number.isSafeInteger(v) && (v as number) >= 1);
const FLAG = rule("true or false", (v) => typeof v === "boolean");

const CONSTRAINTS: OptionRules<ScenarioConstraints> = {
  platforms: rule(
    `a list of platforms, at least one of ${PLATFORMS.map((p) => `"${p}"`).join(", ")}`,
    (v) =>
      Array.isArray(v) &&
      v.length > 0 &&
      Array.from(v as unknown[]).every((p) => (PLATFORMS as readonly unknown[]).includes(p)),
  ),
  clients: FLAG,
  replicas: FLAG,
  outages: FLAG,
  randomApplyDelays: FLAG,
  misconfigurations: FLAG,
  rareCases: FLAG,
  grid: FLAG,
  maxDevicesPerGroup: COUNT,
  maxGroups: COUNT,
  capacities: FLAG,
};

/**
 * Checks an options object against its rules: an object (or nothing, when `optional`), no unknown field,
 * each field given of the kind its rule wants. Fields left undefined are not given.
 * @param argument - the parameter's name, for an options object that is not one (`options`, `sides.a`)
 * @throws UsageError naming the option
 */
function checkOptions<T>(
  fn: string,
  rules: OptionRules<T>,
  options: unknown,
  argument: string,
  required: readonly (keyof T & string)[] = [],
): T {
  if (!isRecord(options))
    throw refused(fn, argument, `an object${argument === "options" ? " of options" : ""}`, options);
  const known = Object.keys(rules);
  const converted: Record<string, unknown> = {};
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(rules, key)) continue;
    const guess = nearest(key, known);
    throw new UsageError(
      `no such option${guess !== undefined ? ` (did you mean "${guess}"?)` : ""}; the options are ${known.join(", ")}`,
      { argument: name(argument, key), function: fn },
    );
  }
  for (const key of known) {
    const value = options[key];
    const { test, expected, convert } = rules[key as keyof T];
    if (value === undefined && !required.includes(key as keyof T & string)) continue;
    if (value === undefined || !test(value)) throw refused(fn, name(argument, key), expected, value);
    if (convert !== undefined)
      converted[key] = convertOption(fn, name(argument, key), expected, convert, value);
  }
  return (Object.keys(converted).length > 0 ? { ...options, ...converted } : options) as T;
}

function convertOption(
  fn: string,
  argument: string,
  expected: string,
  convert: (value: unknown) => unknown,
  value: unknown,
): unknown {
  try {
    return convert(value);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(`expected ${expected}; ${error.message}`, { argument, function: fn });
  }
}

const name = (argument: string, key: string): string => (argument === "options" ? key : `${argument}.${key}`);

/** An options argument checked against its rules (the function's default applies to none given). */
const optionsArgument = <T>(
  rules: OptionRules<T>,
  required: readonly (keyof T & string)[] = [],
): ArgumentRule =>
  checkedBy("options", (value, fn) =>
    value === undefined && required.length === 0
      ? undefined
      : checkOptions(fn, rules, value, "options", required),
  );

/** `simulate`'s options. */
export const SIMULATE_OPTIONS: ArgumentRule = optionsArgument(SIMULATE);

/** `runSweep`'s options (`vary` is required). */
export const SWEEP_OPTIONS: ArgumentRule = optionsArgument(SWEEP, ["vary"]);

/** `runCompare`'s options. */
export const COMPARE_OPTIONS: ArgumentRule = optionsArgument(COMPARE);

/** `renderRunTable`'s options. */
export const TERMINAL_OPTIONS: ArgumentRule = optionsArgument(TERMINAL);

/** `scenarioArbitrary`'s constraints. */
export const SCENARIO_CONSTRAINTS: ArgumentRule = checkedBy("constraints", (value, fn) =>
  value === undefined ? undefined : checkOptions(fn, CONSTRAINTS, value, "constraints"),
);

/** `runCompare`'s sides: how each is named in the document, `{ a, b }`. */
export const COMPARE_SIDES: ArgumentRule = checkedBy("sides", (sides, fn) => {
  if (!isRecord(sides)) throw refused(fn, "sides", "{ a, b }, each { scenario, file, with }", sides);
  const side = (key: "a" | "b") =>
    checkOptions(fn, SIDE, sides[key], `sides.${key}`, ["scenario", "file", "with"]);
  return { a: side("a"), b: side("b") };
});
