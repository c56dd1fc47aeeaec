// Text or data in, a validated Scenario out; every problem becomes one ScenarioError naming the place.
import { scanJsonText } from "./jsonScan.js";
import { plural } from "../report/plural.js";
import type * as z from "zod";
import { ScenarioError, type Problem } from "../errors.js";
import { scenarioJsonSchema } from "./jsonSchema.js";
import { looksLikeJson, parseJsonText } from "./jsonText.js";
import { parseYamlText } from "./yamlText.js";
import { isRecord } from "../isRecord.js";
import { strayBlock } from "./deviceSchema.js";
import { fieldHome } from "./fieldHome.js";
import { inFileOrder } from "./fileOrder.js";
import { nearest, nearestOrLonger } from "./nearest.js";
import { checkReferences } from "./references.js";
import { fieldNames, nodesAtDataPath } from "./schemaNodes.js";
import { writtenReferences } from "./writtenReferences.js";
import { ScenarioSchema, showValue, type Scenario } from "./schema.js";
import { decodedText } from "./textEncoding.js";

// The YAML parser is large and rarely needed. It is a plain import, so the core runs anywhere (the studio's
// browser bundle has no `require`); the CLI bundle puts a stand-in in front of it that loads it on the first
// call (scripts/bundle.mjs), so `mdmsim` still starts without it.
/** At most this many problems of one file are listed; the rest are counted. */
export const MAX_PROBLEMS = 20;

const WRITTEN = new WeakMap<Scenario, object>();

/** The data a loaded scenario was validated from (before defaults), or undefined for other objects. */
export function writtenForm(scenario: Scenario): object | undefined {
  return WRITTEN.get(scenario);
}

/** Limits that keep a hostile file from exhausting memory or the stack. */
export const LOAD_LIMITS = { maxBytes: 10 * 1024 * 1024, maxDepth: 64 } as const;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  number: "a number",
  string: "a string",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  int: "an integer",
};

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type": {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `missing (expected ${expected})`
        : `expected ${expected}, got ${showValue(issue.input)}`;
    }
    case "invalid_value": {
      if (issue.input === undefined)
        return `missing (expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")})`;
      // A value in the wrong case (`IPv4Range`) or a letter off names the value meant.
      const words = issue.values.filter((v): v is string => typeof v === "string");
      const guess = typeof issue.input === "string" ? nearest(issue.input, words) : undefined;
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, got ${showValue(issue.input)}${guess === undefined ? "" : ` (did you mean ${JSON.stringify(guess)}?)`}`;
    }
    case "too_small":
      if (issue.origin === "array") return `expected at least ${Number(issue.minimum)} item(s)`;
      return issue.message;
    default:
      return issue.message;
  }
}

/** Measures how deeply `[` and `{` nest in JSON text, outside strings, stopping early past `limit`. */
function nestingDepth(text: string, limit: number): number {
  return scanJsonText(text, limit).depth;
}

/** Depth of nested arrays and objects in parsed data, without recursion, stopping past `limit`. */
function dataDepth(data: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[data, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() ?? [null, 0];
    if (value === null || typeof value !== "object") continue;
    max = Math.max(max, depth);
    if (max > limit) return max;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return max;
}

/**
 * Parses scenario text: JSON (with comments allowed, repeated keys refused), or YAML with the same structure
 * (`format: "yaml"`, or text that does not start like JSON).
 * @throws ScenarioError when the text is too large, too deep or not parseable
 */
export function parseScenarioText(text: string, format: "json" | "yaml" | "auto" = "auto"): unknown {
  if (text.length > LOAD_LIMITS.maxBytes) {
    throw new ScenarioError(`the file is larger than ${LOAD_LIMITS.maxBytes / 1024 / 1024} MiB`);
  }
  const decoded = decodedText(text);
  if ("problem" in decoded) throw new ScenarioError(decoded.problem);
  const trimmed = decoded.text;
  if (nestingDepth(trimmed, LOAD_LIMITS.maxDepth) > LOAD_LIMITS.maxDepth) {
    throw new ScenarioError(`nesting deeper than ${LOAD_LIMITS.maxDepth} levels`);
  }
  if (format === "json" || (format === "auto" && looksLikeJson(trimmed))) return parseJsonText(trimmed);
  let data: unknown;
  try {
    data = parseYamlText(trimmed);
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    if (error instanceof RangeError)
      throw new ScenarioError(`nesting deeper than ${LOAD_LIMITS.maxDepth} levels`);
    throw new ScenarioError(
      `not valid YAML: ${error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error)}`,
    );
  }
  if (dataDepth(data, LOAD_LIMITS.maxDepth) > LOAD_LIMITS.maxDepth) {
    throw new ScenarioError(`nesting deeper than ${LOAD_LIMITS.maxDepth} levels`);
  }
  return data;
}

/**
 * Validates scenario data (or text) and applies defaults; durations become seconds.
 * @param input - scenario text (JSON or YAML) or an already parsed object
 * @throws ScenarioError naming the first problem's place and what was expected
 */
export function loadScenario(input: unknown): Scenario {
  const data = typeof input === "string" ? parseScenarioText(input) : input;
  // Own `__proto__` keys from JSON.parse never reach a prototype: zod builds fresh objects and rejects unknown keys.
  const result = ScenarioSchema.safeParse(data, { reportInput: true });
  if (result.success) {
    // Keep what the file said: overrides apply to it, so defaults that follow other fields (a platform's
    // polling, a certificate's names) follow an overridden field too.
    if (data !== null && typeof data === "object") WRITTEN.set(result.data, structuredClone(data));
    return result.data;
  }
  throw new ScenarioError(...problemList(result.error.issues, data));
}

/**
 * The problems of a failed parse, in file order: its issues, and the cross-field problems of the data as written
 * (which the schema checks only once every field parsed), except where a field problem already sits. The
 * first `MAX_PROBLEMS` of them, then a count of the rest.
 */
function problemList(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
): [string, (string | number)[], undefined, Problem[]] {
  const problems = issues.flatMap((issue) => problemsOf(issue, data));
  const named = new Set(problems.flatMap((p) => (p.suggested === undefined ? [] : [p.suggested])));
  // A misspelt field is reported once, as itself: not also as the field it was meant to be, missing.
  const fields = problems.filter((p) => p.missing === undefined || !named.has(p.missing));
  const seen = new Set(fields.map((p) => `${p.path.join("\0")}\n${p.detail}`));
  // Places as keys (each segment behind a NUL: the root is ""), so a path's prefixes are looked up, not
  // compared with every field problem (cross-field problems × field problems was quadratic).
  const key = (path: readonly (string | number)[]) => path.map((segment) => `\0${segment}`).join("");
  const places = new Set(fields.map((p) => key(p.at ?? p.path)));
  const refusedPaths = new Set(fields.map((p) => key(p.path)));
  const crossField: FoundProblem[] = [];
  const refused = (path: readonly (string | number)[]) => refusedPaths.has(key(path));
  const covered = (path: readonly (string | number)[]) => {
    let prefix = "";
    if (places.has(prefix)) return true;
    for (const segment of path) {
      prefix += `\0${segment}`;
      if (places.has(prefix)) return true;
    }
    return false;
  };
  const report = (path: (string | number)[], detail: string) => {
    if (!covered(path) && !seen.has(`${path.join("\0")}\n${detail}`)) crossField.push({ path, detail });
  };
  checkReferences(writtenReferences(data, refused), report);
  // A group's block of the other kind of device, which its own transform checks only once the group parsed.
  const devices = isRecord(data) && Array.isArray(data.devices) ? (data.devices as unknown[]) : [];
  devices.forEach((group, i) => {
    const stray = isRecord(group) && typeof group.platform === "string" && strayBlock(group.platform, group);
    if (stray) report(["devices", i, stray.key], stray.message);
  });
  const kept = inFileOrder([...fields, ...crossField], data);
  const [first, ...rest] = kept.slice(0, MAX_PROBLEMS);
  if (first === undefined) return ["invalid scenario", [], undefined, []];
  const hidden = kept.length - MAX_PROBLEMS;
  const more = hidden > 0 ? [{ path: [], detail: `and ${plural(hidden, "more problem")}` }] : [];
  return [first.detail, first.path, undefined, [...rest, ...more]];
}

/**
 * Whether an issue refuses the kind of value a branch was given (a string where an object is expected), not a
 * part of it: at the branch's root, a wrong type or value, or a union (a duration: a number or a string) whose
 * every branch refuses it so.
 */
function refusesKind(issue: z.core.$ZodIssue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === "invalid_type" || issue.code === "invalid_value") return true;
  return issue.code === "invalid_union" && issue.errors.every((branch) => branch.some(refusesKind));
}

interface FoundProblem extends Problem {
  readonly path: (string | number)[];
  /** Where in the file the problem is, when more precise than `path`: an unknown field's own key. */
  readonly at?: (string | number)[];
  /** The path of a field reported missing, joined with NUL. */
  readonly missing?: string;
  /** The path of the field a misspelt key was taken for, joined with NUL. */
  readonly suggested?: string;
}

function problemsOf(issue: z.core.$ZodIssue, data: unknown): FoundProblem[] {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (issue.code === "unrecognized_keys") {
    const known = fieldNames(nodesAtDataPath(scenarioJsonSchema(), path, data));
    return issue.keys.map((key) => {
      const guess = nearestOrLonger(key, known);
      const home = fieldHome(scenarioJsonSchema(), key, path);
      const hints = [
        ...(guess === undefined ? [] : [`did you mean ${JSON.stringify(guess)}?`]),
        ...(home === undefined
          ? []
          : [`${guess === undefined ? "it" : JSON.stringify(key)} belongs ${home}`]),
      ];
      return {
        path,
        at: [...path, key],
        detail: `unknown field ${JSON.stringify(key)}${hints.length === 0 ? "" : ` (${hints.join(" ")})`}`,
        ...(guess === undefined ? {} : { suggested: [...path, guess].join("\0") }),
      };
    });
  }
  if (issue.code === "invalid_union") {
    // A union whose branches take different kinds of value (a poll profile's name or a list of phases): when
    // the value is of one branch's kind, that branch's own problems are reported, at their places.
    const fitting = issue.errors.filter((branch) => !branch.some(refusesKind));
    const [only] = fitting;
    if (fitting.length === 1 && only !== undefined && only.length > 0)
      return only.flatMap((i) => problemsOf({ ...i, path: [...issue.path, ...i.path] }, data));
  }
  const missing = issue.code === "invalid_type" && issue.input === undefined;
  return [{ path, detail: issueMessage(issue), ...(missing ? { missing: path.join("\0") } : {}) }];
}
