// `--set PATH=VALUE`: edit a validated scenario by path, then validate again.
import { ScenarioError, UsageError } from "../errors.js";
import { loadScenario } from "./load.js";
import { walkPath } from "./path.js";
import type { Scenario } from "./schema.js";

/** One parsed override: a dot path and a value (JSON when it parses, else the raw string). */
export interface Override {
  readonly path: string;
  readonly value: unknown;
  /** The text as given, for messages. */
  readonly text: string;
}

/**
 * Parses `PATH=VALUE`.
 * @throws UsageError when there is no `=` or the path is empty
 */
export function parseOverride(text: string): Override {
  const eq = text.indexOf("=");
  if (eq <= 0)
    throw new UsageError(
      `--set ${text}: expected PATH=VALUE, like "site.replicas.replica1.syncInterval=10m"`,
    );
  const path = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw) as unknown;
  } catch {
    // Not JSON: the value is the string itself ("10m", "internet").
  }
  return { path, value, text };
}

/**
 * Applies overrides to a scenario and validates the result.
 * @throws ScenarioError naming the `--set` option when a path names nothing or a value is invalid
 */
export function applyOverrides(scenario: Scenario, overrides: readonly (Override | string)[]): Scenario {
  if (overrides.length === 0) return scenario;
  const data = structuredClone(scenario) as unknown;
  const parsed = overrides.map((o) => (typeof o === "string" ? parseOverride(o) : o));
  const touched: { override: Override; indexPath: (string | number)[] }[] = [];
  for (const override of parsed) {
    // Prototype keys name nothing in a scenario, and must never reach an object's prototype.
    const forbidden = override.path
      .split(".")
      .find((k) => k === "__proto__" || k === "constructor" || k === "prototype");
    if (forbidden !== undefined) {
      throw new ScenarioError(`"${forbidden}" names nothing in the scenario`, [], `--set ${override.text}`);
    }
    const walk = walkPath(data, override.path, { allowMissingLast: true });
    if (!walk.ok) {
      throw new ScenarioError(
        `"${walk.failedAt}" names nothing in the scenario`,
        [],
        `--set ${override.text}`,
      );
    }
    const last = walk.steps[walk.steps.length - 1];
    if (last === undefined) throw new ScenarioError("expected a path", [], `--set ${override.text}`);
    (last.container as Record<string | number, unknown>)[last.key] = override.value;
    touched.push({ override, indexPath: walk.steps.map((s) => s.key) });
  }
  try {
    return loadScenario(data);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // Name the override whose value is wrong, when the problem lies under the path it set.
    const under = (t: (typeof touched)[number]) => t.indexPath.every((k, i) => error.path[i] === k);
    // An unknown field is reported at its parent object: match the parent and the field's name.
    const added = (t: (typeof touched)[number]) =>
      t.indexPath.length === error.path.length + 1 &&
      error.path.every((k, i) => t.indexPath[i] === k) &&
      error.detail.includes(JSON.stringify(t.indexPath[t.indexPath.length - 1]));
    const culprit = touched.find(under) ?? touched.find(added);
    throw culprit ? error.withSource(`--set ${culprit.override.text}`) : error.withSource("after --set");
  }
}
