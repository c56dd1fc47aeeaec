// Text or data in, a validated Scenario out; every problem becomes one ScenarioError naming the place.
import { createRequire } from "node:module";
import type * as JsoncParser from "jsonc-parser";
import type * as Yaml from "yaml";
import type * as z from "zod";
import { ScenarioError } from "../errors.js";
import { ScenarioSchema, showValue, type Scenario } from "./schema.js";

// The YAML parser and the JSON error locator are large and rarely needed: load them on first use (a plain
// require, which bundlers leave alone, so `mdmsim` starts without them).
const lazyRequire = createRequire(import.meta.url);
const yaml = (): typeof Yaml => lazyRequire("yaml") as typeof Yaml;
const jsonc = (): typeof JsoncParser => lazyRequire("jsonc-parser") as typeof JsoncParser;

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
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, got ${showValue(issue.input)}`;
    case "too_small":
      if (issue.origin === "array") return `expected at least ${Number(issue.minimum)} item(s)`;
      return issue.message;
    default:
      return issue.message;
  }
}

/** Measures how deeply `[` and `{` nest in JSON text, outside strings, stopping early past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
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

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/**
 * Parses scenario text: JSON, or YAML with the same structure (`format: "yaml"`, or text that is not JSON-shaped).
 * @throws ScenarioError when the text is too large, too deep or not parseable
 */
export function parseScenarioText(text: string, format: "json" | "yaml" | "auto" = "auto"): unknown {
  if (text.length > LOAD_LIMITS.maxBytes) {
    throw new ScenarioError(`the file is larger than ${LOAD_LIMITS.maxBytes / 1024 / 1024} MiB`);
  }
  const trimmed = text.replace(/^\uFEFF/, "");
  if (nestingDepth(trimmed, LOAD_LIMITS.maxDepth) > LOAD_LIMITS.maxDepth) {
    throw new ScenarioError(`nesting deeper than ${LOAD_LIMITS.maxDepth} levels`);
  }
  const useJson = format === "json" || (format === "auto" && /^\s*[{[]/.test(trimmed));
  if (useJson) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      // V8's messages carry no position on every Node version: a second, tolerant parser finds the place.
      const errors: JsoncParser.ParseError[] = [];
      const { parse: parseJsonc, printParseErrorCode } = jsonc();
      parseJsonc(trimmed, errors, { disallowComments: true, allowTrailingComma: false });
      const first = errors[0];
      const where = first ? ` at ${lineAndColumn(trimmed, first.offset)}` : "";
      const what = first ? printParseErrorCode(first.error) : "unexpected end";
      throw new ScenarioError(`not valid JSON${where}: ${what}`);
    }
  }
  let data: unknown;
  try {
    data = yaml().parse(trimmed, { maxAliasCount: 100, uniqueKeys: true, logLevel: "error" }) as unknown;
  } catch (error) {
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
  const [first, ...rest] = result.error.issues;
  if (first === undefined) throw new ScenarioError("invalid scenario");
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? "s" : ""})` : "";
  throw new ScenarioError(
    issueMessage(first) + more,
    first.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
  );
}
