// The library's option objects checked before any work, by one checker over a table per options type. The
// table is typed over the options it checks (every field has an entry, a field added to the type without one
// is a type error), so a caller's `null`, `5` or typo is a UsageError naming the option, never a TypeError
// from deep inside a run.
import type { CompareOptions, CompareSide } from "./compare/compare.js";
import { UsageError } from "./errors.js";
import { isRecord } from "./isRecord.js";
import { nearest } from "./scenario/nearest.js";
import { showValue } from "./scenario/primitives.js";
import type { TerminalOptions } from "./report/terminal.js";
import type { SimulateOptions } from "./simulate.js";
import type { SweepOptions } from "./sweep/sweep.js";

/** What an option must be: a test of the value given, and its wording in the message. */
interface OptionRule {
  readonly test: (value: unknown) => boolean;
  readonly expected: string;
}

/** One rule per field of an options type, none left out. */
type OptionRules<T> = { readonly [K in keyof Required<T>]: OptionRule };

const rule = (expected: string, test: (value: unknown) => boolean): OptionRule => ({ test, expected });

const isStringList = (v: unknown): boolean =>
  Array.isArray(v) && Array.from(v as unknown[]).every((e) => typeof e === "string");
const isVaryAxis = (v: unknown): boolean =>
  isRecord(v) && typeof v.path === "string" && typeof v.text === "string" && Array.isArray(v.values);

// Ranges and syntax (a seed's sign, runs' limit, an expectation's grammar) are checked where the value is
// used, by the rule that owns them; these are the kinds of value.
const SEED = rule("an integer >= 0", (v) => typeof v === "number");
const EXPECTATIONS = rule('a list of expectation strings, like ["devices.enrolled == 100"]', isStringList);
const MAX_EVENTS = rule("a number >= 1", (v) => typeof v === "number");
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
  study: rule("{ study, source } as parseStudy gives it", (v) => isRecord(v) && typeof v.source === "string"),
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
  columns: rule("a number of columns >= 1", (v) => typeof v === "number" && v >= 1),
  color: rule("true or false", (v) => typeof v === "boolean"),
};

/** How a value is shown in a message: as `showValue` does, a function named as one. */
const shown = (value: unknown): string => (typeof value === "function" ? "a function" : showValue(value));

/**
 * Checks an options object against its rules: an object (or nothing, when `optional`), no unknown field,
 * each field given of the kind its rule wants. Fields left undefined are not given.
 * @param argument - the parameter's name, for an options object that is not one (`options`, `sides.a`)
 * @throws UsageError naming the option
 */
function checkOptions<T>(
  rules: OptionRules<T>,
  options: unknown,
  argument: string,
  required: readonly (keyof T & string)[] = [],
): T {
  if (options === undefined && required.length === 0) return {} as T;
  if (!isRecord(options))
    throw new UsageError(
      `expected an object${argument === "options" ? " of options" : ""}, got ${shown(options)}`,
      {
        argument,
      },
    );
  const known = Object.keys(rules);
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(rules, key)) continue;
    const guess = nearest(key, known);
    throw new UsageError(
      `no such option${guess !== undefined ? ` (did you mean "${guess}"?)` : ""}; the options are ${known.join(", ")}`,
      { argument: `${argument === "options" ? "" : `${argument}.`}${key}` },
    );
  }
  for (const key of known) {
    const value = options[key];
    const { test, expected } = rules[key as keyof T];
    if (value === undefined) {
      if (required.includes(key as keyof T & string))
        throw new UsageError(`expected ${expected}, got nothing`, { argument: name(argument, key) });
      continue;
    }
    if (!test(value))
      throw new UsageError(`expected ${expected}, got ${shown(value)}`, { argument: name(argument, key) });
  }
  return options as T;
}

const name = (argument: string, key: string): string => (argument === "options" ? key : `${argument}.${key}`);

/** `simulate`'s options, checked. @throws UsageError naming the option */
export function checkSimulateOptions(options: unknown): SimulateOptions {
  return checkOptions(SIMULATE, options, "options");
}

/** `runSweep`'s options, checked (`vary` is required). @throws UsageError naming the option */
export function checkSweepOptions(options: unknown): SweepOptions {
  return checkOptions(SWEEP, options, "options", ["vary"]);
}

/** `runCompare`'s sides and options, checked. @throws UsageError naming the option */
export function checkCompareOptions(
  sides: unknown,
  options: unknown,
): { sides: { readonly a: CompareSide; readonly b: CompareSide }; options: CompareOptions } {
  if (!isRecord(sides))
    throw new UsageError(`expected { a, b }, each { scenario, file, with }, got ${shown(sides)}`, {
      argument: "sides",
    });
  const side = (key: "a" | "b") =>
    checkOptions(SIDE, sides[key], `sides.${key}`, ["scenario", "file", "with"]);
  return { sides: { a: side("a"), b: side("b") }, options: checkOptions(COMPARE, options, "options") };
}

/** `renderRunTable`'s options, checked. @throws UsageError naming the option */
export function checkTerminalOptions(options: unknown): TerminalOptions {
  return checkOptions(TERMINAL, options, "options");
}
