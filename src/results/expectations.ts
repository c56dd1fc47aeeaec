// Expectations: `PATH OP VALUE` over the result document, VALUE a number or a duration (seconds).
import { UsageError } from "../errors.js";
import { REASONS } from "../model/reasons.js";
import { parseDuration } from "../scenario/duration.js";
import { walkPath } from "../scenario/path.js";
import type { ExpectationResult } from "./runResult.js";

const OPERATORS = ["<=", ">=", "==", "!=", "<", ">"] as const;
type Operator = (typeof OPERATORS)[number];

/** A parsed expectation. */
export interface Expectation {
  readonly expression: string;
  readonly path: string;
  readonly operator: Operator;
  /** Threshold; durations are converted to seconds. */
  readonly value: number;
}

const SHAPE = /^\s*([A-Za-z0-9_.$-]+)\s*(<=|>=|==|!=|<|>)\s*(\S+)\s*$/;

/**
 * Parses `PATH OP VALUE`.
 * @throws UsageError naming the expression and what was expected
 */
export function parseExpectation(expression: string): Expectation {
  const match = SHAPE.exec(expression);
  if (!match) {
    throw new UsageError(
      `expectation ${JSON.stringify(expression)}: expected PATH OP VALUE with OP one of ${OPERATORS.join(" ")}, like "timeToFirstSuccessSeconds.p99 <= 6m"`,
    );
  }
  const [, path = "", operator = "==", raw = ""] = match;
  const value = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : parseDuration(raw);
  if (value === undefined || !Number.isFinite(value)) {
    throw new UsageError(
      `expectation ${JSON.stringify(expression)}: expected a number or a duration like "6m", got ${JSON.stringify(raw)}`,
    );
  }
  return { expression: expression.trim(), path, operator: operator as Operator, value };
}

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
