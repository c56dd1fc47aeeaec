// The syntax of an expectation, `PATH OP VALUE`: parsed when a scenario is loaded and when `--expect` is
// given; evaluating one against a result lives with the result (results/expectations.ts).
import { UsageError } from "../errors.js";
import { parseDuration } from "./duration.js";

/** The comparison operators, longest first (so `<=` is not read as `<`). */
export const OPERATORS = ["<=", ">=", "==", "!=", "<", ">"] as const;
type Operator = (typeof OPERATORS)[number];

/** A parsed expectation. */
export interface Expectation {
  readonly expression: string;
  readonly path: string;
  readonly operator: Operator;
  /** Threshold; durations are converted to seconds. */
  readonly value: number;
}

const PATH = "[A-Za-z0-9_.$-]+";
const OPERATOR = "<=|>=|==|!=|<|>";
const NUMBER = "-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?";
const DURATION = "(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+";

const SHAPE = new RegExp(`^\\s*(${PATH})\\s*(${OPERATOR})\\s*(\\S+)\\s*$`);
const NUMERIC = new RegExp(`^${NUMBER}$`);

/**
 * The whole syntax as one regular expression, for the JSON Schema (the loader also refuses a number too
 * large to be finite, like 1e999).
 */
export const EXPECTATION_PATTERN = `^\\s*${PATH}\\s*(?:${OPERATOR})\\s*(?:${NUMBER}|${DURATION})\\s*$`;

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
  const value = NUMERIC.test(raw) ? Number(raw) : parseDuration(raw);
  if (value === undefined || !Number.isFinite(value)) {
    throw new UsageError(
      `expectation ${JSON.stringify(expression)}: expected a number or a duration like "6m", got ${JSON.stringify(raw)}`,
    );
  }
  return { expression: expression.trim(), path, operator: operator as Operator, value };
}
