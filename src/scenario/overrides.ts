// `--set PATH=VALUE`: edit a validated scenario by path, then validate again.
import { formatPath, ScenarioError, UsageError } from "../errors.js";
import { isRecord } from "../isRecord.js";
import { loadScenario, writtenForm } from "./load.js";
import { namesNothingText, walkPath, type PathStep } from "./path.js";
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
 * @param option - the option that gave it, for the message (`--set`, `compare`'s `--with`)
 * @throws UsageError when there is no `=` or the path is empty
 */
export function parseOverride(text: string, option = "--set"): Override {
  const eq = text.indexOf("=");
  if (eq <= 0)
    throw new UsageError(
      `${option} ${text}: expected PATH=VALUE, like "site.replicas.replica1.syncInterval=10m"`,
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
 * What a problem an override caused is attributed to: the override to blame when one is (its path names
 * nothing, or the problem lies under what it set), else undefined (a rule across fields).
 */
export type OverrideSource = (culprit: Override | undefined) => string;

/** `--set PATH=VALUE`, or "after --set". */
export const SET_SOURCE: OverrideSource = (culprit) =>
  culprit !== undefined ? `--set ${culprit.text}` : "after --set";

/**
 * Applies overrides to a scenario and validates the result.
 * @param source - names the option a problem came from (`sweep`'s `--vary`, `compare`'s `--with`)
 * @throws ScenarioError naming the override when a path names nothing or a value is invalid
 */
export function applyOverrides(
  scenario: Scenario,
  overrides: readonly (Override | string)[],
  source: OverrideSource = SET_SOURCE,
): Scenario {
  checkOverrideList(overrides);
  // The library's entry loads what it is given first (libraryFunctions.ts); the core takes a scenario.
  const loaded = scenario;
  if (overrides.length === 0) return loaded;
  // Overrides edit what the file said (defaults left to be filled afresh); a path must name something in
  // the loaded scenario, defaults included, so `devices.0.enrollment.delay` works on a file without it.
  const data = structuredClone(writtenForm(loaded) ?? loaded) as unknown;
  const parsed = overrides.map((o) => (typeof o === "string" ? parseOverride(o) : o));
  const touched: { override: Override; indexPath: (string | number)[] }[] = [];
  const spellings = new FieldSpellings();
  for (const override of parsed) {
    const { indexPath, steps } = overrideField(loaded, override, source);
    spellings.add(override, indexPath, source(override));
    setWritten(data, indexPath, override.value, steps);
    touched.push({ override, indexPath });
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
    // Else a problem in an object an override changed part of (a pattern set without its fields).
    const within = (t: (typeof touched)[number]) =>
      error.path.length > 0 && error.path.every((k, i) => t.indexPath[i] === k);
    const culprit = touched.find(under) ?? touched.find(added) ?? touched.find(within);
    throw error.withSource(source(culprit?.override));
  }
}

/**
 * The field an override names in a loaded scenario: its keys and indices, and the steps that reach it.
 * @throws ScenarioError (from `source`) when the path names nothing, or names a prototype key
 */
function overrideField(
  loaded: Scenario,
  override: Override,
  source: OverrideSource,
): { indexPath: (string | number)[]; steps: PathStep[] } {
  const walk = walkPath(loaded, override.path, { allowMissingLast: true });
  if (!walk.ok)
    throw new ScenarioError(namesNothingText(walk.failedAt, walk.list, "the scenario"), [], source(override));
  // Prototype keys name no field, and must never reach an object's prototype. Checked on the resolved
  // keys, not the text: a group named "constructor" is an array index by then, and reachable.
  const forbidden = walk.steps.find(
    (step) => step.key === "__proto__" || step.key === "constructor" || step.key === "prototype",
  );
  if (forbidden !== undefined)
    throw new ScenarioError(`"${String(forbidden.key)}" names nothing in the scenario`, [], source(override));
  const indexPath = walk.steps.map((step) => step.key);
  if (indexPath.length === 0) throw new ScenarioError("expected a path", [], source(override));
  return { indexPath, steps: walk.steps };
}

/**
 * The one rule for a field named under two spellings (an index and a name, two cases of a server's name):
 * which value wins would depend on the options' order, so the second spelling is refused, whichever options
 * (`--set`, `--vary`, `--with`) gave the two.
 */
class FieldSpellings {
  private readonly byField = new Map<string, Override>();

  /** @throws ScenarioError (source `source`) naming both spellings when another spelling named the field */
  add(override: Override, indexPath: readonly (string | number)[], source: string): void {
    const key = JSON.stringify(indexPath);
    const twin = this.byField.get(key);
    if (twin === undefined) this.byField.set(key, override);
    else if (twin.path !== override.path)
      throw new ScenarioError(
        `"${override.path}" and "${twin.path}" name the same field, ${formatPath(indexPath)}: give it once`,
        [],
        source,
      );
  }
}

/**
 * Refuses one field under two spellings across options applied apart (`--set` before `--vary` or `--with`),
 * by the rule `applyOverrides` applies within one list. Overrides are taken in order; one whose path names
 * nothing in `scenario` is left to the option that applies it (a `--set` may have renamed what it named).
 * @throws ScenarioError (source: the later override's) naming both spellings and the field
 */
export function checkSpellings(
  scenario: Scenario,
  overrides: readonly { readonly override: Override; readonly source: string }[],
): void {
  const spellings = new FieldSpellings();
  for (const { override, source } of overrides) {
    let indexPath: (string | number)[];
    try {
      indexPath = overrideField(scenario, override, () => source).indexPath;
    } catch (error) {
      if (error instanceof ScenarioError) continue;
      throw error;
    }
    spellings.add(override, indexPath, source);
  }
}

const isOverride = (o: unknown): o is Override =>
  isRecord(o) && typeof o.path === "string" && typeof o.text === "string";

/** The library's callers give anything: a list that is not one is a UsageError, never a TypeError. */
function checkOverrideList(overrides: unknown): void {
  if (
    !Array.isArray(overrides) ||
    !Array.from(overrides as unknown[]).every((o) => typeof o === "string" || isOverride(o))
  )
    throw new UsageError(
      `expected a list of "PATH=VALUE" strings (or parseOverride's { path, value, text })`,
      {
        argument: "overrides",
      },
    );
}

/**
 * Sets `value` at `indexPath` in written data. A level the file left out is created: an array from the
 * loaded scenario's (its default, to edit one entry), an object empty (its defaults refill).
 */
function setWritten(
  data: unknown,
  indexPath: readonly (string | number)[],
  value: unknown,
  loaded: readonly PathStep[],
): void {
  let node = data as Record<string | number, unknown>;
  for (let i = 0; i < indexPath.length - 1; i++) {
    const key = indexPath[i] ?? "";
    if (node[key] === undefined || node[key] === null || typeof node[key] !== "object") {
      const next = loaded[i + 1]?.container;
      node[key] = Array.isArray(next) ? structuredClone(next) : {};
    }
    node = node[key] as Record<string | number, unknown>;
  }
  node[indexPath[indexPath.length - 1] ?? ""] = value;
}
