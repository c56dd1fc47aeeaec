// One error type per kind of user mistake; the CLI maps each to its exit code.
import { hasFields, isListOf, isString, shown } from "./valueRules.js";

/** Formats a path like `devices[0].enrollment.to` from its segments. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += (out === "" ? "" : ".") + String(segment);
  }
  return out === "" ? "(top level)" : out;
}

/** One problem of a scenario: where it is and what was expected. */
export interface Problem {
  readonly path: readonly (string | number)[];
  readonly detail: string;
}

/** One argument of an error's constructor: its name, what it must be, and the test of that. */
export interface ErrorArgument {
  readonly name: string;
  readonly expected: string;
  readonly test: (value: unknown) => boolean;
  /** Whether it may be left out (undefined: its default, or none). */
  readonly optional?: boolean;
}

const isPath = isListOf((s) => typeof s === "string" || typeof s === "number");
const absentOr =
  (test: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    v === undefined || test(v);

/** ScenarioError's arguments (`path` and `more` default to empty lists). */
export const SCENARIO_ERROR_ARGUMENTS: readonly ErrorArgument[] = [
  { name: "detail", expected: "a string", test: isString },
  { name: "path", expected: "a list of keys and indexes", test: isPath, optional: true },
  { name: "source", expected: "a string", test: isString, optional: true },
  {
    name: "more",
    expected: "a list of { path, detail }",
    test: isListOf(hasFields({ path: isPath, detail: isString })),
    optional: true,
  },
];

/** UsageError's arguments. */
export const USAGE_ERROR_ARGUMENTS: readonly ErrorArgument[] = [
  { name: "detail", expected: "a string", test: isString },
  {
    name: "about",
    expected: "{ argument, value?, function? }, strings",
    test: hasFields({ argument: isString, value: absentOr(isString), function: absentOr(isString) }),
    optional: true,
  },
];

/**
 * The constructors' arguments, checked as the library's functions check theirs and in the same words
 * (valueRules.ts): internal callers always pass these kinds; a library user's `new ScenarioError("x", null)`
 * is a UsageError, not a TypeError from inside the message.
 */
function checkArguments(fn: string, rules: readonly ErrorArgument[], values: readonly unknown[]): void {
  rules.forEach(({ name, expected, test, optional }, i) => {
    if (!(optional === true && values[i] === undefined) && !test(values[i]))
      throw new UsageError(`expected ${expected}, got ${shown(values[i])}`, { argument: name, function: fn });
  });
}

/**
 * A scenario that cannot be read or is not valid. `path` is where in the scenario (`devices[0].count`),
 * `source` the file name or `--set …` option the problem came from, when known. A file with several
 * problems carries the first in `path` and `detail` and the others in `more`; the message lists them all,
 * one a line.
 */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  /** Where in the scenario, as segments; empty for problems with the whole text. */
  readonly path: readonly (string | number)[];
  /** The reason alone, without source and path. */
  readonly detail: string;
  /** The file or option the scenario came from, when known. */
  readonly source: string | undefined;
  /** The problems after the first (the last may count the ones left out). */
  readonly more: readonly Problem[];

  constructor(
    detail: string,
    path: readonly (string | number)[] = [],
    source?: string,
    more: readonly Problem[] = [],
  ) {
    checkArguments("ScenarioError", SCENARIO_ERROR_ARGUMENTS, [detail, path, source, more]);
    const where = (at: readonly (string | number)[]) => (at.length > 0 ? `${formatPath(at)}: ` : "");
    super(
      `${source !== undefined ? `${source}: ` : ""}${where(path)}${detail}` +
        more.map((p) => `\n  ${where(p.path)}${p.detail}`).join(""),
    );
    this.detail = detail;
    this.path = path;
    this.source = source;
    this.more = more;
  }

  /** Every problem, the first included. */
  get problems(): readonly Problem[] {
    return [{ path: this.path, detail: this.detail }, ...this.more];
  }

  /** The same error attributed to a file or option. */
  withSource(source: string): ScenarioError {
    return new ScenarioError(this.detail, this.path, source, this.more);
  }
}

/** Which argument of a library function a `UsageError` is about, in the library's words. */
export interface UsageArgument {
  /** The option's name in the library call (`runs`, `trace`, `vary`); the CLI shows its flag instead. */
  readonly argument: string;
  /** The offending value, when the message shows it beside the name (`vary devices.0.count`). */
  readonly value?: string;
  /** The library function called, when its argument check refused it (`parseVary`); the message starts with it. */
  readonly function?: string;
}

/**
 * A bad value that is not part of a scenario: an option of a library call (`runs`, `trace`), an
 * expectation, `--set` syntax. When `about` names the library argument, the message starts with it
 * (`runs: expected …`, after the function when the argument check refused it: `parseVary: text: expected …`)
 * and the CLI replaces it with the flag (`--runs: expected …`).
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The reason alone, without the argument's name. */
  readonly detail: string;
  /** The library argument the problem is with, when there is one. */
  readonly about: UsageArgument | undefined;

  constructor(detail: string, about?: UsageArgument) {
    checkArguments("UsageError", USAGE_ERROR_ARGUMENTS, [detail, about]);
    super(
      about === undefined
        ? detail
        : `${about.function !== undefined ? `${about.function}: ` : ""}${about.argument}${about.value !== undefined ? ` ${about.value}` : ""}: ${detail}`,
    );
    this.detail = detail;
    this.about = about;
  }
}
