// Expectations: `PATH OP VALUE` over the result document, VALUE a number or a duration (seconds). The one
// evaluation `run` makes, which `check` also makes over a run in which nothing happened, so that both refuse
// the same paths.
import { ScenarioError, UsageError } from "../errors.js";
import { isRecord } from "../isRecord.js";
import { REASONS } from "../model/reasons.js";
import type { SiteModel } from "../model/site.js";
import { emptyRun } from "../model/tally.js";
import { parseExpectation, type Expectation } from "../scenario/expectation.js";
import { nearest } from "../scenario/nearest.js";
import { labelOf, walkPath } from "../scenario/path.js";
import type { Scenario } from "../scenario/schema.js";
import { buildRunResult, type ExpectationEvaluator, type ExpectationResult } from "./runResult.js";

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
 * Every path of a result document that reads a number (or null), array elements by their names, counts by
 * reason with every reason: what "did you mean" chooses from.
 */
function metricPaths(node: unknown, prefix: string, out: string[]): string[] {
  const at = (key: string) => (prefix === "" ? key : `${prefix}.${key}`);
  if (Array.isArray(node))
    node.forEach((el: unknown, i) => metricPaths(el, at(labelOf(el) ?? String(i)), out));
  else if (isRecord(node) && /ByReason$/.test(prefix)) for (const reason of REASONS) out.push(at(reason));
  else if (isRecord(node)) for (const [key, value] of Object.entries(node)) metricPaths(value, at(key), out);
  else if (typeof node === "number" || node === null) out.push(prefix);
  return out;
}

/**
 * Whether an absent key reads 0: a known reason under a count by reason, a failure count under a histogram.
 * A run in which it did not occur leaves it out; an expectation about it still means something.
 */
function readsZero(parentPath: string, key: string): boolean {
  if (/ByReason$/.test(parentPath)) return (REASONS as readonly string[]).includes(key);
  return /(?:^|\.)histogram$/.test(parentPath) && /^\d+$/.test(key);
}

/**
 * Reads a number at a dot path of a result document. Counts by reason read 0 for a known reason that did
 * not occur, so `attempts.failedByReason.device-not-in-replica == 0` works on a clean run; so do histogram
 * counts (`failedAttemptsBeforeSuccess.histogram.3 == 0`).
 * @throws UsageError when the path names nothing (with the nearest path, when one is close) or a non-number
 */
export function readMetric(result: unknown, path: string, what = `path "${path}"`): number | null {
  const walk = walkPath(result, path);
  if (!walk.ok) {
    const lastDot = path.lastIndexOf(".");
    const parent = walkPath(result, path.slice(0, lastDot));
    if (parent.ok && lastDot > 0 && readsZero(path.slice(0, lastDot), path.slice(lastDot + 1))) return 0;
    const guess = nearest(path, metricPaths(result, "", []));
    throw new UsageError(
      `${what}: "${walk.failedAt}" names nothing in the result${guess === undefined ? "" : `; did you mean "${guess}"?`}`,
    );
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

/** Runs `work`, turning a UsageError about a scenario's expectation into a ScenarioError at its place. */
function inFile<T>(index: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof UsageError) throw new ScenarioError(error.message, ["expectations", index]);
    throw error;
  }
}

/**
 * The expectations of a run, parsed now and evaluated over its numbers: the scenario's own, whose problems
 * name `expectations[i]` (a ScenarioError), then `extra` (`--expect`: a UsageError).
 * @throws ScenarioError or UsageError for an expectation that does not parse
 */
export function runExpectations(scenario: Scenario, extra: readonly string[] = []): ExpectationEvaluator {
  const own = scenario.expectations.map((text, i) => inFile(i, () => parseExpectation(text)));
  const added = extra.map(parseExpectation);
  return (measured) => [
    ...own.flatMap((e, i) => inFile(i, () => evaluateExpectations(measured, [e]))),
    ...evaluateExpectations(measured, added),
  ];
}

/**
 * Refuses what `run` would refuse of a site's expectations without running it: the same evaluation over the
 * document of a run in which nothing happened, which has every path a run's document has (counts by
 * reason and histogram counts read 0 where absent, in every run alike).
 * @throws ScenarioError naming `expectations[i]` for the scenario's own, UsageError for `extra`
 */
export function checkExpectations(site: SiteModel, extra: readonly string[] = []): void {
  if (site.scenario.expectations.length === 0 && extra.length === 0) return;
  buildRunResult(emptyRun(site), runExpectations(site.scenario, extra));
}
