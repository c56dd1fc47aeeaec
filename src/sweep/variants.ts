// A grid's variants without making every variant's scenario up front: 100,000 variants took 19.5 s and
// 1.39 GB when each was validated and kept before the sweep was refused. Each value of the grid is applied
// alone once (validated, its run limits checked) and kept as the places where it changes the scenario. A
// variant's planned scenario (what its estimates and its metrics' ranges are read from) is the scenario with
// its values' changes, made in microseconds; where two of its values change the same object, they may
// interact through a rule or a default, so that variant is made whole. What runs is the variant made whole
// (`built`), when it runs; a variant of one value is that value's scenario, validated already, so its
// changes make it (unless they add a key: the loader would place it, the changes put it last).
import { ScenarioError } from "../errors.js";
import { isRecord } from "../isRecord.js";
import { checkRunLimits, type WorkLimits } from "../model/estimate.js";
import { applyOverrides, type OverrideSource } from "../scenario/overrides.js";
import type { Scenario } from "../scenario/schema.js";
import type { Grid, GridVariant } from "./grid.js";

type Key = string | number;

/** A place where a value changes the scenario: a value set there, or a field taken away. */
interface Change {
  readonly path: readonly Key[];
  readonly value: unknown;
  readonly removed: boolean;
  /** A key the scenario did not have. */
  readonly added?: boolean;
}

/** What a value of the grid is, applied alone: its changes and its estimates per run. */
interface Value {
  readonly changes: readonly Change[];
  readonly estimate: VariantEstimate;
  /** Whether its changes make its scenario exactly (they add no key). */
  readonly exact: boolean;
}

/** A variant's estimated events and memory per run. */
export interface VariantEstimate {
  readonly events: number;
  readonly memory: number;
}

// The smallest places where `b` differs from `a` (a list of another length counts whole).
function collectChanges(a: unknown, b: unknown, path: Key[], out: Change[]): void {
  if (Object.is(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      path.push(i);
      collectChanges(a[i], b[i], path, out);
      path.pop();
    }
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of Object.keys(b)) {
      path.push(key);
      if (Object.hasOwn(a, key)) collectChanges(a[key], b[key], path, out);
      else out.push({ path: [...path], value: b[key], removed: false, added: true });
      path.pop();
    }
    for (const key of Object.keys(a))
      if (!Object.hasOwn(b, key)) out.push({ path: [...path, key], value: undefined, removed: true });
    return;
  }
  out.push({ path: [...path], value: b, removed: false });
}

const copyOf = (node: unknown): Record<Key, unknown> =>
  (Array.isArray(node) ? node.slice() : { ...(node as object) }) as Record<Key, unknown>;

// Defined, not assigned: a key is data, never a prototype.
const define = (node: Record<Key, unknown>, key: Key, value: unknown): void => {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
};

/** `base` with the changes made, copying only the objects on their paths (the rest is shared). */
function withChanges(base: Scenario, changes: readonly Change[]): Scenario {
  const root = copyOf(base);
  const copied = new Set<unknown>([root]);
  for (const change of changes) {
    let node = root;
    for (let i = 0; i < change.path.length - 1; i++) {
      const key = change.path[i] ?? "";
      let child = node[key];
      if (!copied.has(child)) {
        child = copyOf(child);
        copied.add(child);
        define(node, key, child);
      }
      node = child as Record<Key, unknown>;
    }
    const last = change.path[change.path.length - 1] ?? "";
    if (change.removed) Reflect.deleteProperty(node, last);
    else define(node, last, change.value);
  }
  return root as unknown as Scenario;
}

// Two changes that may interact: one within the other, or two fields of one object (a replica's offset and
// interval, a group's phases and first poll).
function related(a: readonly Key[], b: readonly Key[]): boolean {
  const shorter = Math.min(a.length, b.length);
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common === shorter || (a.length === b.length && common === a.length - 1);
}

/** A grid's variants: planned from each value's changes, made whole when they run. */
export interface GridScenarios {
  /** The number of variants. */
  readonly size: number;
  /** Variant k of the grid (its set and overrides). */
  variant(k: number): GridVariant;
  /** Variant k's scenario for planning: its estimates, metric paths, ranges and expectations. */
  planned(k: number): Scenario;
  /** Variant k's estimates when it is one value whose changes make it (checked with the value), else undefined. */
  estimate(k: number): VariantEstimate | undefined;
  /**
   * Variant k's scenario made whole and validated: what runs (the last one is kept, as jobs come by variant).
   * @throws ScenarioError naming the variant's values when a rule across fields refuses the combination
   */
  built(k: number): Scenario;
}

/**
 * Applies each value of the grid alone, once (whatever the number of combinations it is in), and checks its
 * run limits; `onValue` sees each value's scenario.
 * @param source - what a problem of a variant names (`variantSource`)
 * @throws ScenarioError (from `source` of the first variant with the value) when a value is invalid alone
 *   or exceeds the run limits alone
 */
export function gridScenarios(
  scenario: Scenario,
  grid: Grid,
  source: (variant: GridVariant) => OverrideSource,
  limits: WorkLimits,
  onValue?: (valueScenario: Scenario) => void,
): GridScenarios {
  const values = new Map<string, Value>();
  for (let k = 0; k < grid.size; k++) {
    const variant = grid.at(k);
    for (const override of variant.overrides) {
      if (values.has(override.text)) continue;
      const blame = source(variant);
      const alone = applyOverrides(scenario, [override], blame);
      let estimate: VariantEstimate;
      try {
        const figures = checkRunLimits(alone, limits);
        estimate = { events: figures.events, memory: figures.memoryBytes };
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        throw error.withSource(blame(undefined));
      }
      const changes: Change[] = [];
      collectChanges(scenario, alone, [], changes);
      values.set(override.text, { changes, estimate, exact: !changes.some((c) => c.added === true) });
      onValue?.(alone);
    }
  }
  const valueOf = (override: { readonly text: string }) => values.get(override.text);
  // The value variant k is alone, when its changes make its scenario exactly.
  const exactValue = (k: number): Value | undefined => {
    const [only, ...more] = grid.at(k).overrides;
    const value = only !== undefined && more.length === 0 ? valueOf(only) : undefined;
    return value?.exact === true ? value : undefined;
  };
  let last: { k: number; scenario: Scenario } | undefined;
  const built = (k: number): Scenario => {
    if (last?.k !== k) {
      const variant = grid.at(k);
      const value = exactValue(k);
      // Only a combination can break a rule across fields: one value was validated alone.
      const scenarioOf =
        value !== undefined
          ? withChanges(scenario, value.changes)
          : applyOverrides(scenario, variant.overrides, source(variant));
      last = { k, scenario: scenarioOf };
    }
    return last.scenario;
  };
  return {
    size: grid.size,
    variant: (k) => grid.at(k),
    planned: (k) => {
      const lists = grid.at(k).overrides.map((o) => valueOf(o)?.changes ?? []);
      for (let i = 0; i < lists.length; i++)
        for (let j = i + 1; j < lists.length; j++)
          if (lists[i]?.some((a) => lists[j]?.some((b) => related(a.path, b.path)))) return built(k);
      return withChanges(scenario, lists.flat());
    },
    estimate: (k) => exactValue(k)?.estimate,
    built,
  };
}
