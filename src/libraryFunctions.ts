// The library's other public functions (parsers, formatters, closed forms) as a user holds them: the core's
// functions, each with its arguments declared once and checked before it runs (libraryArguments.ts). The
// core keeps calling the unchecked ones.
import {
  SCENARIO_ERROR_ARGUMENTS,
  ScenarioError,
  USAGE_ERROR_ARGUMENTS,
  UsageError,
  type ErrorArgument,
} from "./errors.js";
import {
  anything,
  argument,
  declareChecked,
  guarded,
  isFiniteAtLeast,
  optional,
  scenarioArgument,
} from "./libraryArguments.js";
import { hasFields, isListOf, isString } from "./valueRules.js";
import { replicaClosedForm as closedForm } from "./model/closedForm.js";
import { expectedVisibilityDelay as visibilityDelay } from "./model/replica.js";
import { isRecord } from "./isRecord.js";
import { evaluateExpectations as evaluate } from "./results/expectations.js";
import { formatDuration as format, parseDuration as parse } from "./scenario/duration.js";
import { OPERATORS, parseExpectation as expectation } from "./scenario/expectation.js";
import { scenarioJsonSchema as jsonSchema } from "./scenario/jsonSchema.js";
import { loadScenario as load, parseScenarioText as parseText } from "./scenario/load.js";
import {
  applyOverrides as apply,
  parseOverride as override,
  type Override,
  type OverrideSource,
} from "./scenario/overrides.js";
import type { Scenario, ScenarioInput } from "./scenario/schema.js";
import { parseVary as vary } from "./sweep/grid.js";
import { studentTQuantile as quantile } from "./sweep/tDistribution.js";

const isNumber = (v: unknown): boolean => typeof v === "number";
const isFunction = (v: unknown): boolean => typeof v === "function";
/** `{ syncInterval, applyDelay }` in seconds, as a replica's closed forms take them. */
const REPLICA = argument(
  "replica",
  "{ syncInterval, applyDelay }, seconds >= 0",
  hasFields({ syncInterval: isFiniteAtLeast(0), applyDelay: isFiniteAtLeast(0) }),
);
const POLL_PHASE = hasFields({
  every: (v) => isFiniteAtLeast(0)(v) && v > 0,
  until: (v) => v === undefined || (typeof v === "number" && v >= 0),
});

/**
 * Validates scenario data (or text) and applies defaults; durations become seconds.
 * @throws ScenarioError naming the first problem's place and what was expected
 */
export const loadScenario: typeof load = guarded("loadScenario", load, [anything("input")]);

/**
 * Parses scenario text: JSON (comments allowed, repeated keys refused), or YAML of the same structure.
 * @throws ScenarioError when the text is too large, too deep or not parseable
 */
export const parseScenarioText: typeof parseText = guarded("parseScenarioText", parseText, [
  argument("text", "scenario text, a string", isString),
  optional(
    argument("format", '"json", "yaml" or "auto"', (v) => v === "json" || v === "yaml" || v === "auto"),
  ),
]);

/**
 * Applies `--set` overrides to a scenario and validates the result.
 * @param scenario - a loaded scenario, or one as a file holds it
 */
export const applyOverrides = guarded(
  "applyOverrides",
  (
    scenario: Scenario | ScenarioInput,
    overrides: readonly (Override | string)[],
    source?: OverrideSource,
  ): Scenario => apply(scenario as Scenario, overrides, source),
  [
    // Loaded first, as every entry point does: a file's data gets its defaults (a path may name one) and keeps
    // its written form, which the overrides edit. The list applyOverrides checks itself (checkOverrideList).
    scenarioArgument("scenario"),
    anything("overrides"),
    optional(argument("source", "a function naming the option an override came from", isFunction)),
  ],
);

/** Parses `PATH=VALUE`. */
export const parseOverride: typeof override = guarded("parseOverride", override, [
  argument("text", '"PATH=VALUE", a string', isString),
  optional(argument("option", 'the option it came from, a string like "--set"', isString)),
]);

/** The JSON Schema of scenario files. */
export const scenarioJsonSchema: typeof jsonSchema = guarded("scenarioJsonSchema", jsonSchema, []);

/**
 * Parses a duration (`"2h15m"`, or a number of seconds) into seconds; undefined for a string or number
 * that is not one.
 * @throws UsageError for a value that is neither a string nor a number
 */
export const parseDuration: (value: string | number) => number | undefined = guarded("parseDuration", parse, [
  argument("value", 'a duration like "2h15m", or a number of seconds', (v) => isString(v) || isNumber(v)),
]);

/** Formats seconds as a compact duration ("4m12s"). */
export const formatDuration: typeof format = guarded("formatDuration", format, [
  argument("seconds", "a number of seconds", isNumber),
]);

/** The closed form of a replica's visibility delay: min, mean and max, seconds. */
export const expectedVisibilityDelay: typeof visibilityDelay = guarded(
  "expectedVisibilityDelay",
  visibilityDelay,
  [REPLICA],
);

/** Parses `PATH OP VALUE`. */
export const parseExpectation: typeof expectation = guarded("parseExpectation", expectation, [
  argument("expression", 'an expectation, a string like "devices.enrolled == 100"', isString),
]);

/** Evaluates parsed expectations against a result document. */
export const evaluateExpectations: typeof evaluate = guarded("evaluateExpectations", evaluate, [
  argument("result", "a result document, an object", isRecord),
  argument(
    "expectations",
    "a list of expectations as parseExpectation returns them",
    isListOf(
      hasFields({
        expression: isString,
        path: isString,
        operator: (v) => (OPERATORS as readonly unknown[]).includes(v),
        value: isNumber,
      }),
    ),
  ),
]);

/** Expected failed polls and time to first success for a group's polling on a replica. */
export const replicaClosedForm: typeof closedForm = guarded("replicaClosedForm", closedForm, [
  argument(
    "group",
    "a device group's polling, { polling: [{ every, until }, …], firstPollDelay }, seconds",
    hasFields({
      polling: (v) => Array.isArray(v) && v.length > 0 && isListOf(POLL_PHASE)(v),
      firstPollDelay: isFiniteAtLeast(0),
    }),
  ),
  REPLICA,
]);

/** Parses one `--vary PATH=V1,V2,…` option. */
export const parseVary: typeof vary = guarded("parseVary", vary, [
  argument("text", 'a "PATH=V1,V2,…" string, like "devices.0.count=100,200"', isString),
]);

/** The p-quantile of Student's t distribution. */
export const studentTQuantile: typeof quantile = guarded("studentTQuantile", quantile, [
  argument("p", "a probability in (0.5, 1)", (v) => typeof v === "number" && v > 0.5 && v < 1),
  argument("df", "degrees of freedom, a number > 0", (v) => isFiniteAtLeast(0)(v) && v > 0),
]);

// The errors' constructors check their own arguments (errors.ts cannot import the rules, which import it):
// declared here by the same table they check, so that every export has its declaration.
function declareError(value: object, name: string, rules: readonly ErrorArgument[]): void {
  const rule = (r: ErrorArgument) => argument(r.name, r.expected, r.test);
  declareChecked(value, {
    name,
    rules: rules.map((r) => (r.optional === true ? optional(rule(r)) : rule(r))),
  });
}
declareError(ScenarioError, "ScenarioError", SCENARIO_ERROR_ARGUMENTS);
declareError(UsageError, "UsageError", USAGE_ERROR_ARGUMENTS);
