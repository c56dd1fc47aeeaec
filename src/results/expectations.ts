// Expectations: `PATH OP VALUE` over the result document, VALUE a number or a duration (seconds).
import { UsageError } from "../errors.js";
import { REASONS } from "../model/reasons.js";
import type { Expectation } from "../scenario/expectation.js";
import { walkPath } from "../scenario/path.js";
import type { ExpectationResult } from "./runResult.js";

// The syntax is the scenario's (an expectation is part of a file); evaluation is the result's.
export { parseExpectation, type Expectation } from "../scenario/expectation.js";

type Operator = Expectation["operator"];

function compare(actual: number, operator: Operator, value: number): boolean {
  switch (operator) {
    case "<":
      return actual < value;
    case "<=":
      return actual <= value;
    case ">":
      return actual > value;
    case ">=":
      return actual >= value;
    case "==":
      return actual === value;
    case "!=":
      return actual !== value;
  }
}

/**
 * Reads a number at a dot path of a result document. Counts by reason read 0 for a known reason that did
 * not occur, so `attempts.failedByReason.device-not-in-replica == 0` works on a clean run.
 * @throws UsageError when the path names nothing or a non-number
 */
export function readMetric(result: unknown, path: string, what = `path "${path}"`): number | null {
  const walk = walkPath(result, path);
  if (!walk.ok) {
    const lastDot = path.lastIndexOf(".");
    const parent = walkPath(result, path.slice(0, lastDot));
    const reason = path.slice(lastDot + 1);
    if (
      parent.ok &&
      /ByReason$/.test(path.slice(0, lastDot)) &&
      (REASONS as readonly string[]).includes(reason)
    )
      return 0;
    throw new UsageError(`${what}: "${walk.failedAt}" names nothing in the result`);
  }
  const value = walk.value;
  if (value === null) return null;
  if (typeof value !== "number")
    throw new UsageError(
      `${what} "${path}": expected a number there, found ${Array.isArray(value) ? "an array" : typeof value}`,
    );
  return value;
}

/** Evaluates expectations against a result document; a null actual (no values) fails. */
export function evaluateExpectations(
  result: unknown,
  expectations: readonly Expectation[],
): ExpectationResult[] {
  return expectations.map((e) => {
    const actual = readMetric(result, e.path, `expectation "${e.expression}"`);
    return {
      expression: e.expression,
      actual,
      passed: actual !== null && compare(actual, e.operator, e.value),
    };
  });
}
