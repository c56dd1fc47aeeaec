// The configuration difference of a comparison: every scenario path whose loaded value (defaults filled
// in) differs between A and B, with both values, the way a plan lists changes. Durations read as a file
// writes them (`3m`, not 180), and an element only one side has (a new server, a removed group) is listed
// field by field, as a plan shows a new resource.
import type { Scenario } from "../scenario/schema.js";
import { isRecord } from "../isRecord.js";
import { formatDuration } from "../scenario/duration.js";
import { scenarioJsonSchema } from "../scenario/jsonSchema.js";
import { labelOf } from "../scenario/path.js";
import { pollProfileName } from "../scenario/pollProfiles.js";
import { childNodes, isDuration, type SchemaNode } from "../scenario/schemaNodes.js";

/** One changed path. `null` stands for "absent on this side" (an element only one side has). */
export interface ConfigurationDifference {
  /** A path `--set` accepts: named elements by name (`site.replicas.replica1.syncInterval`), others by index. */
  readonly path: string;
  readonly a: unknown;
  readonly b: unknown;
}

// Arrays of named objects are matched by name (moving an element is no change); other arrays of objects
// by index; arrays of plain values (trusted roots, a boundary group's servers) are compared whole.
function keyed(list: readonly unknown[]): [string, unknown][] | undefined {
  if (list.length === 0 || !list.every(isRecord)) return undefined;
  const names = list.map(labelOf);
  if (names.every((n): n is string => n !== undefined) && new Set(names).size === names.length)
    return list.map((v, i) => [names[i] ?? String(i), v]);
  return list.map((v, i) => [String(i), v]);
}

/** A value as `--set` takes it: a duration's seconds as text (`3m`). */
function written(value: unknown, nodes: readonly SchemaNode[]): unknown {
  return typeof value === "number" && isDuration(nodes) ? formatDuration(value) : value;
}

function walk(
  path: string,
  a: unknown,
  b: unknown,
  nodes: readonly SchemaNode[],
  out: ConfigurationDifference[],
): void {
  const join = (key: string) => (path === "" ? key : `${path}.${key}`);
  // An element only one side has is walked against nothing, so each of its fields is a row.
  const left = a === null && isRecord(b) ? {} : a;
  const right = b === null && isRecord(a) ? {} : b;
  if (isRecord(left) && isRecord(right)) {
    const keys = [...Object.keys(left), ...Object.keys(right).filter((k) => !Object.hasOwn(left, k))];
    for (const key of keys)
      if (key !== "$schema")
        walk(join(key), left[key] ?? null, right[key] ?? null, childNodes(nodes, key), out);
    return;
  }
  const listA = a === null && Array.isArray(b) ? [] : a;
  const listB = b === null && Array.isArray(a) ? [] : b;
  if (Array.isArray(listA) && Array.isArray(listB)) {
    // An empty list against a list of objects: each object is an element only one side has.
    const ka = listA.length === 0 ? [] : keyed(listA);
    const kb = listB.length === 0 ? [] : keyed(listB);
    if (ka !== undefined && kb !== undefined && (ka.length > 0 || kb.length > 0)) {
      const items = childNodes(nodes, "[]");
      const mb = new Map(kb);
      const ma = new Map(ka);
      for (const [key, value] of ka) walk(join(key), value, mb.get(key) ?? null, items, out);
      for (const [key, value] of kb) if (!ma.has(key)) walk(join(key), null, value, items, out);
      return;
    }
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, a: written(a, nodes), b: written(b, nodes) });
}

/**
 * The scenario with each group's polling as its profile's name where the same group of `other` also polls by
 * a profile: a change of profile is then one path, `devices.g.polling`, with both names (what `--set` takes).
 */
function profilesNamed(scenario: Scenario, other: Scenario): unknown {
  return {
    ...scenario,
    devices: scenario.devices.map((group) => {
      const twin = other.devices.find((g) => g.name === group.name);
      const name = pollProfileName(group.polling);
      return name !== undefined && twin !== undefined && pollProfileName(twin.polling) !== undefined
        ? { ...group, polling: name }
        : group;
    }),
  };
}

/**
 * Every path whose value differs between two loaded scenarios, in A's order (B's additions after). A group
 * that polls by a profile on both sides shows a change of profile by the profiles' names; durations are
 * text as `--set` takes them; an element only one side has is listed field by field.
 */
export function configurationDifferences(a: Scenario, b: Scenario): ConfigurationDifference[] {
  const out: ConfigurationDifference[] = [];
  walk("", profilesNamed(a, b), profilesNamed(b, a), [scenarioJsonSchema()], out);
  return out;
}
